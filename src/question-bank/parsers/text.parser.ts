/**
 * The numbered style trainers paste from Word, PDF and web pages (.txt, and .docx through docx.ts):
 *
 *   一、单选题
 *   1. 退役军人保障法自（ ）起施行。
 *   A. 2020年11月11日  B. 2021年1月1日
 *   C. 2021年8月1日  D. 2022年1月1日
 *   答案：B
 *   解析：《退役军人保障法》第八十五条规定……
 *   法规：《退役军人保障法》第八十五条
 *   难度：1
 *
 * and what people really paste: answers as `答案:B。解析:…`, `【答案】`, `正确答案：`, `参考答案`, `（ B ）` or a
 * trailing letter in the stem, `(√)`, an answer key at the end (`参考答案：1-5 ABCDA`, `1.B 2.C`, per section);
 * numbers `1.` `1、` `(1)` `第1题` `【题干1】`, a type word after the number (`1、单选题…`); options `A.` `A、` `(A)`
 * `A 文本`, several on one line or glued (`A.1949B.1950`); several questions run together on one line; hard line
 * breaks inside a stem (joined into one sentence).
 *
 * Markers are found anywhere in a line, but only where the question so far expects them (the next option letter,
 * the next question number), so a stem that mentions “2.” or “B.” stays a stem. Anything that cannot be read with
 * certainty is an error naming its line and what to change: a key is never guessed. 简答题 and 案例分析题 sections
 * are cut out and read by written-text.ts; a written question in an objective section (`1、简答题…`) and
 * 计算题 and the like are kept as skipped blocks with their raw text. Pure: no Nest or TypeORM imports.
 */
import {
  OPTION_KEYS,
  type AnswerKey,
  type ImportIssue,
  type OptionKey,
  type ParsedQuestion,
  type ParseResult,
  type QuestionDraft,
  type QuestionType,
  type SkippedBlock,
  type SkippedKind,
} from '../question.types';
import {
  parseDifficulty,
  parseFillAnswer,
  parseOptionLetters,
  parseStatus,
  parseTags,
  parseTrueFalse,
} from './answers';
import { parseCitation } from './citation';
import { quote, toLines, type SourceLine } from './common';
import { readDocxLines } from './docx';
import { stripNoise } from './noise';
import { bracketsToBlanks, validateDraft, type DraftField } from './validate';
import { isWrittenLabelLine, parseWrittenRegion, type WrittenRegion } from './written-text';

// ---- vocabulary ------------------------------------------------------------------------------------------------

type FieldName = 'answer' | 'explanation' | 'citation' | 'difficulty' | 'tags' | 'status';
type LabelKind = FieldName | 'ignore' | 'options' | 'stem';

const FIELD_LABELS: Record<FieldName, string> = {
  answer: '答案',
  explanation: '解析',
  citation: '法规',
  difficulty: '难度',
  tags: '标签',
  status: '状态',
};

/** Label words, longest first within each group (a regex alternation takes the first that matches). */
const LABEL_WORDS: [LabelKind, string[]][] = [
  [
    'explanation',
    [
      '答案解析',
      '答案解释',
      '试题解析',
      '题目解析',
      '参考解析',
      '详细解析',
      '本题解析',
      '本题解释',
      '试题分析',
      '解题思路',
      '解析',
      '分析',
    ],
  ],
  ['ignore', ['您的答案', '你的答案', '考生答案', '我的答案', '得分', '分值', '满分', '知识点']],
  ['answer', ['正确答案', '参考答案', '标准答案', '正确选项', '答案']],
  ['citation', ['法规依据', '法律依据', '法条依据', '依据', '法规', '出处']],
  ['difficulty', ['难度']],
  ['tags', ['标签']],
  ['status', ['状态']],
  ['options', ['选项']],
];
const LABEL_KIND = new Map<string, LabelKind>(LABEL_WORDS.flatMap(([k, ws]) => ws.map((w) => [w, k])));
const LABEL_ALT = LABEL_WORDS.flatMap(([, ws]) => ws)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** 【答案】, [答案], 答案： (colon form). */
const LABEL_RE = new RegExp(
  `【\\s*(${LABEL_ALT}|题干)\\s*】\\s*[:：]?|\\[(${LABEL_ALT})\\]\\s*[:：]?|(${LABEL_ALT})\\s*[:：]`,
  'g',
);

type SectionKind = { type: QuestionType | 'infer' } | { skip: SkippedKind };

const SECTION_TYPES: [RegExp, SectionKind][] = [
  [/^(?:单项选择题?|单选题?)$/, { type: 'single' }],
  [/^(?:多项选择题?|多选题?)$/, { type: 'multiple' }],
  [/^(?:不定项选择题?|选择题)$/, { type: 'infer' }],
  [/^(?:判断题?|是非题|判断正误题?)$/, { type: 'true-false' }],
  [/^(?:填空题?)$/, { type: 'fill-blank' }],
  [/^(?:简答题?|问答题?|论述题?|名词解释)$/, { skip: 'short-answer' }],
  [/^(?:案例分析题?|案例题|材料分析题?|材料题|分析题)$/, { skip: 'case' }],
  [/^(?:计算题|综合题|连线题|匹配题|排序题)$/, { skip: 'unsupported' }],
];
const SECTION_WORDS =
  '单项选择题?|单选题?|多项选择题?|多选题?|不定项选择题?|选择题|判断正误题?|判断题?|是非题|填空题?|' +
  '简答题?|问答题?|论述题?|名词解释|案例分析题?|案例题|材料分析题?|材料题|分析题|计算题|综合题|连线题|匹配题|排序题';

function sectionKind(word: string): SectionKind | undefined {
  return SECTION_TYPES.find(([re]) => re.test(word))?.[1];
}

const CN = '[一二三四五六七八九十]+';
const HEADING_PREFIX = `(?:${CN}\\s*[、.．]|第${CN}(?:部分|大题)\\s*[、.．:：]?|[（(]${CN}[）)]|[IVX]{1,4}\\s*[、.．])`;
/** A section heading at the start of a line; `rest` may hold a question glued to it. */
const SECTION_START = new RegExp(
  `^(?:(${HEADING_PREFIX})\\s*|【\\s*)?(${SECTION_WORDS})\\s*】?\\s*(?:[（(][^（()）]*[）)])?\\s*`,
);
/** A section heading in the middle of a line (text run together from a PDF or web page). */
const SECTION_MID = new RegExp(
  `(${CN}\\s*[、.．])\\s*(${SECTION_WORDS})\\s*(?:[（(][^（()）]*[）)])?\\s*(?=\\d{1,4}\\s*[.．、]|第\\s*\\d|【\\s*题干|$)`,
  'g',
);
const TOPIC_RE = new RegExp(`^${HEADING_PREFIX}\\s*\\S.{0,40}$`);
/** A number followed by a bracketed type word (`1.【单选题】`) or `【题干1】`: a question starts here, wherever it is. */
const TYPED_START = new RegExp(
  `(?<![0-9])(\\d{1,4})\\s*[.．、]\\s*[【\\[（(]\\s*(${SECTION_WORDS})\\s*[】\\]）)]\\s*[:：]?|【\\s*题干\\s*(\\d{1,4})\\s*】\\s*[:：]?`,
  'g',
);

/** A type word right after the number: `1、单选题…`, `1.【单选题】…`, `1.(单选)…`. */
const TYPE_AFTER_NUMBER = new RegExp(
  `^\\s*(?:[【\\[（(]\\s*(${SECTION_WORDS})\\s*[】\\]）)]|(单项选择题|单选题|多项选择题|多选题|不定项选择题|判断题|是非题|填空题|简答题|问答题|论述题|案例分析题)(?![干目型])|(名词解释|单选|多选|判断|填空|简答)(?=[\\s\\u3000:：、.．]))\\s*[:：、.．]?\\s*`,
);
/** TYPE_AFTER_NUMBER at a position (sticky), for numbers found in mid-line. */
const TYPE_AFTER_NUMBER_AT = new RegExp(TYPE_AFTER_NUMBER.source.replace(/^\^/, ''), 'y');

const QUESTION_NUMBER_RES = new Map<number, RegExp>();
/** Question number n in mid-line: `n.` `n、` `【题干n】`, not part of a longer number or `第n`. */
function questionNumberRe(n: number): RegExp {
  let re = QUESTION_NUMBER_RES.get(n);
  if (!re) {
    re = new RegExp(
      `(?<![0-9.．第])(?:【\\s*题干\\s*${n}\\s*】\\s*[:：]?|${n}\\s*(?:[.．](?![.．\\d])|、))`,
      'g',
    );
    if (QUESTION_NUMBER_RES.size < 20_000) QUESTION_NUMBER_RES.set(n, re);
  }
  return re;
}

const SPACES = /[\s\u00a0\u3000]*/y;
/** The index of the first character at or after `at` that is not a space. */
function skipSpaces(text: string, at: number): number {
  SPACES.lastIndex = at;
  SPACES.exec(text);
  return SPACES.lastIndex;
}

/** A question without a number, opened by its type: `[单选] …`, `【单选题】…`. */
const TYPE_OPENS = new RegExp(`^[【\\[]\\s*(${SECTION_WORDS})\\s*[】\\]]\\s*`);

/** Question numbers at the start of a line. Group 5: a digit follows `N.` (only the expected number may). */
const QUESTION_START =
  /^(?:第\s*(\d{1,4})\s*题\s*[.．、:：]?|【\s*题干\s*(\d{1,4})\s*】\s*[:：]?|(\d{1,4})\s*(?:[.．](?![.．])|、|[)）])|[（(]\s*(\d{1,4})\s*[）)])/;

const ANSWER_KEY_HEADER =
  /^(?:(?:参考|标准|正确)?答案(?:及解析|与解析|和解析)?|试题答案|答案解析|参考答案及解析)\s*(?:[（(][^）)]*[）)])?\s*[:：]?\s*/;

const LETTER_OF: Record<string, OptionKey> = Object.fromEntries(
  OPTION_KEYS.flatMap((k) => [
    [k, k],
    [String.fromCharCode(k.charCodeAt(0) + 0xfee0), k],
  ]),
);
const LETTERS = 'A-HＡ-Ｈ';
const WS = '[\\s\\u00a0\\u3000]';
/** What stands before an option written `A 文本` in mid-line: a space, or the end of the stem (`…( ) 。A 透视`). */
const SPACE_BEFORE = '[\\s\\u00a0\\u3000。？?！!）):：]';

function wide(key: OptionKey): string {
  return String.fromCharCode(key.charCodeAt(0) + 0xfee0);
}

/** Per letter: the option markers `(B)`, `B.` (also glued after a digit) and `B 文本` found in mid-line. */
const OPTION_STYLES = Object.fromEntries(
  OPTION_KEYS.map((key) => {
    const k = `[${key}${wide(key)}]`;
    return [
      key,
      [
        new RegExp(`[（(]\\s*${k}\\s*[）)]`, 'g'),
        new RegExp(`(?<![A-Za-z])${k}\\s?[.．、:：)）](?![.．]|\\s*[。，；])`, 'g'),
        new RegExp(`(?<=${SPACE_BEFORE})${k}${WS}+(?=[^\\s\\u00a0\\u3000A-Za-z.．、,，。])`, 'g'),
      ],
    ];
  }),
) as Record<OptionKey, RegExp[]>;
/** Per letter: an option marker `B.` `B、` `(B)`, or `B 文本` (to check that a mid-line `A` is followed by a `B`). */
const PUNCT_OPTION = Object.fromEntries(
  OPTION_KEYS.map((key) => {
    const k = `[${key}${wide(key)}]`;
    return [key, new RegExp(`[（(]\\s*${k}\\s*[）)]|(?<![A-Za-z])${k}\\s?[.．、:：)）]`, 'g')];
  }),
) as Record<OptionKey, RegExp>;
const SPACED_OPTION = Object.fromEntries(
  OPTION_KEYS.map((key) => {
    const k = `[${key}${wide(key)}]`;
    return [key, new RegExp(`(?<=${SPACE_BEFORE})${k}${WS}+\\S`, 'g')];
  }),
) as Record<OptionKey, RegExp>;
/** Per letter: any option marker (to check that a mid-line `A` is followed by a `B`). */
const ANY_OPTION = Object.fromEntries(
  OPTION_KEYS.map((key) => {
    const k = `[${key}${wide(key)}]`;
    return [
      key,
      new RegExp(
        `[（(]\\s*${k}\\s*[）)]|(?<![A-Za-z])${k}\\s?[.．、:：)）]|(?<=${SPACE_BEFORE})${k}${WS}+\\S`,
        'g',
      ),
    ];
  }),
) as Record<OptionKey, RegExp>;

function nextKey(key: OptionKey | undefined): OptionKey | undefined {
  return key === undefined ? 'A' : OPTION_KEYS[OPTION_KEYS.indexOf(key) + 1];
}

// ---- joining lines ---------------------------------------------------------------------------------------------

const ENDS_SENTENCE = /[。！？!?；;：:]$/;
const STARTS_ITEM =
  /^(?:\d{1,3}\s*[.．、)）](?!\d)|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*[）)]|[①-⑳]|[一二三四五六七八九十]+、)/;

/** Joins the lines of a stem, option or explanation: a hard line break inside a sentence disappears. */
function joinText(parts: string[]): string {
  let out = '';
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    if (out === '') out = part;
    else if (ENDS_SENTENCE.test(out) || STARTS_ITEM.test(part)) out += `\n${part}`;
    else if (/[A-Za-z0-9,.]$/.test(out) && /^[A-Za-z0-9(]/.test(part)) out += ` ${part}`;
    else out += part;
  }
  return out;
}

// ---- answers ---------------------------------------------------------------------------------------------------

const TF_WORD = '正确|错误|对|错|√|×|✓|✔|✗|✘|是|否|T|F|true|false';
/** The answer itself and what follows it on the line (`C。民事法律行为是…` → C + explanation). */
const LETTERS_HEAD = new RegExp(
  `^[（(]?\\s*([${LETTERS}a-h](?:[\\s,，、;；和与]*[${LETTERS}a-h])*)\\s*[）)]?(?=$|[\\s。.．，,；;（(【\\[])`,
);
const TF_HEAD = new RegExp(`^[（(]?\\s*(${TF_WORD})\\s*[）)]?(?=$|[\\s。.．，,；;（(【\\[])`, 'i');

function splitAnswerHead(text: string): { head: string; rest: string } | undefined {
  const t = text.trim();
  const m = LETTERS_HEAD.exec(t) ?? TF_HEAD.exec(t);
  if (!m) return undefined;
  const rest = t
    .slice(m[0].length)
    .replace(/^[\s。.．，,；;]+/, '')
    .trim();
  return { head: m[1], rest };
}

/** Option letters only (`B`, `ACD`, `A、C、D`, lower case too): the keys, or undefined. */
function bareLetters(text: string): OptionKey[] | undefined {
  const compact = text
    .normalize('NFKC')
    .replace(/[\s,，、;；和与]/g, '')
    .replace(/^[(（]|[)）]?[。.]?$/g, '');
  if (!/^[A-Ha-h]{1,8}$/.test(compact)) return undefined;
  const parsed = parseOptionLetters(compact);
  return parsed.ok ? parsed.keys : undefined;
}

// ---- the answer key at the end ---------------------------------------------------------------------------------

interface KeyEntry {
  number: number;
  answer: string;
  line: number;
  explanation?: string;
  /** The key's own section (0 = before any section name in the key). */
  section: number;
  sectionKind?: SectionKind;
}

const KEY_RANGE = new RegExp(
  `^(\\d{1,4})\\s*[-–—~～至到]\\s*(\\d{1,4})\\s*(?:题)?\\s*[:：.、．]?\\s*((?:[A-Ha-h√×✓✗对错]\\s?)+)`,
);
const KEY_SINGLE = new RegExp(
  `^(\\d{1,4})\\s*(?:[.、．:：)）]|题)?\\s*(?:【\\s*(?:正确|参考|标准)?答案\\s*】\\s*[:：]?|(?:正确|参考|标准)?答案\\s*[:：])?\\s*([A-Ha-h]{1,8}(?![A-Za-z])|${TF_WORD})`,
  'i',
);

type KeyLineParse =
  | { ok: true; entries: Omit<KeyEntry, 'section' | 'sectionKind' | 'line'>[]; section?: SectionKind }
  | { ok: false };

/** A line of an answer key: `1-5 ABCDA 6-10 …`, `1.B 2.C`, `1.【答案】B【解析】…`, `一、单选题 1-5 …`. */
function parseKeyLine(raw: string): KeyLineParse {
  let text = raw.normalize('NFKC').trim();
  let section: SectionKind | undefined;
  const sec = SECTION_START.exec(text);
  if (
    sec &&
    sec[0].length > 0 &&
    (sec[1] !== undefined || sec[0].length === text.length || /^\d/.test(text.slice(sec[0].length)))
  ) {
    section = sectionKind(sec[2]);
    text = text.slice(sec[0].length).replace(/^[:：]\s*/, '');
    if (text === '') return section ? { ok: true, entries: [], section } : { ok: false };
  }
  const entries: { number: number; answer: string; explanation?: string }[] = [];
  while (text !== '') {
    const range = KEY_RANGE.exec(text);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      const answers = [...range[3].replace(/\s/g, '')];
      if (to < from || to - from + 1 !== answers.length || to - from > 200) return { ok: false };
      answers.forEach((a, k) => entries.push({ number: from + k, answer: a }));
      text = text.slice(range[0].length).replace(/^[\s,，;；。]+/, '');
      continue;
    }
    const single = KEY_SINGLE.exec(text);
    if (single) {
      entries.push({ number: Number(single[1]), answer: single[2] });
      text = text.slice(single[0].length).replace(/^[\s,，;；。]+/, '');
      const expl =
        /^(?:【\s*(?:试题|答案|详细|参考)?解析\s*】|(?:试题|答案|详细|参考)?解析\s*[:：])\s*(.*?)(?=\s\d{1,4}\s*[.、．]\s*[A-H√×]|$)/.exec(
          text,
        );
      if (expl) {
        entries[entries.length - 1].explanation = expl[1].trim();
        text = text.slice(expl[0].length).replace(/^[\s,，;；]+/, '');
      }
      continue;
    }
    return { ok: false };
  }
  return entries.length || section ? { ok: true, entries, section } : { ok: false };
}

// ---- blocks ----------------------------------------------------------------------------------------------------

/** One writing of a field: its line and its pieces of text (the field may go on over several lines). */
interface FieldValue {
  line: number;
  parts: string[];
}

/** A field of a question; a field written twice has two values (explanations are joined, answers compared). */
interface Field {
  line: number;
  values: FieldValue[];
}

const valueText = (v: FieldValue | undefined) => (v ? joinText(v.parts) : '');
const lastValue = (f: Field) => f.values[f.values.length - 1];

interface Block {
  line: number;
  number: number;
  section?: SectionKind;
  /** Index of the section the question is in (for an answer key per section). */
  sectionIndex: number;
  /** A type written after the number (`1、多选题…`), which wins over the section. */
  typeHint?: SectionKind;
  stem: string[];
  options: { key: OptionKey; parts: string[]; line: number }[];
  fields: Partial<Record<FieldName, Field>>;
  last: 'stem' | 'option' | 'options-label' | FieldName;
  /** An answer line that went on with the explanation (`答案：C。民事法律行为是…`). */
  answerRest?: boolean;
  /** The answer came from the key at the end (its line). */
  keyLine?: number;
  /** The last number of a numbered list inside the stem or explanation (1. … 2. …), not a question number. */
  enumeration?: number;
  /** The question as written, line by line (kept for skipped written questions). */
  raw: { line: number; text: string }[];
  /** A line inside the question could not be read (reported): the question is not imported. */
  failed?: boolean;
  /** Whether the options are written `A 文本` (letter, space), set by the first option. */
  optionsSpaced?: boolean;
}

type Token =
  | { kind: 'question'; index: number; len: number; number: number; typeHint?: SectionKind; word?: string }
  | {
      kind: 'option';
      index: number;
      len: number;
      key: OptionKey;
      /** Written `A 文本` (letter, space) rather than `A.` `A、` `(A)`. */
      spaced?: boolean;
    }
  | { kind: 'label'; index: number; len: number; label: LabelKind; word: string }
  | { kind: 'section'; index: number; len: number; sec?: SectionKind; word: string };

type LabelToken = Extract<Token, { kind: 'label' }>;

/** A section heading at the start of a line; the rest of the line (a glued question) is returned. */
function sectionHeading(text: string): { sec?: SectionKind; word: string; rest: string } | undefined {
  const m = SECTION_START.exec(text);
  if (!m || m[0].length === 0) return undefined;
  let rest = text.slice(m[0].length);
  const prefixed = m[1] !== undefined || m[0].startsWith('【');
  if (rest !== '') {
    if (/^[:：]/.test(rest)) {
      // Instructions after the colon; a first question may be glued to them.
      const q = /(?<![\d.．])1\s*[.．、](?![\d.．])|第\s*1\s*题|【\s*题干\s*1\s*】/.exec(rest);
      rest = q ? rest.slice(q.index) : '';
    } else if (!(prefixed && (QUESTION_START.test(rest) || /^【\s*题干/.test(rest)))) {
      return undefined;
    }
  }
  return { sec: sectionKind(m[2]), word: m[2], rest };
}

function halfWidth(ch: string): OptionKey {
  return LETTER_OF[ch];
}

class TextParser {
  readonly questions: ParsedQuestion[] = [];
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  readonly skipped: SkippedBlock[] = [];

  private blocks: Block[] = [];
  private block: Block | undefined;
  private section: SectionKind | undefined;
  private sectionIndex = 0;
  private inKey = false;
  private keySection = 0;
  private keySectionKind: SectionKind | undefined;
  private keySections: SectionKind[] = [];
  private readonly keyEntries: KeyEntry[] = [];
  private readonly sectionWordFor = new Map<number, string>();
  /** The line `find` keeps its results for, and those results per pattern. */
  private findText = '';
  private readonly found = new Map<RegExp, { from: number; match: RegExpExecArray | null }>();
  /** Past the last question: what follows is a footer. */
  private inTail = false;
  /** The token just applied was a section heading (a question may be glued to it). */
  private afterSection = false;
  private lines: SourceLine[] = [];

  private error(line: number, field: string | undefined, message: string): void {
    this.errors.push(field ? { line, field, message } : { line, message });
  }

  // ---- driving ----------------------------------------------------------------------------------------------

  run(lines: SourceLine[]): void {
    this.lines = lines;
    lines.forEach((l, i) => this.readLine(l.no, l.text, i));
    this.blocks.push(...(this.block ? [this.block] : []));
    this.block = undefined;
    this.applyKey();
    for (const b of this.blocks) this.finish(b);
  }

  private nextMeaningful(i: number): SourceLine | undefined {
    for (let j = i + 1; j < this.lines.length; j++)
      if (this.lines[j].text.trim() !== '') return this.lines[j];
    return undefined;
  }

  private close(): void {
    if (this.block) this.blocks.push(this.block);
    this.block = undefined;
  }

  private startSection(no: number, sec: SectionKind | undefined, word: string): void {
    this.close();
    this.inKey = false;
    this.section = sec;
    this.sectionIndex++;
    this.sectionWordFor.set(this.sectionIndex, word);
    if (!sec) this.error(no, '题型', `无法识别的题型“${word}”`);
  }

  private readLine(no: number, raw: string, i: number): void {
    let text = raw
      .replace(/^[\s\u00a0\u3000]*(?:[-•·●▪■◆]|\*)[\s\u00a0\u3000]+/, '')
      .replace(/[\s\u00a0\u3000]+$/, '')
      .replace(/^[\s\u00a0\u3000]+/, '');
    if (text === '') return;
    if (this.inKey) {
      if (this.keyLine(no, text)) return;
      this.inKey = false;
    }
    const sec = this.sectionAt(text);
    if (sec) {
      this.startSection(no, sec.sec, sec.word);
      text = sec.rest;
      if (text === '') return;
    }
    this.afterSection = false;
    if (this.block || this.blocks.length) {
      const header = ANSWER_KEY_HEADER.exec(text);
      if (header && header[0].length > 0) {
        const rest = text.slice(header[0].length);
        const next = this.nextMeaningful(i);
        const restKey = rest.trim() !== '' && parseKeyLine(rest);
        const nextKey = next ? parseKeyLine(next.text) : undefined;
        const hasEntries = (p: KeyLineParse | false | undefined) =>
          !!p && p.ok && (p.entries.length > 0 || p.section !== undefined);
        if (
          (rest.trim() !== '' && restKey && restKey.ok && (restKey.entries.length > 1 || restKey.section)) ||
          (rest.trim() === '' && hasEntries(nextKey))
        ) {
          this.close();
          this.inKey = true;
          this.keySection = 0;
          this.keySectionKind = undefined;
          if (rest.trim() !== '') this.keyLine(no, rest);
          return;
        }
      }
    }
    this.scan(no, text, i);
  }

  private sectionAt(text: string): { sec?: SectionKind; word: string; rest: string } | undefined {
    return sectionHeading(text);
  }

  private keyLine(no: number, text: string): boolean {
    const parsed = parseKeyLine(text);
    if (!parsed.ok) return false;
    if (parsed.section) {
      this.keySection++;
      this.keySectionKind = parsed.section;
      this.keySections.push(parsed.section);
    }
    for (const e of parsed.entries) {
      this.keyEntries.push({ ...e, line: no, section: this.keySection, sectionKind: this.keySectionKind });
    }
    return true;
  }

  // ---- scanning a line -------------------------------------------------------------------------------------

  private scan(no: number, text: string, i: number): void {
    let token: Token | undefined = this.lineStartToken(no, text, i);
    let pos = token ? token.index : 0;
    if (!token) {
      // Plain text at the start of the line: it goes on with what came before.
      this.afterSection = false;
      const next = this.nextMarker(text, 0);
      const end = next ? next.index : text.length;
      this.plainText(no, text.slice(0, end).trim(), i, text);
      this.keepRaw(no, text.slice(0, end));
      token = next;
      pos = end;
    }
    let guard = 0;
    while (token && pos < text.length && guard++ <= text.length) {
      this.apply(no, token);
      const from = token.index + token.len;
      const next = this.nextMarker(text, from);
      const end = next ? next.index : text.length;
      this.content(no, token, text.slice(from, end), next);
      this.keepRaw(no, text.slice(token.index, end));
      token = next;
      pos = end;
    }
  }

  /** The marker a line starts with, if any (a question number here may also be a list item inside a stem). */
  private lineStartToken(no: number, text: string, i: number): Token | undefined {
    // `1 《行政处罚法》…`: a number and a space, only as the number expected next.
    const spaced = /^(\d{1,3})[ \u3000]+(?=[\u4e00-\u9fff《“（(])/.exec(text);
    if (
      spaced &&
      Number(spaced[1]) === (this.block ? this.block.number + 1 : 1) &&
      (!this.block || this.complete(this.block))
    ) {
      const next = this.nextMeaningful(i);
      if (next && this.optionsFollow(i)) {
        return { kind: 'question', index: 0, len: spaced[0].length, number: Number(spaced[1]) };
      }
    }
    const q = QUESTION_START.exec(text);
    if (q) {
      const number = Number(q[1] ?? q[2] ?? q[3] ?? q[4]);
      const digitFollows = q[3] !== undefined && /^[.．]\d/.test(text.slice(q[0].length - 1));
      if (this.startsQuestion(no, number, i, digitFollows)) {
        const after = text.slice(q[0].length);
        const type = TYPE_AFTER_NUMBER.exec(after);
        const word = type ? (type[1] ?? type[2] ?? type[3]) : undefined;
        return {
          kind: 'question',
          index: 0,
          len: q[0].length + (type ? type[0].length : 0),
          number,
          typeHint: word ? sectionKind(word.length === 2 ? `${word}题` : word) : undefined,
          word,
        };
      }
      return undefined;
    }
    const opens = TYPE_OPENS.exec(text);
    if (opens && sectionKind(opens[1])) {
      const number = this.block ? this.block.number + 1 : 1;
      return {
        kind: 'question',
        index: 0,
        len: opens[0].length,
        number,
        typeHint: sectionKind(opens[1]),
        word: opens[1],
      };
    }
    const option = this.optionAtLineStart(text, false, i);
    if (option) return option;
    const label = this.labelAt(text, 0, true);
    if (label) return label;
    // `参考答案 B`: an answer label without a colon, at the start of a line.
    const spacedLabel = /^((?:正确|参考|标准)?答案)[\s\u3000]+(?=\S)/.exec(text);
    if (spacedLabel && this.block)
      return { kind: 'label', index: 0, len: spacedLabel[0].length, label: 'answer', word: spacedLabel[1] };
    return undefined;
  }

  /** Whether a number at the start of a line opens a new question (it may be a list item in a stem instead). */
  private startsQuestion(no: number, number: number, i: number, digitFollows: boolean): boolean {
    const block = this.block;
    if (!block) return !digitFollows || number === 1 || this.blocks.length > 0;
    const expected = block.number + 1;
    if (digitFollows) return number === expected && this.complete(block);
    const inText = block.last === 'stem' || block.last === 'explanation';
    const continuesList = inText && block.enumeration !== undefined && number === block.enumeration + 1;
    if (continuesList) return false;
    const next = this.nextMeaningful(i);
    const nextIsOption = !!next && !!this.optionAtLineStart(next.text.trim(), true);
    const starts =
      number === expected ||
      block.last === 'option' ||
      (block.fields.answer !== undefined && block.last !== 'explanation') ||
      (number > block.number && nextIsOption);
    if (starts && number !== expected) {
      this.warnings.push({
        line: no,
        message: `题号不连续：上一题是第${block.number}题，这一题是第${number}题`,
      });
    }
    if (!starts && number > expected) {
      this.warnings.push({
        line: no,
        message: `这一行像是第${number}题的开头，但上一题是第${block.number}题，题号不连续，已把它当作上一题的续行；如果这是新的一题，请检查题号`,
      });
    }
    if (!starts && inText) block.enumeration = number;
    return starts;
  }

  /** A question that could end here: it has an answer, or two or more options. */
  private complete(block: Block): boolean {
    return block.fields.answer !== undefined || block.options.length >= 2;
  }

  /** An option marker at the start of a line: any letter written `A.` `A、` `(A)`; `A 文本` only when expected. */
  private optionAtLineStart(text: string, peek = false, i?: number): Token | undefined {
    const m = new RegExp(
      `^(?:[（(]\\s*([${LETTERS}])\\s*[）)]|([${LETTERS}])\\s?[.．、:：)）](?![.．]))\\s*`,
    ).exec(text);
    if (m) return { kind: 'option', index: 0, len: m[0].length, key: halfWidth(m[1] ?? m[2]), spaced: false };
    const block = this.block;
    if (!block && !peek) return undefined;
    const expected = peek ? undefined : this.expectedOption(block!);
    const spaced = new RegExp(`^([${LETTERS}])${WS}+(?=[^\\s\\u00a0\\u3000A-Za-z])`).exec(text);
    if (spaced) {
      const key = halfWidth(spaced[1]);
      if (peek)
        return key === 'A' || key === 'B'
          ? { kind: 'option', index: 0, len: spaced[0].length, key, spaced: true }
          : undefined;
      // `A 文本` opens the options only when a `B` follows, on this line or at the start of the next one: a stem
      // line that happens to start with `A 级…` stays stem.
      const opens =
        key !== 'A' ||
        this.find(ANY_OPTION.B, text, spaced[0].length) !== null ||
        (i !== undefined && this.nextStartsWithB(i));
      // Options keep the style they started with: after `A.` a line starting `B 族` is text.
      const sameStyle = key === 'A' || block?.optionsSpaced !== false;
      if (key === expected && opens && sameStyle)
        return { kind: 'option', index: 0, len: spaced[0].length, key, spaced: true };
    }
    return undefined;
  }

  private nextStartsWithB(i: number): boolean {
    const next = this.nextMeaningful(i);
    return (
      !!next &&
      /^[\s\u3000]*(?:[（(]\s*[BＢ]\s*[）)]|[BＢ]\s?[.．、:：)）]|[BＢ][\s\u3000]+\S)/.test(next.text)
    );
  }

  private expectedOption(block: Block): OptionKey | undefined {
    if (block.last === 'stem' || block.last === 'options-label')
      return block.options.length ? undefined : 'A';
    if (block.last === 'option') return nextKey(block.options[block.options.length - 1].key);
    return undefined;
  }

  /**
   * The first match of a global regex at or after `from` in the line being scanned. Searches move forward along
   * a line, so each result is kept until `from` passes it: every pattern scans a line about once, however many
   * markers the line holds (a whole test pasted as one line stays linear).
   */
  private find(re: RegExp, text: string, from: number): RegExpExecArray | null {
    if (this.findText !== text) {
      this.findText = text;
      this.found.clear();
    }
    const cached = this.found.get(re);
    if (cached && cached.from <= from && (cached.match === null || cached.match.index >= from))
      return cached.match;
    re.lastIndex = from;
    const match = re.exec(text);
    this.found.set(re, { from, match });
    return match;
  }

  private labelAt(text: string, from: number, anchored: boolean): LabelToken | undefined {
    const m = anchored ? ((LABEL_RE.lastIndex = from), LABEL_RE.exec(text)) : this.find(LABEL_RE, text, from);
    if (!m || (anchored && m.index !== from)) return undefined;
    const word = m[1] ?? m[2] ?? m[3];
    const label: LabelKind = word === '题干' ? 'stem' : (LABEL_KIND.get(word) ?? 'ignore');
    return { kind: 'label', index: m.index, len: m[0].length, label, word };
  }

  /** The first marker after `from` that the current question expects. */
  private nextMarker(text: string, from: number): Token | undefined {
    const found: Token[] = [];
    const block = this.block;
    // Field labels: bracketed anywhere, `答案：` anywhere a value follows.
    for (let at = from; at < text.length; ) {
      const label = this.labelAt(text, at, false);
      if (!label) break;
      const valueFollows = skipSpaces(text, label.index + label.len) < text.length;
      const bracketed = text[label.index] === '【' || text[label.index] === '[';
      const afterLetter =
        label.index > 0 &&
        /[A-Za-z]/.test(text[label.index - 1]) &&
        !bracketed &&
        label.label !== 'answer' &&
        label.label !== 'explanation';
      // An explanation quoting the law reads “……及其法律依据：“请求……”: a 依据 run into a word is its text.
      const inWords =
        !bracketed &&
        label.label === 'citation' &&
        block?.last === 'explanation' &&
        label.index > 0 &&
        /\p{Script=Han}/u.test(text[label.index - 1]);
      if (inWords) {
        at = label.index + label.len;
        continue;
      }
      if (
        (bracketed || valueFollows || label.label !== 'answer' || !block || block.last !== 'stem') &&
        !afterLetter
      ) {
        found.push(label);
        break;
      }
      at = label.index + label.len;
    }
    // The next option letter.
    if (block) {
      const expected = this.expectedOption(block);
      if (expected) {
        const option = this.optionAfter(text, from, expected);
        if (option) found.push(option);
      }
    }
    // The next question number, when the question so far could end (or its stem ends with its answer: `(√)`).
    if (block) {
      const q = this.questionAfter(text, from, block, !this.complete(block));
      if (q) found.push(q);
    }
    // A section heading run into the text.
    const sec = this.find(SECTION_MID, text, from);
    if (sec && (!block || this.complete(block)))
      found.push({
        kind: 'section',
        index: sec.index,
        len: sec[0].length,
        sec: sectionKind(sec[2]),
        word: sec[2],
      });
    // The first question of a file glued to a title or heading: only an unmistakable `【题干1】`, or `1.` right
    // after a section heading.
    if (!block) {
      const first = this.find(TYPED_START, text, from);
      const number = first ? Number(first[1] ?? first[3]) : 0;
      if (first && number === this.blocks.length + 1) {
        const typeHint = first[2] ? sectionKind(first[2]) : undefined;
        found.push({
          kind: 'question',
          index: first.index,
          len: first[0].length,
          number,
          typeHint,
          word: first[2],
        });
      }
      if (this.afterSection) {
        const q = /^\s*(?:1\s*(?:[.．](?![.．\d])|、)|第\s*1\s*题)/.exec(text.slice(from));
        if (q) found.push({ kind: 'question', index: from, len: q[0].length, number: 1 });
      }
    }
    if (found.length === 0) return undefined;
    return found.sort((a, b) => a.index - b.index)[0];
  }

  /** `B.` `B、` `(B)` `B 文本` after `from`; a first option `A` in mid-line only when `B` follows on the line. */
  private optionAfter(text: string, from: number, key: OptionKey): Token | undefined {
    // Options keep the style the first one set: after `A.维生素 B 族` comes `B.钙`, not `B 族`.
    const style = this.block?.optionsSpaced;
    let best: Token | undefined;
    OPTION_STYLES[key].forEach((re, k) => {
      const spaced = k === 2;
      if (style !== undefined && spaced !== style) return;
      for (let m = this.find(re, text, from); m; m = this.find(re, text, m.index + 1)) {
        const next = skipSpaces(text, m.index + m[0].length);
        if (next === text.length && key === 'A') break;
        if (/[。，；,;]/.test(text[next] ?? '')) continue;
        if (
          key === 'A' &&
          this.find((spaced ? SPACED_OPTION : PUNCT_OPTION).B, text, m.index + m[0].length) === null
        )
          continue;
        if (!best || m.index < best.index)
          best = { kind: 'option', index: m.index, len: next - m.index, key, spaced };
        break;
      }
    });
    return best;
  }

  /** The expected next question number in mid-line (`…施行。2.宪法…`), not an item of a list in the text. */
  private questionAfter(text: string, from: number, block: Block, afterAnswer: boolean): Token | undefined {
    const n = block.number + 1;
    const re = questionNumberRe(n);
    for (let m = this.find(re, text, from); m; m = this.find(re, text, m.index + 1)) {
      const bracketed = m[0].startsWith('【');
      const between = text.slice(from, m.index);
      // A stem that is not a whole question yet goes on, unless it ends with its answer (`…。(√) 2. …`).
      if (afterAnswer && !/[（(]\s*(?:[A-H]+|√|×|对|错)\s*[）)]\s*$/.test(between)) continue;
      // `答案:A2.…` glued: a letter before the number only where the answer was just written.
      if (
        /[A-Za-z]/.test(text[m.index - 1] ?? '') &&
        !(block.last === 'answer' && /^\s*[A-Ha-h]+\s*$/.test(between))
      )
        continue;
      // “1.…；2.…” inside an option or explanation is a list, not the next question.
      if (!bracketed && new RegExp(`(?<![0-9])${n - 1}\\s*[.．、](?![0-9])`).test(between)) continue;
      const fieldText =
        block.last !== 'stem' && block.last !== 'option' && block.last !== 'options-label'
          ? (block.fields[block.last]?.values.map(valueText).join('') ?? '')
          : '';
      if (!bracketed && new RegExp(`(?<![0-9])${n - 1}\\s*[.．、](?![0-9])`).test(fieldText)) continue;
      TYPE_AFTER_NUMBER_AT.lastIndex = m.index + m[0].length;
      const type = TYPE_AFTER_NUMBER_AT.exec(text);
      const word = type ? (type[1] ?? type[2] ?? type[3]) : undefined;
      return {
        kind: 'question',
        index: m.index,
        len: m[0].length + (type ? type[0].length : 0),
        number: n,
        typeHint: word ? sectionKind(word.length === 2 ? `${word}题` : word) : undefined,
        word,
      };
    }
    return undefined;
  }

  // ---- applying tokens -------------------------------------------------------------------------------------

  private apply(no: number, token: Token): void {
    this.afterSection = token.kind === 'section';
    switch (token.kind) {
      case 'section':
        this.startSection(no, token.sec, token.word);
        return;
      case 'question': {
        this.close();
        this.block = {
          line: no,
          number: token.number,
          section: this.section,
          sectionIndex: this.sectionIndex,
          typeHint: token.typeHint,
          stem: [],
          options: [],
          fields: {},
          last: 'stem',
          raw: [],
        };
        return;
      }
      case 'option': {
        const block = this.block;
        if (!block) {
          this.error(no, '选项', '选项前面没有题目（题目应以“1.”这样的题号开头）');
          return;
        }
        this.dropEmptyField(block);
        if (block.options.some((o) => o.key === token.key)) {
          this.error(no, `选项${token.key}`, `第${block.number}题的选项${token.key}重复`);
          block.last = 'option';
          block.options.push({ key: token.key, parts: [], line: -no });
          return;
        }
        block.options.push({ key: token.key, parts: [], line: no });
        if (block.options.length === 1) block.optionsSpaced = token.spaced === true;
        block.last = 'option';
        return;
      }
      case 'label': {
        const block = this.block;
        if (token.label === 'ignore') return;
        if (!block) {
          if (token.label === 'stem' || token.label === 'options') return;
          const name = FIELD_LABELS[token.label];
          this.error(no, name, `“${name}”前面没有题目（题目应以“1.”这样的题号开头）`);
          return;
        }
        this.dropEmptyField(block);
        if (token.label === 'stem') {
          block.last = 'stem';
          return;
        }
        if (token.label === 'options') {
          block.last = 'options-label';
          return;
        }
        const field = token.label;
        const existing = block.fields[field];
        if (existing) existing.values.push({ line: no, parts: [] });
        else block.fields[field] = { line: no, values: [{ line: no, parts: [] }] };
        block.last = field;
        block.enumeration = undefined;
        if (field !== 'answer') block.answerRest = false;
        return;
      }
    }
  }

  /** A label with nothing after it, followed by another label (`【答案】:答案:C`, `答案解析:【答案】ABD`). */
  private dropEmptyField(block: Block): void {
    const last = block.last;
    if (last === 'stem' || last === 'option' || last === 'options-label') return;
    const f = block.fields[last];
    if (!f || valueText(lastValue(f)) !== '') return;
    f.values.pop();
    if (f.values.length === 0) delete block.fields[last];
    else f.line = f.values[0].line;
  }

  private keepRaw(no: number, piece: string): void {
    const raw = this.block?.raw;
    if (!raw) return;
    const last = raw[raw.length - 1];
    if (last && last.line === no) last.text += piece;
    else raw.push({ line: no, text: piece });
  }

  /** The text after a marker, up to the next marker. */
  private content(no: number, token: Token, raw: string, next: Token | undefined): void {
    const text = raw.trim();
    const block = this.block;
    if (!block) {
      if (text !== '' && token.kind === 'section') this.outside(no, text);
      return;
    }
    switch (token.kind) {
      case 'question':
      case 'section':
        if (token.kind === 'question' && text !== '') block.stem.push(text);
        return;
      case 'option': {
        const option = block.options[block.options.length - 1];
        if (option) option.parts.push(text);
        return;
      }
      case 'label': {
        if (token.label === 'ignore' || token.label === 'options') return;
        if (token.label === 'stem') {
          if (text !== '') block.stem.push(text);
          return;
        }
        const f = block.fields[token.label];
        if (!f) return;
        if (text === '' && next?.kind === 'label') return;
        lastValue(f).parts.push(text);
        if (token.label === 'answer') this.splitAnswerRest(block, no);
        return;
      }
    }
  }

  /** `答案：C。民事法律行为是…`: the explanation that follows the answer on its line. */
  private splitAnswerRest(block: Block, no: number): void {
    const value = lastValue(block.fields.answer!);
    const split = splitAnswerHead(valueText(value));
    if (!split || split.rest === '' || this.fillBlankSection(block)) return;
    value.parts = [split.head];
    const e = block.fields.explanation;
    if (e) e.values.unshift({ line: no, parts: [split.rest] });
    else block.fields.explanation = { line: no, values: [{ line: no, parts: [split.rest] }] };
    block.answerRest = true;
  }

  private fillBlankSection(block: Block): boolean {
    const kind = block.typeHint ?? block.section;
    return !!kind && 'type' in kind && kind.type === 'fill-blank';
  }

  private outside(no: number, text: string): void {
    this.warnings.push({ line: no, message: `已忽略题目之外的内容：“${quote(text)}”` });
  }

  /** A line (or its start) without a marker: it goes on with the stem, option or explanation before it. */
  private plainText(no: number, text: string, i: number, whole: string): void {
    if (text === '') return;
    const block = this.block;
    if (TOPIC_RE.test(text) && text === whole) {
      const next = this.nextMeaningful(i);
      const nextText = next?.text.trim() ?? '';
      if (next && (QUESTION_START.test(nextText) || this.sectionAt(nextText))) {
        this.close();
        this.warnings.push({ line: no, message: `已忽略标题“${quote(text)}”` });
        return;
      }
    }
    // A question without a number: a line of text followed by options A, B … (a single question pasted alone).
    if (
      (!block || (block.fields.answer && block.last !== 'stem' && block.last !== 'option')) &&
      text === whole
    ) {
      if (this.optionsFollow(i)) {
        this.apply(no, { kind: 'question', index: 0, len: 0, number: block ? block.number + 1 : 1 });
        this.block!.stem.push(text);
        return;
      }
    }
    if (!block) {
      this.outside(no, text);
      return;
    }
    // A web page's footer after the last question, set apart by blank lines.
    if (
      this.inTail ||
      (block.last !== 'stem' && block.last !== 'option' && this.gapBefore(i) >= 2 && this.isTail(i - 1))
    ) {
      this.inTail = true;
      this.warnings.push({ line: no, message: `已忽略最后一题之后的内容：“${quote(text)}”` });
      return;
    }
    switch (block.last) {
      case 'stem':
      case 'options-label':
        block.stem.push(text);
        return;
      case 'option': {
        block.options[block.options.length - 1].parts.push(text);
        return;
      }
      case 'explanation':
        lastValue(block.fields.explanation!).parts.push(text);
        return;
      case 'answer': {
        const value = lastValue(block.fields.answer!);
        if (valueText(value) === '') {
          value.parts.push(text);
          value.line = no;
          this.splitAnswerRest(block, no);
          return;
        }
        if (block.answerRest) {
          lastValue(block.fields.explanation!).parts.push(text);
          block.last = 'explanation';
          return;
        }
        break;
      }
    }
    if (this.isTail(i)) {
      this.inTail = true;
      this.warnings.push({ line: no, message: `已忽略最后一题之后的内容：“${quote(text)}”` });
      return;
    }
    const after = FIELD_LABELS[block.last as FieldName];
    block.failed = true;
    this.error(
      no,
      undefined,
      `无法识别这一行：它在第${block.number}题的“${after}”之后，但不是解析、法规等字段；解析请以“解析：”开头，新的一题请以题号（如“${block.number + 1}.”）开头`,
    );
  }

  /** Blank lines right before line i. */
  private gapBefore(i: number): number {
    let n = 0;
    for (let j = i - 1; j >= 0 && this.lines[j].text.trim() === ''; j--) n++;
    return n;
  }

  /** Whether the lines after line i (a few lines of text at most) lead to an option A. */
  private optionsFollow(i: number): boolean {
    let textLines = 0;
    for (let j = i + 1; j < this.lines.length; j++) {
      const t = this.lines[j].text.trim();
      if (t === '') continue;
      const option = this.optionAtLineStart(t, true);
      if (option) return option.kind === 'option' && option.key === 'A';
      TYPED_START.lastIndex = 0;
      if (QUESTION_START.test(t) || TYPED_START.test(t) || this.sectionAt(t) || this.labelAt(t, 0, true))
        return false;
      if (++textLines > 3) return false;
    }
    return false;
  }

  /** Whether no question, option or field follows line i (web-page footers after the last question). */
  private isTail(i: number): boolean {
    for (let j = i + 1; j < this.lines.length; j++) {
      const t = this.lines[j].text.trim();
      if (t === '') continue;
      if (
        QUESTION_START.test(t) ||
        this.sectionAt(t) ||
        this.optionAtLineStart(t, true) ||
        this.labelAt(t, 0, true)
      )
        return false;
    }
    return true;
  }

  // ---- the answer key --------------------------------------------------------------------------------------

  private applyKey(): void {
    if (this.keyEntries.length === 0) return;
    const objective = this.blocks.filter((b) => {
      const kind = b.typeHint ?? b.section;
      return !(kind && 'skip' in kind);
    });
    const keyHasSections = this.keyEntries.some((e) => e.section > 0);
    // Document sections holding objective questions, in order (for a key written per section).
    const docSections = [...new Set(objective.map((b) => b.sectionIndex))];
    for (const e of this.keyEntries) {
      let candidates: Block[];
      if (keyHasSections && e.section > 0) {
        const kind = e.sectionKind;
        let docSection: number | undefined;
        if (kind && 'type' in kind) {
          const same = docSections.filter((s) => {
            const b = objective.find((x) => x.sectionIndex === s)!;
            const k = b.section;
            return k && 'type' in k && k.type === kind.type;
          });
          const ordinal = this.keySections
            .slice(0, e.section)
            .filter((k) => 'type' in k && k.type === kind.type).length;
          docSection = same[ordinal - 1];
        }
        if (docSection === undefined) docSection = docSections[e.section - 1];
        candidates = objective.filter((b) => b.sectionIndex === docSection && b.number === e.number);
      } else {
        candidates = objective.filter((b) => b.number === e.number);
      }
      if (candidates.length === 0) {
        this.error(e.line, '答案', `答案表中的第${e.number}题在前面没有找到对应的题目，请检查题号`);
        continue;
      }
      if (candidates.length > 1) {
        this.error(
          e.line,
          '答案',
          `答案表中的第${e.number}题对应多道题（各部分的题号都从1开始），请在答案表中写明题型，如“一、单选题 1-5 ABCDA”`,
        );
        continue;
      }
      const b = candidates[0];
      const f = b.fields.answer;
      const own = f ? (f.values.map(valueText).find((v) => v !== '') ?? '') : '';
      if (own !== '') {
        if (!sameAnswer(own, e.answer)) {
          this.error(
            e.line,
            '答案',
            `第${b.number}题（第${b.line}行）题后写的答案“${own}”与答案表中的“${e.answer}”不一致，请改成一致`,
          );
          b.fields.answer = undefined;
          b.keyLine = -1;
        }
      } else {
        b.fields.answer = { line: e.line, values: [{ line: e.line, parts: [e.answer] }] };
        b.keyLine = e.line;
      }
      if (e.explanation && !b.fields.explanation)
        b.fields.explanation = { line: e.line, values: [{ line: e.line, parts: [e.explanation] }] };
    }
  }

  // ---- finishing a question --------------------------------------------------------------------------------

  private finish(block: Block): void {
    const label = `第${block.number}题`;
    const kind = block.typeHint ?? block.section;
    if (kind && 'skip' in kind) {
      const word = (block.typeHint ? undefined : this.sectionWordOf(block)) ?? '简答题';
      this.skipped.push({
        line: block.line,
        kind: kind.skip,
        label: word,
        raw: block.raw
          .map((r) => r.text.trim())
          .join('\n')
          .replace(/^\d{1,4}\s*[.．、]\s*/, ''),
        message:
          kind.skip === 'unsupported'
            ? `${label}是${word}，暂不支持导入，已跳过；其他题目照常导入`
            : `${label}是${word}，但写在客观题部分中，已跳过：主观题请放在“${kind.skip === 'case' ? '案例分析题' : '简答题'}”标题下面，写明参考答案和评分要点后再导入；其他题目照常导入`,
      });
      return;
    }
    if (block.keyLine === -1 || block.failed) return;
    const before = this.errors.length;
    const notes: ImportIssue[] = [];
    let stem = joinText(block.stem)
      .replace(/[（(]\s*分(?:数|值)\s*[:：]\s*[\d.]+\s*分?\s*[）)]/g, '')
      .trim();
    let options = block.options
      .filter((o) => o.line > 0)
      .map(({ key, parts }) => ({ key, text: joinText(parts) }));
    const optionLine = (key: OptionKey) => block.options.find((o) => o.key === key)?.line ?? block.line;
    const f = block.fields;
    let explanation = f.explanation
      ? f.explanation.values
          .map(valueText)
          .filter((v) => v !== '')
          .join('\n')
      : '';
    // A field written twice must say the same thing twice (an answer key repeated in 本题解释, say).
    const single = (name: FieldName): FieldValue | undefined => {
      const values = (f[name]?.values ?? []).filter((v) => valueText(v) !== '');
      const differs = values.find((v) =>
        name === 'answer'
          ? !sameAnswer(valueText(v), valueText(values[0]))
          : valueText(v) !== valueText(values[0]),
      );
      if (differs)
        this.error(differs.line, FIELD_LABELS[name], `第${block.number}题有重复的“${FIELD_LABELS[name]}”`);
      return values[0] ?? f[name]?.values[0];
    };
    const answerValue = single('answer');
    const citationValue = single('citation');
    const difficultyValue = single('difficulty');
    const tagsValue = single('tags');
    const statusValue = single('status');
    let answerText = valueText(answerValue);
    let answerLine = answerValue?.line ?? block.line;
    const hint = kind && 'type' in kind ? kind.type : undefined;

    // Answers written in the stem: `（ B ）`, `(√)`, a trailing lower-case letter.
    const inStem = this.answerInStem(stem, options.length > 0);
    if (inStem) {
      if (answerText === '') {
        answerText = inStem.answer;
        answerLine = block.line;
        stem = inStem.stem;
      } else if (sameAnswer(answerText, inStem.answer)) {
        stem = inStem.stem;
      } else if (inStem.sure) {
        this.error(
          block.line,
          '答案',
          `${label}题干中的“${inStem.written}”与答案“${answerText}”不一致，请删除其中一个`,
        );
        return;
      }
    }
    // The answer only inside the explanation: `【解析】A、D。…`.
    if (answerText === '' && options.length > 0 && explanation !== '') {
      // Only the letters as a sentence of their own (`A、D。`) or `A正确`: `A项错误…` says the opposite.
      const m = /^([A-H](?:\s*[、,，和与]\s*[A-H])*)\s*(?:[。.．]|(?:项|选项)?正确|$)/.exec(explanation);
      if (m) {
        answerText = m[1];
        answerLine = f.explanation!.line;
      }
    }

    if (stem === '') this.error(block.line, '题干', `${label}缺少“题干”`);
    if (answerText === '') {
      this.error(
        f.answer?.line ?? block.line,
        '答案',
        `${label}缺少“答案”（请在题后加一行“答案：B”，或在文末加答案表如“参考答案：1-5 ABCDA”）`,
      );
    }

    let type: QuestionType | undefined;
    let answer: AnswerKey | undefined;
    if (answerText !== '') {
      const a = answerText;
      let section = hint;
      const tfOptions = options.length === 2 ? options.map((o) => parseTrueFalse(o.text)) : [];
      const optionsAreTrueFalse =
        tfOptions.length === 2 &&
        tfOptions[0] !== undefined &&
        tfOptions[1] !== undefined &&
        tfOptions[0] !== tfOptions[1];
      if (section === undefined || section === 'infer') {
        if (options.length > 0) {
          const letters = parseOptionLetters(a);
          section =
            optionsAreTrueFalse && letters.ok && letters.keys.length === 1
              ? 'true-false'
              : letters.ok && letters.keys.length === 1 && section !== 'infer'
                ? 'single'
                : letters.ok && letters.keys.length === 1
                  ? 'single'
                  : 'multiple';
        } else {
          section = parseTrueFalse(a) !== undefined ? 'true-false' : 'fill-blank';
        }
      }
      type = section;
      const bare = bareLetters(a);
      if (
        (type === 'fill-blank' || type === 'true-false') &&
        options.length === 0 &&
        bare &&
        parseTrueFalse(a) === undefined
      ) {
        this.error(
          answerLine,
          '答案',
          `答案“${a}”是选项字母，但${label}没有找到选项：选项应写成“A. …”“B. …”（可以写在一行），如果是判断题请写“对”或“错”`,
        );
        type = undefined;
      } else if ((type === 'single' || type === 'multiple') && options.length === 0) {
        this.error(
          block.line,
          '选项',
          `${label}是${type === 'single' ? '单选题' : '多选题'}，但没有找到选项：选项应写成“A. …”“B. …”（可以写在一行）`,
        );
      } else if (type === 'single' || type === 'multiple') {
        const letters = parseOptionLetters(a);
        if (!letters.ok) this.error(answerLine, '答案', letters.message);
        else if (type === 'single' && letters.keys.length > 1)
          this.error(answerLine, '答案', `单选题只能有一个答案，当前为“${a}”`);
        else answer = type === 'single' ? letters.keys[0] : letters.keys;
      } else if (type === 'true-false') {
        answer = parseTrueFalse(a);
        if (answer === undefined && optionsAreTrueFalse) {
          const letters = parseOptionLetters(a);
          if (letters.ok && letters.keys.length === 1) {
            const index = options.findIndex((o) => o.key === letters.keys[0]);
            if (index >= 0) answer = tfOptions[index];
          }
        }
        if (answer !== undefined && optionsAreTrueFalse) options = [];
        // The empty brackets or line after a 判断题 are where the answer was to be written.
        stem = stem.replace(/[\s\u3000]*(?:[（(][\s\u3000_]*[）)]|_{2,})[\s\u3000]*$/, '').trim();
        if (answer === undefined) this.error(answerLine, '答案', `判断题的答案应为“对”或“错”，当前为“${a}”`);
      } else if (type === 'fill-blank') {
        const parsed = parseFillAnswer(a);
        if (!parsed.ok) this.error(answerLine, '答案', parsed.message);
        else answer = parsed.blanks;
        stem = bracketsToBlanks(stem);
      }
    }

    let citation: QuestionDraft['citation'];
    if (citationValue) {
      const parsed = parseCitation(valueText(citationValue));
      if (!parsed.ok) this.error(citationValue.line, '法规', parsed.message);
      else {
        citation = parsed.citation;
        if (parsed.warning) notes.push({ line: citationValue.line, field: '法规', message: parsed.warning });
      }
    }
    let difficulty = 3;
    if (difficultyValue) {
      const text = valueText(difficultyValue);
      const d = parseDifficulty(text);
      if (d === undefined) this.error(difficultyValue.line, '难度', `难度应为1到5的整数，当前为“${text}”`);
      else difficulty = d;
    }
    const statusText = statusValue ? valueText(statusValue) : undefined;
    const status = statusText !== undefined ? parseStatus(statusText) : 'approved';
    if (!status) this.error(statusValue!.line, '状态', `状态“${statusText}”无效，应为“已审核”或“草稿”`);
    if (this.errors.length > before || !type || answer === undefined || !status) return;

    explanation = explanation.trim();
    const question: QuestionDraft = {
      type,
      stem,
      options,
      answer,
      difficulty,
      tags: tagsValue ? parseTags(valueText(tagsValue)) : [],
      status,
    };
    if (explanation) question.explanation = explanation;
    if (citation) question.citation = citation;
    const fieldLine: Partial<Record<DraftField, number>> = {
      answer: answerLine,
      explanation: f.explanation?.line,
      citation: citationValue?.line,
      difficulty: difficultyValue?.line,
      tags: tagsValue?.line,
      status: statusValue?.line,
      options: block.options[0]?.line,
    };
    const issues = validateDraft(question, {
      line: block.line,
      locate: (field, option) => ({
        line: (option && optionLine(option)) || fieldLine[field] || block.line,
      }),
    });
    if (issues.length) {
      this.errors.push(...issues);
      return;
    }
    this.warnings.push(...notes);
    this.questions.push(
      notes.length ? { question, line: block.line, warnings: notes } : { question, line: block.line },
    );
  }

  private sectionWordOf(block: Block): string | undefined {
    return this.sectionWordFor.get(block.sectionIndex);
  }

  /** `（ B ）` / `(√)` / a trailing lower-case letter in the stem: the answer, and the stem without it. */
  private answerInStem(
    stem: string,
    hasOptions: boolean,
  ): { answer: string; stem: string; written: string; sure: boolean } | undefined {
    if (hasOptions) {
      const brackets = [
        ...stem.matchAll(/[（(][\s\u3000]*([A-Ha-h](?:[\s、,，]*[A-Ha-h])*)[\s\u3000]*[）)]/g),
      ];
      // The one bracket of the stem holding letters is its answer slot; beside an empty slot it is something else.
      if (brackets.length === 1 && !/[（(][\s\u3000_]*[）)]|_{2,}/.test(stem)) {
        const m = brackets[0];
        return {
          answer: m[1].toUpperCase(),
          stem: stem.slice(0, m.index) + '（ ）' + stem.slice(m.index! + m[0].length),
          written: m[0],
          sure: true,
        };
      }
      // `…()。 c`, `…()。      d`: after the sentence's end, or set apart by two spaces or more.
      const trailing = /(?:(?<=[。？?！!）)])[\s\u3000]*|[\s\u3000]{2,})([a-h]{1,8})[\s\u3000]*$/.exec(stem);
      if (trailing && /[（(][\s\u3000_]*[）)]|_{2,}/.test(stem)) {
        return {
          answer: trailing[1].toUpperCase(),
          stem: stem.slice(0, trailing.index).trim(),
          written: trailing[1],
          sure: true,
        };
      }
      return undefined;
    }
    const tf = [...stem.matchAll(/[（(][\s\u3000]*(√|×|✓|✔|✗|✘|对|错|正确|错误)[\s\u3000]*[）)]/g)];
    if (tf.length === 1) {
      const m = tf[0];
      return {
        answer: m[1],
        stem: (stem.slice(0, m.index) + stem.slice(m.index! + m[0].length)).trim(),
        written: m[0],
        sure: true,
      };
    }
    return undefined;
  }
}

function sameAnswer(a: string, b: string): boolean {
  const letters = (t: string) => bareLetters(t)?.join('');
  const la = letters(a);
  const lb = letters(b);
  if (la !== undefined || lb !== undefined) return la === lb;
  const ta = parseTrueFalse(a);
  const tb = parseTrueFalse(b);
  if (ta !== undefined || tb !== undefined) return ta === tb;
  return a.trim() === b.trim();
}

/**
 * Cuts the 简答题 and 案例分析题 sections out of a document: each runs from its heading to the next section heading
 * (or to an answer key for the objective questions, `参考答案` on a line of its own followed by `1-5 ABCDA`).
 */
function splitWrittenSections(lines: SourceLine[]): { objective: SourceLine[]; regions: WrittenRegion[] } {
  const objective: SourceLine[] = [];
  const regions: WrittenRegion[] = [];
  let region: WrittenRegion | undefined;
  lines.forEach((l, i) => {
    const text = l.text.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
    const heading = text === '' ? undefined : sectionHeading(text);
    if (heading) {
      region = undefined;
      const sec = heading.sec;
      if (sec && 'skip' in sec && (sec.skip === 'short-answer' || sec.skip === 'case')) {
        region = { kind: sec.skip, word: heading.word, lines: [] };
        regions.push(region);
        if (heading.rest.trim() !== '') region.lines.push({ no: l.no, text: heading.rest });
        return;
      }
    } else if (region && ANSWER_KEY_HEADER.exec(text)?.[0] === text && text !== '') {
      const next = lines.slice(i + 1).find((n) => n.text.trim() !== '');
      const key = next ? parseKeyLine(next.text.trim()) : undefined;
      if (key && key.ok && (key.entries.length > 0 || key.section)) region = undefined;
    }
    if (region) region.lines.push(l);
    else objective.push(l);
  });
  return { objective, regions };
}

/** Parses numbered lines (already noise-stripped) into questions. */
export function parseNumberedLines(lines: SourceLine[], format: 'txt' | 'docx' = 'txt'): ParseResult {
  const { objective, regions } = splitWrittenSections(lines);
  const parser = new TextParser();
  parser.run(objective);
  const questions = [...parser.questions];
  const errors = [...parser.errors];
  const warnings = [...parser.warnings];
  for (const region of regions) {
    const written = parseWrittenRegion(region, (sub) => parseNumberedLines(sub, format));
    questions.push(...written.questions);
    errors.push(...written.errors);
    warnings.push(...written.warnings);
  }
  questions.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const result: ParseResult = { format, questions, errors, warnings };
  if (parser.skipped.length) result.skipped = parser.skipped;
  return result;
}

/** Removes lines that repeat three times or more and carry no question content (a PDF's running header). */
function stripRepeatedHeaders(lines: SourceLine[]): { lines: SourceLine[]; warnings: ImportIssue[] } {
  const counts = new Map<string, number[]>();
  for (const l of lines) {
    const t = l.text.trim();
    if ([...t].length < 6 || /^\d/.test(t) || /^[（(【[]?\s*[A-HＡ-Ｈ]/.test(t)) continue;
    // A case's sub-question (`（2）请依法说明理由。`) and a written question's labels repeat from case to case.
    if (/^[（(]\s*\d/.test(t) || isWrittenLabelLine(t)) continue;
    if (new RegExp(`^(?:${LABEL_ALT})`).test(t) || SECTION_START.exec(t)?.[0]) continue;
    if (!/[\u4e00-\u9fff]/.test(t)) continue;
    counts.set(t, [...(counts.get(t) ?? []), l.no]);
  }
  const drop = new Set<string>();
  const warnings: ImportIssue[] = [];
  for (const [t, nos] of counts) {
    if (nos.length >= 3) {
      drop.add(t);
      warnings.push({
        line: nos[0],
        message: `已删除重复出现的页眉“${quote(t)}”（共${nos.length}处，第${nos.slice(0, 30).join('、')}${nos.length > 30 ? '等' : ''}行）`,
      });
    }
  }
  return { lines: lines.filter((l) => !drop.has(l.text.trim())), warnings };
}

function parseCleanLines(lines: SourceLine[], format: 'txt' | 'docx'): ParseResult {
  const noise = stripNoise(lines);
  const headers = stripRepeatedHeaders(noise.lines);
  const result = parseNumberedLines(headers.lines, format);
  result.warnings = [...noise.warnings, ...headers.warnings, ...result.warnings].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0),
  );
  return result;
}

/** Parses text in the numbered style; watermark/page-header noise is removed first. */
export function parseNumberedText(text: string, format: 'txt' | 'docx' = 'txt'): ParseResult {
  return parseCleanLines(toLines(text), format);
}

/** Parses a .docx file written in the numbered style. Never throws. */
export function parseDocx(data: Buffer): ParseResult {
  const read = readDocxLines(data);
  if ('error' in read) return { format: 'docx', questions: [], errors: [read.error], warnings: [] };
  return parseCleanLines(read.lines, 'docx');
}
