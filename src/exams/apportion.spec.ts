import { apportion } from './apportion';

describe('apportion (largest remainder)', () => {
  const sum = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 100) / 100;

  it('keeps what the author set when it already adds up to the points', () => {
    expect(apportion([2, 2, 6], 10)).toEqual([2, 2, 6]);
    expect(apportion([1.5, 2.5], 4)).toEqual([1.5, 2.5]);
  });

  it('scales 2+2+6.5 to 10 in half points that add up to exactly 10 (not 1.9 + 1.9 + 6.19)', () => {
    const sut = apportion([2, 2, 6.5], 10);
    expect(sut).toEqual([2, 2, 6]);
    expect(sum(sut)).toBe(10);
  });

  it('gives the steps left over to the largest remainders, the earlier part on a tie', () => {
    // Quotas in half points: 6.67, 6.67, 6.67 → 6, 6, 6 and two left over → the first two.
    expect(apportion([1, 1, 1], 10)).toEqual([3.5, 3.5, 3]);
    // 2+2+4.5 = 8.5 → 10: quotas 4.71, 4.71, 10.59 (halves) → 4, 4, 10, then 2 to the larger remainders.
    expect(apportion([2, 2, 4.5], 10)).toEqual([2.5, 2.5, 5]);
  });

  it('always adds up to the points, in half steps, for every case layout in the banks', () => {
    for (const written of [4.5, 5, 5.5, 6, 6.5, 7, 7.5])
      for (const total of [5, 8, 10, 12.5, 15, 20]) {
        const sut = apportion([2, 2, written], total);
        expect(sum(sut)).toBe(total);
        for (const s of sut) expect(Number.isInteger(s * 2)).toBe(true);
      }
  });

  it('falls back to hundredths when the points are not whole or half points, still adding up exactly', () => {
    const sut = apportion([1, 1, 1], 2.25);
    expect(sut).toEqual([0.75, 0.75, 0.75]);
    const odd = apportion([2, 2, 6.5], 3.01);
    expect(sum(odd)).toBe(3.01);
  });

  it('gives nothing to a part without weight, and zeros when there is nothing to share', () => {
    expect(apportion([0, 2, 2], 5)).toEqual([0, 2.5, 2.5]);
    expect(apportion([0, 0], 5)).toEqual([0, 0]);
    expect(apportion([], 5)).toEqual([]);
  });
});
