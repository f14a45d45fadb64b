import type { CaseKey, WrittenKey } from '../question-bank/question.types';
import { scorePaper, scoreQuestion, validateResponse, caseLayout, writtenAnswersOf } from './scoring';
import {
  agreement,
  caseForCandidate,
  caseShares,
  checkAwards,
  finalMark,
  highlightTerms,
  spread,
} from './written';

const single = { double: false, tolerance: 2 };
const double = { double: true, tolerance: 1 };
const mark = (...awards: number[]) => ({ awards, score: awards.reduce((s, a) => s + a, 0) });

describe('finalMark (the marking rule)', () => {
  it('single marking: the one mark is final', () => {
    expect(finalMark([], single, 2)).toEqual({ state: 'open', marksNeeded: 1 });
    expect(finalMark([mark(2, 1.5)], single, 2)).toEqual({
      state: 'final',
      score: 3.5,
      awards: [2, 1.5],
      used: [0],
    });
  });

  it('double marking: within the tolerance the mean of both, per rubric point and in total', () => {
    expect(finalMark([mark(2, 1)], double, 2)).toEqual({ state: 'open', marksNeeded: 1 });
    expect(finalMark([mark(2, 1), mark(2, 2)], double, 2)).toEqual({
      state: 'final',
      score: 3.5,
      awards: [2, 1.5],
      used: [0, 1],
    });
  });

  it('double marking: a difference of exactly the tolerance needs no third marker; more does', () => {
    expect(finalMark([mark(3), mark(2)], double, 1).state).toBe('final');
    expect(finalMark([mark(3), mark(1.5)], double, 1)).toEqual({ state: 'third' });
  });

  it('third marking: the two closest totals count', () => {
    expect(finalMark([mark(6), mark(2), mark(5)], double, 1)).toEqual({
      state: 'final',
      score: 5.5,
      awards: [5.5],
      used: [0, 2],
    });
    expect(finalMark([mark(6), mark(2), mark(2.5)], double, 1)).toMatchObject({ score: 2.25, used: [1, 2] });
  });

  it('third marking: of two equally close pairs, the one with the higher mean', () => {
    // 2 and 6 differ by 4; the third (4) is 2 from each: 4 and 6 win over 2 and 4.
    expect(finalMark([mark(2), mark(6), mark(4)], double, 1)).toMatchObject({ score: 5, used: [1, 2] });
  });
});

describe('checkAwards', () => {
  const rubric = [{ points: 2 }, { points: 1.5 }];
  it.each([
    [[2, 1.5], null],
    [[0, 0], null],
    [[1.5, 0.5], null],
    [[2], '评分须逐条给出，本题有 2 个评分要点'],
    [[2.5, 0], '第1个评分要点的得分应在 0 到 2 分之间'],
    [[-1, 0], '第1个评分要点的得分应在 0 到 2 分之间'],
    [[1, 0.3], '第2个评分要点的得分应为整分或半分（如 1.5）'],
    [['2', 1], '第1个评分要点的得分应在 0 到 2 分之间'],
    ['2,1', '评分须逐条给出，本题有 2 个评分要点'],
  ])('%j → %s', (awards, message) => {
    expect(checkAwards(rubric, awards)).toBe(message);
  });
});

describe('highlightTerms (marking help, never scored)', () => {
  it('marks every occurrence, the longest term first, and keeps the text whole', () => {
    const text = '应当告知陈述、申辩权，听取陈述。';
    const parts = highlightTerms(text, ['陈述', '陈述、申辩', ' ']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.term).map((p) => p.text)).toEqual(['陈述、申辩', '陈述']);
  });
  it('has nothing to mark in an empty answer', () => {
    expect(highlightTerms('', ['事实'])).toEqual([]);
  });
});

describe('statistics', () => {
  it('spread: mean and standard deviation', () => {
    expect(spread([])).toEqual({ n: 0, mean: null, sd: null });
    expect(spread([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, sd: 2 });
  });
  it('agreement: share within the tolerance and mean absolute difference', () => {
    expect(agreement([], 1)).toEqual({ pairs: 0, withinTolerance: null, meanAbsDiff: null });
    expect(
      agreement(
        [
          [5, 4],
          [6, 2],
          [3, 3],
          [1, 2.5],
        ],
        1,
      ),
    ).toEqual({
      pairs: 4,
      withinTolerance: 0.5,
      meanAbsDiff: 1.63,
    });
  });
});

const shortKey: WrittenKey = {
  reference: '参考答案',
  rubric: [
    { point: '一', points: 2, keywords: [] },
    { point: '二', points: 2, keywords: [] },
  ],
};
const caseKey: CaseKey = {
  questions: [
    {
      type: 'single',
      stem: '甲',
      options: [
        { key: 'A', text: '对' },
        { key: 'B', text: '错' },
      ],
      answer: 'B',
      points: 2,
    },
    { type: 'short-answer', stem: '乙', options: [], answer: shortKey, points: 4 },
  ],
};

describe('written items in scoring', () => {
  it('a short-answer is pending until marked, then scored in proportion to the item points', () => {
    const base = {
      type: 'short-answer' as const,
      key: shortKey,
      points: 10,
      multipleMode: 'partial' as const,
    };
    expect(scoreQuestion({ ...base, response: '答了' })).toEqual({ score: 0, state: 'pending' });
    expect(scoreQuestion({ ...base, response: '答了', written: [3] })).toEqual({
      score: 7.5,
      state: 'partial',
    });
    expect(scoreQuestion({ ...base, response: '答了', written: [4] })).toEqual({
      score: 10,
      state: 'correct',
    });
    expect(scoreQuestion({ ...base, response: '   ' })).toEqual({ score: 0, state: 'unanswered' });
  });

  it('a case: objective sub-questions at once, the written one when marked; an empty written answer counts 0', () => {
    const base = { type: 'case' as const, key: caseKey, points: 12, multipleMode: 'partial' as const };
    expect(scoreQuestion({ ...base, response: ['B', '答了'] })).toEqual({ score: 4, state: 'pending' });
    expect(scoreQuestion({ ...base, response: ['B', '答了'], written: [undefined, 2] })).toEqual({
      score: 8,
      state: 'partial',
    });
    expect(scoreQuestion({ ...base, response: ['A', ''] })).toEqual({ score: 0, state: 'wrong' });
    expect(scoreQuestion({ ...base, response: [null, ''] })).toEqual({ score: 0, state: 'unanswered' });
  });

  it('a paper with a pending item is neither passed nor failed', () => {
    const items = [
      { part: 'p', points: 10, type: 'short-answer' as const, key: shortKey, response: '答了' },
      { part: 'p', points: 2, type: 'true-false' as const, key: true, response: true },
    ];
    const pending = scorePaper(items, [{ key: 'p' }], 2, 'partial');
    expect(pending).toMatchObject({ score: 2, pending: true, passed: false });
    const done = scorePaper([{ ...items[0], written: [4] }, items[1]], [{ key: 'p' }], 2, 'partial');
    expect(done).toMatchObject({ score: 12, pending: false, passed: true });
  });

  it('lists the written answers to mark', () => {
    expect(writtenAnswersOf('case', caseKey, ['B', '答'])).toEqual([{ sub: 1, text: '答', max: 4 }]);
    expect(writtenAnswersOf('short-answer', shortKey, null)).toEqual([{ sub: 0, text: '', max: 4 }]);
  });

  it('validates text answers and case answers against the sub-questions', () => {
    expect(validateResponse('short-answer', '字'.repeat(2000))).toBeNull();
    expect(validateResponse('short-answer', '字'.repeat(2001))).toContain('最多 2000 字');
    expect(validateResponse('short-answer', 3)).toBe('简答题的作答必须是一段文字');
    const subs = caseLayout(caseKey);
    expect(subs).toEqual([{ t: 'single', k: ['A', 'B'] }, { t: 'short-answer' }]);
    expect(validateResponse('case', ['B', '答'], { subs })).toBeNull();
    expect(validateResponse('case', [null, null], { subs })).toBeNull();
    expect(validateResponse('case', ['C', '答'], { subs })).toBe('第1小题：选项“C”不存在');
    expect(validateResponse('case', ['A', '答', '多'], { subs })).toBe('本案例只有 2 道小题，作答了 3 道');
    expect(validateResponse('case', 'A', { subs })).toBe('案例分析题的作答必须是每道小题一项的列表');
  });

  it('shows a case to the candidate without any key, points shared as on the paper', () => {
    const shown = caseForCandidate(caseKey, 12);
    expect(shown).toEqual([
      {
        type: 'single',
        stem: '甲',
        options: [
          { key: 'A', text: '对' },
          { key: 'B', text: '错' },
        ],
        points: 4,
      },
      { type: 'short-answer', stem: '乙', options: [], points: 8 },
    ]);
    expect(JSON.stringify(shown)).not.toContain('参考答案');
  });

  it('a case whose sub-questions do not add up to the item points: half-point shares that add up exactly', () => {
    const rubric = [
      { point: '一', points: 4, keywords: [] },
      { point: '二', points: 2.5, keywords: [] },
    ];
    const single = caseKey.questions[0];
    const odd: CaseKey = {
      questions: [
        single,
        { ...single, stem: '丙' },
        { type: 'short-answer', stem: '乙', options: [], answer: { reference: '参考', rubric }, points: 6.5 },
      ],
    };
    expect(caseShares(odd, 10)).toEqual([2, 2, 6]);
    expect(caseForCandidate(odd, 10).map((q) => q.points)).toEqual([2, 2, 6]);
    const base = { type: 'case' as const, key: odd, points: 10, multipleMode: 'partial' as const };
    // Full marks: exactly the item's points, no drift from 1.9 + 1.9 + 6.19.
    expect(scoreQuestion({ ...base, response: ['B', 'B', '答'], written: [null, null, 6.5] })).toEqual({
      score: 10,
      state: 'correct',
    });
    // An objective sub-question earns its share as shown (2), the written one its share × marked ÷ rubric.
    expect(scoreQuestion({ ...base, response: ['B', 'A', '答'], written: [null, null, 3.25] })).toEqual({
      score: 5,
      state: 'partial',
    });
    expect(scoreQuestion({ ...base, response: ['B', 'A', '答'] })).toEqual({ score: 2, state: 'pending' });
  });
});
