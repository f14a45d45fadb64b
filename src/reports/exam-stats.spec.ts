import { examStatistics } from './exam-stats';

describe('exam statistics', () => {
  it('computes 参考率, 合格率, average and bands per unit and line', () => {
    const p = (unitId: number, state: string, grade: number | null, line = 'care') => ({
      userId: Math.random(),
      unitId,
      unitName: `单位${unitId}`,
      businessLines: [line],
      state,
      grade,
    });
    const sut = examStatistics(
      [p(1, 'passed', 95), p(1, 'failed', 40), p(1, 'not-started', null), p(2, 'passed', 60, 'rights')],
      100,
    );
    expect(sut).toMatchObject({
      shouldSit: 4,
      sat: 3,
      passed: 2,
      participationRate: 0.75,
      passRate: 0.6667,
      average: 65,
    });
    expect(sut.distribution.map((d) => d.count)).toEqual([1, 1, 0, 0, 1]);
    expect(sut.byUnit.find((u) => u.unitId === 1)).toMatchObject({ shouldSit: 3, sat: 2, passed: 1 });
    expect(sut.byLine.map((l) => l.key)).toEqual(['rights', 'care']);
  });
});
