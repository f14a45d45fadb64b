/**
 * Checking and scoring responses. Pure functions; scores are kept to 2 decimals and never leave [0, points].
 *
 * Response shapes: single 'B'; multiple ['A', 'C']; true-false boolean; fill-blank string[] (one per blank).
 * null/undefined means "not answered"; so do '', [] and a fill-blank whose blanks are all empty.
 */
import {
  AnswerKey,
  CaseKey,
  OPTION_KEYS,
  OptionKey,
  QuestionType,
  WrittenKey,
  rubricMax,
} from '../question-bank/question.types';
import { roundPoints } from './blueprint';
import { caseShares } from './written';

/**
 * Short-answer: the text. Case: one entry per sub-question, in order (an objective sub-question's response, or the
 * text of a written one; null when not answered).
 */
export type AnswerResponse =
  | OptionKey
  | OptionKey[]
  | boolean
  | string
  | string[]
  | (OptionKey | OptionKey[] | boolean | string | string[] | null)[]
  | null
  | undefined;

export type MultipleMode = 'all-or-nothing' | 'partial';

/** 'pending': a written answer is still to be marked (the score so far is the objective part only). */
export type ScoreState = 'correct' | 'partial' | 'wrong' | 'unanswered' | 'pending';

export interface QuestionScore {
  score: number;
  state: ScoreState;
}

export interface ResponseContext {
  /** The question's option keys (single/multiple); defaults to A–H. */
  optionKeys?: readonly OptionKey[];
  /** The number of blanks (fill-blank); no limit when absent. */
  blanks?: number;
  /** A case's sub-questions (their types, option keys and blanks). */
  subs?: readonly SubLayout[];
}

/** The longest text accepted in one blank, in characters. */
export const MAX_BLANK_LENGTH = 500;

/** The longest written answer (简答题, or one written sub-question of a case), in characters. */
export const MAX_TEXT_ANSWER = 2000;

/** What the save route needs to know of a case's sub-questions: type, option keys, blanks. */
export interface SubLayout {
  t: 'single' | 'multiple' | 'true-false' | 'fill-blank' | 'short-answer';
  k?: OptionKey[];
  b?: number;
}

export function caseLayout(key: CaseKey): SubLayout[] {
  return key.questions.map((q) => ({
    t: q.type,
    ...(q.options.length ? { k: q.options.map((o) => o.key) } : {}),
    ...(q.type === 'fill-blank' ? { b: (q.answer as string[][]).length } : {}),
  }));
}

function validateText(response: unknown, what: string): string | null {
  if (typeof response !== 'string') return `${what}的作答必须是一段文字`;
  const length = Array.from(response).length;
  return length > MAX_TEXT_ANSWER ? `${what}的作答过长（${length}字，最多 ${MAX_TEXT_ANSWER} 字）` : null;
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks a response's shape. Returns null when it is acceptable (including "not answered"), else a Chinese message. */
export function validateResponse(
  type: QuestionType,
  response: unknown,
  context: ResponseContext = {},
): string | null {
  if (response === null || response === undefined) return null;
  const keys: readonly string[] = context.optionKeys ?? OPTION_KEYS;
  switch (type) {
    case 'single':
      if (typeof response !== 'string') return '单选题的作答必须是一个选项';
      if (response === '') return null;
      return keys.includes(response) ? null : `选项“${response}”不存在`;
    case 'multiple': {
      if (!isStringArray(response)) return '多选题的作答必须是选项列表';
      const seen = new Set<string>();
      for (const key of response) {
        if (!keys.includes(key)) return `选项“${key}”不存在`;
        if (seen.has(key)) return `选项“${key}”重复选择`;
        seen.add(key);
      }
      return null;
    }
    case 'true-false':
      return typeof response === 'boolean' ? null : '判断题的作答必须是“对”或“错”';
    case 'fill-blank': {
      if (!isStringArray(response)) return '填空题的作答必须是每空一段文字的列表';
      if (context.blanks !== undefined && response.length > context.blanks) {
        return `本题只有 ${context.blanks} 个空，作答了 ${response.length} 个`;
      }
      const overlong = response.findIndex((text) => Array.from(text).length > MAX_BLANK_LENGTH);
      return overlong >= 0 ? `第${overlong + 1}空的作答过长（最多 ${MAX_BLANK_LENGTH} 字）` : null;
    }
    case 'short-answer':
      return validateText(response, '简答题');
    case 'case': {
      const subs = context.subs ?? [];
      if (!Array.isArray(response)) return '案例分析题的作答必须是每道小题一项的列表';
      if (response.length > subs.length)
        return `本案例只有 ${subs.length} 道小题，作答了 ${response.length} 道`;
      for (let i = 0; i < response.length; i++) {
        const sub = subs[i];
        const problem =
          sub.t === 'short-answer'
            ? response[i] === null
              ? null
              : validateText(response[i], `第${i + 1}小题`)
            : validateResponse(sub.t, response[i], { optionKeys: sub.k, blanks: sub.b });
        if (problem) return sub.t === 'short-answer' ? problem : `第${i + 1}小题：${problem}`;
      }
      return null;
    }
    default:
      return '题型无效';
  }
}

/**
 * How fill-blank answers are compared: NFKC (full-width → half-width), trimmed, trailing 。 dropped, inner
 * whitespace collapsed to one space, lower-cased.
 */
export function normalizeBlank(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .replace(/[。\s]+$/u, '')
    .replace(/\s+/gu, ' ')
    .toLowerCase();
}

/** Whether a response counts as "not answered". */
export function isUnanswered(type: QuestionType, response: unknown): boolean {
  if (response === null || response === undefined) return true;
  if (type === 'short-answer') return typeof response !== 'string' || response.trim() === '';
  if (type === 'case') return !Array.isArray(response) || response.every(isBlankValue);
  if (type === 'single') return response === '';
  if (type === 'multiple') return Array.isArray(response) && response.length === 0;
  if (type === 'fill-blank') {
    return (
      Array.isArray(response) && response.every((t) => typeof t !== 'string' || normalizeBlank(t) === '')
    );
  }
  return false;
}

/** A sub-response that says nothing: null, '', [], or blanks all empty. */
function isBlankValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string' && x.trim() === '');
  return false;
}

/**
 * Marked points of an item's written answers, raw (out of the rubric): a short-answer's at index 0, a case's at its
 * sub-question's index. null or absent: not marked yet.
 */
export type WrittenRaw = readonly (number | null | undefined)[];

export interface ScoreQuestionInput {
  type: QuestionType;
  key: AnswerKey;
  points: number;
  response: AnswerResponse;
  multipleMode: MultipleMode;
  /** Written types: the marked points so far. */
  written?: WrittenRaw;
}

/** The written answers of an item: [sub index (0 for a short-answer), its text, the rubric's maximum]. */
export function writtenAnswersOf(
  type: QuestionType,
  key: AnswerKey,
  response: unknown,
): { sub: number; text: string; max: number }[] {
  if (type === 'short-answer') {
    return [
      {
        sub: 0,
        text: typeof response === 'string' ? response : '',
        max: rubricMax((key as WrittenKey).rubric),
      },
    ];
  }
  if (type !== 'case') return [];
  const list = Array.isArray(response) ? (response as unknown[]) : [];
  return (key as CaseKey).questions.flatMap((q, i) =>
    q.type === 'short-answer'
      ? [{ sub: i, text: typeof list[i] === 'string' ? (list[i] as string) : '', max: q.points }]
      : [],
  );
}

/**
 * A written item: objective sub-questions scored at once; each written answer counts with its marked points (an
 * empty one with 0). A short-answer's points are shared in proportion: score = points × marked ÷ the rubric's sum.
 * A case's points are first shared among its sub-questions (caseShares: the author's points, or half-point shares
 * adding up to exactly the item's points); each sub-question scores on its share — an objective one as any question
 * of that many points, a written one share × marked ÷ its rubric's sum — and the item's score is their sum.
 * 'pending' (with the objective part only) while a non-empty written answer is unmarked.
 */
function scoreWritten(input: ScoreQuestionInput): QuestionScore {
  const { type, key, points, response, multipleMode, written = [] } = input;
  const answers = writtenAnswersOf(type, key, response);
  const pending = answers.some((w) => w.text.trim() !== '' && (written[w.sub] ?? null) === null);
  const markedShare = (w: { sub: number; text: string; max: number }, share: number) => {
    const marked = w.text.trim() === '' ? 0 : (written[w.sub] ?? 0);
    return w.max > 0 ? roundPoints((share * Math.min(w.max, Math.max(0, marked))) / w.max) : 0;
  };
  let total: number;
  if (type === 'case') {
    const list = Array.isArray(response) ? (response as unknown[]) : [];
    const shares = caseShares(key as CaseKey, points);
    total = (key as CaseKey).questions.reduce((sum, q, i) => {
      if (q.type === 'short-answer') {
        const w = answers.find((a) => a.sub === i);
        return sum + (w ? markedShare(w, shares[i]) : 0);
      }
      const sub = scoreQuestion({
        type: q.type,
        key: q.answer as AnswerKey,
        points: shares[i],
        response: (list[i] ?? null) as AnswerResponse,
        multipleMode,
      });
      return sum + sub.score;
    }, 0);
  } else {
    total = answers.reduce((sum, w) => sum + markedShare(w, points), 0);
  }
  const score = Math.min(points, Math.max(0, roundPoints(total)));
  if (pending) return { score, state: 'pending' };
  return {
    score,
    state: score >= points - 1e-9 ? 'correct' : score <= 0 ? 'wrong' : 'partial',
  };
}

/**
 * Scores one response. A malformed response scores 0 ('wrong'); validate it first to tell the candidate.
 * Throws when the answer key does not fit the type (bad data, not a candidate error).
 */
export function scoreQuestion(input: ScoreQuestionInput): QuestionScore {
  const { type, key, points, response, multipleMode } = input;
  if (isUnanswered(type, response)) return { score: 0, state: 'unanswered' };
  if (type === 'short-answer' || type === 'case') return scoreWritten(input);
  const fraction = scoreFraction(type, key, response, multipleMode);
  const score = Math.min(points, Math.max(0, roundPoints(points * fraction)));
  const state: ScoreState = fraction >= 1 ? 'correct' : fraction <= 0 ? 'wrong' : 'partial';
  return { score, state };
}

/** The share of the points earned, in [0, 1]. */
function scoreFraction(type: QuestionType, key: AnswerKey, response: unknown, mode: MultipleMode): number {
  switch (type) {
    case 'single':
      if (typeof key !== 'string') throw new Error('单选题的答案格式无效');
      return response === key ? 1 : 0;
    case 'true-false':
      if (typeof key !== 'boolean') throw new Error('判断题的答案格式无效');
      return response === key ? 1 : 0;
    case 'multiple': {
      if (!isStringArray(key) || key.length === 0) throw new Error('多选题的答案格式无效');
      if (!isStringArray(response)) return 0;
      const correct = new Set<string>(key);
      const selected = new Set(response);
      if ([...selected].some((k) => !correct.has(k))) return 0;
      if (selected.size === correct.size) return 1;
      return mode === 'partial' ? selected.size / correct.size : 0;
    }
    case 'fill-blank': {
      if (!Array.isArray(key) || key.length === 0 || !key.every(isStringArray)) {
        throw new Error('填空题的答案格式无效');
      }
      if (!isStringArray(response)) return 0;
      const right = key.filter((accepted, i) => {
        const given = normalizeBlank(response[i] ?? '');
        return given !== '' && accepted.some((a) => normalizeBlank(a) === given);
      }).length;
      return right / key.length;
    }
    default:
      throw new Error('题型无效');
  }
}

export interface PaperResponseItem {
  /** The part's key. */
  part: string;
  points: number;
  type: QuestionType;
  key: AnswerKey;
  response: AnswerResponse;
  written?: WrittenRaw;
}

export interface PartScore {
  key: string;
  score: number;
  maxScore: number;
  /** The part's own pass mark, or null when it has none. */
  passMark: number | null;
  /** Whether the part reached its pass mark (true when it has none). */
  passed: boolean;
}

export interface ItemScore extends QuestionScore {
  part: string;
  points: number;
}

export interface PaperScore {
  score: number;
  maxScore: number;
  /** score ≥ passMark and every part with a pass mark reached it. */
  passed: boolean;
  parts: PartScore[];
  /** One entry per item, in the items' order. */
  perItem: ItemScore[];
  /** Some written answer is still to be marked: score is the objective part so far, passed means nothing yet. */
  pending: boolean;
}

const reaches = (score: number, mark: number) => score + 1e-9 >= mark;

/**
 * Scores a submitted paper. Parts are reported in the order given, followed by any part key that only appears on
 * items. Passing needs the overall pass mark and every part's own pass mark (e.g. both the 通用 and the 专门 part
 * of a 行政执法资格 exam).
 */
export function scorePaper(
  items: readonly PaperResponseItem[],
  parts: readonly { key: string; passMark?: number | null }[],
  passMark: number,
  multipleMode: MultipleMode,
): PaperScore {
  // Field by field, not spread: this runs for every question of every submit (issue #19).
  const perItem: ItemScore[] = items.map((item) => {
    const { score, state } = scoreQuestion({
      type: item.type,
      key: item.key,
      points: item.points,
      response: item.response,
      multipleMode,
      written: item.written,
    });
    return { part: item.part, points: item.points, score, state };
  });
  const partKeys = [...new Set([...parts.map((p) => p.key), ...items.map((i) => i.part)])];
  const partScores: PartScore[] = partKeys.map((key) => {
    const mine = perItem.filter((i) => i.part === key);
    const score = roundPoints(mine.reduce((sum, i) => sum + i.score, 0));
    const max = roundPoints(mine.reduce((sum, i) => sum + i.points, 0));
    const mark = parts.find((p) => p.key === key)?.passMark ?? null;
    return { key, score, maxScore: max, passMark: mark, passed: mark === null || reaches(score, mark) };
  });
  const score = roundPoints(perItem.reduce((sum, i) => sum + i.score, 0));
  const max = roundPoints(items.reduce((sum, i) => sum + i.points, 0));
  const pending = perItem.some((i) => i.state === 'pending');
  const passed = !pending && reaches(score, passMark) && partScores.every((p) => p.passed);
  return { score, maxScore: max, passed, parts: partScores, perItem, pending };
}

export interface GradedAttempt {
  score: number;
  /** null for an attempt still in progress (ignored). */
  submittedAt: Date | string | number | null;
}

/**
 * The attempt that counts: the one with the highest score (on a tie, the later one), or the last submitted one
 * (ties in time go to the later entry). undefined when nothing was submitted.
 */
export function gradedAttempt<T extends GradedAttempt>(
  attempts: readonly T[],
  method: 'highest' | 'last',
): T | undefined {
  const at = (a: T) => (a.submittedAt === null ? NaN : new Date(a.submittedAt).getTime());
  const submitted = attempts.filter((a) => !Number.isNaN(at(a)));
  if (submitted.length === 0) return undefined;
  return submitted.reduce((best, a) =>
    method === 'highest' ? (a.score >= best.score ? a : best) : at(a) >= at(best) ? a : best,
  );
}

/** The grade that counts (see gradedAttempt); null when nothing was submitted. */
export function finalGrade(attempts: readonly GradedAttempt[], method: 'highest' | 'last'): number | null {
  return gradedAttempt(attempts, method)?.score ?? null;
}
