import { bandOf, bandThresholds, SCORE_BANDS } from './roster-groups';

describe('score bands', () => {
  it('bands a grade by its share of full marks, boundaries going to the higher band', () => {
    expect(bandOf(59.99, 100)).toBe(0);
    expect(bandOf(60, 100)).toBe(1);
    expect(bandOf(69.99, 100)).toBe(1);
    expect(bandOf(90, 100)).toBe(4);
    expect(bandOf(100, 100)).toBe(4);
    // 0.7 × 30 is 20.999999999999996 in floating point: 21 of 30 is still 70 %.
    expect(bandOf(21, 30)).toBe(2);
    expect(bandThresholds(100)).toHaveLength(SCORE_BANDS.length - 1);
    expect(bandOf(0, 0)).toBe(0);
    expect(bandOf(5, 0)).toBe(0);
  });
});
