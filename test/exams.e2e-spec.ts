import { DataSource } from 'typeorm';
import { AttemptsRepository } from '../src/exams/attempts.repository';
import { AttemptsService } from '../src/exams/attempts.service';
import { ItemStat } from '../src/exams/item-stat.entity';
import { ItemStatsService } from '../src/exams/item-stats.service';
import { addObservation } from '../src/exams/item-stats';
import { keyAsShown, keyRevealed, publishCommonExam, wrongAsShown } from './helpers/sit-exam';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

describe('timed exams', () => {
  let t: TestApp;
  let staff: string;
  let trainer: string;
  let admin: string;
  let qualificationId: number;
  let lawStudyId: number;

  beforeAll(async () => {
    t = await bootTestApp({ SAVE_GRACE_MS: '0' });
    staff = await t.token('staff');
    trainer = await t.token('trainer');
    admin = await t.token('admin');
    const available = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
    qualificationId = available.body.find((e: { kind: string }) => e.kind === 'qualification').id;
    lawStudyId = available.body.find((e: { kind: string }) => e.kind === 'law-study').id;
  });
  afterAll(async () => t.close());

  const setDeadline = async (attemptId: number, when: Date) =>
    t.app
      .get(DataSource)
      .createQueryBuilder()
      .update('attempt')
      .set({ deadline: when })
      .where('id = :id', { id: attemptId })
      .execute();

  it('lists the demo 学法用法 and qualification exams for the demo staff with attempts left', async () => {
    const res = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
    expect(res.body.map((e: { kind: string }) => e.kind).sort()).toEqual(['law-study', 'qualification']);
    expect(res.body[0]).toMatchObject({ attemptsLeft: expect.any(Number), deadline: expect.any(String) });
  });

  it('runs a full qualification exam for a 优抚褒扬 staff member: specialty questions from that line only, no keys', async () => {
    const start = await t
      .http()
      .post(`/api/exams/${qualificationId}/attempts`)
      .set(bearer(staff))
      .expect(201);
    const paper = start.body;
    expect(paper).toMatchObject({
      id: expect.any(Number),
      deadline: expect.any(String),
      serverNow: expect.any(String),
    });
    expect(paper.parts.map((p: { key: string }) => p.key)).toEqual(['general', 'specialty']);
    expect(paper.questions).toHaveLength(42);
    const text = JSON.stringify(paper);
    for (const leak of ['"answer"', '"explanation"', '"correct"', '"state"', '"score"'])
      expect(text).not.toContain(leak);
    // Specialty questions come from 优抚褒扬 banks only.
    const specialtyIds = paper.questions
      .filter((q: { part: string }) => q.part === 'specialty')
      .map((q: { id: number }) => q.id);
    const rows: { curriculum: string }[] = await t.app
      .get(DataSource)
      .query(
        `SELECT DISTINCT b.curriculum AS curriculum FROM question q JOIN question_bank b ON b.id = q."bankId" WHERE q.id IN (${specialtyIds.join(',')})`,
      );
    expect(rows.map((r) => r.curriculum)).toEqual(['care']);

    // Starting again returns the same attempt (200), never a second paper.
    const again = await t
      .http()
      .post(`/api/exams/${qualificationId}/attempts`)
      .set(bearer(staff))
      .expect(200);
    expect(again.body.id).toBe(paper.id);
    expect(again.body.questions.map((q: { id: number }) => q.id)).toEqual(
      paper.questions.map((q: { id: number }) => q.id),
    );

    // Answer everything right using the key (read as a trainer), so both parts pass.
    for (const q of paper.questions) {
      const detail = await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200);
      await t
        .http()
        .put(`/api/attempts/${paper.id}/answers/${q.id}`)
        .set(bearer(staff))
        .send({ response: keyAsShown(q, detail.body), seq: 1 })
        .expect(200);
    }
    // Ten minutes spent on the paper (moved back in the database rather than waited for).
    await t.app
      .get(DataSource)
      .createQueryBuilder()
      .update('attempt')
      .set({ startedAt: new Date(Date.now() - 600_000) })
      .where('id = :id', { id: paper.id })
      .execute();
    const result = await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(staff)).expect(200);
    expect(result.body).toMatchObject({ score: 100, maxScore: 100, passed: true });
    expect(result.body.parts.map((p: { key: string; passed: boolean }) => [p.key, p.passed])).toEqual([
      ['general', true],
      ['specialty', true],
    ]);
    // The exam's time is credited once to the study-hours ledger.
    const credits: { seconds: number }[] = await t.app
      .get(DataSource)
      .query(`SELECT seconds FROM study_credit WHERE "refId" = ${paper.id} AND source = 'exam'`);
    expect(credits).toHaveLength(1);
    expect(Number(credits[0].seconds)).toBeGreaterThanOrEqual(600);
    expect(Number(credits[0].seconds)).toBeLessThan(660);
    // One attempt is left: no keys while the candidate could still sit the exam again…
    const early = await t.http().get(`/api/attempts/${paper.id}/review`).set(bearer(staff)).expect(403);
    expect(early.body.message).toContain('您还可以再次参加本场考试');
    // …and the review (policy after-submit) once the window has closed.
    await t.app
      .get(DataSource)
      .createQueryBuilder()
      .update('exam')
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where('id = :id', { id: qualificationId })
      .execute();
    const review = await t.http().get(`/api/attempts/${paper.id}/review`).set(bearer(staff)).expect(200);
    expect(review.body.questions[0]).toHaveProperty('answer');
    expect(review.body.questions[0]).toHaveProperty('explanation');
    await t.app
      .get(DataSource)
      .createQueryBuilder()
      .update('exam')
      .set({ closesAt: new Date(Date.now() + 365 * 86400_000) })
      .where('id = :id', { id: qualificationId })
      .execute();
  });

  it('resumes after a reload with answers intact and ignores a stale seq', async () => {
    const start = await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(staff)).expect(201);
    const q = start.body.questions.find((x: { type: string }) => x.type === 'single');
    const keyA = q.options[0].key;
    const keyB = q.options[1].key;
    await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
      .set(bearer(staff))
      .send({ response: keyB, seq: 5 })
      .expect(200)
      .expect((res) => expect(res.body).toEqual({ saved: true, seq: 5 }));
    const stale = await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
      .set(bearer(staff))
      .send({ response: keyA, seq: 4 })
      .expect(200);
    expect(stale.body).toMatchObject({ saved: false, seq: 5 });
    const resumed = await t.http().get(`/api/attempts/${start.body.id}`).set(bearer(staff)).expect(200);
    expect(resumed.body.questions.find((x: { id: number }) => x.id === q.id)).toMatchObject({
      response: keyB,
      seq: 5,
    });
    expect(new Date(resumed.body.deadline).getTime()).toBe(new Date(start.body.deadline).getTime());
    const bad = await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
      .set(bearer(staff))
      .send({ response: 'Z', seq: 6 })
      .expect(400);
    expect(bad.body.message).toMatch(/选项|答案/);
  });

  it('treats an equal seq as a retry: the same answer is acknowledged again, a different one does not win', async () => {
    const available = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
    const attemptId = available.body.find(
      (e: { kind: string }) => e.kind === 'law-study',
    ).inProgressAttemptId;
    const paper = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(staff)).expect(200);
    const q = paper.body.questions.filter((x: { type: string }) => x.type === 'single')[1];
    const [keyA, keyB] = [q.options[0].key, q.options[1].key];
    const save = (response: unknown, seq: number) =>
      t
        .http()
        .put(`/api/attempts/${attemptId}/answers/${q.id}`)
        .set(bearer(staff))
        .send({ response, seq })
        .expect(200);
    expect((await save(keyA, 7)).body).toEqual({ saved: true, seq: 7 });
    // The client retries after a lost response: same seq, same body — acknowledged, nothing changes.
    expect((await save(keyA, 7)).body).toEqual({ saved: true, seq: 7 });
    // Another body under the same seq (a client bug or a second tab): refused, the stored answer stays.
    const other = await save(keyB, 7);
    expect(other.body).toMatchObject({ saved: false, seq: 7 });
    expect(other.body.message).toMatch(/[\u4e00-\u9fa5]/);
    const stored = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(staff)).expect(200);
    expect(stored.body.questions.find((x: { id: number }) => x.id === q.id)).toMatchObject({
      response: keyA,
      seq: 7,
    });
  });

  it('hides an attempt from another staff member (404) and lets staff within reach read it', async () => {
    const available = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
    const attemptId = available.body.find(
      (e: { kind: string }) => e.kind === 'law-study',
    ).inProgressAttemptId;
    const other = await t.token('S0001');
    await t.http().get(`/api/attempts/${attemptId}`).set(bearer(other)).expect(404);
    // A question that is on this paper, with a response the owner could give: only the owner check refuses it.
    const paper = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(staff)).expect(200);
    const q = paper.body.questions.find((x: { type: string }) => x.type === 'single');
    const before = paper.body.questions.find((x: { id: number }) => x.id === q.id);
    await t
      .http()
      .put(`/api/attempts/${attemptId}/answers/${q.id}`)
      .set(bearer(other))
      .send({ response: q.options[0].key, seq: 99 })
      .expect(404);
    const after = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(staff)).expect(200);
    expect(after.body.questions.find((x: { id: number }) => x.id === q.id)).toMatchObject({
      seq: before.seq,
      response: before.response,
    });
    await t.http().post(`/api/attempts/${attemptId}/submit`).set(bearer(other)).expect(404);
    await t.http().get(`/api/attempts/${attemptId}/detail`).set(bearer(admin)).expect(200);
    // The demo trainer runs this exam but must sit it too: no reading colleagues' papers before that.
    const refused = await t.http().get(`/api/attempts/${attemptId}/detail`).set(bearer(trainer)).expect(403);
    expect(refused.body.message).toContain('在您完成考试前不能查看他人的答卷');
  });

  it('refuses a save after the deadline with 409 and submits the attempt with what was saved', async () => {
    const available = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
    const attemptId = available.body.find(
      (e: { kind: string }) => e.kind === 'law-study',
    ).inProgressAttemptId;
    const paper = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(staff)).expect(200);
    const q = paper.body.questions[1];
    await setDeadline(attemptId, new Date(Date.now() - 60_000));
    const res = await t
      .http()
      .put(`/api/attempts/${attemptId}/answers/${q.id}`)
      .set(bearer(staff))
      .send({ response: null, seq: 1 })
      .expect(409);
    expect(res.body.message).toContain('考试时间已到');
    const after = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(staff)).expect(200);
    expect(after.body.status).toBe('submitted');
    expect(after.body.result.submittedBy).toBe('timer');
    expect(after.body.questions.find((x: { seq: number }) => x.seq === 5)).toBeDefined();
  });

  it('refuses a newer save on a paper this process remembers once the deadline has passed, writing nothing', async () => {
    // The paper was just drawn here, so the save is the one guarded UPDATE: it must check the deadline itself.
    const S6 = await t.token('S0006');
    const start = await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(S6)).expect(201);
    const [q1, q2] = start.body.questions;
    const answer = (q: { options?: { key: string }[] }) => q.options?.[0]?.key ?? true;
    await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q1.id}`)
      .set(bearer(S6))
      .send({ response: answer(q1), seq: 1 })
      .expect(200, { saved: true, seq: 1 });
    await setDeadline(start.body.id, new Date(Date.now() - 60_000));
    const late = await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q2.id}`)
      .set(bearer(S6))
      .send({ response: answer(q2), seq: 1 })
      .expect(409);
    expect(late.body.message).toContain('考试时间已到');
    const detail = await t.http().get(`/api/attempts/${start.body.id}/detail`).set(bearer(admin)).expect(200);
    const byId = new Map(detail.body.questions.map((q: { id: number }) => [q.id, q]));
    expect(byId.get(q1.id)).toMatchObject({ seq: 1 });
    expect(byId.get(q2.id)).toMatchObject({ seq: 0, response: null });
  });

  it('auto-submits overdue attempts from the scheduled sweep, keeping saved answers', async () => {
    const S2 = await t.token('S0003');
    const start = await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(S2)).expect(201);
    const q = start.body.questions[0];
    await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
      .set(bearer(S2))
      .send({ response: q.options?.[0]?.key ?? true, seq: 1 })
      .expect(200);
    await setDeadline(start.body.id, new Date(Date.now() - 1000));
    expect(await t.app.get(AttemptsService).sweepOverdue()).toBeGreaterThanOrEqual(1);
    const detail = await t.http().get(`/api/attempts/${start.body.id}/detail`).set(bearer(admin)).expect(200);
    expect(detail.body.status).toBe('submitted');
    expect(detail.body.questions[0].response).not.toBeNull();
  });

  it('scores 10 parallel submits once, with ten identical answers', async () => {
    const S4 = await t.token('S0004');
    const start = await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(S4)).expect(201);
    const paperIds = start.body.questions.map((q: { id: number }) => q.id).join(',');
    // Scoring queues each paper's observations; the statistics count them once folded (every read folds first).
    await t.app.get(ItemStatsService).fold();
    const [{ total }] = await t.app
      .get(DataSource)
      .query(`SELECT COALESCE(SUM(n), 0) AS total FROM item_stat WHERE "questionId" IN (${paperIds})`);
    const nBefore = Number(total);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http().post(`/api/attempts/${start.body.id}/submit`).set(bearer(S4)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const r of results) expect(r.body).toEqual(results[0].body);
    // One scoring: every question of the paper was observed exactly once more in the item statistics.
    expect(await t.app.get(ItemStatsService).fold()).toBe(1);
    const ids = start.body.questions.map((q: { id: number }) => q.id).join(',');
    const rows: { n: number }[] = await t.app
      .get(DataSource)
      .query(`SELECT n FROM item_stat WHERE "questionId" IN (${ids})`);
    expect(rows).toHaveLength(start.body.questions.length);
    expect(rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(nBefore + start.body.questions.length);
  });

  it('starts one attempt for two starts at once: the second gets the same paper', async () => {
    const token = await t.token('S0016');
    const [a, b] = await Promise.all(
      [0, 1].map(() => t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(token))),
    );
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.questions).toEqual(a.body.questions);
    const me = (await t.http().get('/api/me').set(bearer(token)).expect(200)).body.id as number;
    const open = (await t.app
      .get(DataSource)
      .query(
        `SELECT count(*) AS n FROM attempt WHERE "examId" = ${lawStudyId} AND "userId" = ${me} AND status = 'in-progress'`,
      )) as { n: number }[];
    expect(Number(open[0].n)).toBe(1);
  });

  it('scores submits arriving together each on its own: one that fails to score leaves the others scored', async () => {
    const sitters = await Promise.all(['S0013', 'S0014', 'S0015'].map((u) => t.token(u)));
    const starts = await Promise.all(
      sitters.map(async (token) => {
        const paper = (
          await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(token)).expect(201)
        ).body;
        const q = paper.questions[0] as { id: number; options: { key: string }[] };
        await t
          .http()
          .put(`/api/attempts/${paper.id}/answers/${q.id}`)
          .set(bearer(token))
          .send({ response: q.options[0].key, seq: 1 })
          .expect(200);
        return { token, id: paper.id as number };
      }),
    );
    const bad = starts[1].id;
    // Submits arriving together share one COMMIT on SQLite (TxService.runGrouped): one that throws while scoring is
    // rolled back alone.
    const repo = t.app.get(AttemptsRepository);
    const storeResult = repo.storeResult.bind(repo);
    const spy = jest.spyOn(repo, 'storeResult').mockImplementation(async (m, id, ...rest) => {
      if (id === bad) throw new Error('planted scoring failure');
      return storeResult(m, id, ...rest);
    });
    const results = await Promise.all(
      starts.map((s) => t.http().post(`/api/attempts/${s.id}/submit`).set(bearer(s.token))),
    );
    spy.mockRestore();
    expect(results.map((r) => r.status)).toEqual([200, 500, 200]);
    const ds = t.app.get(DataSource);
    const stored = async (id: number) =>
      (
        (await ds.query(
          `SELECT a.status AS status, a.score AS score, (SELECT count(*) FROM attempt_score s WHERE s."attemptId" = a.id) AS scored FROM attempt a WHERE a.id = ${id}`,
        )) as { status: string; score: number | null; scored: number }[]
      )[0];
    for (const k of [0, 2]) {
      const row = await stored(starts[k].id);
      expect(row.status).toBe('submitted');
      expect(Number(row.score)).toBe(results[k].body.score);
      expect(Number(row.scored)).toBe(1);
    }
    // The failed one was written not at all: still in progress, no scores; submitted again, it is scored.
    expect(await stored(bad)).toMatchObject({ status: 'in-progress', score: null });
    expect(Number((await stored(bad)).scored)).toBe(0);
    const again = await t.http().post(`/api/attempts/${bad}/submit`).set(bearer(starts[1].token)).expect(200);
    expect((await stored(bad)).status).toBe('submitted');
    expect(again.body.attemptId).toBe(bad);
  });

  it('counts a paper scored a moment ago in the item statistics a trainer reads', async () => {
    const S = await t.token('S0012');
    const start = await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(S)).expect(201);
    const q = start.body.questions[0] as { id: number };
    const ds = t.app.get(DataSource);
    const nOf = async () =>
      Number((await ds.query(`SELECT n FROM item_stat WHERE "questionId" = ${q.id}`))[0]?.n ?? 0);
    await t.app.get(ItemStatsService).fold();
    const before = await nOf();
    await t.http().post(`/api/attempts/${start.body.id}/submit`).set(bearer(S)).expect(200);
    const [{ bankId }] = await ds.query(`SELECT "bankId" AS "bankId" FROM question WHERE id = ${q.id}`);
    const stats = await t.http().get(`/api/item-stats?bankId=${bankId}`).set(bearer(trainer)).expect(200);
    const row = (stats.body as { questionId: number; timesShown: number }[]).find(
      (r) => r.questionId === q.id,
    );
    expect(row?.timesShown).toBe(before + 1);
    const [{ left }] = await ds.query('SELECT COUNT(*) AS "left" FROM item_stat_pending');
    expect(Number(left)).toBe(0);
  });

  it('enforces the attempt limit and the resit window', async () => {
    const examId = await publishCommonExam(t, trainer, {
      title: '季度考核（测试）',
      kind: 'quarterly',
      passMark: 100,
      part: 'a',
      rules: [{ type: 'true-false', count: 2, points: 50 }],
      timeLimitMinutes: 10,
      attemptsAllowed: 1,
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 3600_000).toISOString(),
      audience: { userIds: [(await t.http().get('/api/me').set(bearer(staff))).body.id] },
    });
    const a = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(staff)).expect(201);
    await t.http().post(`/api/attempts/${a.body.id}/submit`).set(bearer(staff)).expect(200);
    const second = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(staff)).expect(409);
    expect(second.body.message).toBe('作答次数已用完');
    // A closed main window with an open resit window admits a resit while attempts remain.
    await t
      .http()
      .patch(`/api/exams/${examId}`)
      .set(bearer(trainer))
      .send({
        attemptsAllowed: 2,
        opensAt: new Date(Date.now() - 7200_000).toISOString(),
        closesAt: new Date(Date.now() - 3600_000).toISOString(),
        resitOpensAt: new Date(Date.now() - 600_000).toISOString(),
        resitClosesAt: new Date(Date.now() + 3600_000).toISOString(),
      })
      .expect(200);
    const resit = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(staff)).expect(201);
    expect(resit.body.attemptNo).toBe(2);
  });

  it('refuses to publish a blueprint that asks for more questions than the banks hold', async () => {
    const exam = await t
      .http()
      .post('/api/exams')
      .set(bearer(trainer))
      .send({
        title: '题量过大',
        kind: 'annual',
        blueprint: {
          passMark: 60,
          parts: [
            {
              key: 'a',
              title: '共同科目',
              source: { kind: 'common' },
              rules: [{ type: 'fill-blank', count: 400, points: 1 }],
            },
          ],
        },
      })
      .expect(201);
    const res = await t.http().post(`/api/exams/${exam.body.id}/publish`).set(bearer(trainer)).expect(422);
    expect(res.body.message).toContain('题库题目不足');
  });

  it('shows the roster with each person\u2019s state', async () => {
    const res = await t.http().get(`/api/exams/${lawStudyId}/roster`).set(bearer(trainer)).expect(200);
    expect(res.body.shouldSit).toBeGreaterThanOrEqual(60);
    const states = new Set(res.body.people.map((p: { state: string }) => p.state));
    expect(states.has('not-started')).toBe(true);
    expect([...states].some((s) => s === 'passed' || s === 'failed')).toBe(true);
    await t.http().get(`/api/exams/${lawStudyId}/roster`).set(bearer(staff)).expect(403);
  });

  it('practises with immediate feedback and fills the wrong-answer notebook', async () => {
    // `staff` has an exam attempt open (earlier tests): practice is paused for them.
    const paused = await t.http().post('/api/practice/questions').set(bearer(staff)).send({}).expect(409);
    expect(paused.body.message).toBe('考试进行中，练习暂停');
    const learner = await t.token('S0020');
    const start = async (body: Record<string, unknown>) =>
      (await t.http().post('/api/practice/questions').set(bearer(learner)).send(body).expect(200)).body
        .questions as {
        id: number;
        revisionId: number;
        type: string;
        options: { key: string; text: string }[];
      }[];
    const qs = await start({ regulation: '退役军人保障法', count: 3 });
    expect(qs).toHaveLength(3);
    const q = qs[0];
    const bank = (await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200)).body;
    const answer = (shown: typeof q, response: unknown) =>
      t
        .http()
        .post('/api/practice/answer')
        .set(bearer(learner))
        .send({ questionId: shown.id, revisionId: shown.revisionId, response })
        .expect(200);
    const notebook = async () =>
      (await t.http().get('/api/practice/notebook').set(bearer(learner)).expect(200)).body.map(
        (n: { questionId: number }) => n.questionId,
      );

    const missed = await answer(q, wrongAsShown(q, bank));
    // The key comes back as it was shown: labelled by position, like the options.
    expect(missed.body).toMatchObject({
      correct: false,
      answer: keyRevealed(q, bank),
      explanation: expect.any(String),
    });
    expect(await notebook()).toContain(q.id);
    // Notebook practice hands the missed question out again; one right answer is not enough…
    const again = (await start({ notebook: true, count: 50 })).find((x) => x.id === q.id)!;
    expect((await answer(again, keyAsShown(again, bank))).body.correct).toBe(true);
    expect(await notebook()).toContain(q.id);
    // …two in a row take it out.
    const third = (await start({ notebook: true, count: 50 })).find((x) => x.id === q.id)!;
    await answer(third, keyAsShown(third, bank));
    expect(await notebook()).not.toContain(q.id);
  });

  it('lets a trainer extend, invalidate and reopen an attempt, audited; a station manager cannot touch a bureau attempt', async () => {
    const S5 = await t.token('S0005');
    const start = await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(S5)).expect(201);
    const id = start.body.id;
    const q = start.body.questions.find((x: { type: string }) => x.type === 'single');

    const ext = await t
      .http()
      .post(`/api/attempts/${id}/extend`)
      .set(bearer(trainer))
      .send({ minutes: 15, reason: '测试原因' })
      .expect(200);
    expect(new Date(ext.body.deadline).getTime() - new Date(start.body.deadline).getTime()).toBe(15 * 60_000);
    const resumed = await t.http().get(`/api/attempts/${id}`).set(bearer(S5)).expect(200);
    expect(resumed.body.deadline).toBe(new Date(ext.body.deadline).toISOString());

    // S0005 works in a bureau department: outside the district station's subtree.
    const stationManager = await t.token('station-manager');
    await t
      .http()
      .post(`/api/attempts/${id}/extend`)
      .set(bearer(stationManager))
      .send({ minutes: 5, reason: '测试原因' })
      .expect(404);
    await t.http().get(`/api/attempts/${id}/detail`).set(bearer(stationManager)).expect(404);
    await t
      .http()
      .post(`/api/attempts/${id}/extend`)
      .set(bearer(staff))
      .send({ minutes: 5, reason: '测试原因' })
      .expect(403);

    const used = (await t.http().get('/api/exams/available').set(bearer(S5))).body.find(
      (e: { id: number }) => e.id === lawStudyId,
    );
    await t
      .http()
      .post(`/api/attempts/${id}/invalidate`)
      .set(bearer(trainer))
      .send({ reason: '考试期间离开考场' })
      .expect(200);
    const save = await t
      .http()
      .put(`/api/attempts/${id}/answers/${q.id}`)
      .set(bearer(S5))
      .send({ response: q.options[0].key, seq: 1 })
      .expect(409);
    expect(save.body.message).toContain('已交卷');
    const after = (await t.http().get('/api/exams/available').set(bearer(S5))).body.find(
      (e: { id: number }) => e.id === lawStudyId,
    );
    expect(after.inProgressAttemptId).toBeNull();
    expect(after.attemptsUsed).toBe(used.attemptsUsed - 1); // an invalidated attempt does not count

    const second = await t.http().post(`/api/exams/${lawStudyId}/attempts`).set(bearer(S5)).expect(201);
    await t.http().post(`/api/attempts/${second.body.id}/submit`).set(bearer(S5)).expect(200);
    await t
      .http()
      .post(`/api/attempts/${second.body.id}/reopen`)
      .set(bearer(trainer))
      .send({ minutes: 10, reason: '测试原因' })
      .expect(200);
    const q2 = second.body.questions[0];
    const reopened = await t.http().get(`/api/attempts/${second.body.id}`).set(bearer(S5)).expect(200);
    expect(reopened.body.status).toBe('in-progress');
    await t
      .http()
      .put(`/api/attempts/${second.body.id}/answers/${q2.id}`)
      .set(bearer(S5))
      .send({
        response:
          q2.type === 'true-false'
            ? true
            : q2.type === 'fill-blank'
              ? ['x']
              : q2.type === 'multiple'
                ? [q2.options[0].key, q2.options[1].key]
                : q2.options[0].key,
        seq: 1,
      })
      .expect(200);
    await t.http().post(`/api/attempts/${second.body.id}/submit`).set(bearer(S5)).expect(200);

    const audit = await t
      .http()
      .get(`/api/audit?entity=attempt&entityId=${id}`)
      .set(bearer(await t.token('admin')))
      .expect(200);
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual([
      'attempt.invalidate',
      'attempt.extend',
    ]);
  });

  it('shows trainers item statistics per question, worst discrimination first', async () => {
    const banks = await t.http().get('/api/question-banks').set(bearer(trainer)).expect(200);
    const common = banks.body
      .filter((b: { curriculum: string }) => b.curriculum === 'common')
      .map((b: { id: number }) => b.id);
    const lists = await Promise.all(
      common.map((id: number) =>
        t.http().get(`/api/item-stats?bankId=${id}`).set(bearer(trainer)).expect(200),
      ),
    );
    const items = lists.flatMap((r) => r.body);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.timesShown).toBeGreaterThanOrEqual(1);
      expect(i.facility).toBeGreaterThanOrEqual(0);
      expect(i.facility).toBeLessThanOrEqual(1);
      expect(typeof i.stem).toBe('string');
    }
    // The qualification paper answered entirely right: its general-part questions have facility > 0.
    expect(items.some((i: { facility: number }) => i.facility > 0)).toBe(true);
    await t.http().get(`/api/item-stats?bankId=${common[0]}`).set(bearer(staff)).expect(403);

    // The order: five questions of one bank given known observations (x = right or wrong, t = paper score).
    const pick = await t
      .http()
      .get(`/api/questions?bankId=${common[0]}&pageSize=5`)
      .set(bearer(trainer))
      .expect(200);
    const [negative, middling, tieLowFacility, tieHighFacility, tooFew] = pick.body.items.map(
      (q: { id: number }) => q.id,
    );
    const observed = (questionId: number, obs: [number, number][]) => ({
      questionId,
      ...obs.reduce((st, [x, tt]) => addObservation(st, x, tt), {
        n: 0,
        sumX: 0,
        sumX2: 0,
        sumT: 0,
        sumT2: 0,
        sumXT: 0,
      }),
    });
    await t.app
      .get(DataSource)
      .getRepository(ItemStat)
      .save([
        observed(negative, [
          [0, 1],
          [1, 0],
        ]), // strong candidates miss it: discrimination −1
        observed(middling, [
          [1, 0.9],
          [0, 0.2],
          [1, 0.5],
          [0, 0.6],
        ]), // ≈ 0.36
        observed(tieLowFacility, [
          [1, 1],
          [0, 0],
        ]), // 1, facility 0.5
        observed(tieHighFacility, [
          [1, 1],
          [1, 1],
          [0, 0],
        ]), // 1, facility 0.67
        observed(tooFew, [[1, 0.5]]), // shown once: no discrimination, listed last
      ]);
    const list: { questionId: number; discrimination: number | null; facility: number }[] = (
      await t.http().get(`/api/item-stats?bankId=${common[0]}`).set(bearer(trainer)).expect(200)
    ).body;
    const mine = list
      .map((i) => i.questionId)
      .filter((id) => pick.body.items.some((q: { id: number }) => q.id === id));
    expect(mine).toEqual([negative, middling, tieLowFacility, tieHighFacility, tooFew]);
    expect(list.find((i) => i.questionId === negative)!.discrimination).toBeCloseTo(-1);
    // And the whole list: discrimination ascending (none last), then facility ascending.
    const rank = (d: number | null) => (d === null ? Infinity : d);
    for (let k = 1; k < list.length; k++) {
      const [a, b] = [list[k - 1], list[k]];
      expect(
        rank(a.discrimination) < rank(b.discrimination) ||
          (rank(a.discrimination) === rank(b.discrimination) && a.facility <= b.facility),
      ).toBe(true);
    }
  });
  it('submits after too many focus losses, keeps the revision it showed, and honours a "never" review policy', async () => {
    const me = (await t.http().get('/api/me').set(bearer(staff))).body.id;
    const examId = await publishCommonExam(t, trainer, {
      title: '切屏测试',
      kind: 'onboarding',
      passMark: 1,
      part: 'a',
      rules: [{ type: 'single', count: 3, points: 1 }],
      timeLimitMinutes: 30,
      maxFocusLoss: 2,
      reviewPolicy: 'never',
      audience: { userIds: [me] },
    });
    const start = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(staff)).expect(201);
    const q = start.body.questions[0];

    // A trainer edits the question mid-exam: the candidate keeps the revision that was shown.
    await t
      .http()
      .patch(`/api/questions/${q.id}`)
      .set(bearer(trainer))
      .send({ stem: `${q.stem}（修订）` })
      .expect(200);
    const resumed = await t.http().get(`/api/attempts/${start.body.id}`).set(bearer(staff)).expect(200);
    expect(resumed.body.questions[0].stem).toBe(q.stem);

    for (const expected of [1, 2]) {
      const ev = await t
        .http()
        .post(`/api/attempts/${start.body.id}/events`)
        .set(bearer(staff))
        .send({ type: 'focus-loss' })
        .expect(200);
      expect(ev.body).toMatchObject({ focusLossCount: expected });
      expect(ev.body.submitted).toBeUndefined();
    }
    const third = await t
      .http()
      .post(`/api/attempts/${start.body.id}/events`)
      .set(bearer(staff))
      .send({ type: 'focus-loss' })
      .expect(200);
    expect(third.body).toMatchObject({
      focusLossCount: 3,
      submitted: true,
      result: { submittedBy: 'focus-limit' },
    });

    const review = await t.http().get(`/api/attempts/${start.body.id}/review`).set(bearer(staff)).expect(403);
    expect(review.body.message).toBe('本场考试不提供答案解析');
  });
});
