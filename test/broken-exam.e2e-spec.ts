/**
 * One broken exam row must not take down anything else: a bad PATCH is refused before anything is written, and a
 * blueprint broken by other means (planted here with raw SQL) leaves the lists, the annual report and the overdue
 * sweep working for everyone else until an admin repairs or archives the exam.
 */
import { DataSource } from 'typeorm';
import { AttemptsService } from '../src/exams/attempts.service';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';
import { publishCommonExam } from './helpers/sit-exam';

describe('a broken exam', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let manager: string;
  let staff: string;
  let s2: string;
  let staffId: number;
  let s2Id: number;
  let healthyId: number;
  let brokenId: number;
  let healthyAttempt: number;
  let brokenAttempt: number;
  const rules = [{ type: 'true-false', count: 2, points: 5 }];
  const blueprint = {
    passMark: 5,
    parts: [{ key: 'common', title: '共同科目', source: { kind: 'common' }, rules }],
  };

  const db = () => t.app.get(DataSource);
  const storedBlueprint = async (id: number) =>
    ((await db().query(`SELECT blueprint FROM exam WHERE id = ${id}`)) as { blueprint: string }[])[0]
      .blueprint;
  const status = async (attemptId: number) =>
    ((await db().query(`SELECT status FROM attempt WHERE id = ${attemptId}`)) as { status: string }[])[0]
      .status;
  const makeOverdue = (attemptId: number) =>
    db()
      .createQueryBuilder()
      .update('attempt')
      .set({ deadline: new Date(Date.now() - 3600_000) })
      .where('id = :id', { id: attemptId })
      .execute();

  beforeAll(async () => {
    t = await bootTestApp();
    [admin, trainer, manager, staff, s2] = await Promise.all(
      ['admin', 'trainer', 'manager', 'staff', 'S0002'].map((u) => t.token(u)),
    );
    staffId = (await t.http().get('/api/me').set(bearer(staff)).expect(200)).body.id;
    s2Id = (await t.http().get('/api/me').set(bearer(s2)).expect(200)).body.id;
    const audience = { userIds: [staffId, s2Id] };
    brokenId = await publishCommonExam(t, trainer, {
      title: '将被损坏的考试',
      kind: 'quarterly',
      rules,
      passMark: 5,
      audience,
    });
    healthyId = await publishCommonExam(t, trainer, {
      title: '完好的考试',
      kind: 'quarterly',
      rules,
      passMark: 5,
      audience,
    });
    // The broken exam's attempt is older, so the sweep meets it first.
    brokenAttempt = (await t.http().post(`/api/exams/${brokenId}/attempts`).set(bearer(s2)).expect(201)).body
      .id;
    healthyAttempt = (await t.http().post(`/api/exams/${healthyId}/attempts`).set(bearer(staff)).expect(201))
      .body.id;
  });
  afterAll(async () => t.close());

  it('PATCH {"blueprint":null} is refused and writes nothing', async () => {
    const before = await storedBlueprint(brokenId);
    const res = await t
      .http()
      .patch(`/api/exams/${brokenId}`)
      .set(bearer(trainer))
      .send({ blueprint: null })
      .expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'blueprint' })]);
    expect(await storedBlueprint(brokenId)).toBe(before);
  });

  it('a change that would leave an unreadable row is refused inside the writing transaction', async () => {
    const draft = await t
      .http()
      .post('/api/exams')
      .set(bearer(trainer))
      .send({ title: '草稿', kind: 'law-study', blueprint })
      .expect(201);
    await db().query(`UPDATE exam SET audience = '[1,2]' WHERE id = ${draft.body.id}`);
    const res = await t
      .http()
      .patch(`/api/exams/${draft.body.id}`)
      .set(bearer(trainer))
      .send({ title: '新标题' })
      .expect(400);
    expect(res.body.message).toContain('考试对象');
    const [row] = await db().query(`SELECT title FROM exam WHERE id = ${draft.body.id}`);
    expect(row.title).toBe('草稿');
  });

  describe('planted with raw SQL', () => {
    beforeAll(async () => {
      await db().query(`UPDATE exam SET blueprint = 'null' WHERE id = ${brokenId}`);
    });

    it('candidates still get their list of exams, without it', async () => {
      for (const token of [staff, s2]) {
        const res = await t.http().get('/api/exams/available').set(bearer(token)).expect(200);
        const ids = res.body.map((e: { id: number }) => e.id);
        expect(ids).toContain(healthyId);
        expect(ids).not.toContain(brokenId);
      }
    });

    it('trainers and managers still get the exam list, the broken one marked with its problem', async () => {
      for (const token of [trainer, manager]) {
        const res = await t.http().get('/api/exams').set(bearer(token)).expect(200);
        const broken = res.body.find((e: { id: number }) => e.id === brokenId);
        const healthy = res.body.find((e: { id: number }) => e.id === healthyId);
        expect(broken).toMatchObject({ title: '将被损坏的考试', status: 'published', blueprint: null });
        expect(broken.problem).toContain('组卷规则');
        expect(healthy).toMatchObject({ problem: null, maxScore: 10 });
      }
      const one = await t.http().get(`/api/exams/${brokenId}`).set(bearer(trainer)).expect(200);
      expect(one.body.problem).toEqual(expect.any(String));
    });

    it('the annual report still comes, naming the exam it left out', async () => {
      const res = await t.http().get('/api/reports/annual').set(bearer(manager)).expect(200);
      expect(res.body.exams.map((e: { examId: number }) => e.examId)).toContain(healthyId);
      expect(res.body.skippedExams).toEqual([
        expect.objectContaining({ examId: brokenId, title: '将被损坏的考试' }),
      ]);
      const summary = await t.http().get('/api/reports/annual/summary').set(bearer(manager)).expect(200);
      expect(summary.text).toContain('另有1场考试（《将被损坏的考试》）因考试配置损坏未计入');
    });

    it('its own pages answer 409 with a message saying what to do, not 500', async () => {
      const roster = await t.http().get(`/api/exams/${brokenId}/roster`).set(bearer(trainer)).expect(409);
      expect(roster.body.message).toContain('请联系系统管理员修复或归档');
      await t.http().get(`/api/attempts/${brokenAttempt}`).set(bearer(s2)).expect(409);
      await t.http().post(`/api/exams/${brokenId}/attempts`).set(bearer(staff)).expect(409);
    });

    it('the overdue sweep submits the healthy attempt and leaves the broken one', async () => {
      await makeOverdue(brokenAttempt);
      await makeOverdue(healthyAttempt);
      const submitted = await t.app.get(AttemptsService).sweepOverdue();
      expect(submitted).toBeGreaterThanOrEqual(1);
      expect(await status(healthyAttempt)).toBe('submitted');
      expect(await status(brokenAttempt)).toBe('in-progress');
    });

    it('only an admin repairs it; a healthy exam needs no repair', async () => {
      await t
        .http()
        .post(`/api/exams/${brokenId}/repair`)
        .set(bearer(trainer))
        .send({ blueprint })
        .expect(403);
      const bad = await t
        .http()
        .post(`/api/exams/${brokenId}/repair`)
        .set(bearer(admin))
        .send({ blueprint: { ...blueprint, passMark: 999 } })
        .expect(400);
      expect(bad.body.message).toMatch(/及格分/);
      await t
        .http()
        .post(`/api/exams/${healthyId}/repair`)
        .set(bearer(admin))
        .send({ blueprint })
        .expect(409);
      const repaired = await t
        .http()
        .post(`/api/exams/${brokenId}/repair`)
        .set(bearer(admin))
        .send({ blueprint })
        .expect(200);
      expect(repaired.body).toMatchObject({ problem: null, status: 'published', maxScore: 10 });
      const audit = await t
        .http()
        .get(`/api/audit?entity=exam&entityId=${brokenId}`)
        .set(bearer(admin))
        .expect(200);
      expect(JSON.stringify(audit.body)).toContain('exam.repair');
    });

    it('after the repair the sweep submits the stuck attempt and the exam is listed again', async () => {
      await t.app.get(AttemptsService).sweepOverdue();
      expect(await status(brokenAttempt)).toBe('submitted');
      const annual = await t.http().get('/api/reports/annual').set(bearer(manager)).expect(200);
      expect(annual.body.skippedExams).toEqual([]);
    });

    it('an admin can archive a broken exam instead', async () => {
      const id = await publishCommonExam(t, trainer, {
        title: '将被归档的考试',
        kind: 'quarterly',
        rules,
        passMark: 5,
        audience: { userIds: [staffId] },
      });
      await db().query(`UPDATE exam SET blueprint = '{"parts":"x"}' WHERE id = ${id}`);
      const res = await t.http().post(`/api/exams/${id}/archive`).set(bearer(admin)).expect(200);
      expect(res.body).toMatchObject({ status: 'archived', problem: expect.any(String) });
      const list = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
      expect(list.body.map((e: { id: number }) => e.id)).not.toContain(id);
    });
  });
});
