/** 10 parallel submits of the same attempt, 100 times: exactly one scoring and one certificate each time. */
const path = require('node:path');
const Database = require('better-sqlite3');
const lib = require('./lib');
const { Candidate } = require('./driver');

/**
 * Counts that prove how many times each attempt was scored, and which attempts passed and earned a certificate;
 * works on a better-sqlite3 db or a pg client. A query that fails throws: a check that cannot run fails.
 */
async function scoringCounts(query, attemptIds) {
  const ids = attemptIds.join(',');
  const credits = await query(
    `SELECT "refId" AS id, COUNT(*) AS n FROM study_credit WHERE source = 'exam' AND "refId" IN (${ids}) GROUP BY "refId"`,
  );
  // Observations in item_stat plus those queued by scoring (item_stat_pending, one JSON row per paper) and not yet
  // folded: one statement, so a fold by the sweep cannot be counted twice or missed.
  const statN = (
    await query(
      'SELECT n, CAST(NULL AS text) AS observations FROM item_stat UNION ALL SELECT CAST(NULL AS integer), observations FROM item_stat_pending',
    )
  ).reduce((sum, r) => sum + (r.observations == null ? Number(r.n) : JSON.parse(r.observations).length), 0);
  // The questions on the papers (one JSON row per paper).
  const items = (await query(`SELECT items FROM attempt_paper WHERE "attemptId" IN (${ids})`)).reduce(
    (sum, r) => sum + JSON.parse(r.items).length,
    0,
  );
  const submitted = Number(
    (await query(`SELECT COUNT(*) AS n FROM attempt WHERE status = 'submitted' AND id IN (${ids})`))[0].n,
  );
  const passed = (await query(`SELECT id FROM attempt WHERE passed = true AND id IN (${ids})`)).map((r) =>
    Number(r.id),
  );
  const certificates = await query(
    `SELECT "sourceAttemptId" AS id, COUNT(*) AS n FROM certificate WHERE "sourceAttemptId" IN (${ids}) GROUP BY "sourceAttemptId"`,
  );
  return { credits, statN, items, submitted, passed, certificates };
}

/**
 * Attempts whose certificate count is not exactly one when passed (a passed qualification attempt earns one) and
 * zero otherwise, as "attempt id: n certificates, passed|failed".
 */
function certificateMismatches(counts, attemptIds) {
  const n = new Map(counts.certificates.map((r) => [Number(r.id), Number(r.n)]));
  const passed = new Set(counts.passed);
  return attemptIds
    .filter((id) => (n.get(id) ?? 0) !== (passed.has(id) ? 1 : 0))
    .map((id) => `${id}: ${n.get(id) ?? 0} certificates, ${passed.has(id) ? 'passed' : 'failed'}`);
}

module.exports = async function doubleSubmit({ dir, check }) {
  const dbPath = path.join(dir, 'double.sqlite');
  const server = await lib.startServer({
    env: { DATABASE_PATH: dbPath, SWEEP_INTERVAL_MS: '0' },
    logFile: path.join(dir, 'server.log'),
  });
  try {
    const trainer = await lib.login(server.url, 'trainer');
    // A qualification exam per round: a pass issues a certificate (one per person and exam), so every attempt,
    // answered with the key, must earn exactly one however many submits race.
    const examIds = [];
    for (let round = 0; round < 10; round++)
      examIds.push(
        await lib.createQualificationExam(server.url, trainer, { title: `重复交卷测试 ${round + 1}` }),
      );
    const keys = new Map();
    const keyOf = (question) => lib.answerKey(server.url, trainer, question, keys);
    const db = new Database(dbPath, { readonly: true });
    const q = async (sql) => db.prepare(sql).all();
    const before = await scoringCounts(q, [0]);
    const cands = Array.from({ length: 10 }, (_, i) => new Candidate(`S${String(i + 31).padStart(4, '0')}`));
    await Promise.all(cands.map((c) => c.login(server.url)));
    const attemptIds = [];
    let inconsistent = 0;
    let non200 = 0;
    await Promise.all(
      cands.map(async (c) => {
        for (const examId of examIds) {
          await c.start(server.url, examId);
          attemptIds.push(c.attemptId);
          await c.answerAllWithKey(server.url, keyOf);
          const rs = await Promise.all(
            Array.from({ length: 10 }, () =>
              lib.api(server.url, 'POST', `/api/attempts/${c.attemptId}/submit`, { token: c.token }),
            ),
          );
          non200 += rs.filter((r) => r.status !== 200).length;
          const shapes = new Set(rs.map((r) => r.json && `${r.json.score}|${r.json.submittedAt}`));
          if (shapes.size !== 1) inconsistent++;
        }
      }),
    );
    const after = await scoringCounts(q, attemptIds);
    db.close();
    check('100 attempts × 10 parallel submits: every submit answered 200', non200 === 0, `${non200} not 200`);
    check(
      'all ten answers to one attempt carry the same score and time',
      inconsistent === 0,
      `${inconsistent} attempts differ`,
    );
    check(
      'every attempt submitted',
      after.submitted === attemptIds.length,
      `${after.submitted}/${attemptIds.length}`,
    );
    const twice = after.credits.filter((r) => Number(r.n) > 1).length;
    check(
      'no attempt credited twice (study_credit)',
      twice === 0,
      `${twice} attempts with more than one credit`,
    );
    check(
      'exactly one scoring per attempt: item statistics grew by exactly one observation per paper item',
      after.statN - before.statN === after.items,
      `Δn ${after.statN - before.statN}, items ${after.items}`,
    );
    check(
      'every attempt answered with the key passed',
      after.passed.length === attemptIds.length,
      `${after.passed.length}/${attemptIds.length} passed`,
    );
    const wrong = certificateMismatches(after, attemptIds);
    check(
      'exactly one certificate per passed attempt',
      wrong.length === 0,
      `${wrong.length} attempts: ${wrong.slice(0, 5).join('; ')}`,
    );
  } finally {
    await server.stop();
  }
};

module.exports.scoringCounts = scoringCounts;
module.exports.certificateMismatches = certificateMismatches;
