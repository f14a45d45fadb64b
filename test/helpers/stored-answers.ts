/**
 * The stored answers of some attempts, read straight from the tables (for tests that check what a save, a crash or
 * a restore left on disk): attempt_answer's rows, each with its question's option order from the paper
 * (attempt_paper) as JSON text. `query` runs one SQL text on any of the app's databases and resolves to its rows.
 * (scripts/resilience/driver.js's savedRows is the same for the resilience suite, which runs without ts.)
 */
export interface StoredAnswer {
  attemptId: number;
  questionId: number;
  seq: number;
  response: string | null;
  optionOrder: string | null;
}

export async function storedAnswers(
  query: (sql: string) => Promise<Record<string, unknown>[]> | Record<string, unknown>[],
  attemptIds: number[],
): Promise<StoredAnswer[]> {
  const ids = attemptIds.join(',');
  const papers = await query(
    `SELECT "attemptId" AS "attemptId", items FROM attempt_paper WHERE "attemptId" IN (${ids})`,
  );
  const orders = new Map<string, unknown>();
  for (const p of papers)
    for (const it of JSON.parse(p.items as string) as { questionId: number; optionOrder: unknown }[])
      orders.set(`${Number(p.attemptId)}:${it.questionId}`, it.optionOrder);
  const answers = await query(
    `SELECT "attemptId" AS "attemptId", "questionId" AS "questionId", seq, response FROM attempt_answer WHERE "attemptId" IN (${ids})`,
  );
  return answers.map((a) => {
    const order = orders.get(`${Number(a.attemptId)}:${Number(a.questionId)}`);
    return {
      attemptId: Number(a.attemptId),
      questionId: Number(a.questionId),
      seq: Number(a.seq),
      response: (a.response as string | null) ?? null,
      optionOrder: order ? JSON.stringify(order) : null,
    };
  });
}
