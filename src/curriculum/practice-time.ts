/**
 * Practice time (练习学时): each checked answer credits the time since the person's previous practice activity (a
 * practice set fetched or an answer checked), capped, like reading heartbeats. Pure.
 */

export interface PracticeRules {
  /** an answer credits at most this (a long pause is not study) */
  maxPerAnswerSeconds: number;
  /** answers closer together than this credit nothing (a script clicking through) */
  minIntervalSeconds: number;
}

export const DEFAULT_PRACTICE_RULES: Readonly<PracticeRules> = Object.freeze({
  maxPerAnswerSeconds: 120,
  minIntervalSeconds: 2,
});

export function creditPracticeAnswer(
  input: { now: Date; lastActivityAt?: Date | null },
  rules: PracticeRules = DEFAULT_PRACTICE_RULES,
): { credit: number; nextActivityAt: Date } {
  const { now, lastActivityAt } = input;
  if (!lastActivityAt) return { credit: 0, nextActivityAt: now };
  const elapsed = (now.getTime() - lastActivityAt.getTime()) / 1000;
  if (!(elapsed >= rules.minIntervalSeconds)) {
    // a clock going backwards keeps the older time, so it is never credited twice
    return { credit: 0, nextActivityAt: elapsed < 0 ? lastActivityAt : now };
  }
  return { credit: Math.floor(Math.min(elapsed, rules.maxPerAnswerSeconds)), nextActivityAt: now };
}
