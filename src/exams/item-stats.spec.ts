import fc from 'fast-check';
import {
  addObservation,
  byDiscrimination,
  deriveItemStats,
  EMPTY_ITEM_STATS,
  ItemStatsState,
  sumObservations,
} from './item-stats';

const feed = (pairs: [number, number][]): ItemStatsState =>
  pairs.reduce<ItemStatsState>((s, [x, t]) => addObservation(s, x, t), EMPTY_ITEM_STATS);

/** Two-pass batch computation, the textbook way. */
const batch = (pairs: [number, number][]) => {
  const n = pairs.length;
  if (n === 0) return { timesShown: 0, facility: null, discrimination: null };
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const mt = pairs.reduce((s, [, t]) => s + t, 0) / n;
  const sxx = pairs.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const stt = pairs.reduce((s, [, t]) => s + (t - mt) ** 2, 0);
  const sxt = pairs.reduce((s, [x, t]) => s + (x - mx) * (t - mt), 0);
  const discrimination = n < 2 || sxx / n <= 1e-9 || stt / n <= 1e-9 ? null : sxt / Math.sqrt(sxx * stt);
  return { timesShown: n, facility: mx, discrimination };
};

describe('item stats', () => {
  it('starts empty', () => {
    expect(deriveItemStats(EMPTY_ITEM_STATS)).toEqual({
      timesShown: 0,
      facility: null,
      discrimination: null,
    });
  });

  it('has a facility but no discrimination after one attempt', () => {
    expect(deriveItemStats(feed([[0.5, 0.8]]))).toEqual({
      timesShown: 1,
      facility: 0.5,
      discrimination: null,
    });
  });

  it('gives no discrimination when everyone scores the same on the item or on the paper', () => {
    expect(
      deriveItemStats(
        feed([
          [1, 0.2],
          [1, 0.9],
          [1, 0.5],
        ]),
      ).discrimination,
    ).toBeNull();
    expect(
      deriveItemStats(
        feed([
          [0.1, 0.7],
          [0.1, 0.7],
          [0.1, 0.7],
        ]),
      ).discrimination,
    ).toBeNull();
    expect(
      deriveItemStats(
        feed([
          [0, 0.6],
          [1, 0.6],
        ]),
      ).discrimination,
    ).toBeNull();
  });

  it('is +1 when the item tracks the total and −1 when it goes against it', () => {
    const up = deriveItemStats(
      feed([
        [0, 0.2],
        [0.5, 0.5],
        [1, 0.8],
      ]),
    );
    expect(up.facility).toBeCloseTo(0.5);
    expect(up.discrimination).toBeCloseTo(1);
    expect(
      deriveItemStats(
        feed([
          [1, 0.2],
          [0, 0.9],
        ]),
      ).discrimination,
    ).toBeCloseTo(-1);
  });

  it('does not mutate the state it is given', () => {
    const s = feed([[1, 1]]);
    const copy = { ...s };
    addObservation(s, 0, 0);
    expect(s).toEqual(copy);
  });

  it('rejects values outside [0, 1]', () => {
    expect(() => addObservation(EMPTY_ITEM_STATS, 1.1, 0.5)).toThrow(RangeError);
    expect(() => addObservation(EMPTY_ITEM_STATS, 0.5, -0.1)).toThrow(RangeError);
    expect(() => addObservation(EMPTY_ITEM_STATS, NaN, 0.5)).toThrow(RangeError);
  });

  it('equals a direct batch computation (property)', () => {
    const frac = fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(frac, frac), { maxLength: 200 }), (pairs) => {
        const sut = deriveItemStats(feed(pairs));
        const expected = batch(pairs);
        expect(sut.timesShown).toBe(expected.timesShown);
        if (expected.facility === null) expect(sut.facility).toBeNull();
        else expect(sut.facility).toBeCloseTo(expected.facility, 9);
        if (sut.discrimination !== null && expected.discrimination !== null) {
          expect(sut.discrimination).toBeCloseTo(expected.discrimination, 6);
        } else {
          // Near-zero variance may be judged either way by the two methods; both must then be (close to) undefined.
          const other = sut.discrimination ?? expected.discrimination;
          if (other !== null) {
            const ts = pairs.map(([, t]) => t);
            const xs = pairs.map(([x]) => x);
            const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
            expect(Math.min(spread(xs), spread(ts))).toBeLessThan(1e-3);
          }
        }
        if (sut.discrimination !== null) {
          expect(sut.discrimination).toBeGreaterThanOrEqual(-1);
          expect(sut.discrimination).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('does not depend on the order of observations (property)', () => {
    const frac = fc.integer({ min: 0, max: 100 }).map((c) => c / 100);
    fc.assert(
      fc.property(fc.array(fc.tuple(frac, frac), { minLength: 2, maxLength: 50 }), (pairs) => {
        const a = deriveItemStats(feed(pairs));
        const b = deriveItemStats(feed([...pairs].reverse()));
        expect(a.timesShown).toBe(b.timesShown);
        expect(a.facility).toBeCloseTo(b.facility!, 9);
        if (a.discrimination !== null && b.discrimination !== null) {
          expect(a.discrimination).toBeCloseTo(b.discrimination, 6);
        } else {
          expect(a.discrimination).toBe(b.discrimination);
        }
      }),
    );
  });
});

describe('byDiscrimination', () => {
  const row = (id: number, discrimination: number | null, facility: number | null = 0.5) => ({
    id,
    discrimination,
    facility,
  });

  it('puts the lowest discrimination first and questions without a figure last, never 1.00 first', () => {
    const sut = [row(1, 1), row(2, null), row(3, -0.2), row(4, 0.31), row(5, null, 0.1), row(6, 0)];
    expect(sut.sort(byDiscrimination).map((r) => r.id)).toEqual([3, 6, 4, 1, 5, 2]);
  });

  it('breaks a tie by the lower facility', () => {
    expect([row(1, 0.2, 0.9), row(2, 0.2, 0.3)].sort(byDiscrimination).map((r) => r.id)).toEqual([2, 1]);
  });

  describe('sumObservations (papers folded into item_stat later)', () => {
    it('gives each question the state of its observations fed one by one, in question order', () => {
      const sut = sumObservations([
        {
          observations: [
            [7, 1],
            [3, 0],
          ],
          total: 0.5,
        },
        { observations: [[3, 1]], total: 0.9 },
        { observations: [[7, 0.5]], total: 0.2 },
      ]);
      expect(sut.map(([id]) => id)).toEqual([3, 7]);
      expect(sut[0][1]).toEqual(
        feed([
          [0, 0.5],
          [1, 0.9],
        ]),
      );
      expect(sut[1][1]).toEqual(
        feed([
          [1, 0.5],
          [0.5, 0.2],
        ]),
      );
    });

    it('clamps x and t to 0..1 as scoring did (a bonus or a negative mark is no error)', () => {
      const sut = sumObservations([
        {
          observations: [
            [1, 1.5],
            [2, -0.5],
          ],
          total: 1.2,
        },
      ]);
      expect(sut[0][1]).toEqual(feed([[1, 1]]));
      expect(sut[1][1]).toEqual(feed([[0, 1]]));
    });

    it('adds nothing for no papers', () => {
      expect(sumObservations([])).toEqual([]);
    });
  });
});
