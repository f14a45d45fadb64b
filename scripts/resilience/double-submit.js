/** 10 parallel submits of the same attempt, 100 times: exactly one scoring (and one certificate) each time. */
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');
const lib = require('./lib');
const { Candidate } = require('./driver');

/** Counts that prove how many times each attempt was scored; works on a better-sqlite3 db or a pg client. */
async function scoringCounts(query, attemptIds) {
  const ids = attemptIds.join(',');
  const credits = await query(
    `SELECT "refId" AS id, COUNT(*) AS n FROM study_credit WHERE source = 'exam' AND "refId" IN (${ids}) GROUP BY "refId"`,
  );
  const statN = Number((await query('SELECT COALESCE(SUM(n), 0) AS n FROM item_stat'))[0].n);
  const items = Number(
    (await query(`SELECT COUNT(*) AS n FROM attempt_item WHERE "attemptId" IN (${ids})`))[0].n,
  );
  const submitted = Number(
    (await query(`SELECT COUNT(*) AS n FROM attempt WHERE status = 'submitted' AND id IN (${ids})`))[0].n,
  );
  let certificates = null;
  const hasCert = (
    await query(
      "SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM information_schema.tables WHERE table_name = 'certificate') t",
    ).catch(() =>
      query("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'certificate'"),
    )
  )[0];
  if (Number(hasCert.n) > 0) {
    certificates = await query(
      `SELECT "attemptId" AS id, COUNT(*) AS n FROM certificate WHERE "attemptId" IN (${ids}) GROUP BY "attemptId"`,
    ).catch(() => null);
  }
  return { credits, statN, items, submitted, certificates };
}

module.exports = async function doubleSubmit({ dir, check, note }) {
  const dbPath = path.join(dir, 'double.sqlite');
  const server = await lib.startServer({
    env: { DATABASE_PATH: dbPath, SWEEP_INTERVAL_MS: '0' },
    logFile: path.join(dir, 'server.log'),
  });
  try {
    const trainer = await lib.login(server.url, 'trainer');
    const examId = await lib.createExam(server.url, trainer, {
      title: '重复交卷测试',
      rules: [
        { type: 'single', count: 6, points: 10 },
        { type: 'true-false', count: 4, points: 10 },
      ],
    });
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
        for (let round = 0; round < 10; round++) {
          await c.start(server.url, examId);
          attemptIds.push(c.attemptId);
          for (let k = 0; k < 3; k++) await c.saveOne(server.url, new Map());
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
    if (fs.existsSync(path.join(lib.ROOT, 'src', 'certification')) && after.certificates) {
      const many = after.certificates.filter((r) => Number(r.n) > 1).length;
      check('at most one certificate per attempt', many === 0, `${many} attempts with more than one`);
    } else {
      note('certificate sub-check skipped: src/certification (and its certificate table) does not exist yet');
    }
  } finally {
    await server.stop();
  }
};

module.exports.scoringCounts = scoringCounts;
