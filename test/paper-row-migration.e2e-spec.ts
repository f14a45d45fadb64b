/**
 * Migrations PaperRow, AttemptScore and CompactPaper (issue #19) on real data, on SQLite and, with DATABASE_URL, on
 * PostgreSQL. CompactPaper reverted writes each paper's questions as JSON objects again; AttemptScore reverted puts
 * the item scores back in attempt_paper as JSON objects; PaperRow reverted rebuilds
 * attempt_item (one row per question, with the answers and scores) and written_answer's item link; run again, they
 * bring back the same papers, answers and scores, so a resumed paper and a review read exactly as before.
 */
import { DataSource } from 'typeorm';
import { publishCommonExam } from './helpers/sit-exam';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

interface Shown {
  id: number;
  type: string;
  options: { key: string }[];
}

describe('migrations PaperRow, AttemptScore and CompactPaper: papers, answers and scores survive down and up', () => {
  let t: TestApp;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const answer = (q: Shown) =>
    q.type === 'multiple'
      ? [q.options[0].key, q.options[1].key]
      : q.type === 'true-false'
        ? true
        : q.options[0].key;

  it('reverts to attempt_item rows and migrates them back unchanged', async () => {
    const trainer = await t.token('trainer');
    const examId = await publishCommonExam(t, trainer, {
      title: '迁移测试',
      kind: 'law-study',
      passMark: 6,
      rules: [
        { type: 'single', count: 4, points: 2 },
        { type: 'multiple', count: 2, points: 2 },
        { type: 'short-answer', count: 1, points: 4 },
      ],
      timeLimitMinutes: 60,
      attemptsAllowed: 1,
      reviewPolicy: 'after-submit',
      shuffleOptions: true,
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
      audience: {},
    });
    const sit = async (username: string, count: number) => {
      const token = await t.token(username);
      const paper = (await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(token)).expect(201))
        .body;
      const qs = paper.questions as Shown[];
      // The short answer left empty: final at 0 without a marker, so the attempt is scored and reviewable.
      const chosen = qs.filter((q) => q.type !== 'short-answer').slice(0, count);
      for (const [i, q] of chosen.entries())
        await t
          .http()
          .put(`/api/attempts/${paper.id}/answers/${q.id}`)
          .set(bearer(token))
          .send({ response: answer(q), seq: i + 2 })
          .expect(200);
      return { token, id: paper.id as number, answered: chosen.length };
    };
    const done = await sit('S0001', 4);
    await t.http().post(`/api/attempts/${done.id}/submit`).set(bearer(done.token)).expect(200);
    const open = await sit('S0002', 3);
    const stable = (body: Record<string, unknown>): Record<string, unknown> => ({
      ...body,
      serverNow: 0,
      remainingSeconds: 0,
    });
    const reviewBefore = (await t.http().get(`/api/attempts/${done.id}/review`).set(bearer(done.token))).body;
    const openBefore = stable(
      (await t.http().get(`/api/attempts/${open.id}`).set(bearer(open.token)).expect(200)).body,
    );
    expect(reviewBefore.questions).toHaveLength(7);
    const db = t.app.get(DataSource);
    const written = async () =>
      (await db.query(
        `SELECT "attemptId" AS "attemptId", "questionId" AS "questionId", status FROM written_answer WHERE "attemptId" = ${done.id}`,
      )) as { attemptId: number; questionId: number }[];
    expect(await written()).toHaveLength(1);

    const last = async () =>
      ((await db.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')) as { name: string }[])[0]
        .name;
    // Stored compact: one array per question, in display order.
    const itemsOf = async (id: number) =>
      JSON.parse(
        (
          (await db.query(`SELECT items FROM attempt_paper WHERE "attemptId" = ${id}`)) as { items: string }[]
        )[0].items,
      ) as unknown[];
    const shownIds = reviewBefore.questions.map((q: { id: number }) => q.id);
    const compact = await itemsOf(done.id);
    expect(compact.map((r) => (r as unknown[])[1])).toEqual(shownIds);
    expect(await last()).toBe('CompactPaper1797700000000');
    await db.undoLastMigration({ transaction: 'each' });
    // Field by field again, the same values.
    const objects = (await itemsOf(done.id)) as Record<string, unknown>[];
    expect(objects.map((o) => o.questionId)).toEqual(shownIds);
    expect(
      objects.map((o) => [o.part, o.questionId, o.revisionId, o.type, o.points, o.optionOrder, o.blanks]),
    ).toEqual(compact);
    expect(await last()).toBe('AttemptScore1797600000000');
    await db.undoLastMigration({ transaction: 'each' });
    // The scores as they were stored before AttemptScore: JSON objects at the items' positions, null until scored.
    const papers = (await db.query(
      `SELECT "attemptId" AS "attemptId", scores FROM attempt_paper WHERE "attemptId" IN (${done.id}, ${open.id})`,
    )) as { attemptId: number; scores: string | null }[];
    const scoresOf = (id: number) => papers.find((r) => Number(r.attemptId) === id)!.scores;
    expect(JSON.parse(scoresOf(done.id)!)).toEqual(
      reviewBefore.questions.map((q: { score: number; state: string }) => ({
        score: q.score,
        state: q.state,
      })),
    );
    expect(scoresOf(open.id)).toBeNull();
    expect(await last()).toBe('PaperRow1797500000000');
    await db.undoLastMigration({ transaction: 'each' });
    const items = (await db.query(
      `SELECT id, "attemptId" AS "attemptId", position, "questionId" AS "questionId", seq, response, score, state FROM attempt_item WHERE "attemptId" IN (${done.id}, ${open.id}) ORDER BY "attemptId", position`,
    )) as {
      id: number;
      attemptId: number;
      position: number;
      questionId: number;
      seq: number;
      score: number | null;
    }[];
    const of = (id: number) => items.filter((r) => Number(r.attemptId) === id);
    expect(of(done.id).map((r) => Number(r.position))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(of(done.id).map((r) => Number(r.questionId))).toEqual(
      reviewBefore.questions.map((q: { id: number }) => q.id),
    );
    expect(of(done.id).map((r) => (r.score === null ? null : Number(r.score)))).toEqual(
      reviewBefore.questions.map((q: { score: number }) => q.score),
    );
    expect(of(open.id).filter((r) => Number(r.seq) > 0)).toHaveLength(open.answered);
    expect(of(open.id).every((r) => r.score === null)).toBe(true);
    // The written answer points at its item again.
    const link = (await db.query(
      `SELECT w."questionId" AS w, i."questionId" AS i FROM written_answer w JOIN attempt_item i ON i.id = w."attemptItemId" WHERE w."attemptId" = ${done.id}`,
    )) as { w: number; i: number }[];
    expect(link).toHaveLength(1);
    expect(Number(link[0].w)).toBe(Number(link[0].i));

    await db.runMigrations({ transaction: 'each' });
    const reviewAfter = (await t.http().get(`/api/attempts/${done.id}/review`).set(bearer(done.token))).body;
    expect(reviewAfter).toEqual(reviewBefore);
    expect(
      stable((await t.http().get(`/api/attempts/${open.id}`).set(bearer(open.token)).expect(200)).body),
    ).toEqual(openBefore);
    expect(await written()).toHaveLength(1);
    // Saving and submitting go on as before on the migrated rows.
    const q = (openBefore.questions as Shown[]).filter((x) => x.type !== 'short-answer')[5];
    await t
      .http()
      .put(`/api/attempts/${open.id}/answers/${q.id}`)
      .set(bearer(open.token))
      .send({ response: answer(q), seq: 50 })
      .expect(200, { saved: true, seq: 50 });
    const result = (
      await t.http().post(`/api/attempts/${open.id}/submit`).set(bearer(open.token)).expect(200)
    ).body;
    expect(result.attemptId).toBe(open.id);
  });
});
