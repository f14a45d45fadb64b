import fc from 'fast-check';
import {
  attemptsLeft,
  canSave,
  computeDeadline,
  examSeconds,
  extendDeadline,
  remainingSeconds,
  windowState,
} from './deadline';

const t = (iso: string) => new Date(`2025-06-01T${iso}Z`);

describe('computeDeadline', () => {
  it('is start + limit when the exam closes later', () => {
    expect(
      computeDeadline({ startedAt: t('09:00:00'), timeLimitMinutes: 60, closesAt: t('18:00:00') }),
    ).toEqual(t('10:00:00'));
  });

  it('is cut short by the exam closing', () => {
    expect(
      computeDeadline({ startedAt: t('17:30:00'), timeLimitMinutes: 60, closesAt: t('18:00:00') }),
    ).toEqual(t('18:00:00'));
  });

  it('handles a missing closing time or time limit', () => {
    expect(computeDeadline({ startedAt: t('09:00:00'), timeLimitMinutes: 90 })).toEqual(t('10:30:00'));
    expect(computeDeadline({ startedAt: t('09:00:00'), timeLimitMinutes: 90, closesAt: null })).toEqual(
      t('10:30:00'),
    );
    expect(
      computeDeadline({ startedAt: t('09:00:00'), timeLimitMinutes: null, closesAt: t('18:00:00') }),
    ).toEqual(t('18:00:00'));
    expect(
      computeDeadline({ startedAt: t('09:00:00'), timeLimitMinutes: 0, closesAt: t('18:00:00') }),
    ).toEqual(t('18:00:00'));
    expect(computeDeadline({ startedAt: t('09:00:00'), timeLimitMinutes: null })).toBeNull();
  });

  it('is the minimum of the two and never before the start when the exam is still open (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 1e8 }),
        (start, limit, closeAfter) => {
          const startedAt = new Date(start);
          const closesAt = new Date(start + closeAfter);
          const sut = computeDeadline({ startedAt, timeLimitMinutes: limit, closesAt })!;
          expect(sut.getTime()).toBe(Math.min(start + limit * 60_000, closesAt.getTime()));
          expect(sut.getTime()).toBeLessThanOrEqual(closesAt.getTime());
          expect(sut.getTime()).toBeGreaterThanOrEqual(start);
        },
      ),
    );
  });
});

describe("extendDeadline (a trainer's 延长时间, as AttemptsService.extend applies it)", () => {
  it("moves the candidate's deadline by the minutes granted", () => {
    expect(extendDeadline(t('10:00:00'), 15)).toEqual(t('10:15:00'));
  });

  it("goes past the window's close: an attempt cut short by the close gets its full extension", () => {
    const closesAt = t('18:00:00');
    const deadline = computeDeadline({ startedAt: t('17:30:00'), timeLimitMinutes: 60, closesAt });
    expect(deadline).toEqual(closesAt);
    expect(extendDeadline(deadline, 20)).toEqual(t('18:20:00'));
  });

  it('adds up over several extensions, and leaves an attempt without a deadline without one', () => {
    expect(extendDeadline(extendDeadline(t('10:00:00'), 10), 5)).toEqual(t('10:15:00'));
    expect(extendDeadline(null, 30)).toBeNull();
  });

  it('is exactly the deadline plus the minutes, wherever the close is (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 1, max: 600 }),
        (start, limit, closeAfter, minutes) => {
          const closesAt = new Date(start + closeAfter);
          const deadline = computeDeadline({
            startedAt: new Date(start),
            timeLimitMinutes: limit,
            closesAt,
          })!;
          const sut = extendDeadline(deadline, minutes)!;
          expect(sut.getTime()).toBe(deadline.getTime() + minutes * 60_000);
          expect(sut.getTime()).toBeGreaterThan(deadline.getTime());
        },
      ),
    );
  });
});

describe('canSave', () => {
  const deadline = t('10:00:00');

  it('allows saving up to the deadline, inclusive', () => {
    expect(canSave(t('09:59:59'), deadline)).toBe(true);
    expect(canSave(deadline, deadline)).toBe(true);
    expect(canSave(new Date(deadline.getTime() + 1), deadline)).toBe(false);
  });

  it('allows the grace period after it', () => {
    expect(canSave(t('10:00:30'), deadline, 30_000)).toBe(true);
    expect(canSave(t('10:00:31'), deadline, 30_000)).toBe(false);
  });

  it('always allows saving without a deadline', () => {
    expect(canSave(t('23:00:00'), null)).toBe(true);
  });
});

describe('remainingSeconds', () => {
  const deadline = t('10:00:00');

  it('counts whole seconds, rounded up, and never goes negative', () => {
    expect(remainingSeconds(t('09:00:00'), deadline)).toBe(3600);
    expect(remainingSeconds(new Date(deadline.getTime() - 1500), deadline)).toBe(2);
    expect(remainingSeconds(new Date(deadline.getTime() - 1), deadline)).toBe(1);
    expect(remainingSeconds(deadline, deadline)).toBe(0);
    expect(remainingSeconds(t('11:00:00'), deadline)).toBe(0);
    expect(remainingSeconds(t('11:00:00'), null)).toBeNull();
  });

  it('is a non-negative integer, zero exactly when the deadline is reached (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }), (now, d) => {
        const sut = remainingSeconds(new Date(now), new Date(d))!;
        expect(Number.isInteger(sut)).toBe(true);
        expect(sut).toBeGreaterThanOrEqual(0);
        expect(sut === 0).toBe(now >= d);
      }),
    );
  });
});

describe('windowState', () => {
  const window = {
    opensAt: t('09:00:00'),
    closesAt: t('12:00:00'),
    resitOpensAt: t('14:00:00'),
    resitClosesAt: t('16:00:00'),
  };
  const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

  it.each([
    [ms(window.opensAt, -1), 'not-open'],
    [window.opensAt, 'open'],
    [t('10:30:00'), 'open'],
    [window.closesAt, 'open'],
    [ms(window.closesAt, 1), 'closed'],
    [ms(window.resitOpensAt, -1), 'closed'],
    [window.resitOpensAt, 'resit'],
    [window.resitClosesAt, 'resit'],
    [ms(window.resitClosesAt, 1), 'closed'],
  ])('at %s is %s', (now, state) => {
    expect(windowState(now, window)).toBe(state);
  });

  it('without a resit window, is closed after closing', () => {
    expect(windowState(t('15:00:00'), { opensAt: window.opensAt, closesAt: window.closesAt })).toBe('closed');
  });

  it('handles open-ended windows', () => {
    expect(windowState(t('23:00:00'), { opensAt: window.opensAt, closesAt: null })).toBe('open');
    expect(windowState(t('00:00:00'), { opensAt: null, closesAt: window.closesAt })).toBe('open');
    expect(windowState(t('23:00:00'), { ...window, resitClosesAt: null })).toBe('resit');
    expect(windowState(t('23:00:00'), { ...window, resitOpensAt: null })).toBe('closed');
  });

  it('prefers the main window where it overlaps the resit window', () => {
    expect(windowState(t('11:00:00'), { ...window, resitOpensAt: t('10:00:00') })).toBe('open');
  });

  it('moves forward through the states over time (property)', () => {
    const order = ['not-open', 'open', 'closed', 'resit', 'closed-after'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: -1e8, max: 2e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (raw, a, step) => {
          const [o, c, ro, rc] = [...raw].sort((x, y) => x - y).slice(0, 4);
          const w = {
            opensAt: new Date(o),
            closesAt: new Date(c),
            resitOpensAt: new Date(ro),
            resitClosesAt: new Date(rc),
          };
          const rank = (n: number) => {
            const s = windowState(new Date(n), w);
            return s === 'closed' ? (n > rc ? 4 : 2) : order.indexOf(s);
          };
          expect(rank(a + step)).toBeGreaterThanOrEqual(rank(a));
        },
      ),
    );
  });
});

describe('attemptsLeft', () => {
  it('counts down and stops at zero', () => {
    expect(attemptsLeft(3, 0)).toBe(3);
    expect(attemptsLeft(3, 2)).toBe(1);
    expect(attemptsLeft(3, 3)).toBe(0);
    expect(attemptsLeft(3, 5)).toBe(0);
  });

  it('is unlimited for 0', () => {
    expect(attemptsLeft(0, 10)).toBe(Infinity);
  });
});

describe('examSeconds (exam time credited as study time)', () => {
  it('counts from the start to the submit', () => {
    expect(examSeconds(t('09:00:00'), t('10:00:00'), t('09:42:10'))).toBe(42 * 60 + 10);
  });
  it('stops at the deadline when the timer submits late', () => {
    expect(examSeconds(t('09:00:00'), t('10:00:00'), t('10:00:14'))).toBe(3600);
  });
  it('has no cap without a deadline, and is never negative', () => {
    expect(examSeconds(t('09:00:00'), null, t('11:00:00'))).toBe(7200);
    expect(examSeconds(t('09:00:00'), t('08:00:00'), t('09:30:00'))).toBe(0);
  });
});
