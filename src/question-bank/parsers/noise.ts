/**
 * Removes watermark and page-header noise that text copied from web sites and PDFs carries, e.g.
 * `笔杆儿网www.bgzjy.cn` appended to the end of many lines, or `第 3 页 共 10 页` lines. Only a fragment that
 * repeats on several lines is removed, and every distinct fragment is reported once. Pure.
 */
import type { ImportIssue } from '../question.types';
import { listNumbers, type SourceLine } from './common';

export interface NoiseResult {
  /** The lines that are left, still numbered as in the original document (noise-only lines are dropped). */
  lines: SourceLine[];
  /** One warning per distinct noise fragment, naming the lines it was removed from. */
  warnings: ImportIssue[];
}

export interface NoiseOptions {
  /** How many lines a fragment must appear on to count as noise (default 3). */
  minRepeats?: number;
}

const TLDS =
  'com|cn|net|org|gov|edu|info|top|xyz|cc|io|me|vip|site|wang|ltd|biz|tv|co|club|online|shop|tech|store|ink|work|link';
/** A domain or URL at the very end of a line. */
const DOMAIN_AT_END = new RegExp(
  `(?:https?:\\/\\/)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})(?:\\.[a-z]{2})?(?:\\/[\\w\\-./?%&=#]*)?$`,
  'i',
);
/** Characters that end the run of text in front of a watermark (sentence punctuation, brackets). */
const STOP_CHARS = new Set([...'，。；：！？、“”‘’（）《》【】〔〕「」,;!?()[]{}<>"\'']);
/** A watermark never starts with punctuation, a symbol or a space (those belong to the line in front). */
const LEADING_PUNCTUATION = /^[\s\p{P}\p{S}]+/u;
/** Share of a domain's lines a fragment must end, so that words some real lines share are not taken for it. */
const SHARE = 0.8;
/** Longest domain/URL looked for at the end of a line. */
const MAX_DOMAIN = 120;
/** How far in front of the domain a watermark may reach. */
const MAX_PREFIX = 30;

const PAGE_PATTERNS: { pattern: RegExp; label: string }[] = [
  { pattern: /^第\s*\d+\s*页\s*[,，/／]?\s*共\s*\d+\s*页$/, label: '第 N 页 共 M 页' },
  { pattern: /^共\s*\d+\s*页\s*[,，/／]?\s*第\s*\d+\s*页$/, label: '共 M 页 第 N 页' },
  { pattern: /^第\s*\d+\s*页$/, label: '第 N 页' },
  { pattern: /^[-—–]\s*\d+\s*[-—–]$/, label: '- N -' },
  { pattern: /^page\s*\d+\s*(?:of|\/)\s*\d+$/i, label: 'Page N of M' },
  { pattern: /^\S.{1,80}_第\s*\d+\s*页$/, label: '标题_第 N 页' },
];

interface Candidate {
  index: number;
  /** The line without trailing whitespace. */
  text: string;
  /** The domain as written at the end of the line. */
  domain: string;
  /** The run of text in front of and including the domain. */
  tail: string;
}

function hostOf(domain: string): string {
  return domain
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
}

function tailOf(text: string, domainStart: number): string {
  let start = domainStart;
  while (start > 0 && domainStart - start < MAX_PREFIX && !STOP_CHARS.has(text[start - 1])) start--;
  return text.slice(start);
}

/** The longest suffix (ending with the domain) that at least `need` of the candidates' tails share. */
function commonSuffix(candidates: Candidate[], need: number): string | undefined {
  const counts = new Map<string, number>();
  for (const c of candidates) {
    const seen = new Set<string>();
    for (let len = c.domain.length; len <= c.tail.length; len++) {
      const suffix = c.tail.slice(c.tail.length - len).replace(LEADING_PUNCTUATION, '');
      if (seen.has(suffix)) continue;
      seen.add(suffix);
      counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [suffix, count] of counts) {
    if (count >= need && (best === undefined || suffix.length > best.length)) best = suffix;
  }
  return best;
}

function noiseWarning(what: string, lineNumbers: number[]): ImportIssue {
  return {
    line: lineNumbers[0],
    message: `已删除重复出现的${what}（共${lineNumbers.length}处，第${listNumbers(lineNumbers)}行）`,
  };
}

/** Removes repeated watermark fragments and page headers from numbered lines. */
export function stripNoise(lines: SourceLine[], options: NoiseOptions = {}): NoiseResult {
  const minRepeats = options.minRepeats ?? 3;
  const texts = lines.map((l) => l.text);
  const dropped = new Set<number>();
  const warnings: ImportIssue[] = [];

  for (const { pattern, label } of PAGE_PATTERNS) {
    const hits = lines.map((l, i) => i).filter((i) => !dropped.has(i) && pattern.test(texts[i].trim()));
    if (hits.length >= minRepeats) {
      hits.forEach((i) => dropped.add(i));
      const example = texts[hits[0]].trim();
      warnings.push(
        noiseWarning(
          `页眉页脚“${example}”${example.replace(/\s+/g, ' ') === label ? '' : `（${label}）`}`,
          hits.map((i) => lines[i].no),
        ),
      );
    }
  }

  const groups = new Map<string, Candidate[]>();
  texts.forEach((raw, index) => {
    if (dropped.has(index)) return;
    const text = raw.trimEnd();
    // Only the end of the line can hold the domain; a bounded window keeps the regex linear on huge lines.
    const window = Math.max(0, text.length - MAX_DOMAIN);
    const m = DOMAIN_AT_END.exec(text.slice(window));
    if (!m) return;
    const host = hostOf(m[0]);
    const list = groups.get(host) ?? [];
    list.push({ index, text, domain: m[0], tail: tailOf(text, window + m.index) });
    groups.set(host, list);
  });

  for (const group of groups.values()) {
    let remaining = group;
    while (remaining.length >= minRepeats) {
      const fragment = commonSuffix(remaining, Math.max(minRepeats, Math.ceil(remaining.length * SHARE)));
      if (!fragment) break;
      const hit = remaining.filter((c) => c.text.endsWith(fragment));
      if (hit.length < minRepeats) break;
      for (const c of hit) {
        const rest = c.text.slice(0, c.text.length - fragment.length).trimEnd();
        if (rest.trim() === '') dropped.add(c.index);
        else texts[c.index] = rest;
      }
      warnings.push(
        noiseWarning(
          `水印“${fragment}”`,
          hit.map((c) => lines[c.index].no),
        ),
      );
      const removed = new Set(hit);
      remaining = remaining.filter((c) => !removed.has(c));
    }
  }

  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    lines: lines.map((l, i) => ({ no: l.no, text: texts[i] })).filter((_, i) => !dropped.has(i)),
    warnings,
  };
}
