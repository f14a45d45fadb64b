/**
 * The wrong-answer notebook's update (NotebookService.update) on the database this run uses: what a scored attempt
 * or a practice answer does to each row, set by set, inside the caller's transaction.
 */
import { DataSource, In } from 'typeorm';
import { TxService } from '../src/database/tx.service';
import { NotebookService, type NotebookOutcome } from '../src/exams/notebook.service';
import { WrongAnswer } from '../src/exams/wrong-answer.entity';
import { User } from '../src/identity/user.entity';
import { bootTestApp, TestApp } from './helpers/test-app';

describe('wrong-answer notebook update', () => {
  let t: TestApp;
  let userId: number;
  let otherId: number;
  const Q = [900001, 900002, 900003, 900004, 900005, 900006, 900007];

  const update = (user: number, outcomes: NotebookOutcome[]) =>
    t.app.get(TxService).run((m) => t.app.get(NotebookService).update(m, user, outcomes));
  const rows = async (user: number) =>
    (
      await t.app
        .get(DataSource)
        .getRepository(WrongAnswer)
        .find({ where: { userId: user, questionId: In(Q) }, order: { questionId: 'ASC' } })
    ).map((w) => ({
      questionId: w.questionId,
      correctStreak: w.correctStreak,
      timesMissed: w.timesMissed,
      lastMissedAt: new Date(w.lastMissedAt).getTime(),
    }));
  /** The rows without their time. */
  const counts = (rs: Awaited<ReturnType<typeof rows>>) =>
    rs.map((r) => ({ questionId: r.questionId, correctStreak: r.correctStreak, timesMissed: r.timesMissed }));
  const miss = (questionId: number): NotebookOutcome => ({ questionId, correct: false, answered: true });
  const right = (questionId: number): NotebookOutcome => ({ questionId, correct: true, answered: true });

  beforeAll(async () => {
    t = await bootTestApp();
    const users = await t.app
      .get(DataSource)
      .getRepository(User)
      .find({ order: { id: 'ASC' }, take: 2 });
    [userId, otherId] = users.map((u) => u.id);
  });
  afterAll(async () => t.close());

  it('adds misses, counts repeated misses, and takes a question out after two right answers in a row', async () => {
    const t0 = Date.now();
    // Q0..Q3 missed; Q4 unanswered (a miss too); Q5 right but never missed (nothing to do).
    await update(userId, [
      miss(Q[0]),
      miss(Q[1]),
      miss(Q[2]),
      miss(Q[3]),
      { questionId: Q[4], correct: false, answered: false },
      right(Q[5]),
    ]);
    const first = await rows(userId);
    expect(counts(first)).toEqual([
      { questionId: Q[0], correctStreak: 0, timesMissed: 1 },
      { questionId: Q[1], correctStreak: 0, timesMissed: 1 },
      { questionId: Q[2], correctStreak: 0, timesMissed: 1 },
      { questionId: Q[3], correctStreak: 0, timesMissed: 1 },
      { questionId: Q[4], correctStreak: 0, timesMissed: 1 },
    ]);
    for (const r of first) expect(r.lastMissedAt).toBeGreaterThanOrEqual(t0 - 1000);

    // Q0 right once (streak 1), Q1 missed again (2 misses), Q2 right, Q3 untouched.
    await new Promise((r) => setTimeout(r, 5)); // a later miss time than the first update's
    await update(userId, [right(Q[0]), miss(Q[1]), right(Q[2])]);
    const second = await rows(userId);
    expect(counts(second)).toEqual([
      { questionId: Q[0], correctStreak: 1, timesMissed: 1 },
      { questionId: Q[1], correctStreak: 0, timesMissed: 2 },
      { questionId: Q[2], correctStreak: 1, timesMissed: 1 },
      { questionId: Q[3], correctStreak: 0, timesMissed: 1 },
      { questionId: Q[4], correctStreak: 0, timesMissed: 1 },
    ]);

    // Q0 right again: out. Q2 missed after one right: its streak starts over and a second miss is counted.
    await update(userId, [right(Q[0]), miss(Q[2]), right(Q[1])]);
    const third = await rows(userId);
    expect(counts(third)).toEqual([
      { questionId: Q[1], correctStreak: 1, timesMissed: 2 },
      { questionId: Q[2], correctStreak: 0, timesMissed: 2 },
      { questionId: Q[3], correctStreak: 0, timesMissed: 1 },
      { questionId: Q[4], correctStreak: 0, timesMissed: 1 },
    ]);
    // A miss moves lastMissedAt; a right answer does not.
    const at = (rs: typeof first, q: number) => rs.find((r) => r.questionId === q)!.lastMissedAt;
    expect(at(second, Q[1])).toBeGreaterThan(at(first, Q[1]));
    expect(at(second, Q[0])).toBe(at(first, Q[0]));
    expect(at(third, Q[1])).toBe(at(second, Q[1]));
  });

  it('keeps the last outcome of a question listed twice, and touches no one else', async () => {
    await update(otherId, [miss(Q[6])]);
    await update(otherId, [right(Q[6]), miss(Q[6]), right(Q[5]), miss(Q[5]), right(Q[5])]);
    // Q6: its last outcome is a miss (2 misses, streak 0); Q5: last outcome right, never missed → not added.
    expect(counts(await rows(otherId))).toEqual([{ questionId: Q[6], correctStreak: 0, timesMissed: 2 }]);
    expect((await rows(userId)).some((r) => r.questionId === Q[6])).toBe(false);
    // Nothing to record: nothing happens.
    await update(otherId, []);
    expect(await rows(otherId)).toHaveLength(1);
  });

  it('is part of the caller’s transaction: a rollback leaves the notebook as it was', async () => {
    const before = await rows(userId);
    await expect(
      t.app.get(TxService).run(async (m) => {
        await t.app.get(NotebookService).update(m, userId, [miss(Q[0]), right(Q[1]), miss(Q[3])]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await rows(userId)).toEqual(before);
  });
});
