import type { ReviewQuestionResponse } from '../../exams/attempt.response';
import { reviewPage } from './paper.pages';

describe('the review page of a case', () => {
  const rubric = [
    { point: '告知', points: 4, keywords: [] },
    { point: '听证', points: 2.5, keywords: [] },
  ];
  const single = {
    type: 'single' as const,
    stem: '哪一项正确？',
    options: [
      { key: 'A' as const, text: '甲' },
      { key: 'B' as const, text: '乙' },
    ],
    answer: 'B' as const,
    points: 2,
  };
  const q: ReviewQuestionResponse = {
    id: 1,
    type: 'case',
    part: 'written',
    stem: '案例材料',
    options: [],
    points: 10,
    response: ['B', 'A', '答了'],
    answer: {
      questions: [
        single,
        { ...single, stem: '第二问' },
        {
          type: 'short-answer',
          stem: '应如何处理？',
          options: [],
          answer: { reference: '参考', rubric },
          points: 6.5,
        },
      ],
    },
    explanation: null,
    citation: null,
    score: 5,
    state: 'partial',
    earned: [{ sub: 2, awards: [2, 1.25], score: 3.25, maxPoints: 6.5 }],
    subPoints: [2, 2, 6],
  };

  it('shows each sub-question’s points as on the paper, and says how a scaled rubric counts', () => {
    const sut = reviewPage('考试', [q]).toString();
    expect(sut).toContain('6 分');
    expect(sut).toContain('评分要点合计 6.5 分，按本小题 6 分折算计入得分');
    expect(sut).not.toMatch(/6\.19|1\.9 分/);
  });
});
