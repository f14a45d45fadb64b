/**
 * Where a candidate stands in one exam (我的考试, and the exam list of 首页): passed, sitting it now, may sit it
 * (again, with attempts left), waiting for its window, or over for them. Pure functions over Date values.
 */
import { attemptsLeft, windowState, type ExamWindow } from './deadline';
import type { Sitting } from './review-policy';

export type Standing = 'passed' | 'in-progress' | 'awaiting' | 'retry' | 'pending' | 'upcoming' | 'ended';

export interface StandingExam extends ExamWindow {
  attemptsAllowed: number;
}

export interface StandingResult {
  standing: Standing;
  /** What the list shows, e.g. 可再考（剩余 1 次）. */
  label: string;
  /** Attempts left (null = unlimited). */
  attemptsLeft: number | null;
  /** May start an attempt now. */
  canStart: boolean;
}

export function standingOf(now: Date, exam: StandingExam, s: Sitting): StandingResult {
  const leftRaw = attemptsLeft(exam.attemptsAllowed, s.counted);
  const left = Number.isFinite(leftRaw) ? leftRaw : null;
  const state = windowState(now, exam);
  const result = (standing: Standing, label: string, canStart = false): StandingResult => ({
    standing,
    label,
    attemptsLeft: left,
    canStart,
  });
  if (s.open) return result('in-progress', '作答中', true);
  if (s.passed) return result('passed', '已通过');
  // Submitted, with written answers still to be marked: the result is not known yet.
  if (s.awaiting) return result('awaiting', '待阅卷');
  const windowOpen = state === 'open' || state === 'resit';
  if (s.inAudience && windowOpen && leftRaw > 0) {
    if (s.counted === 0) return result('pending', '待参加', true);
    return result('retry', `可再考（${left === null ? '不限次数' : `剩余 ${left} 次`}）`, true);
  }
  const resitComing =
    state === 'closed' && exam.resitOpensAt != null && now.getTime() < exam.resitOpensAt.getTime();
  if (s.inAudience && leftRaw > 0 && (state === 'not-open' || resitComing))
    return result('upcoming', state === 'not-open' ? '未开始' : '待补考');
  if (s.counted === 0) return result('ended', '已结束');
  return result('ended', windowOpen ? '已结束（作答次数已用完）' : '已结束（未通过）');
}
