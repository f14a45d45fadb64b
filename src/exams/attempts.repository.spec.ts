import type { PaperEntry } from './attempt-paper.entity';
import { toAttempt, withAnswers } from './attempts.repository';

const base = {
  id: 7,
  examId: 3,
  userId: 11,
  attemptNo: 2,
  status: 'submitted',
  seed: 's',
  extensionMinutes: 5,
  submittedBy: 'candidate',
  maxScore: 100,
  parts: '[]',
  focusLossCount: 1,
  invalidReason: null,
};

describe('toAttempt (a raw attempt row as the entity)', () => {
  it('reads SQLite text dates as UTC and 0/1 as booleans', () => {
    const sut = toAttempt({
      ...base,
      startedAt: '2026-12-05 08:00:00.000',
      deadline: '2026-12-05 10:00:00.000',
      submittedAt: null,
      score: 61.5,
      passed: 1,
    });
    expect(sut.startedAt).toEqual(new Date('2026-12-05T08:00:00.000Z'));
    expect(sut.deadline).toEqual(new Date('2026-12-05T10:00:00.000Z'));
    expect(sut.submittedAt).toBeNull();
    expect(sut.passed).toBe(true);
    expect(sut.score).toBe(61.5);
    expect(sut).toMatchObject({ id: 7, examId: 3, userId: 11, attemptNo: 2, status: 'submitted' });
  });

  it('keeps PostgreSQL dates and booleans, and a null passed or score null (awaiting marking, in progress)', () => {
    const d = new Date('2026-12-05T08:00:00.000Z');
    const sut = toAttempt({
      ...base,
      startedAt: d,
      deadline: null,
      submittedAt: d,
      score: null,
      passed: null,
    });
    expect(sut.startedAt).toEqual(d);
    expect(sut.deadline).toBeNull();
    expect(sut.passed).toBeNull();
    expect(sut.score).toBeNull();
    expect(toAttempt({ ...base, startedAt: d, passed: false, score: '0' }).passed).toBe(false);
    expect(toAttempt({ ...base, startedAt: d, passed: false, score: '0' }).score).toBe(0);
  });
});

describe('withAnswers (a paper with its saved answers)', () => {
  const paper: PaperEntry[] = [
    {
      part: 'a',
      questionId: 5,
      revisionId: 50,
      type: 'single',
      points: 2,
      optionOrder: ['B', 'A'],
      blanks: 0,
    },
    { part: 'b', questionId: 9, revisionId: 90, type: 'fill-blank', points: 3, optionOrder: null, blanks: 2 },
  ];

  it('keeps every field of each question, in paper order, with its answer or none', () => {
    const sut = withAnswers(paper, new Map([[9, { response: '["甲","乙"]', seq: 4 }]]));
    expect(sut).toEqual([
      { ...paper[0], response: null, seq: 0 },
      { ...paper[1], response: '["甲","乙"]', seq: 4 },
    ]);
  });

  it('an answer to a question not on the paper is not shown', () => {
    expect(withAnswers(paper, new Map([[77, { response: '"A"', seq: 1 }]])).map((it) => it.seq)).toEqual([
      0, 0,
    ]);
  });
});
