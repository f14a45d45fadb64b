import { examTotals } from './exam-totals';

describe('examTotals', () => {
  const common = {
    title: '共同科目',
    rules: [
      { count: 20, points: 2 },
      { count: 10, points: 3 },
      { count: 10, points: 2 },
    ],
  };

  it('adds count × points per part and for the paper (the old default blueprint adds up to 90)', () => {
    const sut = examTotals([common], 60);
    expect(sut.parts).toEqual([{ title: '共同科目', total: 90 }]);
    expect(sut.total).toBe(90);
    expect(sut.warnings).toEqual(['满分为 90 分，不是 100 分；及格分 60 分按满分 90 分计算，占 66.7%']);
  });

  it('has no warning for a two-part paper of 100 points with reachable pass marks', () => {
    const sut = examTotals(
      [
        { title: '通用', rules: [{ count: 20, points: 2 }], passMark: 24 },
        { title: '专门', rules: [{ count: 20, points: 3 }], passMark: 36 },
      ],
      60,
    );
    expect(sut.total).toBe(100);
    expect(sut.passShare).toBe(0.6);
    expect(sut.warnings).toEqual([]);
  });

  it('adds half points without floating-point noise', () => {
    expect(
      examTotals(
        [
          {
            title: 'a',
            rules: [
              { count: 3, points: 0.1 },
              { count: 1, points: 99.7 },
            ],
          },
        ],
        60,
      ).total,
    ).toBe(100);
  });

  it('warns when a pass mark cannot be reached, for the paper and for a part', () => {
    const sut = examTotals([{ title: '通用', rules: [{ count: 10, points: 1 }], passMark: 12 }], 80);
    expect(sut.warnings).toEqual([
      '满分为 10 分，不是 100 分；及格分 80 分按满分 10 分计算，占 800%',
      '及格分 80 分高于满分 10 分，没有人能及格',
      '第 1 部分“通用”的及格分 12 分高于本部分满分 10 分',
    ]);
  });

  it('says so when nothing is set yet, and ignores a rule that is not a number', () => {
    const sut = examTotals([{ title: '', rules: [{ count: NaN, points: 2 }] }], 60);
    expect(sut.total).toBe(0);
    expect(sut.passShare).toBeNull();
    expect(sut.warnings).toEqual(['还没有设置题目：满分为 0 分']);
  });
});
