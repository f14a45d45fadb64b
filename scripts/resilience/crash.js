/** kill -9 at random moments while candidates save; after a restart every acknowledged save is in the database. */
const path = require('node:path');
const Database = require('better-sqlite3');
const lib = require('./lib');
const { Candidate, countLost } = require('./driver');
const { savedRows } = require('./saved-rows');

module.exports = async function crash({ dir, check, note }) {
  const rounds = Number(process.env.KILL_ROUNDS || 10);
  const dbPath = path.join(dir, 'crash.sqlite');
  const env = { DATABASE_PATH: dbPath, SWEEP_INTERVAL_MS: '1000' };
  const logFile = path.join(dir, 'server.log');
  let server = await lib.startServer({ env, logFile });
  const trainer = await lib.login(server.url, 'trainer');
  const examId = await lib.createExam(server.url, trainer, {
    title: '断电测试',
    rules: [
      { type: 'single', count: 15, points: 2 },
      { type: 'multiple', count: 5, points: 4 },
      { type: 'true-false', count: 5, points: 2 },
      { type: 'fill-blank', count: 3, points: 2 },
    ],
  });
  const cands = Array.from({ length: 30 }, (_, i) => new Candidate(`S${String(i + 1).padStart(4, '0')}`));
  await Promise.all(cands.map((c) => c.login(server.url)));
  for (const c of cands) await c.start(server.url, examId);
  const acked = new Map();
  let attempted = 0;
  let fiveXx = 0;
  const restartMs = [];
  const ackedPerRound = [];
  for (let round = 0; round < rounds; round++) {
    const roundAcked = new Map();
    let running = true;
    const url = server.url;
    const loops = cands.map(async (c) => {
      while (running) {
        try {
          attempted++;
          const st = await c.saveOne(url, roundAcked);
          if (st >= 500) fiveXx++;
        } catch {
          await lib.sleep(5);
        }
      }
    });
    // Kill at a random moment once saves are flowing (at least 30 acknowledged this round, or 60 s).
    const waitStart = Date.now();
    while (roundAcked.size < 30 && Date.now() - waitStart < 60_000) await lib.sleep(10);
    await lib.sleep(Math.random() * 1300);
    await server.kill9();
    running = false;
    await Promise.all(loops);
    ackedPerRound.push(roundAcked.size);
    for (const [k, v] of roundAcked) acked.set(k, v);
    server = await lib.startServer({ env, logFile });
    restartMs.push(server.startMs);
    // A candidate resumes after the restart: the paper and the saved answers come back.
    if (round === 0) {
      const r = await lib.api(server.url, 'GET', `/api/attempts/${cands[0].attemptId}`, {
        token: cands[0].token,
      });
      check(
        'resume after a crash: GET /api/attempts/:id answers 200 with the same token',
        r.status === 200,
        `status ${r.status}`,
      );
    }
  }
  await server.stop();
  const db = new Database(dbPath, { readonly: true });
  const rows = await savedRows(
    async (sql) => db.prepare(sql).all(),
    cands.map((c) => c.attemptId),
  );
  db.close();
  const { lost, examples } = countLost(acked, rows);
  note(
    `${rounds} kill -9 rounds with 30 candidates saving: ${attempted} saves sent, ${acked.size} answers acknowledged; restarts ${Math.min(...restartMs)}–${Math.max(...restartMs)} ms`,
  );
  // Without acknowledged saves in every round "nothing lost" would prove nothing.
  check(
    `every one of the ${rounds} rounds had saves acknowledged before its kill -9`,
    ackedPerRound.length === rounds && ackedPerRound.every((n) => n > 0),
    `acknowledged per round: ${ackedPerRound.join(', ')}`,
  );
  check('acknowledged saves lost = 0', lost === 0, `lost ${lost} ${examples.join('; ')}`);
  check('no 5xx while saving', fiveXx === 0, `${fiveXx} × 5xx`);
};
