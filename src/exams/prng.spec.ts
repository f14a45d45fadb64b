import fc from 'fast-check';
import { createRng, cyrb128, Dealer, pickN, randomInt, shuffle } from './prng';

describe('prng', () => {
  it('is deterministic for a seed', () => {
    const a = createRng('exam-42');
    const b = createRng('exam-42');
    const xs = Array.from({ length: 20 }, () => a());
    const ys = Array.from({ length: 20 }, () => b());
    expect(xs).toEqual(ys);
  });

  it('differs for different seeds, even close ones', () => {
    const a = createRng('attempt-1');
    const b = createRng('attempt-2');
    expect(Array.from({ length: 5 }, () => a())).not.toEqual(Array.from({ length: 5 }, () => b()));
  });

  it('hashes a seed into four unsigned 32-bit words', () => {
    const h = cyrb128('学法考试');
    expect(h).toHaveLength(4);
    for (const w of h) {
      expect(Number.isInteger(w)).toBe(true);
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThan(2 ** 32);
    }
    expect(cyrb128('a')).not.toEqual(cyrb128('b'));
  });

  it('returns floats in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 100; i++) {
          const v = rng();
          if (!(v >= 0 && v < 1)) return false;
        }
        return true;
      }),
    );
  });

  it('is roughly uniform', () => {
    const rng = createRng('uniformity');
    const counts = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[randomInt(rng, 10)]++;
    for (const c of counts) expect(Math.abs(c - n / 10)).toBeLessThan(n / 100);
  });

  it('randomInt rejects a non-positive bound', () => {
    const rng = createRng('x');
    expect(() => randomInt(rng, 0)).toThrow(RangeError);
    expect(() => randomInt(rng, 1.5)).toThrow(RangeError);
    expect(randomInt(rng, 1)).toBe(0);
  });

  describe('shuffle', () => {
    it('returns a permutation and leaves the input untouched', () => {
      fc.assert(
        fc.property(fc.array(fc.integer()), fc.string(), (array, seed) => {
          const copy = array.slice();
          const sut = shuffle(array, createRng(seed));
          expect(array).toEqual(copy);
          expect(sut).not.toBe(array);
          expect([...sut].sort((a, b) => a - b)).toEqual([...array].sort((a, b) => a - b));
        }),
      );
    });

    it('is reproducible for a seed', () => {
      const items = Array.from({ length: 30 }, (_, i) => i);
      expect(shuffle(items, createRng('s'))).toEqual(shuffle(items, createRng('s')));
      expect(shuffle(items, createRng('s'))).not.toEqual(shuffle(items, createRng('t')));
    });

    it('puts every element in every position about equally often', () => {
      const rng = createRng('fisher-yates');
      const counts = [0, 0, 0, 0];
      const runs = 40_000;
      for (let i = 0; i < runs; i++) counts[shuffle([0, 1, 2, 3], rng).indexOf(0)]++;
      for (const c of counts) expect(Math.abs(c - runs / 4)).toBeLessThan(runs / 40);
    });
  });

  describe('Dealer', () => {
    const dealAll = <T>(d: Dealer<T>): T[] => {
      const out: T[] = [];
      for (let x = d.next(); x !== undefined; x = d.next()) out.push(x);
      return out;
    };

    it('deals every element exactly once, then undefined, leaving the input untouched', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer(), { maxLength: 60 }), fc.string(), (array, seed) => {
          const before = [...array];
          const d = new Dealer(array, createRng(seed));
          expect([...dealAll(d)].sort((a, b) => a - b)).toEqual([...array].sort((a, b) => a - b));
          expect(d.next()).toBeUndefined();
          expect(array).toEqual(before);
        }),
      );
    });

    it('is reproducible for a seed', () => {
      const pool = Array.from({ length: 1000 }, (_, i) => i);
      expect(dealAll(new Dealer(pool, createRng('s')))).toEqual(dealAll(new Dealer(pool, createRng('s'))));
    });

    it('deals the first element uniformly over the pool (chi-square, 20 positions, 20,000 deals)', () => {
      const pool = Array.from({ length: 20 }, (_, i) => i);
      const counts = new Array<number>(20).fill(0);
      const rng = createRng('uniform');
      for (let n = 0; n < 20_000; n++) counts[new Dealer(pool, rng).next()!]++;
      const expected = 1000;
      const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      // 19 degrees of freedom: 43.8 is the 0.999 quantile.
      expect(chi2).toBeLessThan(43.8);
    });
  });

  describe('pickN', () => {
    it('picks n distinct elements of the array', () => {
      fc.assert(
        fc.property(
          fc
            .uniqueArray(fc.integer(), { maxLength: 50 })
            .chain((array) =>
              fc.tuple(fc.constant(array), fc.integer({ min: 0, max: array.length }), fc.string()),
            ),
          ([array, n, seed]) => {
            const sut = pickN(array, n, createRng(seed));
            expect(sut).toHaveLength(n);
            expect(new Set(sut).size).toBe(n);
            for (const x of sut) expect(array).toContain(x);
          },
        ),
      );
    });

    it('rejects impossible counts', () => {
      const rng = createRng('x');
      expect(() => pickN([1, 2], 3, rng)).toThrow(RangeError);
      expect(() => pickN([1, 2], -1, rng)).toThrow(RangeError);
      expect(() => pickN([1, 2], 1.5, rng)).toThrow(RangeError);
      expect(pickN([1, 2], 0, rng)).toEqual([]);
    });
  });
});
