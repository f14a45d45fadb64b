/**
 * The stored answers of some attempts, read straight from the tables (for checks of what a save, a crash or a
 * restore left on disk): attempt_answer's rows {attemptId, questionId, seq, response, optionOrder}, each with its
 * question's option order from the paper (attempt_paper: one array per question, [part, questionId, revisionId,
 * type, points, optionOrder, blanks]) as JSON text. `query` runs one SQL text on a better-sqlite3 db, a pg client or
 * a TypeORM DataSource and resolves to its rows. Used by the resilience suite and the e2e tests.
 */
async function savedRows(query, attemptIds) {
  const ids = attemptIds.join(',');
  const papers = await query(
    `SELECT "attemptId" AS "attemptId", items FROM attempt_paper WHERE "attemptId" IN (${ids})`,
  );
  const orders = new Map();
  for (const p of papers)
    for (const [, questionId, , , , optionOrder] of JSON.parse(p.items))
      orders.set(`${Number(p.attemptId)}:${questionId}`, optionOrder);
  const answers = await query(
    `SELECT "attemptId" AS "attemptId", "questionId" AS "questionId", seq, response FROM attempt_answer WHERE "attemptId" IN (${ids})`,
  );
  return answers.map((a) => {
    const order = orders.get(`${Number(a.attemptId)}:${Number(a.questionId)}`);
    return {
      attemptId: Number(a.attemptId),
      questionId: Number(a.questionId),
      seq: Number(a.seq),
      response: a.response ?? null,
      optionOrder: order ? JSON.stringify(order) : null,
    };
  });
}

module.exports = { savedRows };
