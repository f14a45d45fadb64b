/**
 * Study hours (学时): crediting reading time from the heartbeats the reading page sends, and summing it up.
 * Pure functions; the caller stores the credited seconds and `nextLastBeatAt`.
 *
 * Invariant (tested as a property): when the caller always stores `nextLastBeatAt` as the next `lastBeatAt`,
 * `now` as `creditedUntil` after a credit, and adds `credit` to its counters, the seconds credited never exceed the
 * wall-clock time between the first and the last beat (even with several sessions or tabs at once), and never
 * exceed either daily cap.
 */

export interface HeartbeatRules {
  /** a beat sooner than this after the last credited one credits nothing (e.g. 20) */
  minIntervalSeconds: number;
  /** a long gap credits at most this (e.g. 60) */
  maxCreditPerBeatSeconds: number;
  /** a beat reporting no user activity (scroll, key, pointer) for longer than this credits nothing */
  idleAfterSeconds: number;
  /** per person, per material, per calendar day (e.g. 2 h) */
  capPerMaterialPerDaySeconds: number;
  /** per person, per calendar day, all materials (e.g. 8 h) */
  capPerDaySeconds: number;
}

export const DEFAULT_HEARTBEAT_RULES: Readonly<HeartbeatRules> = Object.freeze({
  minIntervalSeconds: 20,
  maxCreditPerBeatSeconds: 60,
  idleAfterSeconds: 300,
  capPerMaterialPerDaySeconds: 2 * 3600,
  capPerDaySeconds: 8 * 3600,
});

export interface HeartbeatInput {
  /** server time of this beat */
  now: Date;
  /** `nextLastBeatAt` returned for the previous beat of this session; absent for the first beat */
  lastBeatAt?: Date;
  /** reported by the page: seconds since the last user activity */
  secondsSinceActivity: number;
  /**
   * Optional: the time of this person's last credited beat on ANY material or session (another tab). Time before it
   * is never credited twice, so two tabs open side by side do not double the hours. Store `now` here whenever
   * `credit > 0`.
   */
  creditedUntil?: Date;
  /** seconds already credited today for this material / for all materials */
  creditedTodayForMaterial: number;
  creditedToday: number;
}

/**
 * 'too-fast': sooner than minIntervalSeconds after the last credited beat, the clock went backwards, or the time
 * was already credited through another tab (`creditedUntil`).
 */
export type HeartbeatReason = 'too-fast' | 'idle' | 'first-beat' | 'material-cap' | 'daily-cap';

export interface HeartbeatCredit {
  /** whole seconds to credit */
  credit: number;
  /** why the credit is 0 or was cut short; absent for a full credit */
  reason?: HeartbeatReason;
  /**
   * What to store as `lastBeatAt` for the next beat: `now`, except after a beat that came sooner than
   * minIntervalSeconds (or a clock that went backwards), which leaves the clock where it was so that frequent beats
   * still add up.
   */
  nextLastBeatAt: Date;
}

export function creditHeartbeat(
  input: HeartbeatInput,
  rules: HeartbeatRules = DEFAULT_HEARTBEAT_RULES,
): HeartbeatCredit {
  const { now, lastBeatAt } = input;
  if (!lastBeatAt) return { credit: 0, reason: 'first-beat', nextLastBeatAt: now };

  const elapsed = (now.getTime() - lastBeatAt.getTime()) / 1000;
  if (!(elapsed >= 0) || elapsed < rules.minIntervalSeconds) {
    return { credit: 0, reason: 'too-fast', nextLastBeatAt: lastBeatAt };
  }
  const sinceActivity = input.secondsSinceActivity;
  if (!Number.isFinite(sinceActivity) || sinceActivity > rules.idleAfterSeconds) {
    return { credit: 0, reason: 'idle', nextLastBeatAt: now };
  }

  // time already credited through another tab or session of the same person is not credited again
  const overlap = input.creditedUntil ? (input.creditedUntil.getTime() - lastBeatAt.getTime()) / 1000 : 0;
  const creditable = overlap > 0 ? elapsed - overlap : elapsed;
  if (creditable < 1) return { credit: 0, reason: 'too-fast', nextLastBeatAt: now };

  const wanted = Math.floor(Math.min(creditable, rules.maxCreditPerBeatSeconds));
  const materialLeft = Math.max(
    0,
    Math.floor(rules.capPerMaterialPerDaySeconds - input.creditedTodayForMaterial),
  );
  const dayLeft = Math.max(0, Math.floor(rules.capPerDaySeconds - input.creditedToday));
  const credit = Math.max(0, Math.min(wanted, materialLeft, dayLeft));
  if (credit === wanted) return { credit, nextLastBeatAt: now };
  return { credit, reason: dayLeft <= materialLeft ? 'daily-cap' : 'material-cap', nextLastBeatAt: now };
}

export interface StudyProgress {
  /** credited hours rounded DOWN to one decimal, so 1.99 h never shows as 2.0 before the target is met */
  hours: number;
  targetHours: number;
  /** 0..1 */
  share: number;
  met: boolean;
}

export function progress(input: { creditedSeconds: number; targetHours: number }): StudyProgress {
  const seconds = Math.max(0, input.creditedSeconds);
  const target = Math.max(0, input.targetHours) * 3600;
  return {
    hours: toHours(seconds),
    targetHours: input.targetHours,
    share: target > 0 ? Math.min(1, seconds / target) : 1,
    met: seconds >= target,
  };
}

export interface CampaignCompletion {
  /** one entry per audience member (duplicates removed, order kept) */
  persons: { userId: number; hours: number; completed: boolean }[];
  completed: number;
  total: number;
  /** completed / total; 0 for an empty audience */
  share: number;
}

/** Who in the audience has reached `requiredHours`; credited time of people outside the audience is ignored. */
export function campaignCompletion(input: {
  requiredHours: number;
  creditedSecondsByPerson: Map<number, number>;
  audience: number[];
}): CampaignCompletion {
  const required = Math.max(0, input.requiredHours) * 3600;
  const persons = [...new Set(input.audience)].map((userId) => {
    const seconds = Math.max(0, input.creditedSecondsByPerson.get(userId) ?? 0);
    return { userId, hours: toHours(seconds), completed: seconds >= required };
  });
  const completed = persons.filter((p) => p.completed).length;
  return {
    persons,
    completed,
    total: persons.length,
    share: persons.length ? completed / persons.length : 0,
  };
}

function toHours(seconds: number): number {
  // 360 s = 0.1 h; the epsilon keeps 3600 * 1.1 from flooring to 1.0 after floating-point division
  return Math.floor(seconds / 360 + 1e-9) / 10;
}
