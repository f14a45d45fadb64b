import { bandOf, RosterGroup, RosterState } from '../exams/roster-groups';
import { examStatistics } from './exam-stats';

/** One person as a group of one, banded as the report's SQL bands them. */
const person = (unitId: number, state: RosterState, grade: number | null, line = 'care'): RosterGroup => ({
  unitId,
  unitName: `单位${unitId}`,
  unitPath: `/1/${unitId}/`,
  businessLines: [line],
  state,
  band: grade === null ? null : bandOf(grade, 100),
  count: 1,
  gradeTotal: grade ?? 0,
});

describe('exam statistics', () => {
  it('computes 参考率, 合格率, average and bands per unit and line', () => {
    const sut = examStatistics(
      [
        person(2, 'passed', 60, 'rights'),
        person(1, 'passed', 95),
        person(1, 'failed', 40),
        person(1, 'not-started', null),
      ],
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
    expect(sut.byUnit.map((u) => u.unitId)).toEqual([1, 2]);
    expect(sut.byUnit[0]).toMatchObject({ shouldSit: 3, sat: 2, passed: 1, average: 67.5 });
    expect(sut.byLine.map((l) => l.key)).toEqual(['rights', 'care']);
  });

  it('counts grouped rows by their size, and leaves out the grades of those still sitting', () => {
    const sut = examStatistics(
      [
        { ...person(1, 'passed', 80), count: 3, gradeTotal: 255 },
        { ...person(1, 'failed', 10), count: 2, gradeTotal: 30 },
        { ...person(1, 'in-progress', 70), count: 4, gradeTotal: 280 },
      ],
      100,
    );
    expect(sut).toMatchObject({ shouldSit: 9, sat: 5, passed: 3, average: 57, passRate: 0.6 });
    expect(sut.distribution.map((d) => d.count)).toEqual([2, 0, 0, 3, 0]);
  });
});
