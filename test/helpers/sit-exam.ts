import { bearer, TestApp } from './test-app';

/** Starts an attempt and answers the questions of the listed parts with the key (read as a trainer). */
export async function answerExam(
  t: TestApp,
  username: string,
  examId: number,
  correctParts: string[],
): Promise<number> {
  const token = await t.token(username);
  const trainer = await t.token('trainer');
  const start = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(token));
  if (start.status !== 201 && start.status !== 200)
    throw new Error(`start ${start.status} ${JSON.stringify(start.body)}`);
  for (const q of start.body.questions as { id: number; part: string }[]) {
    if (!correctParts.includes(q.part)) continue;
    const detail = await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200);
    await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
      .set(bearer(token))
      .send({ response: detail.body.answer, seq: 1 })
      .expect(200);
  }
  return start.body.id as number;
}

/**
 * Creates and publishes an exam with one 共同科目 part drawn by `rules` (part key `part`, default 'common');
 * `fields` are the other exam fields (title, kind, timeLimitMinutes, audience…). Returns the exam id.
 */
export async function publishCommonExam(
  t: TestApp,
  trainerToken: string,
  {
    rules,
    passMark,
    part = 'common',
    ...fields
  }: { rules: { type: string; count: number; points: number }[]; passMark: number; part?: string } & Record<
    string,
    unknown
  >,
): Promise<number> {
  const created = await t
    .http()
    .post('/api/exams')
    .set(bearer(trainerToken))
    .send({
      ...fields,
      blueprint: { passMark, parts: [{ key: part, title: '共同科目', source: { kind: 'common' }, rules }] },
    })
    .expect(201);
  await t.http().post(`/api/exams/${created.body.id}/publish`).set(bearer(trainerToken)).expect(200);
  return created.body.id as number;
}
