import type { CaseKey } from './question.types';
import { normalizeWrittenKey, writtenCitations } from './written-key';

const current: CaseKey = {
  questions: [
    {
      type: 'single',
      stem: '哪一项正确？',
      options: [
        { key: 'A', text: '甲' },
        { key: 'B', text: '乙' },
      ],
      answer: 'B',
      points: 2,
      citation: { regulation: 'administrative-penalty-law', article: 44 },
    },
    {
      type: 'short-answer',
      stem: '应如何处理？',
      options: [],
      answer: { reference: '旧参考', rubric: [{ point: '告知', points: 2, keywords: [] }] },
      points: 2,
    },
  ],
};

describe('normalizeWrittenKey', () => {
  it('keeps known fields only, trims texts and drops what a short-answer key does not have', () => {
    const sut = normalizeWrittenKey(
      'short-answer',
      {
        reference: ' 参考答案 ',
        extra: 1,
        rubric: [
          {
            point: ' 告知 ',
            points: 1.5,
            keywords: [' 告知 '],
            citation: { regulation: ' 行政处罚法 ', article: 44 },
            x: 1,
          },
        ],
      },
      null,
    );
    expect(sut).toEqual({
      reference: '参考答案',
      rubric: [
        {
          point: '告知',
          points: 1.5,
          keywords: ['告知'],
          citation: { regulation: '行政处罚法', article: 44 },
        },
      ],
    });
  });

  it('sets a written sub-question’s points to its rubric sum and keeps an objective one’s key when left out', () => {
    const sut = normalizeWrittenKey(
      'case',
      {
        questions: [
          { type: 'single', stem: '新题干' },
          {
            type: 'short-answer',
            stem: '应如何处理？',
            answer: {
              reference: '新参考',
              rubric: [
                { point: '一', points: 2, keywords: [] },
                { point: '二', points: 1.5, keywords: [] },
              ],
            },
            points: 99,
          },
        ],
      },
      current,
    ) as CaseKey;
    expect(sut.questions[0]).toEqual({ ...current.questions[0], stem: '新题干' });
    expect(sut.questions[1].points).toBe(3.5);
  });

  it('leaves malformed input as it is, for validation to name', () => {
    expect(normalizeWrittenKey('case', { questions: 'x' }, current)).toEqual({ questions: 'x' });
    expect(normalizeWrittenKey('short-answer', 'x', null)).toBe('x');
  });

  it('lists the citations inside a key with where they are', () => {
    expect(writtenCitations('case', current).map((c) => c.at)).toEqual(['第1小题']);
    expect(
      writtenCitations('short-answer', {
        reference: 'r',
        rubric: [
          { point: 'a', points: 1, keywords: [] },
          { point: 'b', points: 1, keywords: [], citation: { regulation: 'x', article: 2 } },
        ],
      }),
    ).toEqual([{ at: '评分要点第2条', citation: { regulation: 'x', article: 2 } }]);
  });
});
