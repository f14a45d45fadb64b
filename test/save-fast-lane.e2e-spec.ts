/**
 * The answer save's fast lane (src/web/save-fast-lane.ts) through real HTTP: it answers the common save itself (the
 * Nest route's AttemptsService.save is never called), and every other request reaches the Nest route, whose
 * statuses and messages are the ones the API always gave.
 */
import { AttemptsService } from '../src/exams/attempts.service';
import type { PaperShapes } from '../src/exams/paper-shapes';
import { publishCommonExam } from './helpers/sit-exam';
import { pageLogin } from './helpers/pages';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

describe('answer save fast lane', () => {
  let t: TestApp;
  let staff: string;
  let other: string;
  let attemptId: number;
  let questions: { id: number; options: { key: string }[] }[];
  let nestSaves: jest.SpyInstance;

  beforeAll(async () => {
    t = await bootTestApp();
    staff = await t.token('staff');
    other = await t.token('S0001');
    const trainer = await t.token('trainer');
    const me = (await t.http().get('/api/me').set(bearer(staff))).body.id as number;
    const examId = await publishCommonExam(t, trainer, {
      title: '快速保存',
      kind: 'onboarding',
      passMark: 1,
      part: 'a',
      rules: [{ type: 'single', count: 3, points: 1 }],
      timeLimitMinutes: 30,
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 3600_000).toISOString(),
      audience: { userIds: [me] },
    });
    const a = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(staff)).expect(201);
    attemptId = a.body.id;
    questions = a.body.questions;
    nestSaves = jest.spyOn(t.app.get(AttemptsService), 'save');
  });
  afterAll(async () => t.close());
  beforeEach(() => nestSaves.mockClear());

  const put = (q: number, body: unknown) =>
    t
      .http()
      .put(`/api/attempts/${attemptId}/answers/${q}`)
      .send(body as object);
  const stored = async (q: number) =>
    (await t.http().get(`/api/attempts/${attemptId}`).set(bearer(staff)).expect(200)).body.questions.find(
      (x: { id: number }) => x.id === q,
    ).response;

  it('answers a Bearer save of a paper drawn in this process without the Nest route', async () => {
    const q = questions[0];
    const res = await put(q.id, { response: 'B', seq: 1 }).set(bearer(staff)).expect(200);
    expect(res.body).toEqual({ saved: true, seq: 1 });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // The headers every response gets (the onSend hook) still come.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(nestSaves).not.toHaveBeenCalled();
    expect(await stored(q.id)).toBe('B');
  });

  it('answers a page session with its CSRF token; without it the Nest route refuses with 403 and nothing is saved', async () => {
    const q = questions[1];
    const session = await pageLogin(t, 'staff');
    const refused = await put(q.id, { response: 'C', seq: 1 }).set('Cookie', session.cookie).expect(403);
    expect(refused.body.message).toBe('安全校验失败（CSRF），请刷新页面后重试');
    expect(await stored(q.id)).toBeNull();
    nestSaves.mockClear();
    await put(q.id, { response: 'C', seq: 2 })
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .expect(200, { saved: true, seq: 2 });
    expect(nestSaves).not.toHaveBeenCalled();
    expect(await stored(q.id)).toBe('C');
  });

  it('a paper this process does not remember: its first save reads it on the Nest route, the next go the lane', async () => {
    const q = questions[0];
    // As if the paper had been drawn by another process (or evicted from PaperShapes).
    (t.app.get(AttemptsService) as unknown as { shapes: PaperShapes }).shapes.forget(attemptId);
    await put(q.id, { response: 'C', seq: 10 }).set(bearer(staff)).expect(200, { saved: true, seq: 10 });
    expect(nestSaves).toHaveBeenCalledTimes(1);
    nestSaves.mockClear();
    await put(q.id, { response: 'D', seq: 11 }).set(bearer(staff)).expect(200, { saved: true, seq: 11 });
    expect(nestSaves).not.toHaveBeenCalled();
    expect(await stored(q.id)).toBe('D');
  });

  it('leaves every other save to the Nest route, which answers as it always did', async () => {
    const q = questions[2];
    await put(q.id, { response: 'A', seq: 5 }).set(bearer(staff)).expect(200, { saved: true, seq: 5 });
    nestSaves.mockClear();
    // An older seq: not written, and explained.
    const older = await put(q.id, { response: 'D', seq: 4 }).set(bearer(staff)).expect(200);
    expect(older.body).toEqual({ saved: false, seq: 5, message: '已有更新的答案，本次保存被忽略' });
    expect(nestSaves).toHaveBeenCalledTimes(1);
    // Someone else's attempt.
    const foreign = await put(q.id, { response: 'D', seq: 6 }).set(bearer(other)).expect(404);
    expect(foreign.body.message).toBe('答卷或题目不存在');
    // A response the question cannot take, and a body with a field too many.
    await put(q.id, { response: 'Z', seq: 6 }).set(bearer(staff)).expect(400);
    const extra = await put(q.id, { response: 'D', seq: 6, x: 1 }).set(bearer(staff)).expect(400);
    expect(extra.body.statusCode).toBe(400);
    // No token, and a token signed out.
    await put(q.id, { response: 'D', seq: 6 }).expect(401);
    const leaving = await t.token('staff');
    await t
      .http()
      .post('/api/me/logout')
      .set(bearer(leaving))
      .expect((r) => expect(r.status).toBeLessThan(300));
    await put(q.id, { response: 'D', seq: 6 }).set(bearer(leaving)).expect(401);
    expect(await stored(q.id)).toBe('A');
  });
});
