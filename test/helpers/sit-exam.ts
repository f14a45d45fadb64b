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
