/**
 * Time rules of an attempt and of the exam window (as in Moodle's quiz: an attempt ends at its time limit or when the
 * exam closes, whichever comes first). Pure functions over Date values.
 */

const MINUTE_MS = 60_000;

export interface DeadlineInput {
  startedAt: Date;
  /** Minutes allowed; null or 0 means no time limit. */
  timeLimitMinutes: number | null;
  /** When the exam closes, if it does. */
  closesAt?: Date | null;
}

/**
 * An attempt's deadline when it starts: min(startedAt + limit, closesAt). null when there is neither a time limit
 * nor a closing time.
 */
export function computeDeadline(input: DeadlineInput): Date | null {
  const { startedAt, timeLimitMinutes, closesAt } = input;
  const limited =
    timeLimitMinutes !== null && timeLimitMinutes > 0
      ? startedAt.getTime() + timeLimitMinutes * MINUTE_MS
      : null;
  const close = closesAt ? closesAt.getTime() : null;
  if (limited === null && close === null) return null;
  if (limited === null) return new Date(close!);
  if (close === null) return new Date(limited);
  return new Date(Math.min(limited, close));
}

/**
 * A personal extension (延长时间) granted by a trainer: the candidate's current deadline moves by `minutes`, even past
 * the window's close — the close limits when attempts start, not a granted extension. Extensions add up; an attempt
 * without a deadline keeps none.
 */
export function extendDeadline(deadline: Date | null, minutes: number): Date | null {
  return deadline ? new Date(deadline.getTime() + minutes * MINUTE_MS) : null;
}

/** Whether answers may still be saved: up to the deadline plus a grace period (for the last autosave in flight). */
export function canSave(now: Date, deadline: Date | null, graceMs = 0): boolean {
  return deadline === null || now.getTime() <= deadline.getTime() + Math.max(0, graceMs);
}

/** Whole seconds left (rounded up, so 0 means the deadline has passed); null when there is no deadline. */
export function remainingSeconds(now: Date, deadline: Date | null): number | null {
  if (deadline === null) return null;
  return Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / 1000));
}

export interface ExamWindow {
  /** null: open from the start. */
  opensAt?: Date | null;
  /** null: never closes. */
  closesAt?: Date | null;
  /** A resit window, if any (only counts when resitOpensAt is set; no resitClosesAt means it stays open). */
  resitOpensAt?: Date | null;
  resitClosesAt?: Date | null;
}

export type WindowState = 'not-open' | 'open' | 'resit' | 'closed';

const within = (t: number, from?: Date | null, to?: Date | null) =>
  (!from || t >= from.getTime()) && (!to || t <= to.getTime());

/**
 * Where `now` falls: both ends of a window are inclusive (as in Moodle: open from timeopen, closed after
 * timeclose). The main window wins where it overlaps the resit window; between the two the exam is 'closed'.
 */
export function windowState(now: Date, window: ExamWindow): WindowState {
  const t = now.getTime();
  if (window.opensAt && t < window.opensAt.getTime()) return 'not-open';
  if (within(t, window.opensAt, window.closesAt)) return 'open';
  if (window.resitOpensAt && within(t, window.resitOpensAt, window.resitClosesAt)) return 'resit';
  return 'closed';
}

/** Attempts still allowed; allowed = 0 means unlimited (Infinity). */
export function attemptsLeft(allowed: number, used: number): number {
  if (allowed === 0) return Infinity;
  return Math.max(0, allowed - used);
}

/**
 * Seconds of an attempt that count as study time (学时): from its start to its submit, never past its deadline (a
 * timer sweep that runs late does not add time the candidate could not use), rounded to whole seconds.
 */
export function examSeconds(startedAt: Date, deadline: Date | null, submittedAt: Date): number {
  const end = deadline ? Math.min(submittedAt.getTime(), deadline.getTime()) : submittedAt.getTime();
  return Math.max(0, Math.round((end - startedAt.getTime()) / 1000));
}
