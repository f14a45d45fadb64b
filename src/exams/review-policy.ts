/**
 * When a candidate may see keys: the review policy, and never while the same person can still sit the exam (an
 * attempt open, attempts left in an open or coming window). Otherwise a first attempt's review, or a colleague's,
 * would hand out the keys of the next one — the pools are the same. Pure functions over Date values.
 */
import { attemptsLeft, windowState } from './deadline';

export interface SittingExam {
  opensAt: Date | null;
  closesAt: Date | null;
  resitOpensAt: Date | null;
  resitClosesAt: Date | null;
  attemptsAllowed: number;
  reviewPolicy: 'after-submit' | 'after-close' | 'never';
}

/** One person's standing in one exam. */
export interface Sitting {
  /** In the exam's audience. */
  inAudience: boolean;
  /** An attempt in progress. */
  open: boolean;
  /** Attempts that count against the allowance (every one but the invalidated). */
  counted: number;
  /** A submitted attempt passed. */
  passed: boolean;
  /** A submitted attempt waits for its written answers to be marked (待阅卷). */
  awaiting?: boolean;
}

/** A person's attempts at one exam, as far as their standing goes. */
export interface AttemptState {
  status: 'in-progress' | 'awaiting-marking' | 'submitted' | 'invalidated';
  passed: boolean | null;
}

/** One person's standing from their attempts at the exam (the one place it is derived). */
export function sittingOf(attempts: readonly AttemptState[], inAudience: boolean): Sitting {
  return {
    inAudience,
    open: attempts.some((a) => a.status === 'in-progress'),
    counted: attempts.filter((a) => a.status !== 'invalidated').length,
    passed: attempts.some((a) => a.status === 'submitted' && a.passed === true),
    awaiting: attempts.some((a) => a.status === 'awaiting-marking'),
  };
}

/**
 * Whether this person can still sit the exam, now or in a window still to come: an attempt open, or attempts left
 * while the main window is not over, or — for those who have not passed — until the resit window closes.
 */
export function canStillSit(now: Date, exam: SittingExam, s: Sitting): boolean {
  if (!s.inAudience) return false;
  if (s.open) return true;
  if (attemptsLeft(exam.attemptsAllowed, s.counted) <= 0) return false;
  const state = windowState(now, exam);
  if (state === 'not-open' || state === 'open') return true;
  if (state === 'resit') return !s.passed;
  // Closed: between the two windows a resit may still come.
  return !s.passed && Boolean(exam.resitOpensAt) && now.getTime() < exam.resitOpensAt!.getTime();
}

/** The moment the exam finally closes (the resit window's end when there is one), or null when it never closes. */
export function finalClose(exam: SittingExam): Date | null {
  if (exam.resitOpensAt) return exam.resitClosesAt;
  return exam.closesAt;
}

export type ReviewDecision = { open: true } | { open: false; reason: string };

/** Whether the candidate may see the keys of their own submitted attempt now, and if not, why (in Chinese). */
export function candidateReview(now: Date, exam: SittingExam, s: Sitting): ReviewDecision {
  if (exam.reviewPolicy === 'never') return { open: false, reason: '本场考试不提供答案解析' };
  if (canStillSit(now, exam, s))
    return {
      open: false,
      reason: '您还可以再次参加本场考试，答案解析在您用完作答次数或考试结束后开放',
    };
  if (exam.reviewPolicy === 'after-close') {
    const close = finalClose(exam);
    if (close && now.getTime() <= close.getTime())
      return { open: false, reason: `考试结束（${cst(close)}）后才能查看答案解析` };
  }
  return { open: true };
}

/**
 * Whether a trainer or manager may read other candidates' papers and reviews of this exam: not while they can
 * still sit it themselves.
 */
export function staffMayReadOthers(now: Date, exam: SittingExam, own: Sitting): ReviewDecision {
  if (canStillSit(now, exam, own))
    return {
      open: false,
      reason: '您本人也是本场考试的考生，在您完成考试前不能查看他人的答卷和答案',
    };
  return { open: true };
}

function cst(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}
