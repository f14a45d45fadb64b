import { bankHealth, HealthQuestion, keyBalance } from './bank-health';

const single = (id: number, answer: string): HealthQuestion => ({
  id,
  type: 'single',
  stem: `单选${id}`,
  answer,
  optionKeys: ['A', 'B', 'C', 'D'],
});
const tf = (id: number, answer: boolean): HealthQuestion => ({
  id,
  type: 'true-false',
  stem: `判断${id}`,
  answer,
  optionKeys: [],
});
const multi = (id: number, answer: string[]): HealthQuestion => ({
  id,
  type: 'multiple',
  stem: `多选${id}`,
  answer,
  optionKeys: ['A', 'B', 'C', 'D'],
});

describe('bank health', () => {
  it('finds keys piled on one position, a true/false lean and all-correct multiple choice', () => {
    const skewed = [
      ...Array.from({ length: 10 }, (_, i) => single(i + 1, i < 8 ? 'A' : 'B')),
      ...Array.from({ length: 10 }, (_, i) => tf(20 + i, i < 8)),
      ...Array.from({ length: 8 }, (_, i) => multi(40 + i, i < 4 ? ['A', 'B', 'C', 'D'] : ['A', 'C'])),
    ];
    const sut = keyBalance(skewed);
    expect(sut.single.byPosition).toEqual({ A: 8, B: 2 });
    expect(sut.warnings).toEqual([
      '单选题的正确答案集中在 A 项（8/10，80%）',
      '判断题答案偏向“正确”（8/10，80%）',
      '多选题中全部选项都正确的占 50%（4/8，应不超过 25%）',
      '多选题的正确答案几乎都包含第一个选项（8/8，100%）',
    ]);
  });

  it('is quiet about a balanced bank, and leaves positions out when options are shuffled', () => {
    const balanced = [
      ...['A', 'B', 'C', 'D', 'A', 'B', 'C', 'D'].map((k, i) => single(i + 1, k)),
      ...[true, false, true, false, true, false].map((a, i) => tf(20 + i, a)),
      multi(40, ['A', 'B']),
      multi(41, ['B', 'C']),
      multi(42, ['C', 'D']),
      multi(43, ['A', 'B', 'C', 'D']),
    ];
    expect(keyBalance(balanced).warnings).toEqual([]);
    const piled = Array.from({ length: 8 }, (_, i) => single(i + 1, 'A'));
    expect(keyBalance(piled, { positions: false }).warnings).toEqual([]);
  });

  it('lists questions never shown and those nearly everyone or nobody gets right, over enough answers', () => {
    const qs = [single(1, 'A'), single(2, 'B'), single(3, 'C'), single(4, 'D')];
    const sut = bankHealth(qs, [
      { questionId: 1, n: 30, facility: 0.97 },
      { questionId: 2, n: 30, facility: 0.05 },
      { questionId: 3, n: 3, facility: 0 }, // too few answers to judge
    ]);
    expect(sut.neverShown.map((q) => q.id)).toEqual([4]);
    expect(sut.tooEasy.map((q) => q.id)).toEqual([1]);
    expect(sut.tooHard.map((q) => q.id)).toEqual([2]);
    expect(sut.warnings).toContain('1 道题几乎人人答对（答对率 ≥ 95%），区分度低');
  });
});
