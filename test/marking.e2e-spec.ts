/**
 * Issue #18: written questions on a paper, 待阅卷, blind marking by the exam's trainers (single and double), release
 * of the result and the certificate when marking completes, re-marking with audit, statistics.
 */
import { DataSource } from 'typeorm';
import { keyAsShown } from './helpers/sit-exam';
import { bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

interface Shown {
  id: number;
  type: string;
  part: string;
  options?: { key: string; text: string }[];
  subQuestions?: {
    type: string;
    options: { key: string; text: string }[];
    blanks?: number;
    points: number;
  }[];
  maxLength?: number;
}

describe('written questions and marking', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  const db = () => t.app.get(DataSource);
  const markers: Record<string, { id: number; token: string }> = {};
  let candidates: number[] = [];

  const createExam = async (title: string, extra: Record<string, unknown> = {}) => {
    const created = await t
      .http()
      .post('/api/exams')
      .set(bearer(trainer))
      .send({
        title,
        kind: 'qualification',
        blueprint: {
          passMark: 24,
          parts: [
            {
              key: 'general',
              title: '通用知识',
              source: { kind: 'common' },
              passMark: 6,
              rules: [{ type: 'single', count: 2, points: 5 }],
            },
            {
              key: 'written',
              title: '主观题',
              source: { kind: 'common' },
              passMark: 12,
              rules: [
                { type: 'short-answer', count: 1, points: 10 },
                { type: 'case', count: 1, points: 10 },
              ],
            },
          ],
        },
        timeLimitMinutes: 60,
        attemptsAllowed: 1,
        reviewPolicy: 'after-submit',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        // The candidates only: a trainer who could still sit the exam may not mark it (nor read others' papers).
        audience: { userIds: candidates },
        trainerIds: [markers.m2.id, markers.m3.id],
        ...extra,
      });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    await t.http().post(`/api/exams/${created.body.id}/publish`).set(bearer(trainer)).expect(200);
    return created.body.id as number;
  };

  /** Sits the exam as `username`: objective items and sub-questions with the key, written ones with some text. */
  /** Sits the exam as `username`: objective items with the key, written answers with the reference answer. */
  const sit = async (username: string, examId: number) => {
    const token = await t.token(username);
    const start = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(token)).expect(201);
    for (const q of start.body.questions as Shown[]) {
      let response: unknown;
      if (q.type === 'short-answer') {
        const bank = (await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200)).body;
        response = bank.answer.reference;
      } else if (q.type === 'case') {
        const bank = (await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200)).body;
        response = bank.answer.questions.map(
          (sub: { type: string; answer: unknown; options: unknown[] }, i: number) =>
            sub.type === 'short-answer'
              ? (sub.answer as { reference: string }).reference
              : keyAsShown({ id: q.id, ...q.subQuestions![i] } as never, {
                  answer: sub.answer,
                  options: sub.options as never,
                }),
        );
      } else {
        const bank = (await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200)).body;
        response = keyAsShown(q, bank);
      }
      await t
        .http()
        .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
        .set(bearer(token))
        .send({ response, seq: 1 })
        .expect(200);
    }
    return { token, paper: start.body as { id: number; questions: Shown[] } };
  };

  /** Marks everything of the exam this marker may mark, awarding `share` of each rubric point (rounded to halves). */
  const markAll = async (marker: string, examId: number, share: number) => {
    const progress = (await t.http().get(`/api/exams/${examId}/marking`).set(bearer(marker)).expect(200))
      .body;
    const results: { status: string; finalScore: number | null }[] = [];
    for (const q of progress.questions as { questionId: number; sub: number | null }[]) {
      for (;;) {
        const query =
          q.sub === null ? { questionId: q.questionId } : { questionId: q.questionId, sub: q.sub };
        const next = (
          await t.http().get(`/api/exams/${examId}/marking/next`).query(query).set(bearer(marker)).expect(200)
        ).body;
        if (!next.item) break;
        const awards = next.item.rubric.map((r: { points: number }) => Math.floor(r.points * share * 2) / 2);
        const res = await t
          .http()
          .post(`/api/marking/${next.item.markingId}`)
          .set(bearer(marker))
          .send({ awards, comment: '要点基本齐全' })
          .expect(200);
        results.push(res.body);
      }
    }
    return results;
  };

  beforeAll(async () => {
    t = await bootTestApp();
    admin = await t.token('admin');
    trainer = await t.token('trainer');
    candidates = (
      await db().query(`SELECT id FROM "user" WHERE username IN ('staff', 'S0044', 'S0045')`)
    ).map((r: { id: number }) => Number(r.id));
    markers.m1 = {
      id: Number((await db().query(`SELECT id FROM "user" WHERE username = 'trainer'`))[0].id),
      token: trainer,
    };
    for (const [key, username, name] of [
      ['m2', 'marker2', '郑阅卷'],
      ['m3', 'marker3', '冯阅卷'],
    ]) {
      const u = await t
        .http()
        .post('/api/users')
        .set(bearer(admin))
        // Set up here: no first-sign-in password change for these test accounts.
        .send({ username, name, roles: ['trainer'], password: 'Marker@2026xy', mustChangePassword: false })
        .expect(201);
      markers[key] = { id: u.body.id, token: await t.token(username) };
    }
  });
  afterAll(async () => t.close());

  it('loads the written banks at start: 25 short-answer and 24 case questions, approved', async () => {
    const rows = await db().query(
      `SELECT q.type AS type, COUNT(*) AS n FROM question q JOIN question_bank b ON b.id = q."bankId" WHERE b.code LIKE 'written-%' AND q.status = 'approved' GROUP BY q.type ORDER BY q.type`,
    );
    expect(rows.map((r: { type: string; n: number }) => [r.type, Number(r.n)])).toEqual([
      ['case', 24],
      ['short-answer', 25],
    ]);
  });

  it('demo data: a qualification exam with a written part, two attempts marked and two in the queue', async () => {
    const exam = (
      await db().query(`SELECT id FROM exam WHERE title = '2026年行政执法资格考试（含简答与案例分析）'`)
    )[0];
    const progress = await t.http().get(`/api/exams/${exam.id}/marking`).set(bearer(trainer)).expect(200);
    expect(progress.body).toMatchObject({ attemptsAwaiting: 2, complete: false });
    expect(progress.body.questions.some((q: { forMe: number }) => q.forMe > 0)).toBe(true);
    const statuses = await db().query(
      `SELECT status, COUNT(*) AS n FROM attempt WHERE "examId" = ${exam.id} GROUP BY status ORDER BY status`,
    );
    expect(statuses.map((r: { status: string; n: number }) => [r.status, Number(r.n)])).toEqual([
      ['awaiting-marking', 2],
      ['submitted', 2],
    ]);
  });

  it('shows text boxes without keys, refuses an over-long text, and puts the attempt in 待阅卷 on submit', async () => {
    const examId = await createExam('资格考试（含主观题）');
    const { token, paper } = await sit('staff', examId);
    const sa = paper.questions.find((q) => q.type === 'short-answer')!;
    const cs = paper.questions.find((q) => q.type === 'case')!;
    expect(sa).toMatchObject({ maxLength: 2000, options: [] });
    expect(cs.subQuestions!.length).toBeGreaterThanOrEqual(2);
    // The sub-questions' points as shown: half points adding up to exactly the case's 10 (never 6.19).
    const subPoints = cs.subQuestions!.map((s) => s.points);
    for (const p of subPoints) expect(Number.isInteger(p * 2)).toBe(true);
    expect(subPoints.reduce((a, b) => a + b, 0)).toBe(10);
    const raw = JSON.stringify(paper);
    for (const leak of ['rubric', 'reference', 'keywords', '"answer"', 'explanation'])
      expect(raw).not.toContain(leak);
    const long = await t
      .http()
      .put(`/api/attempts/${paper.id}/answers/${sa.id}`)
      .set(bearer(token))
      .send({ response: '字'.repeat(2001), seq: 2 })
      .expect(400);
    expect(long.body.message).toContain('最多 2000 字');
    const badCase = await t
      .http()
      .put(`/api/attempts/${paper.id}/answers/${cs.id}`)
      .set(bearer(token))
      .send({ response: 'not a list', seq: 2 })
      .expect(400);
    expect(badCase.body.message).toContain('案例分析题');

    const submitted = await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(token)).expect(200);
    expect(submitted.body).toMatchObject({ awaitingMarking: true, passed: false });
    // The objective part so far: 2 singles × 5 and the case's objective sub-questions.
    expect(submitted.body.score).toBeGreaterThanOrEqual(10);
    const again = await t.http().get(`/api/attempts/${paper.id}`).set(bearer(token)).expect(200);
    expect(again.body.status).toBe('awaiting-marking');
    expect(again.body.result.awaitingMarking).toBe(true);
    const review = await t.http().get(`/api/attempts/${paper.id}/review`).set(bearer(token)).expect(409);
    expect(review.body.message).toContain('阅卷尚未完成');
    const certs = await db().query(
      `SELECT COUNT(*) AS n FROM certificate WHERE "sourceAttemptId" = ${paper.id}`,
    );
    expect(Number(certs[0].n)).toBe(0);
    const grade = await db().query(`SELECT COUNT(*) AS n FROM exam_grade WHERE "examId" = ${examId}`);
    expect(Number(grade[0].n)).toBe(0);

    // Blind: no marking payload names the candidate, their unit, account or attempt.
    const user = (
      await db().query(
        `SELECT u.id, u.name, u.username, n.name AS unit FROM "user" u LEFT JOIN unit n ON n.id = u."unitId" WHERE u.username = 'staff'`,
      )
    )[0];
    const progress = await t.http().get(`/api/exams/${examId}/marking`).set(bearer(trainer));
    if (progress.status !== 200) throw new Error(JSON.stringify(progress.body));
    expect(progress.body).toMatchObject({
      answers: expect.any(Number),
      final: expect.any(Number),
      attemptsAwaiting: 1,
      complete: false,
    });
    for (const q of progress.body.questions) {
      const query = q.sub === null ? { questionId: q.questionId } : { questionId: q.questionId, sub: q.sub };
      const next = await t
        .http()
        .get(`/api/exams/${examId}/marking/next`)
        .query(query)
        .set(bearer(trainer))
        .expect(200);
      const item = next.body.item;
      expect(Object.keys(item).sort()).toEqual(
        [
          'caseText',
          'highlighted',
          'markingId',
          'maxPoints',
          'questionId',
          'reference',
          'round',
          'rubric',
          'stem',
          'sub',
          'text',
        ].sort(),
      );
      const body = JSON.stringify(next.body);
      for (const secret of [user.name, user.username, user.unit, `"attemptId"`, `"userId"`])
        expect(body).not.toContain(secret);
      expect(String(item.markingId)).toMatch(/^[0-9a-f]{24}$/);
      expect(item.highlighted.some((h: { term: boolean }) => h.term)).toBe(true);
    }
    const body = JSON.stringify(progress.body);
    for (const secret of [user.name, user.username, user.unit]) expect(body).not.toContain(secret);

    // Nobody marks their own attempt: the candidate is not a marker, and a trainer sitting it could not mark it.
    const q0 = progress.body.questions[0];
    await t
      .http()
      .get(`/api/exams/${examId}/marking/next`)
      .query({ questionId: q0.questionId })
      .set(bearer(token))
      .expect(403);

    // Single marking: the first marker's marks are final; the last one releases the result and the certificate.
    const results = await markAll(trainer, examId, 1);
    expect(results.every((r) => r.status === 'final')).toBe(true);
    const done = await t.http().get(`/api/attempts/${paper.id}`).set(bearer(token)).expect(200);
    expect(done.body.status).toBe('submitted');
    expect(done.body.result).toMatchObject({ awaitingMarking: false, passed: true, score: 30, maxScore: 30 });
    const issued = await db().query(
      `SELECT COUNT(*) AS n FROM certificate WHERE "sourceAttemptId" = ${paper.id}`,
    );
    expect(Number(issued[0].n)).toBe(1);
    const finished = await t.http().get(`/api/exams/${examId}/marking`).set(bearer(trainer)).expect(200);
    expect(finished.body).toMatchObject({ complete: true, attemptsAwaiting: 0 });
    expect(finished.body.markers).toEqual([
      expect.objectContaining({ markerId: markers.m1.id, marks: results.length }),
    ]);

    // The candidate's review shows the rubric points earned.
    const rv = await t.http().get(`/api/attempts/${paper.id}/review`).set(bearer(token)).expect(200);
    const written = rv.body.questions.find((q: { type: string }) => q.type === 'short-answer');
    expect(written.earned[0]).toMatchObject({ sub: null, score: written.earned[0].maxPoints });
    expect(written.answer.rubric.length).toBe(written.earned[0].awards.length);

    // Re-marking: a reason is required, the attempt is scored again, and the audit log keeps who, why and the scores.
    const token1 = (
      await db().query(`SELECT token FROM written_answer WHERE "attemptId" = ${paper.id} AND sub = -1`)
    )[0].token;
    const rubric = written.answer.rubric as { points: number }[];
    await t
      .http()
      .post(`/api/marking/${token1}/remark`)
      .set(bearer(markers.m2.token))
      .send({ awards: rubric.map(() => 0) })
      .expect(400);
    const remarked = await t
      .http()
      .post(`/api/marking/${token1}/remark`)
      .set(bearer(markers.m2.token))
      .send({ awards: rubric.map(() => 0), reason: '复核：答案与题目无关' })
      .expect(200);
    expect(remarked.body).toMatchObject({ status: 'final', finalScore: 0 });
    const after = await t.http().get(`/api/attempts/${paper.id}`).set(bearer(token)).expect(200);
    expect(after.body.result.score).toBe(20);
    const audit = await db().query(
      `SELECT detail FROM audit_log WHERE action = 'marking.remark' AND "entityId" = '${paper.id}'`,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ reason: '复核：答案与题目无关', to: 0 });
    // A final answer is not marked again by the ordinary route.
    await t
      .http()
      .post(`/api/marking/${token1}`)
      .set(bearer(markers.m3.token))
      .send({ awards: rubric.map(() => 0) })
      .expect(409);
  });

  it('refuses a new attempt (API and page form) while the earlier one waits for marking, then allows the retake', async () => {
    const examId = await createExam('资格考试（阅卷中不能再考）', { attemptsAllowed: 2 });
    const { token, paper } = await sit('S0044', examId);
    await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(token)).expect(200);
    const refused = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(token)).expect(409);
    expect(refused.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: '上一次作答正在阅卷，阅卷完成前不能再次开始本考试',
    });
    // The page's form post calls the same service: back to 首页 with the reason, and no second attempt.
    const form = await t.http().get('/login').expect(200);
    const csrf0 = /csrf_token=([^;]+)/.exec([form.headers['set-cookie']].flat().join(';'))![1];
    const login = await t
      .http()
      .post('/login')
      .set('Cookie', `csrf_token=${csrf0}`)
      .type('form')
      .send({ username: 'S0044', password: DEMO_PASSWORD, _csrf: csrf0 })
      .expect(303);
    const raw = [login.headers['set-cookie']].flat().join(';');
    const access = /access_token=([^;]+)/.exec(raw)![1];
    const csrf = /csrf_token=([^;]+)/.exec(raw)?.[1] ?? csrf0;
    const page = await t
      .http()
      .post(`/app/exams/${examId}/start`)
      .set('Cookie', `access_token=${access}; csrf_token=${csrf}`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(page.headers.location).toBe('/app');
    const flash = /flash=([^;]+)/.exec([page.headers['set-cookie']].flat().join(';'))![1];
    expect(JSON.parse(Buffer.from(flash, 'base64url').toString('utf8')).text).toContain('上一次作答正在阅卷');
    const n = await db().query(`SELECT COUNT(*) AS n FROM attempt WHERE "examId" = ${examId}`);
    expect(Number(n[0].n)).toBe(1);
    // Marked (and failed): the second attempt may start.
    await markAll(trainer, examId, 0);
    const done = await t.http().get(`/api/attempts/${paper.id}`).set(bearer(token)).expect(200);
    expect(done.body).toMatchObject({ status: 'submitted', result: { passed: false } });
    await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(token)).expect(201);
  });

  it('an invalidated attempt leaves the marking queue', async () => {
    const examId = await createExam('资格考试（作废的答卷）');
    const { token, paper } = await sit('S0045', examId);
    await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(token)).expect(200);
    const before = (await t.http().get(`/api/exams/${examId}/marking`).set(bearer(trainer)).expect(200)).body;
    expect(before.answers).toBeGreaterThan(0);
    const markingId = (
      await db().query(`SELECT token FROM written_answer WHERE "attemptId" = ${paper.id}`)
    )[0].token;
    await t
      .http()
      .post(`/api/attempts/${paper.id}/invalidate`)
      .set(bearer(trainer))
      .send({ reason: '考试期间使用手机' })
      .expect(200);
    const after = (await t.http().get(`/api/exams/${examId}/marking`).set(bearer(trainer)).expect(200)).body;
    expect(after).toMatchObject({ answers: 0, questions: [] });
    const res = await t
      .http()
      .post(`/api/marking/${markingId}`)
      .set(bearer(trainer))
      .send({ awards: [0] })
      .expect(409);
    expect(res.body.message).toContain('已作废');
  });

  it('double marking: a third marker when two differ beyond the tolerance; the two closest count; agreement stats', async () => {
    const examId = await createExam('资格考试（双评）', { doubleMarking: true, markingTolerance: 1 });
    const { token, paper } = await sit('S0044', examId);
    await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(token)).expect(200);
    const first = await markAll(markers.m1.token, examId, 1);
    expect(first.every((r) => r.status === 'open')).toBe(true);
    // Out of range and not half points are refused with the rubric point named.
    const progress = (
      await t.http().get(`/api/exams/${examId}/marking`).set(bearer(markers.m2.token)).expect(200)
    ).body;
    const q0 = progress.questions.find((q: { sub: number | null }) => q.sub === null);
    const next = (
      await t
        .http()
        .get(`/api/exams/${examId}/marking/next`)
        .query({ questionId: q0.questionId })
        .set(bearer(markers.m2.token))
        .expect(200)
    ).body;
    expect(next.item.round).toBe(2);
    const bad = await t
      .http()
      .post(`/api/marking/${next.item.markingId}`)
      .set(bearer(markers.m2.token))
      .send({ awards: next.item.rubric.map(() => 0.3) })
      .expect(400);
    expect(bad.body.message).toContain('整分或半分');
    // The first marker cannot mark the same answer twice.
    await t
      .http()
      .post(`/api/marking/${next.item.markingId}`)
      .set(bearer(trainer))
      .send({ awards: next.item.rubric.map(() => 0) })
      .expect(409);
    const second = await markAll(markers.m2.token, examId, 0);
    expect(second.every((r) => r.status === 'third')).toBe(true);
    const mid = await t.http().get(`/api/attempts/${paper.id}`).set(bearer(token)).expect(200);
    expect(mid.body.status).toBe('awaiting-marking');
    const third = await markAll(markers.m3.token, examId, 1);
    expect(third.every((r) => r.status === 'final')).toBe(true);
    const done = await t.http().get(`/api/attempts/${paper.id}`).set(bearer(token)).expect(200);
    // The third marker agrees with the first: their mean (full marks) counts.
    expect(done.body.result).toMatchObject({ awaitingMarking: false, passed: true, score: 30 });
    const stats = await t.http().get(`/api/exams/${examId}/marking/stats`).set(bearer(trainer)).expect(200);
    expect(stats.body.pairs).toBe(first.length);
    expect(stats.body.withinTolerance).toBe(0);
    expect(stats.body.meanAbsDiff).toBeGreaterThan(1);
    for (const q of stats.body.questions) expect(q).toMatchObject({ n: 1, mean: q.maxPoints, sd: 0 });
  });
});
