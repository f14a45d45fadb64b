import { bearer, TestApp } from './test-app';

interface ShownQuestion {
  id: number;
  type: string;
  options?: { key: string; text: string }[];
}
interface BankQuestion {
  answer: unknown;
  options?: { key: string; text: string }[] | null;
}

/**
 * The right answer as a candidate would give it on the page: options are labelled by position, so the bank key is
 * found by its option text among the options shown. Fill-blank: the first accepted answer of each blank.
 */
export function keyAsShown(shown: ShownQuestion, bank: BankQuestion): unknown {
  if (shown.type === 'true-false') return bank.answer;
  if (shown.type === 'fill-blank') return (bank.answer as string[][]).map((accepted) => accepted[0]);
  const letterOf = (bankKey: string) => {
    const text = (bank.options ?? []).find((o) => o.key === bankKey)?.text;
    const found = (shown.options ?? []).find((o) => o.text === text);
    if (!found) throw new Error(`option ${bankKey} of question ${shown.id} not shown`);
    return found.key;
  };
  if (shown.type === 'single') return letterOf(bank.answer as string);
  return (bank.answer as string[]).map(letterOf).sort();
}

/**
 * The key as the server reveals it (practice feedback, a review): keyAsShown, except that a fill-blank key comes with
 * every accepted answer of each blank, as stored.
 */
export function keyRevealed(shown: ShownQuestion, bank: BankQuestion): unknown {
  return shown.type === 'fill-blank' ? bank.answer : keyAsShown(shown, bank);
}

/** A wrong answer as shown: another option, the other truth value, or an impossible blank. */
export function wrongAsShown(shown: ShownQuestion, bank: BankQuestion): unknown {
  const right = keyAsShown(shown, bank);
  const letters = (shown.options ?? []).map((o) => o.key);
  if (shown.type === 'true-false') return !right;
  if (shown.type === 'fill-blank') return (right as string[]).map(() => '不可能的答案');
  if (shown.type === 'single') return letters.find((k) => k !== right);
  const missing = letters.filter((k) => !(right as string[]).includes(k));
  return [...missing, (right as string[])[0]].sort();
}

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
  for (const q of start.body.questions as (ShownQuestion & { part: string })[]) {
    if (!correctParts.includes(q.part)) continue;
    const detail = await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200);
    await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
      .set(bearer(token))
      .send({ response: keyAsShown(q, detail.body), seq: 1 })
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
