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

/** A line quoted in a message: in full, or its first `max` characters and “…”. */
export function quote(text: string, max = 40): string {
  const t = text.trim();
  const chars = [...t];
  return chars.length <= max ? t : `${chars.slice(0, max).join('')}…`;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  mdash: '—',
};

/** Decodes HTML character references: `&amp;`, `&#39;`, `&#x4E2D;`; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** HTML as a trainer reads it: line breaks for <br> and paragraph ends, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<\s*br\s*\/?\s*>/gi, '\n')
      .replace(/<\/\s*(?:p|div|li|tr|h[1-6])\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && i < all.length - 1 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
