import fc from 'fast-check';
import { creditPracticeAnswer, DEFAULT_PRACTICE_RULES } from './practice-time';

const at = (s: number) => new Date(Date.UTC(2026, 2, 1) + s * 1000);

describe('creditPracticeAnswer', () => {
  it('credits nothing without a previous activity', () => {
    expect(creditPracticeAnswer({ now: at(0) })).toEqual({ credit: 0, nextActivityAt: at(0) });
  });

  it('credits the time since the previous activity, capped per answer', () => {
    expect(creditPracticeAnswer({ now: at(45), lastActivityAt: at(0) }).credit).toBe(45);
    expect(creditPracticeAnswer({ now: at(3600), lastActivityAt: at(0) }).credit).toBe(
      DEFAULT_PRACTICE_RULES.maxPerAnswerSeconds,
    );
  });

  it('credits nothing for answers faster than the minimum interval, or a clock going backwards', () => {
    expect(creditPracticeAnswer({ now: at(1), lastActivityAt: at(0) })).toEqual({
      credit: 0,
      nextActivityAt: at(1),
    });
    expect(creditPracticeAnswer({ now: at(0), lastActivityAt: at(10) })).toEqual({
      credit: 0,
      nextActivityAt: at(10),
    });
  });

  it('never credits more than the wall-clock time between the first and the last answer', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 30 }), (gaps) => {
        let last: Date | undefined;
        let t = 0;
        let total = 0;
        for (const g of gaps) {
          t += g;
          const r = creditPracticeAnswer({ now: at(t), lastActivityAt: last });
          total += r.credit;
          last = r.nextActivityAt;
        }
        expect(total).toBeLessThanOrEqual(t);
        expect(total).toBeLessThanOrEqual(gaps.length * DEFAULT_PRACTICE_RULES.maxPerAnswerSeconds);
      }),
    );
  });
});
