/**
 * How trainers write question types, answers, difficulty, status and tags in the non-YAML formats, and how the
 * exporters write them back. Pure functions.
 */
import { parseChineseNumber } from '../../common/chinese-numerals';
import { OPTION_KEYS, type OptionKey, type QuestionStatus, type QuestionType } from '../question.types';

const TYPE_WORDS: Record<string, QuestionType> = {
  单选: 'single',
  单选题: 'single',
  单项选择: 'single',
  单项选择题: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  多项选择: 'multiple',
  多项选择题: 'multiple',
  判断: 'true-false',
  判断题: 'true-false',
  是非题: 'true-false',
  填空: 'fill-blank',
  填空题: 'fill-blank',
  single: 'single',
  multiple: 'multiple',
  'true-false': 'true-false',
  truefalse: 'true-false',
  'fill-blank': 'fill-blank',
  fillblank: 'fill-blank',
};

/** 单选 / 单选题 / single … → the type code; undefined when not a type. */
export function parseQuestionType(text: string): QuestionType | undefined {
  const key = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  return Object.prototype.hasOwnProperty.call(TYPE_WORDS, key) ? TYPE_WORDS[key] : undefined;
}

const TRUE_WORDS = new Set(['对', '正确', '√', '✓', '✔', '是', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['错', '错误', '×', '✗', '✘', '否', 'f', 'false', 'n', 'no']);

/** 对/错/正确/错误/√/×/是/否/T/F/true/false → boolean; undefined for anything else. */
export function parseTrueFalse(text: string): boolean | undefined {
  const key = text
    .trim()
    .replace(/[。.！!]+$/, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase();
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  return undefined;
}

export type LettersParse = { ok: true; keys: OptionKey[] } | { ok: false; message: string };

/**
 * Option letters as written: `B`, `ACD`, `A,C,D`, `A、C、D`, `（B）`, full-width `Ｂ`, lower case. Returns the
 * distinct keys, sorted.
 */
export function parseOptionLetters(text: string): LettersParse {
  const raw = text.trim();
  const compact = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s,、;.()。]/g, '');
  if (compact === '') return { ok: false, message: '答案为空' };
  if (!/^[A-Z]+$/.test(compact)) {
    return { ok: false, message: `答案“${raw}”无法识别，应填写选项字母，如 B 或 ACD` };
  }
  const seen = new Set<string>();
  for (const ch of compact) {
    if (!(OPTION_KEYS as readonly string[]).includes(ch)) {
      return { ok: false, message: `答案“${raw}”中的“${ch}”不是有效选项，选项只能是A–H` };
    }
    if (seen.has(ch)) return { ok: false, message: `答案“${raw}”中选项“${ch}”重复` };
    seen.add(ch);
  }
  return { ok: true, keys: [...seen].sort() as OptionKey[] };
}

const FILL_ESCAPABLE = '\\;；|｜';

/**
 * Splits on any of `separators` that is not escaped by a backslash. Escapes are kept as written, so that the
 * parts can be split again; unescapeFill removes them at the end.
 */
export function splitEscaped(text: string, separators: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && FILL_ESCAPABLE.includes(text[i + 1])) {
      cur += ch + text[i + 1];
      i++;
    } else if (separators.includes(ch)) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

/** `\\` → `\`, `\;` → `;`, `\|` → `|` (and the full-width forms); other backslashes stay as written. */
export function unescapeFill(text: string): string {
  return text.replace(/\\([\\;；|｜])/g, '$1');
}

const BLANK_SEPARATORS = '；;';
const ALTERNATIVE_SEPARATORS = '|｜';

export type FillParse = { ok: true; blanks: string[][] } | { ok: false; message: string };

/** Fill-blank answers: blanks separated by `；`/`;`, accepted alternatives of one blank by `|`. */
export function parseFillAnswer(text: string): FillParse {
  const blanks = splitEscaped(text.trim(), BLANK_SEPARATORS).map((blank) =>
    splitEscaped(blank, ALTERNATIVE_SEPARATORS).map((a) => unescapeFill(a).trim()),
  );
  for (let i = 0; i < blanks.length; i++) {
    if (blanks[i].every((a) => a === '')) {
      return { ok: false, message: `第${i + 1}个空没有答案（多个空用“；”分隔）` };
    }
    if (blanks[i].some((a) => a === '')) {
      return { ok: false, message: `第${i + 1}个空有空白的备选答案（备选答案用“|”分隔）` };
    }
  }
  return { ok: true, blanks };
}

function escapeFill(text: string): string {
  return text.replace(/[\\;；|｜]/g, (c) => `\\${c}`);
}

/** The inverse of parseFillAnswer: `十八|18；选举权`. */
export function formatFillAnswer(blanks: string[][]): string {
  return blanks.map((alternatives) => alternatives.map(escapeFill).join('|')).join('；');
}

/** 1…5 from `3`, `３`, `三`; undefined for anything else (including 0 and 6). */
export function parseDifficulty(text: string): number | undefined {
  const n = parseChineseNumber(text.trim().replace(/\.0+$/, ''));
  return n !== undefined && n >= 1 && n <= 5 ? n : undefined;
}

const STATUS_WORDS: Record<string, QuestionStatus> = {
  '': 'approved',
  已审核: 'approved',
  审核通过: 'approved',
  已通过: 'approved',
  approved: 'approved',
  草稿: 'draft',
  待审核: 'draft',
  draft: 'draft',
  停用: 'retired',
  已停用: 'retired',
  retired: 'retired',
};

/** 草稿/draft → draft, 已审核/approved/empty → approved, 已停用/retired → retired. */
export function parseStatus(text: string): QuestionStatus | undefined {
  const key = text.normalize('NFKC').trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(STATUS_WORDS, key) ? STATUS_WORDS[key] : undefined;
}

export const STATUS_LABELS: Record<QuestionStatus, string> = {
  approved: '已审核',
  draft: '草稿',
  retired: '已停用',
};

/** Tags written in one cell/line: split on 、 , ，, trimmed, empty and repeated ones dropped. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const t of text.split(/[、,，]/)) {
    const tag = t.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}
