/**
 * The numbered style trainers paste from Word (.txt, and .docx through mammoth's raw text):
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
 * Sections (一、单选题 …) set the type; without them the type is inferred from options and answer. Every problem
 * names its line. No Nest or TypeORM imports.
 */
import mammoth from 'mammoth';
import {
  OPTION_KEYS,
  type AnswerKey,
  type ImportIssue,
  type OptionKey,
  type ParsedQuestion,
  type ParseResult,
  type QuestionDraft,
  type QuestionType,
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
import { errorText, toLines, type SourceLine } from './common';
import { stripNoise } from './noise';
import { bracketsToBlanks, validateDraft, type DraftField } from './validate';
import { checkZip } from '../../common/zip-guard';

type FieldName = 'answer' | 'explanation' | 'citation' | 'difficulty' | 'tags' | 'status';

const FIELD_LABELS: Record<FieldName, string> = {
  answer: '答案',
  explanation: '解析',
  citation: '法规',
  difficulty: '难度',
  tags: '标签',
  status: '状态',
};

const FIELD_WORDS =
  '(?:正确|参考|标准)?答案|(?:答案|试题|题目)?解析|法规依据|法律依据|依据|法规|出处|难度|标签|状态';
const FIELD_MARKER = new RegExp(`【\\s*(${FIELD_WORDS})\\s*】\\s*[:：]?|(${FIELD_WORDS})\\s*[:：]`, 'g');

function fieldOf(word: string): FieldName {
  if (word.endsWith('答案')) return 'answer';
  if (word.endsWith('解析')) return 'explanation';
  if (word === '难度') return 'difficulty';
  if (word === '标签') return 'tags';
  if (word === '状态') return 'status';
  return 'citation';
}

const CN = '[一二三四五六七八九十]+';
const HEADING_PREFIX = `(?:${CN}\\s*[、.．]|第${CN}(?:部分|大题)\\s*[、.．:：]?|[（(]${CN}[）)])`;
const TYPE_WORDS: [RegExp, QuestionType | 'infer'][] = [
  [/^(?:单项选择题?|单选题?)$/, 'single'],
  [/^(?:多项选择题?|多选题?)$/, 'multiple'],
  [/^(?:不定项选择题?)$/, 'infer'],
  [/^(?:判断题?|是非题)$/, 'true-false'],
  [/^(?:填空题?)$/, 'fill-blank'],
];
const SECTION_WORDS =
  '单项选择题?|单选题?|多项选择题?|多选题?|不定项选择题?|判断题?|是非题|填空题?|' +
  '简答题|问答题|论述题|案例分析题|案例题|材料分析题|材料题|分析题|名词解释|计算题|综合题|连线题|匹配题|排序题';
const SECTION_RE = new RegExp(
  `^(?:${HEADING_PREFIX}\\s*|【\\s*)?(${SECTION_WORDS})\\s*】?\\s*(?:[（(][^）)]*[）)])?\\s*(?:[:：].*)?$`,
);
const TOPIC_RE = new RegExp(`^${HEADING_PREFIX}\\s*\\S.{0,40}$`);
const QUESTION_RE =
  /^(?:第\s*(\d{1,4})\s*题\s*[.．、:：]?|(\d{1,4})\s*(?:[.．](?![0-9])|、|[)）])|[（(]\s*(\d{1,4})\s*[）)])\s*(.*)$/;
const OPTION_RE = /^(?:[（(]\s*([A-HＡ-Ｈ])\s*[）)]|([A-HＡ-Ｈ])\s*[.．、:：)）])\s*(.*)$/;

type Classified =
  | { kind: 'blank' }
  | { kind: 'section'; type?: QuestionType | 'infer'; word: string }
  | { kind: 'field'; segments: { field: FieldName; value: string }[] }
  | { kind: 'question'; number: number; rest: string }
  | { kind: 'option'; items: { key: OptionKey; text: string }[] }
  | { kind: 'text'; text: string };

function halfWidthLetter(ch: string): OptionKey {
  return (ch >= 'Ａ' ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : ch) as OptionKey;
}

/** `A. x B. y` → two options; the next marker must be the next letter, not preceded by a letter or digit. */
function splitOptions(first: OptionKey, rest: string): { key: OptionKey; text: string }[] {
  const items: { key: OptionKey; text: string }[] = [];
  let key = first;
  let text = rest;
  for (;;) {
    const next = OPTION_KEYS[OPTION_KEYS.indexOf(key) + 1];
    if (!next) break;
    const wide = String.fromCharCode(next.charCodeAt(0) + 0xfee0);
    const marker = new RegExp(
      `(?<![A-Za-z0-9])(?:[（(]\\s*[${next}${wide}]\\s*[）)]|[${next}${wide}]\\s*[.．、])`,
    );
    const m = marker.exec(text);
    if (!m) break;
    items.push({ key, text: text.slice(0, m.index).trim() });
    text = text.slice(m.index + m[0].length);
    key = next;
  }
  items.push({ key, text: text.trim() });
  return items;
}

function splitFields(line: string): { field: FieldName; value: string }[] | undefined {
  const marks: { index: number; end: number; field: FieldName }[] = [];
  FIELD_MARKER.lastIndex = 0;
  for (let m = FIELD_MARKER.exec(line); m; m = FIELD_MARKER.exec(line)) {
    const bracketed = m[1] !== undefined;
    if (m.index === 0 || bracketed || /\s/.test(line[m.index - 1])) {
      marks.push({ index: m.index, end: m.index + m[0].length, field: fieldOf(m[1] ?? m[2]) });
    }
  }
  if (marks.length === 0 || marks[0].index !== 0) return undefined;
  return marks.map((mark, i) => ({
    field: mark.field,
    value: line.slice(mark.end, i + 1 < marks.length ? marks[i + 1].index : line.length).trim(),
  }));
}

function classify(raw: string): Classified {
  const text = raw.trim();
  if (text === '') return { kind: 'blank' };
  const section = SECTION_RE.exec(text);
  if (section) {
    const word = section[1];
    return { kind: 'section', type: TYPE_WORDS.find(([re]) => re.test(word))?.[1], word };
  }
  const segments = splitFields(text);
  if (segments) return { kind: 'field', segments };
  const option = OPTION_RE.exec(text);
  if (option)
    return { kind: 'option', items: splitOptions(halfWidthLetter(option[1] ?? option[2]), option[3]) };
  const question = QUESTION_RE.exec(text);
  if (question) {
    return { kind: 'question', number: Number(question[1] ?? question[2] ?? question[3]), rest: question[4] };
  }
  return { kind: 'text', text };
}

interface Located {
  text: string;
  line: number;
}

interface Block {
  line: number;
  number: number;
  section?: QuestionType | 'infer';
  stem: string[];
  options: { key: OptionKey; text: string; line: number }[];
  fields: Partial<Record<FieldName, Located>>;
  last: 'stem' | 'option' | FieldName;
  /** The last number of a numbered list inside the stem or explanation (1. … 2. …), not a question number. */
  enumeration?: number;
}

function trueFalseFromOptions(block: Block, answer: string): boolean | undefined {
  if (block.options.length !== 2) return undefined;
  const values = block.options.map((o) => parseTrueFalse(o.text));
  if (values[0] === undefined || values[1] === undefined || values[0] === values[1]) return undefined;
  const letters = parseOptionLetters(answer);
  if (!letters.ok || letters.keys.length !== 1) return undefined;
  const index = block.options.findIndex((o) => o.key === letters.keys[0]);
  return index < 0 ? undefined : values[index];
}

class TextParser {
  readonly questions: ParsedQuestion[] = [];
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  private error(line: number, field: string | undefined, message: string): void {
    this.errors.push(field ? { line, field, message } : { line, message });
  }

  finish(block: Block): void {
    const label = `第${block.number}题`;
    const before = this.errors.length;
    let stem = block.stem.join('\n').trim();
    if (stem === '') this.error(block.line, '题干', `${label}缺少“题干”`);
    const answerField = block.fields.answer;
    if (!answerField || answerField.text === '')
      this.error(answerField?.line ?? block.line, '答案', `${label}缺少“答案”`);
    let options = block.options.map(({ key, text }) => ({ key, text }));
    let type: QuestionType | undefined;
    let answer: AnswerKey | undefined;
    if (answerField && answerField.text !== '') {
      const a = answerField.text;
      const at = answerField.line;
      let section = block.section;
      if (section === undefined || section === 'infer') {
        if (options.length > 0) {
          const letters = parseOptionLetters(a);
          section = letters.ok && letters.keys.length === 1 ? 'single' : 'multiple';
        } else {
          section = parseTrueFalse(a) !== undefined ? 'true-false' : 'fill-blank';
        }
      }
      type = section;
      if (type === 'single' || type === 'multiple') {
        const letters = parseOptionLetters(a);
        if (!letters.ok) this.error(at, '答案', letters.message);
        else if (type === 'single' && letters.keys.length > 1)
          this.error(at, '答案', `单选题只能有一个答案，当前为“${a}”`);
        else answer = type === 'single' ? letters.keys[0] : letters.keys;
      } else if (type === 'true-false') {
        answer = parseTrueFalse(a);
        if (answer === undefined) {
          answer = trueFalseFromOptions(block, a);
          if (answer !== undefined) options = [];
        }
        if (answer === undefined) this.error(at, '答案', `判断题的答案应为“对”或“错”，当前为“${a}”`);
      } else {
        const parsed = parseFillAnswer(a);
        if (!parsed.ok) this.error(at, '答案', parsed.message);
        else answer = parsed.blanks;
        stem = bracketsToBlanks(stem);
      }
    }
    const f = block.fields;
    let citation: QuestionDraft['citation'];
    if (f.citation) {
      const parsed = parseCitation(f.citation.text);
      if (parsed.ok) citation = parsed.citation;
      else this.error(f.citation.line, '法规', parsed.message);
    }
    let difficulty = 3;
    if (f.difficulty) {
      const d = parseDifficulty(f.difficulty.text);
      if (d === undefined)
        this.error(f.difficulty.line, '难度', `难度应为1到5的整数，当前为“${f.difficulty.text}”`);
      else difficulty = d;
    }
    const status = f.status ? parseStatus(f.status.text) : 'approved';
    if (!status) this.error(f.status!.line, '状态', `状态“${f.status!.text}”无效，应为“已审核”或“草稿”`);
    if (this.errors.length > before || !type || answer === undefined || !status) return;

    const question: QuestionDraft = {
      type,
      stem,
      options,
      answer,
      difficulty,
      tags: f.tags ? parseTags(f.tags.text) : [],
      status,
    };
    const explanation = f.explanation?.text.trim();
    if (explanation) question.explanation = explanation;
    if (citation) question.citation = citation;
    const fieldLine: Partial<Record<DraftField, number>> = {
      answer: f.answer?.line,
      explanation: f.explanation?.line,
      citation: f.citation?.line,
      difficulty: f.difficulty?.line,
      tags: f.tags?.line,
      status: f.status?.line,
      options: block.options[0]?.line,
    };
    const issues = validateDraft(question, {
      line: block.line,
      locate: (field, option) => ({
        line: (option && block.options.find((o) => o.key === option)?.line) || fieldLine[field] || block.line,
      }),
    });
    if (issues.length) {
      this.errors.push(...issues);
      return;
    }
    this.questions.push({ question, line: block.line });
  }

  run(lines: SourceLine[]): void {
    const classified = lines.map((l) => ({ no: l.no, c: classify(l.text) }));
    let block: Block | undefined;
    let section: QuestionType | 'infer' | undefined;
    let skipping = false;
    const close = () => {
      if (block && !skipping) this.finish(block);
      block = undefined;
    };
    const nextMeaningful = (i: number): Classified | undefined => {
      for (let j = i + 1; j < classified.length; j++)
        if (classified[j].c.kind !== 'blank') return classified[j].c;
      return undefined;
    };

    classified.forEach(({ no, c }, i) => {
      switch (c.kind) {
        case 'blank':
          return;
        case 'section':
          close();
          if (c.type) {
            section = c.type;
            skipping = false;
          } else {
            skipping = true;
            this.error(
              no,
              '题型',
              `不支持的题型“${c.word}”，这一部分的题目已跳过（只支持单选、多选、判断、填空题）`,
            );
          }
          return;
        case 'field': {
          if (skipping) return;
          if (!block) {
            this.error(
              no,
              FIELD_LABELS[c.segments[0].field],
              `“${FIELD_LABELS[c.segments[0].field]}”前面没有题目（题目应以“1.”这样的题号开头）`,
            );
            return;
          }
          for (const s of c.segments) {
            if (block.fields[s.field]) {
              this.error(no, FIELD_LABELS[s.field], `第${block.number}题有重复的“${FIELD_LABELS[s.field]}”`);
              continue;
            }
            block.fields[s.field] = { text: s.value, line: no };
            block.last = s.field;
            block.enumeration = undefined;
          }
          return;
        }
        case 'question': {
          if (skipping) return;
          const inText = block !== undefined && (block.last === 'stem' || block.last === 'explanation');
          const continuesList =
            inText && block!.enumeration !== undefined && c.number === block!.enumeration + 1;
          const startsNew =
            !block ||
            (!continuesList &&
              (c.number === block.number + 1 ||
                block.last === 'option' ||
                (block.fields.answer !== undefined && block.last !== 'explanation') ||
                (c.number > block.number && nextMeaningful(i)?.kind === 'option')));
          if (startsNew) {
            if (block && c.number !== block.number + 1) {
              this.warnings.push({
                line: no,
                message: `题号不连续：上一题是第${block.number}题，这一题是第${c.number}题`,
              });
            }
            close();
            block = {
              line: no,
              number: c.number,
              section,
              stem: [c.rest],
              options: [],
              fields: {},
              last: 'stem',
            };
            return;
          }
          if (!continuesList && c.number > block!.number + 1) {
            this.warnings.push({
              line: no,
              message: `这一行像是第${c.number}题的开头，但上一题是第${block!.number}题，题号不连续，已把它当作上一题的续行；如果这是新的一题，请检查题号`,
            });
          }
          if (inText) block!.enumeration = c.number;
          this.continueText(block!, no, lines[i].text.trim());
          return;
        }
        case 'option': {
          if (skipping) return;
          if (!block) {
            this.error(no, '选项', '选项前面没有题目（题目应以“1.”这样的题号开头）');
            return;
          }
          if (block.last !== 'stem' && block.last !== 'option') {
            this.continueText(block, no, lines[i].text.trim());
            return;
          }
          for (const item of c.items) {
            if (block.options.some((o) => o.key === item.key)) {
              this.error(no, `选项${item.key}`, `第${block.number}题的选项${item.key}重复`);
              continue;
            }
            block.options.push({ ...item, line: no });
          }
          block.last = 'option';
          return;
        }
        case 'text': {
          if (skipping) return;
          if (TOPIC_RE.test(c.text)) {
            const next = nextMeaningful(i);
            if (next?.kind === 'question' || next?.kind === 'section') {
              close();
              this.warnings.push({ line: no, message: `已忽略标题“${c.text}”` });
              return;
            }
          }
          if (!block) {
            this.warnings.push({ line: no, message: `已忽略题目之外的内容：“${c.text.slice(0, 30)}”` });
            return;
          }
          this.continueText(block, no, c.text);
          return;
        }
      }
    });
    close();
  }

  /** A line that continues the stem, the last option or the explanation. */
  private continueText(block: Block, no: number, text: string): void {
    switch (block.last) {
      case 'stem':
        block.stem.push(text);
        return;
      case 'option': {
        const option = block.options[block.options.length - 1];
        option.text = option.text ? `${option.text}\n${text}` : text;
        return;
      }
      case 'explanation': {
        const explanation = block.fields.explanation!;
        explanation.text = explanation.text ? `${explanation.text}\n${text}` : text;
        return;
      }
      default:
        this.error(
          no,
          undefined,
          `无法识别这一行：它在第${block.number}题的“${FIELD_LABELS[block.last]}”之后，但不是解析、法规等字段；解析请以“解析：”开头`,
        );
    }
  }
}

/** Parses numbered lines (already noise-stripped) into questions. */
export function parseNumberedLines(lines: SourceLine[], format: 'txt' | 'docx' = 'txt'): ParseResult {
  const parser = new TextParser();
  parser.run(lines);
  parser.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format, questions: parser.questions, errors: parser.errors, warnings: parser.warnings };
}

/** Parses text in the numbered style; watermark/page-header noise is removed first. */
export function parseNumberedText(text: string, format: 'txt' | 'docx' = 'txt'): ParseResult {
  const noise = stripNoise(toLines(text));
  const result = parseNumberedLines(noise.lines, format);
  result.warnings = [...noise.warnings, ...result.warnings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return result;
}

/**
 * The paragraphs of a .docx file as numbered lines (line N = paragraph N; a soft line break inside a paragraph
 * keeps the paragraph's number). Never throws: a bad file gives an issue.
 */
export async function docxLines(data: Buffer): Promise<{ lines: SourceLine[] } | { error: ImportIssue }> {
  const refused = checkZip(data, 'Word（.docx）');
  if (refused) return { error: { message: refused } };
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: data })).value;
  } catch (e) {
    return {
      error: {
        message: `无法读取 Word 文件，文件可能已损坏或不是 .docx 格式（${errorText(e).slice(0, 100)}）。请用 Word/WPS 另存为 .docx 后重新上传`,
      },
    };
  }
  const paragraphs = text.replace(/\n\n$/, '').split('\n\n');
  const lines: SourceLine[] = [];
  paragraphs.forEach((p, i) => p.split('\n').forEach((t) => lines.push({ no: i + 1, text: t })));
  return { lines };
}

/** Parses a .docx file written in the numbered style. Never throws. */
export async function parseDocx(data: Buffer): Promise<ParseResult> {
  const read = await docxLines(data);
  if ('error' in read) return { format: 'docx', questions: [], errors: [read.error], warnings: [] };
  const noise = stripNoise(read.lines);
  const result = parseNumberedLines(noise.lines, 'docx');
  result.warnings = [...noise.warnings, ...result.warnings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return result;
}
