/**
 * Compares two versions of a law's articles, to know which questions need a trainer's review after an amendment.
 * Pure functions. Texts are compared after NFKC normalisation with all whitespace removed.
 *
 * Pairing, in this order (each article is paired at most once):
 *  1. identical normalised text → unchanged (same number) or renumbered (different number); among several
 *     identical candidates the one with the same number wins, otherwise the first unpaired one in order;
 *  2. same number, character-bigram Dice similarity ≥ {@link SAME_NUMBER_SIMILARITY} → changed;
 *  3. across numbers, best similarity first (ties: closest numbers, then lower new number), ≥
 *     {@link MOVED_SIMILARITY} → changed with previousNumber ≠ number;
 *  4. the rest of `next` is added, the rest of `prev` removed.
 */
import type { LawArticle } from './law-text';

export interface ArticleDiff {
  /** next numbers whose text did not change and kept their number */
  unchanged: number[];
  /** next number, with the previous version's number (equal unless the article also moved) */
  changed: { number: number; previousNumber: number }[];
  /** next numbers with no counterpart in prev */
  added: number[];
  /** prev numbers with no counterpart in next */
  removed: number[];
  /** identical text under a new number */
  renumbered: { from: number; to: number }[];
}

export const SAME_NUMBER_SIMILARITY = 0.5;
export const MOVED_SIMILARITY = 0.6;

/** Only the number and the text are compared, so a full LawArticle fits. */
export type DiffArticle = Pick<LawArticle, 'number' | 'text'>;

/** NFKC, all whitespace removed. */
export function normaliseArticleText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** Sørensen–Dice coefficient on character bigrams (multisets) of the normalised texts, 0..1. */
export function textSimilarity(a: string, b: string): number {
  return dice(bigrams(normaliseArticleText(a)), bigrams(normaliseArticleText(b)));
}

export function diffArticles(prev: DiffArticle[], next: DiffArticle[]): ArticleDiff {
  const prevNorm = prev.map((a) => normaliseArticleText(a.text));
  const nextNorm = next.map((a) => normaliseArticleText(a.text));
  const prevPaired = new Array<boolean>(prev.length).fill(false);
  const nextPaired = new Array<boolean>(next.length).fill(false);
  const out: ArticleDiff = { unchanged: [], changed: [], added: [], removed: [], renumbered: [] };

  // 1. identical text
  const byText = new Map<string, number[]>();
  prevNorm.forEach((t, i) => byText.set(t, [...(byText.get(t) ?? []), i]));
  next.forEach((a, j) => {
    const candidates = (byText.get(nextNorm[j]) ?? []).filter((i) => !prevPaired[i]);
    if (candidates.length === 0) return;
    const i = candidates.find((k) => prev[k].number === a.number) ?? candidates[0];
    prevPaired[i] = nextPaired[j] = true;
    if (prev[i].number === a.number) out.unchanged.push(a.number);
    else out.renumbered.push({ from: prev[i].number, to: a.number });
  });

  // 2. same number, similar text
  const prevGrams = prevNorm.map(bigrams);
  const nextGrams = nextNorm.map(bigrams);
  const byNumber = new Map<number, number[]>();
  prev.forEach((a, i) => byNumber.set(a.number, [...(byNumber.get(a.number) ?? []), i]));
  next.forEach((a, j) => {
    if (nextPaired[j]) return;
    const i = (byNumber.get(a.number) ?? []).find((k) => !prevPaired[k]);
    if (i === undefined || dice(prevGrams[i], nextGrams[j]) < SAME_NUMBER_SIMILARITY) return;
    prevPaired[i] = nextPaired[j] = true;
    out.changed.push({ number: a.number, previousNumber: prev[i].number });
  });

  // 3. best similarity across numbers
  const candidates: { i: number; j: number; score: number }[] = [];
  prev.forEach((_, i) => {
    if (prevPaired[i]) return;
    next.forEach((_, j) => {
      if (nextPaired[j]) return;
      const a = prevGrams[i].size;
      const b = nextGrams[j].size;
      if (a + b === 0 || (2 * Math.min(a, b)) / (a + b) < MOVED_SIMILARITY) return; // cannot reach the threshold
      const score = dice(prevGrams[i], nextGrams[j]);
      if (score >= MOVED_SIMILARITY) candidates.push({ i, j, score });
    });
  });
  candidates.sort(
    (x, y) =>
      y.score - x.score ||
      Math.abs(prev[x.i].number - next[x.j].number) - Math.abs(prev[y.i].number - next[y.j].number) ||
      next[x.j].number - next[y.j].number,
  );
  for (const { i, j } of candidates) {
    if (prevPaired[i] || nextPaired[j]) continue;
    prevPaired[i] = nextPaired[j] = true;
    out.changed.push({ number: next[j].number, previousNumber: prev[i].number });
  }

  // 4. the rest
  next.forEach((a, j) => nextPaired[j] || out.added.push(a.number));
  prev.forEach((a, i) => prevPaired[i] || out.removed.push(a.number));

  const asc = (x: number, y: number) => x - y;
  out.unchanged.sort(asc);
  out.changed.sort((x, y) => x.number - y.number);
  out.added.sort(asc);
  out.removed.sort(asc);
  out.renumbered.sort((x, y) => x.to - y.to);
  return out;
}

/**
 * Previous-version article numbers whose questions need review: changed, removed, and renumbered (the text is the
 * same, but a citation of the old number is stale). Ascending, without duplicates.
 */
export function affectedArticleNumbers(diff: ArticleDiff): number[] {
  const numbers = new Set<number>([
    ...diff.changed.map((c) => c.previousNumber),
    ...diff.removed,
    ...diff.renumbered.map((r) => r.from),
  ]);
  return [...numbers].sort((a, b) => a - b);
}

/** Bigram multiset: bigram → count, with `size` meaning the total count (kept in a wrapper for speed). */
interface Bigrams {
  counts: Map<string, number>;
  size: number;
  /** for texts shorter than two characters */
  text: string;
}

function bigrams(text: string): Bigrams {
  const chars = [...text];
  const counts = new Map<string, number>();
  for (let k = 0; k + 1 < chars.length; k++) {
    const g = chars[k] + chars[k + 1];
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return { counts, size: Math.max(0, chars.length - 1), text };
}

function dice(a: Bigrams, b: Bigrams): number {
  if (a.size === 0 || b.size === 0) return a.text === b.text ? 1 : 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let common = 0;
  for (const [g, n] of small.counts) common += Math.min(n, large.counts.get(g) ?? 0);
  return (2 * common) / (a.size + b.size);
}
