/**
 * One entry point for every import format: picks the parser by file extension (and, for .txt, by content),
 * validates every question, reports questions repeated within the file, and never throws.
 */
import type { ImportFormat, ImportIssue, ParsedQuestion, ParseResult } from '../question.types';
import { parseAikenText } from './aiken.parser';
import { errorText } from './common';
import { decodeText, DecodeError } from '../../common/text-decode';
import { parseGiftText } from './gift.parser';
import { parseCsvText, parseXlsx } from './spreadsheet.parser';
import { parseDocx, parseNumberedText } from './text.parser';
import { duplicateIssues, validateDraft } from './validate';
import { parseYamlBank } from './yaml.parser';

export interface ParseOptions {
  /** Most questions one file may hold (default 5000). */
  maxQuestions?: number;
}

export const DEFAULT_MAX_QUESTIONS = 5000;
/** Most errors (and warnings) listed for one file; the rest are summed up in one last issue. */
export const MAX_ISSUES = 1000;
export const SUPPORTED_EXTENSIONS = [
  '.yaml',
  '.yml',
  '.json',
  '.xlsx',
  '.csv',
  '.txt',
  '.docx',
  '.gift',
  '.aiken',
];

const LEGACY_FORMATS: Record<string, string> = {
  '.xls': '旧版 Excel（.xls）文件请用 Excel/WPS 另存为 .xlsx 后上传',
  '.doc': '旧版 Word（.doc）文件请用 Word/WPS 另存为 .docx 后上传',
  '.et': 'WPS 表格文件请另存为 .xlsx 后上传',
  '.wps': 'WPS 文字文件请另存为 .docx 后上传',
};

function extensionOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 || (dot === 0 && base.length > 1) ? base.slice(dot).toLowerCase() : '';
}

/** GIFT answer blocks: `{=…}`, `{~…}`, `{T}`, `{FALSE}` … */
const GIFT_BLOCK = /(?:^|[^\\])\{\s*(?:[=~]|(?:T|F|TRUE|FALSE)\s*(?:#[^}]*)?\})/im;
const AIKEN_ANSWER = /^\s*ANSWER\s*[:：]/im;

/** Which parser a .txt file needs: GIFT (answer blocks), Aiken (ANSWER: lines) or the numbered style. */
export function sniffTextFormat(text: string): 'gift' | 'aiken' | 'txt' {
  if (GIFT_BLOCK.test(text)) return 'gift';
  if (AIKEN_ANSWER.test(text)) return 'aiken';
  return 'txt';
}

function failure(format: ImportFormat, message: string): ParseResult {
  return { format, questions: [], errors: [{ message }], warnings: [] };
}

function formatOf(ext: string): ImportFormat {
  const byExt: Record<string, ImportFormat> = {
    '.yaml': 'yaml',
    '.yml': 'yaml',
    '.json': 'json',
    '.xlsx': 'xlsx',
    '.csv': 'csv',
    '.docx': 'docx',
    '.gift': 'gift',
    '.aiken': 'aiken',
  };
  return byExt[ext] ?? 'txt';
}

async function dispatch(ext: string, data: Buffer): Promise<ParseResult> {
  switch (ext) {
    case '.xlsx':
      return parseXlsx(data);
    case '.docx':
      return parseDocx(data);
  }
  const { text } = decodeText(data);
  switch (ext) {
    case '.yaml':
    case '.yml':
      return parseYamlBank(text, 'yaml');
    case '.json':
      return parseYamlBank(text, 'json');
    case '.csv':
      return parseCsvText(text);
    case '.gift':
      return parseGiftText(text);
    case '.aiken':
      return parseAikenText(text);
    default: {
      const kind = sniffTextFormat(text);
      return kind === 'gift'
        ? parseGiftText(text)
        : kind === 'aiken'
          ? parseAikenText(text)
          : parseNumberedText(text);
    }
  }
}

function position(q: ParsedQuestion): { issue: Omit<ImportIssue, 'message' | 'field'>; label: string } {
  if (q.row !== undefined && q.sheet !== undefined)
    return { issue: { sheet: q.sheet, row: q.row }, label: `工作表“${q.sheet}”第${q.row}行` };
  if (q.row !== undefined) return { issue: { row: q.row }, label: `第${q.row}行` };
  if (q.line !== undefined) return { issue: { line: q.line }, label: `第${q.line}行` };
  return { issue: {}, label: '前面' };
}

function issueKey(issue: ImportIssue): string {
  return JSON.stringify([issue.sheet, issue.line, issue.row, issue.column, issue.field, issue.message]);
}

/** Safety net and file-level checks shared by every format. */
function finalize(result: ParseResult, maxQuestions: number): ParseResult {
  const known = new Set(result.errors.map(issueKey));
  const valid: ParsedQuestion[] = [];
  for (const q of result.questions) {
    const issues = validateDraft(q.question, position(q).issue);
    for (const issue of issues) {
      if (!known.has(issueKey(issue))) result.errors.push(issue);
      known.add(issueKey(issue));
    }
    if (issues.length === 0) valid.push(q);
  }
  result.questions = valid;
  // Spreadsheets report repeats themselves, with the column of 题干.
  if (result.format !== 'xlsx' && result.format !== 'csv') {
    const { issues, duplicates } = duplicateIssues(result.questions, (q) => ({
      issue: {
        ...position(q).issue,
        field: result.format === 'yaml' || result.format === 'json' ? 'stem' : '题干',
      },
      label: position(q).label,
    }));
    result.errors.push(...issues);
    result.questions = result.questions.filter((q) => !duplicates.has(q));
  }
  if (result.questions.length > maxQuestions) {
    result.errors.push({
      message: `题目数量（${result.questions.length}道）超过单个文件的上限（${maxQuestions}道），请拆分后分批导入`,
    });
  }
  // A file of unsupported questions only has nothing to import, but it is not wrong: they are reported as skipped.
  if (result.questions.length === 0 && result.errors.length === 0 && !result.skipped?.length) {
    result.errors.push({ message: '文件中没有找到题目，请对照导入模板检查格式' });
  }
  result.errors.sort((a, b) => (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0));
  result.errors = capped(result.errors, '错误', '请先修改以上错误后重新上传');
  result.warnings = capped(result.warnings, '提示', '');
  return result;
}

/** A broken file can produce an issue per line; the trainer needs the first ones, not a hundred thousand. */
function capped(issues: ImportIssue[], what: string, advice: string): ImportIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const rest = issues.length - MAX_ISSUES;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { message: `另有${rest}条${what}未列出${advice ? `，${advice}` : ''}` },
  ];
}

/**
 * Parses an uploaded question file by its extension (.yaml .yml .json .xlsx .csv .txt .docx .gift .aiken; a .txt
 * holding GIFT or Aiken is parsed as such and `format` says so). Never throws: every problem is an issue.
 */
export async function parseQuestionFile(
  fileName: string,
  data: Buffer,
  opts: ParseOptions = {},
): Promise<ParseResult> {
  const ext = extensionOf(fileName);
  const maxQuestions = opts.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    const shown = ext || '（无扩展名）';
    const hint = LEGACY_FORMATS[ext] ? `；${LEGACY_FORMATS[ext]}` : '';
    return failure(
      'txt',
      `不支持的文件格式：${shown}，请上传 ${SUPPORTED_EXTENSIONS.join('、')} 文件${hint}`,
    );
  }
  const format = formatOf(ext);
  if (!Buffer.isBuffer(data) || data.length === 0) return failure(format, '文件是空的');
  try {
    return finalize(await dispatch(ext, data), maxQuestions);
  } catch (e) {
    if (e instanceof DecodeError) return failure(format, e.message);
    return failure(format, `解析文件时出错，请检查文件内容是否完整（${errorText(e).slice(0, 200)}）`);
  }
}

export { buildTemplateXlsx, exportBankXlsx, parseXlsx, parseCsvText, parseSheet } from './spreadsheet.parser';
export { exportBankYaml, parseYamlBank } from './yaml.parser';
export { parseDocx, parseNumberedText } from './text.parser';
export { parseGiftText } from './gift.parser';
export { parseAikenText } from './aiken.parser';
export { decodeText, DecodeError } from '../../common/text-decode';
export { stripNoise } from './noise';
export { citationFromParts, formatCitation, parseArticleRef, parseCitation } from './citation';
export { normalizeStem, validateDraft } from './validate';
export { checkZip } from '../../common/zip-guard';
export { formatIssue } from './common';
