/**
 * Search helpers shared by the article and material search: query terms, LIKE patterns and highlighted snippets.
 * Pure functions.
 */
import { escapeHtml } from '../common/html';
import { likeContains } from '../common/like';

/** Terms shorter than this cannot use the trigram index (SQLite FTS5 trigram, PostgreSQL pg_trgm). */
export const TRIGRAM_MIN_LENGTH = 3;
export const MAX_QUERY_LENGTH = 100;

/**
 * The search terms of a query: NFKC, split on whitespace and control characters (a NUL would end an FTS5 query
 * early), duplicates removed, at most 5 terms.
 */
export function searchTerms(q: string): string[] {
  const terms = q
    .normalize('NFKC')
    .slice(0, MAX_QUERY_LENGTH)
    .split(/[\s\u3000\p{Cc}]+/u)
    .filter(Boolean);
  return [...new Set(terms)].slice(0, 5);
}

/** Whether every term is long enough for the trigram index. */
export function trigramSearchable(terms: string[]): boolean {
  return terms.length > 0 && terms.every((t) => [...t].length >= TRIGRAM_MIN_LENGTH);
}

/** An FTS5 MATCH expression: every term as a quoted phrase (all must occur). */
export function ftsQuery(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
}

/** A LIKE pattern matching the term anywhere, with \ as the escape character. */
export const likePattern = likeContains;

/** Whether the text contains every term (case-insensitive, NFKC), as the database matched it. */
export function containsAll(text: string, terms: string[]): boolean {
  const t = text.normalize('NFKC').toLowerCase();
  return terms.every((term) => t.includes(term.toLowerCase()));
}

/**
 * `text` as matching sees it (each character NFKC-normalised and lower-cased) with, for every position of the
 * normalised text, where its character starts and ends in `text`: matches are found on the normalised form, the
 * snippet is cut from the original, so Chinese punctuation stays full-width (，not ,).
 */
function normalisedWithMap(text: string): { norm: string; from: number[]; to: number[] } {
  let norm = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    norm += n;
    i += ch.length;
  }
  return { norm, from, to };
}

/**
 * A snippet of `text` around the first match, every match wrapped in <mark>…</mark> and everything else
 * HTML-escaped. `radius` characters are kept on either side of the first match; cut ends get '…'. Text without a
 * match gives its start. Terms match case-insensitively after NFKC; the snippet keeps the text's own characters.
 */
export function highlightSnippet(text: string, terms: string[], radius = 40): string {
  const source = text;
  const { norm, from, to } = normalisedWithMap(source);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const t = term.normalize('NFKC').toLowerCase();
    if (!t) continue;
    for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + t.length))
      ranges.push([from[i], to[i + t.length - 1]]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const first = merged[0];
  const start = first ? Math.max(0, first[0] - radius) : 0;
  const end = first ? Math.min(source.length, first[1] + radius) : Math.min(source.length, 2 * radius);
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const [a, b] of merged) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    out += escapeHtml(source.slice(pos, s)) + '<mark>' + escapeHtml(source.slice(s, e)) + '</mark>';
    pos = e;
  }
  out += escapeHtml(source.slice(pos, end));
  if (end < source.length) out += '…';
  return out.replace(/\n/g, ' ');
}
