/**
 * The benchmark's data set, written straight into the SQLite file of a stopped server. BENCH_STAFF (100,000),
 * BENCH_UNITS (1,000) and BENCH_ATTEMPTS (1,000,000) set its size.
 */
const Database = require('better-sqlite3');

const STAFF = Number(process.env.BENCH_STAFF || 100_000);
const UNITS = Number(process.env.BENCH_UNITS || 1_000);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS || 1_000_000);

/**
 * Straight into the SQLite file of a stopped server (schema migrated, demo seeded): UNITS units under the root,
 * STAFF enforcement-post staff with post history, certificates for 70 %, and ATTEMPTS scored attempts of `examId`
 * spread over the staff, with the exam_grade rows that scoring them would have kept. (Stored 持证率 snapshots
 * are deleted by the database's own triggers.) Accounts are named B1, B2, … and hold `passwordHash` (a hash as the
 * app stores it, so they can log in; without it they cannot). Returns the generated user ids and the first id.
 */
function generate(file, examId, { passwordHash = 'x' } = {}) {
  const t = Date.now();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const root = db.prepare('SELECT id, path FROM unit WHERE "parentId" IS NULL ORDER BY id LIMIT 1').get();
  const maxUnit = db.prepare('SELECT MAX(id) AS m FROM unit').get().m;
  const maxUser = db.prepare('SELECT MAX(id) AS m FROM user').get().m;
  const insUnit = db.prepare(
    'INSERT INTO unit (id, name, kind, level, "parentId", path, "sortOrder") VALUES (?, ?, ?, NULL, ?, ?, ?)',
  );
  const insUser = db.prepare(
    'INSERT INTO user (id, username, "passwordHash", name, roles, "staffNo", "unitId", "enforcementPost") VALUES (?, ?, ?, ?, \'staff\', ?, ?, 1)',
  );
  const insPost = db.prepare(
    'INSERT INTO post_history ("userId", "unitId", "enforcementPost", "businessLines", "validFrom", "validTo") VALUES (?, ?, 1, \'\', \'2020-01-01\', NULL)',
  );
  const insCert = db.prepare(
    'INSERT INTO certificate (kind, "userId", number, "issuedOn", "expiresOn", status, source, "verificationCode") VALUES (\'enforcement\', ?, ?, ?, ?, NULL, \'registered\', ?)',
  );
  const insAttempt = db.prepare(
    'INSERT INTO attempt ("examId", "userId", "attemptNo", status, seed, "startedAt", deadline, "submittedAt", "submittedBy", score, "maxScore", passed) VALUES (?, ?, ?, \'submitted\', \'bench\', ?, ?, ?, \'candidate\', ?, 100, ?)',
  );
  const unitIds = [];
  const userIds = [];
  db.transaction(() => {
    for (let i = 1; i <= UNITS; i++) {
      const id = maxUnit + i;
      unitIds.push(id);
      insUnit.run(id, `基准单位${i}`, 'department', root.id, `${root.path}${id}/`, i);
    }
    for (let i = 1; i <= STAFF; i++) {
      const id = maxUser + i;
      userIds.push(id);
      const unit = unitIds[i % UNITS];
      insUser.run(id, `B${i}`, passwordHash, `基准人员${i}`, `B${i}`, unit);
      insPost.run(id, unit);
      if (i % 10 < 7)
        insCert.run(
          id,
          `BENCH-${i}`,
          '2024-01-01',
          i % 50 === 0 ? '2026-01-01' : '2030-01-01',
          `BV${String(i).padStart(14, '0')}`,
        );
    }
    const per = Math.max(1, Math.round(ATTEMPTS / STAFF));
    let n = 0;
    for (let k = 1; k <= per && n < ATTEMPTS; k++)
      for (let i = 0; i < STAFF && n < ATTEMPTS; i++, n++) {
        const score = (i * 7 + k * 13) % 101;
        insAttempt.run(
          examId,
          userIds[i],
          k,
          '2026-06-01 08:00:00.000',
          '2026-06-01 10:00:00.000',
          '2026-06-01 09:00:00.000',
          score,
          score >= 60 ? 1 : 0,
        );
      }
    // The app's own statement for the summary rows (the benchmark runs against the production build).
    const { gradeInsertSql } = require('../dist/exams/exam-grades');
    db.prepare(gradeInsertSql(`a."examId" = ${Number(examId)}`)).run();
  })();
  db.close();
  return { userIds, firstUserId: maxUser + 1, ms: Date.now() - t };
}

module.exports = { STAFF, UNITS, ATTEMPTS, generate };
