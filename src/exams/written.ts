/**
 * Written questions (简答题, 案例分析题) on a paper and in marking: what a candidate sees of a case, the rubric of a
 * written answer, the rule that turns markers' marks into a final score (双评/仲裁), marking help (key terms
 * highlighted, never scored) and the statistics. Pure functions; no Nest or TypeORM.
 */
import type {
  AnswerKey,
  CaseKey,
  OptionKey,
  QuestionType,
  RubricPoint,
  WrittenKey,
} from '../question-bank/question.types';
import { apportion } from './apportion';
import { roundPoints } from './blueprint';

/**
 * The points of a case's sub-questions on a paper where the case is worth `points`: the author's points when they add
 * up to it, otherwise shared in proportion in half points that add up to exactly `points` (apportion.ts). The paper,
 * the scoring and the review all use these shares.
 */
export function caseShares(key: CaseKey, points: number): number[] {
  return apportion(
    key.questions.map((q) => q.points),
    points,
  );
}

/** A case's sub-questions without keys, explanations or rubrics; points shared as on the paper (caseShares). */
export function caseForCandidate(
  key: CaseKey,
  points: number,
): {
  type: CaseKey['questions'][number]['type'];
  stem: string;
  options: { key: OptionKey; text: string }[];
  blanks?: number;
  points: number;
}[] {
  const shares = caseShares(key, points);
  return key.questions.map((q, i) => ({
    type: q.type,
    stem: q.stem,
    options: q.options.map((o) => ({ key: o.key, text: o.text })),
    ...(q.type === 'fill-blank' ? { blanks: (q.answer as string[][]).length } : {}),
    points: shares[i],
  }));
}

/** The rubric of one written answer: a short-answer's, or the written sub-question `sub` of a case. */
export function rubricOf(key: AnswerKey, type: QuestionType, sub: number): RubricPoint[] {
  if (type === 'short-answer') return (key as WrittenKey).rubric;
  if (type === 'case') {
    const q = (key as CaseKey).questions[sub];
    if (q && q.type === 'short-answer') return (q.answer as WrittenKey).rubric;
  }
  return [];
}

/** The reference answer of one written answer. */
export function referenceOf(key: AnswerKey, type: QuestionType, sub: number): string {
  if (type === 'short-answer') return (key as WrittenKey).reference;
  const q = type === 'case' ? (key as CaseKey).questions[sub] : undefined;
  return q && q.type === 'short-answer' ? (q.answer as WrittenKey).reference : '';
}

/**
 * Checks a marker's awards against the rubric: one number per rubric point, each a whole or half point between 0
 * and the point's maximum. Returns a Chinese message, or null when they are acceptable.
 */
export function checkAwards(rubric: readonly { points: number }[], awards: unknown): string | null {
  if (!Array.isArray(awards) || awards.length !== rubric.length)
    return `评分须逐条给出，本题有 ${rubric.length} 个评分要点`;
  for (let i = 0; i < rubric.length; i++) {
    const a = awards[i] as unknown;
    if (typeof a !== 'number' || !Number.isFinite(a) || a < 0 || a > rubric[i].points)
      return `第${i + 1}个评分要点的得分应在 0 到 ${rubric[i].points} 分之间`;
    if (!Number.isInteger(a * 2)) return `第${i + 1}个评分要点的得分应为整分或半分（如 1.5）`;
  }
  return null;
}

export interface Mark {
  awards: readonly number[];
  score: number;
}

export interface MarkingRule {
  /** Two markers independently (双评). */
  double: boolean;
  /** Largest difference of two totals that needs no third marker. */
  tolerance: number;
}

export type MarkingOutcome =
  | { state: 'open'; marksNeeded: number }
  | { state: 'third' }
  | { state: 'final'; score: number; awards: number[]; used: number[] };

const meanOf = (marks: readonly Mark[], rubricLength: number): { score: number; awards: number[] } => {
  const awards = Array.from({ length: rubricLength }, (_, i) =>
    roundPoints(marks.reduce((s, m) => s + (m.awards[i] ?? 0), 0) / marks.length),
  );
  return { score: roundPoints(marks.reduce((s, m) => s + m.score, 0) / marks.length), awards };
};

/**
 * The final score of a written answer from its current marks, in the order given:
 * - single marking: the one mark;
 * - double marking: two marks whose totals differ by at most the tolerance → their mean (per rubric point and in
 *   total); more → a third marker (仲裁); with three marks → the mean of the two closest totals, and when two
 *   pairs are equally close, the pair with the higher mean (the candidate gets the benefit of the doubt).
 */
export function finalMark(marks: readonly Mark[], rule: MarkingRule, rubricLength: number): MarkingOutcome {
  if (!rule.double) {
    if (marks.length === 0) return { state: 'open', marksNeeded: 1 };
    return { state: 'final', ...meanOf([marks[0]], rubricLength), used: [0] };
  }
  if (marks.length < 2) return { state: 'open', marksNeeded: 2 - marks.length };
  if (marks.length === 2) {
    if (Math.abs(marks[0].score - marks[1].score) <= rule.tolerance + 1e-9)
      return { state: 'final', ...meanOf(marks, rubricLength), used: [0, 1] };
    return { state: 'third' };
  }
  const pairs: [number, number][] = [
    [0, 1],
    [0, 2],
    [1, 2],
  ];
  const diff = ([i, j]: [number, number]) => Math.abs(marks[i].score - marks[j].score);
  const mean = ([i, j]: [number, number]) => marks[i].score + marks[j].score;
  const best = pairs.reduce((b, p) =>
    diff(p) < diff(b) - 1e-9 || (Math.abs(diff(p) - diff(b)) <= 1e-9 && mean(p) > mean(b)) ? p : b,
  );
  return { state: 'final', ...meanOf([marks[best[0]], marks[best[1]]], rubricLength), used: best };
}

/** The answer text cut into pieces, the rubric's key terms marked (marking help only; nothing is scored). */
export function highlightTerms(text: string, terms: readonly string[]): { text: string; term: boolean }[] {
  const words = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const out: { text: string; term: boolean }[] = [];
  let plain = '';
  for (let i = 0; i < text.length; ) {
    const hit = words.find((w) => text.startsWith(w, i));
    if (hit) {
      if (plain) out.push({ text: plain, term: false });
      plain = '';
      out.push({ text: hit, term: true });
      i += hit.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) out.push({ text: plain, term: false });
  return out;
}

/** Mean and (population) standard deviation of final scores; null when there are none. */
export function spread(scores: readonly number[]): { n: number; mean: number | null; sd: number | null } {
  if (scores.length === 0) return { n: 0, mean: null, sd: null };
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  const variance = scores.reduce((s, x) => s + (x - mean) ** 2, 0) / scores.length;
  return { n: scores.length, mean: roundPoints(mean), sd: roundPoints(Math.sqrt(variance)) };
}

/**
 * Agreement of double marking: over answers with two first marks, the share whose totals are within the tolerance
 * and the mean absolute difference of the totals.
 */
export function agreement(
  pairs: readonly [number, number][],
  tolerance: number,
): { pairs: number; withinTolerance: number | null; meanAbsDiff: number | null } {
  if (pairs.length === 0) return { pairs: 0, withinTolerance: null, meanAbsDiff: null };
  const diffs = pairs.map(([a, b]) => Math.abs(a - b));
  return {
    pairs: pairs.length,
    withinTolerance: roundPoints(diffs.filter((d) => d <= tolerance + 1e-9).length / pairs.length),
    meanAbsDiff: roundPoints(diffs.reduce((s, d) => s + d, 0) / pairs.length),
  };
}
