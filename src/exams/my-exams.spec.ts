import type { Sitting } from './review-policy';
import { standingOf, type StandingExam } from './my-exams';
import { sittingOf } from './review-policy';

const day = 86400_000;
const now = new Date('2026-06-15T02:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * day);
const exam = (o: Partial<StandingExam> = {}): StandingExam => ({
  opensAt: at(-5),
  closesAt: at(5),
  resitOpensAt: null,
  resitClosesAt: null,
  attemptsAllowed: 2,
  ...o,
});
const sitting = (o: Partial<Sitting> = {}): Sitting => ({
  inAudience: true,
  open: false,
  counted: 0,
  passed: false,
  ...o,
});

describe('standingOf', () => {
  it('says 已通过 for a passed exam even with attempts left, and offers no start', () => {
    const sut = standingOf(now, exam(), sitting({ counted: 1, passed: true }));
    expect(sut).toEqual({ standing: 'passed', label: '已通过', attemptsLeft: 1, canStart: false });
  });

  it('says 待阅卷 while a submitted attempt waits for its written answers, and offers no start', () => {
    const sut = standingOf(now, exam({ attemptsAllowed: 3 }), sitting({ counted: 1, awaiting: true }));
    expect(sut).toMatchObject({ standing: 'awaiting', label: '待阅卷', canStart: false });
    // A pass already earned still shows as 已通过.
    expect(standingOf(now, exam(), sitting({ counted: 2, passed: true, awaiting: true })).label).toBe(
      '已通过',
    );
  });

  it('says 待参加 before the first attempt and 可再考 with the attempts left after a fail', () => {
    expect(standingOf(now, exam(), sitting()).label).toBe('待参加');
    const retry = standingOf(now, exam(), sitting({ counted: 1 }));
    expect(retry).toEqual({
      standing: 'retry',
      label: '可再考（剩余 1 次）',
      attemptsLeft: 1,
      canStart: true,
    });
    expect(standingOf(now, exam({ attemptsAllowed: 0 }), sitting({ counted: 3 })).label).toBe(
      '可再考（不限次数）',
    );
  });

  it('says 作答中 while an attempt is open', () => {
    expect(standingOf(now, exam(), sitting({ open: true, counted: 1 })).standing).toBe('in-progress');
  });

  it('says 已结束 once the window closed or the attempts are used up, and 待补考 before a resit', () => {
    expect(standingOf(now, exam({ closesAt: at(-1) }), sitting({ counted: 1 })).label).toBe(
      '已结束（未通过）',
    );
    expect(standingOf(now, exam({ closesAt: at(-1) }), sitting()).label).toBe('已结束');
    expect(standingOf(now, exam(), sitting({ counted: 2 })).label).toBe('已结束（作答次数已用完）');
    const resit = exam({ closesAt: at(-1), resitOpensAt: at(2), resitClosesAt: at(4) });
    expect(standingOf(now, resit, sitting({ counted: 1 })).label).toBe('待补考');
    expect(standingOf(now, exam({ opensAt: at(1) }), sitting()).label).toBe('未开始');
  });
});

describe('sittingOf (standing from the attempts, for 首页, 我的考试 and the review rules alike)', () => {
  it('counts every attempt but the invalidated, and sees open, passed and awaiting ones', () => {
    expect(
      sittingOf(
        [
          { status: 'invalidated', passed: null },
          { status: 'submitted', passed: false },
          { status: 'awaiting-marking', passed: null },
        ],
        true,
      ),
    ).toEqual({ inAudience: true, open: false, counted: 2, passed: false, awaiting: true });
    expect(sittingOf([{ status: 'in-progress', passed: null }], false)).toMatchObject({
      open: true,
      counted: 1,
    });
    // An awaiting attempt reads as 待阅卷, never as 可再考 with a start button.
    const awaiting = sittingOf([{ status: 'awaiting-marking', passed: null }], true);
    expect(standingOf(now, exam({ attemptsAllowed: 3 }), awaiting)).toMatchObject({
      label: '待阅卷',
      canStart: false,
    });
  });
});
