/** Small helpers shared by the import parsers. Pure functions. */
import type { ImportIssue } from '../question.types';

/** One line of a text document, numbered from 1 as the trainer's editor shows it. */
export interface SourceLine {
  no: number;
  text: string;
}

/** Splits text into numbered lines (CRLF, CR and LF all end a line). */
export function toLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((line, i) => ({ no: i + 1, text: line }));
}

/** Renders an issue the way a trainer reads it: `第12行：…`, `第3行D列（答案）：…`. */
export function formatIssue(issue: ImportIssue): string {
  let where = '';
  if (issue.line !== undefined) where = `第${issue.line}行`;
  else if (issue.row !== undefined) where = `第${issue.row}行` + (issue.column ? `${issue.column}列` : '');
  if (issue.field && issue.row !== undefined) where += `（${issue.field}）`;
  return where ? `${where}：${issue.message}` : issue.message;
}

/** The error message of anything thrown, for wrapping unexpected failures. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Lists line/row numbers compactly for messages: 2、3、5 (at most `max`, then 等). */
export function listNumbers(numbers: number[], max = 30): string {
  const shown = numbers.slice(0, max).join('、');
  return numbers.length > max ? `${shown}等` : shown;
}
