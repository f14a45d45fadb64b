import fc from 'fast-check';
import {
  campaignCompletion,
  creditHeartbeat,
  DEFAULT_HEARTBEAT_RULES,
  HeartbeatRules,
  progress,
} from './study-hours';

const rules: HeartbeatRules = {
  minIntervalSeconds: 20,
  maxCreditPerBeatSeconds: 60,
  idleAfterSeconds: 300,
  capPerMaterialPerDaySeconds: 2 * 3600,
  capPerDaySeconds: 8 * 3600,
};

const T0 = new Date('2024-03-01T09:00:00+08:00');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const beat = (seconds: number, extra: Partial<Parameters<typeof creditHeartbeat>[0]> = {}) => ({
  now: at(seconds),
  lastBeatAt: T0,
  secondsSinceActivity: 5,
  creditedTodayForMaterial: 0,
  creditedToday: 0,
  ...extra,
});

describe('creditHeartbeat', () => {
  it('has sensible defaults', () => {
    expect(DEFAULT_HEARTBEAT_RULES).toEqual(rules);
    expect(Object.isFrozen(DEFAULT_HEARTBEAT_RULES)).toBe(true);
  });

  it('credits nothing for the first beat of a session, which starts the clock', () => {
    expect(creditHeartbeat({ ...beat(0), lastBeatAt: undefined }, rules)).toEqual({
      credit: 0,
      reason: 'first-beat',
      nextLastBeatAt: at(0),
    });
  });

  it('credits the time elapsed since the last credited beat', () => {
    expect(creditHeartbeat(beat(30), rules)).toEqual({ credit: 30, nextLastBeatAt: at(30) });
    expect(creditHeartbeat(beat(20), rules)).toEqual({ credit: 20, nextLastBeatAt: at(20) });
    expect(creditHeartbeat(beat(30.9), rules).credit).toBe(30); // whole seconds, rounded down
  });

  it('credits at most maxCreditPerBeat for a long gap', () => {
    expect(creditHeartbeat(beat(600), rules)).toEqual({ credit: 60, nextLastBeatAt: at(600) });
  });

  it('credits nothing for a beat that comes too fast, and keeps the clock where it was', () => {
    expect(creditHeartbeat(beat(19.999), rules)).toEqual({
      credit: 0,
      reason: 'too-fast',
      nextLastBeatAt: T0,
    });
    expect(creditHeartbeat(beat(0), rules)).toEqual({ credit: 0, reason: 'too-fast', nextLastBeatAt: T0 });
  });

  it('credits frequent beats once enough time has passed since the last credited one', () => {
    let last: Date = T0;
    let total = 0;
    for (const s of [10, 20, 30, 40, 50, 60]) {
      const r = creditHeartbeat(beat(s, { lastBeatAt: last }), rules);
      total += r.credit;
      last = r.nextLastBeatAt;
    }
    expect(total).toBe(60);
    expect(last).toEqual(at(60));
  });

  it('credits nothing when the clock went backwards', () => {
    expect(creditHeartbeat(beat(-3600), rules)).toEqual({
      credit: 0,
      reason: 'too-fast',
      nextLastBeatAt: T0,
    });
    expect(creditHeartbeat(beat(30, { now: new Date(NaN) }), rules)).toMatchObject({
      credit: 0,
      reason: 'too-fast',
    });
  });

  it('credits nothing when the page reports no activity for too long, and restarts the clock', () => {
    expect(creditHeartbeat(beat(60, { secondsSinceActivity: 301 }), rules)).toEqual({
      credit: 0,
      reason: 'idle',
      nextLastBeatAt: at(60),
    });
    expect(creditHeartbeat(beat(60, { secondsSinceActivity: 300 }), rules).credit).toBe(60);
    expect(creditHeartbeat(beat(60, { secondsSinceActivity: NaN }), rules).reason).toBe('idle');
  });

  it('clips to what is left of the per-material cap', () => {
    expect(
      creditHeartbeat(beat(60, { creditedTodayForMaterial: 7200 - 25, creditedToday: 10000 }), rules),
    ).toEqual({
      credit: 25,
      reason: 'material-cap',
      nextLastBeatAt: at(60),
    });
    expect(
      creditHeartbeat(beat(60, { creditedTodayForMaterial: 7200, creditedToday: 10000 }), rules),
    ).toMatchObject({
      credit: 0,
      reason: 'material-cap',
    });
  });

  it('clips to what is left of the daily cap', () => {
    expect(
      creditHeartbeat(beat(60, { creditedTodayForMaterial: 100, creditedToday: 28800 - 10 }), rules),
    ).toEqual({
      credit: 10,
      reason: 'daily-cap',
      nextLastBeatAt: at(60),
    });
    expect(creditHeartbeat(beat(60, { creditedToday: 30000 }), rules)).toMatchObject({
      credit: 0,
      reason: 'daily-cap',
    });
  });

  it('does not report a cap that did not cut anything', () => {
    expect(
      creditHeartbeat(beat(60, { creditedTodayForMaterial: 7200 - 60, creditedToday: 28800 - 60 }), rules),
    ).toEqual({ credit: 60, nextLastBeatAt: at(60) });
  });

  it('does not credit the same time twice through two tabs of the same person', () => {
    // tab A credited up to 60 s; tab B, whose clock started at 0, beats at 70 s: only 60..70 is new
    expect(creditHeartbeat(beat(70, { creditedUntil: at(60) }), rules)).toEqual({
      credit: 10,
      nextLastBeatAt: at(70),
    });
    expect(creditHeartbeat(beat(60, { creditedUntil: at(60) }), rules)).toEqual({
      credit: 0,
      reason: 'too-fast',
      nextLastBeatAt: at(60),
    });
    // credited time before this session's clock does not matter
    expect(creditHeartbeat(beat(30, { creditedUntil: at(-100) }), rules).credit).toBe(30);
  });

  it('property: credited total never exceeds wall-clock time elapsed nor the caps, across sessions and tabs', () => {
    const smallRules = fc.record({
      minIntervalSeconds: fc.integer({ min: 0, max: 60 }),
      maxCreditPerBeatSeconds: fc.integer({ min: 1, max: 120 }),
      idleAfterSeconds: fc.integer({ min: 0, max: 600 }),
      capPerMaterialPerDaySeconds: fc.integer({ min: 0, max: 3600 }),
      capPerDaySeconds: fc.integer({ min: 0, max: 5400 }),
    });
    const beats = fc.array(
      fc.record({
        gapMs: fc.integer({ min: -120_000, max: 400_000 }), // clock may go backwards
        secondsSinceActivity: fc.integer({ min: 0, max: 900 }),
        material: fc.integer({ min: 0, max: 2 }),
        newSession: fc.boolean(),
      }),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(smallRules, beats, (r, seq) => {
        let clock = T0.getTime();
        let earliest = Infinity;
        let latest = -Infinity;
        const byMaterial = [0, 0, 0];
        let today = 0;
        let last: Date | undefined;
        let creditedUntil: Date | undefined;
        let sessionCredit = 0;
        let sessionStart = clock;
        for (const b of seq) {
          clock += b.gapMs;
          earliest = Math.min(earliest, clock);
          latest = Math.max(latest, clock);
          if (b.newSession) {
            last = undefined;
            sessionCredit = 0;
          }
          const res = creditHeartbeat(
            {
              now: new Date(clock),
              lastBeatAt: last,
              secondsSinceActivity: b.secondsSinceActivity,
              creditedTodayForMaterial: byMaterial[b.material],
              creditedToday: today,
              creditedUntil,
            },
            r,
          );
          if (!last) sessionStart = clock;
          expect(res.credit).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(res.credit)).toBe(true);
          byMaterial[b.material] += res.credit;
          today += res.credit;
          sessionCredit += res.credit;
          last = res.nextLastBeatAt;
          if (res.credit > 0) creditedUntil = new Date(clock);
          expect(sessionCredit).toBeLessThanOrEqual((last.getTime() - sessionStart) / 1000);
          expect(byMaterial[b.material]).toBeLessThanOrEqual(r.capPerMaterialPerDaySeconds);
          expect(today).toBeLessThanOrEqual(r.capPerDaySeconds);
        }
        if (seq.length > 0) expect(today).toBeLessThanOrEqual((latest - earliest) / 1000);
      }),
    );
  });
});

describe('progress', () => {
  it('reports hours with one decimal, share and whether the target is met', () => {
    expect(progress({ creditedSeconds: 5400, targetHours: 3 })).toEqual({
      hours: 1.5,
      targetHours: 3,
      share: 0.5,
      met: false,
    });
    expect(progress({ creditedSeconds: 3 * 3600, targetHours: 3 })).toEqual({
      hours: 3,
      targetHours: 3,
      share: 1,
      met: true,
    });
  });

  it('rounds hours down, so an unmet target never shows as reached', () => {
    const sut = progress({ creditedSeconds: 2 * 3600 - 1, targetHours: 2 });
    expect(sut.hours).toBe(1.9);
    expect(sut.met).toBe(false);
    expect(progress({ creditedSeconds: 3960, targetHours: 2 }).hours).toBe(1.1);
  });

  it('caps the share at 1 and treats a zero target as met', () => {
    expect(progress({ creditedSeconds: 9 * 3600, targetHours: 2 }).share).toBe(1);
    expect(progress({ creditedSeconds: 0, targetHours: 0 })).toEqual({
      hours: 0,
      targetHours: 0,
      share: 1,
      met: true,
    });
  });

  it('property: share is within 0..1 and met iff share is 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 1, max: 200 }), (s, t) => {
        const sut = progress({ creditedSeconds: s, targetHours: t });
        expect(sut.share).toBeGreaterThanOrEqual(0);
        expect(sut.share).toBeLessThanOrEqual(1);
        expect(sut.met).toBe(sut.share === 1);
        expect(sut.hours).toBeLessThanOrEqual(s / 3600);
      }),
    );
  });
});

describe('campaignCompletion', () => {
  it('lists every audience member once, with hours and completion', () => {
    const sut = campaignCompletion({
      requiredHours: 2,
      creditedSecondsByPerson: new Map([
        [1, 7200],
        [2, 3600],
        [3, 9000],
        [99, 99999], // not in the audience
      ]),
      audience: [1, 2, 3, 4, 2],
    });
    expect(sut).toEqual({
      persons: [
        { userId: 1, hours: 2, completed: true },
        { userId: 2, hours: 1, completed: false },
        { userId: 3, hours: 2.5, completed: true },
        { userId: 4, hours: 0, completed: false },
      ],
      completed: 2,
      total: 4,
      share: 0.5,
    });
  });

  it('reports an empty audience as 0 of 0', () => {
    expect(
      campaignCompletion({ requiredHours: 1, creditedSecondsByPerson: new Map(), audience: [] }),
    ).toEqual({
      persons: [],
      completed: 0,
      total: 0,
      share: 0,
    });
  });
});
