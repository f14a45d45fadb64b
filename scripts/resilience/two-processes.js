/**
 * Two app processes started at the same moment on one fresh PostgreSQL database (the start-up advisory lock lets
 * one migrate and seed at a time), login throttle shared in Redis, candidates through both; both processes'
 * sweeps race on overdue attempts; then one process is killed mid-exam and the candidates carry on through the
 * other. Nothing acknowledged is lost and nothing is scored twice.
 */
const path = require('node:path');
const { Client } = require('pg');
const lib = require('./lib');
const { Candidate, countLost } = require('./driver');
const { scoringCounts } = require('./double-submit');

async function redisUp() {
  const net = require('node:net');
  return new Promise((resolve) => {
    const s = net.connect(6379, '127.0.0.1');
    s.setTimeout(500);
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      resolve(d.toString().startsWith('+PONG'));
      s.destroy();
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

module.exports = async function twoProcesses({ dir, check, note }) {
  if (!(await lib.pgAvailable())) {
    note(`PostgreSQL not reachable at ${lib.PG_ADMIN}: two-process test skipped`);
    return;
  }
  const name = `xuefa_resilience_${process.pid}`;
  const url = await lib.createPgDatabase(name);
  const redis = await redisUp();
  if (!redis) note('Redis not reachable at 127.0.0.1:6379: the shared login throttle sub-check is skipped');
  const env = {
    DATABASE_URL: url,
    SWEEP_INTERVAL_MS: '200',
    SAVE_GRACE_MS: '0',
    LOGIN_THROTTLE_LIMIT: '6',
    ...(redis ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
  };
  const servers = [];
  const pg = new Client({ connectionString: url });
  try {
    const [a, b] = await Promise.all([
      lib.startServer({ env, logFile: path.join(dir, 'a.log') }),
      lib.startServer({ env, logFile: path.join(dir, 'b.log') }),
    ]);
    servers.push(a, b);
    await pg.connect();
    const q = async (sql) => (await pg.query(sql)).rows;
    const migrations = Number((await q('SELECT COUNT(*) AS n FROM migrations'))[0].n);
    const dupMig = Number(
      (
        await q('SELECT COUNT(*) AS n FROM (SELECT name FROM migrations GROUP BY name HAVING COUNT(*) > 1) d')
      )[0].n,
    );
    const admins = Number((await q('SELECT COUNT(*) AS n FROM "user" WHERE username = \'admin\''))[0].n);
    const exams = Number((await q('SELECT COUNT(*) AS n FROM exam'))[0].n);
    check(
      'two processes started at once on an empty database: each migration ran once, seeding done once',
      dupMig === 0 && migrations > 0 && admins === 1 && exams === 2,
      `${migrations} migrations, ${admins} admin, ${exams} demo exams`,
    );

    if (redis) {
      // LOGIN_THROTTLE_LIMIT=6 per username: 3 bad tries on each process, then the 7th try anywhere is refused.
      const user = `throttle-${process.pid}`;
      const tries = [];
      for (let i = 0; i < 6; i++)
        tries.push(
          (
            await lib.api((i % 2 ? b : a).url, 'POST', '/api/auth/login', {
              body: { username: user, password: 'wrong-password' },
            })
          ).status,
        );
      const seventh = (
        await lib.api(b.url, 'POST', '/api/auth/login', {
          body: { username: user, password: 'wrong-password' },
        })
      ).status;
      check(
        'login throttle shared through Redis: 6 tries over two processes, the 7th is 429',
        seventh === 429 && !tries.includes(429),
        `tries ${tries.join(',')} then ${seventh}`,
      );
    }

    const trainer = await lib.login(a.url, 'trainer');
    const examId = await lib.createExam(b.url, trainer, {
      title: '双进程测试',
      rules: [
        { type: 'single', count: 10, points: 5 },
        { type: 'true-false', count: 10, points: 5 },
      ],
    });
    const cands = Array.from({ length: 30 }, (_, i) => new Candidate(`S${String(i + 1).padStart(4, '0')}`));
    await Promise.all(cands.map((c, i) => c.login((i % 2 ? b : a).url)));
    for (const [i, c] of cands.entries()) await c.start((i % 2 ? a : b).url, examId);

    // Both processes' sweeps race for ten overdue attempts: each is scored once.
    const overdue = cands.slice(20);
    await pg.query(
      `UPDATE attempt SET deadline = now() - interval '1 hour' WHERE id IN (${overdue.map((c) => c.attemptId).join(',')})`,
    );
    const sweepStart = Date.now();
    while (Date.now() - sweepStart < 15_000) {
      const left = Number(
        (
          await q(
            `SELECT COUNT(*) AS n FROM attempt WHERE status = 'in-progress' AND id IN (${overdue.map((c) => c.attemptId).join(',')})`,
          )
        )[0].n,
      );
      if (left === 0) break;
      await lib.sleep(100);
    }
    const swept = await scoringCounts(
      q,
      overdue.map((c) => c.attemptId),
    );
    check(
      'overdue attempts swept by two processes at once: all submitted',
      swept.submitted === overdue.length,
      `${swept.submitted}/${overdue.length}`,
    );
    const auto = await q(
      `SELECT COUNT(*) AS n FROM attempt WHERE "submittedBy" = 'timer' AND id IN (${overdue.map((c) => c.attemptId).join(',')})`,
    );
    check('…by the timer', Number(auto[0].n) === overdue.length);

    // Candidates alternate between the processes; A is killed mid-exam; they carry on through B.
    const active = cands.slice(0, 20);
    const acked = new Map();
    let running = true;
    let aDown = false;
    let errorsAfterFailover = 0;
    const loops = active.map(async (c, i) => {
      let n = 0;
      while (running) {
        const target = !aDown && (n++ + i) % 2 === 0 ? a : b;
        try {
          const st = await c.saveOne(target.url, acked);
          if (st >= 500 || (target === b && st !== 200)) errorsAfterFailover++;
        } catch {
          await lib.sleep(5); // a connection to the killed process: the client retries elsewhere
        }
      }
    });
    await lib.sleep(1500);
    await a.kill9();
    aDown = true;
    await lib.sleep(2000);
    running = false;
    await Promise.all(loops);
    const rows = await q(
      `SELECT "attemptId", "questionId", seq, response FROM attempt_item WHERE "attemptId" IN (${active.map((c) => c.attemptId).join(',')})`,
    );
    const { lost, examples } = countLost(acked, rows);
    check(
      `process A killed mid-exam: ${acked.size} acknowledged answers, lost = 0`,
      lost === 0 && acked.size > 0,
      examples.join('; '),
    );
    check(
      'candidates continued on process B without errors',
      errorsAfterFailover === 0,
      `${errorsAfterFailover} failed saves on B`,
    );

    // Everyone submits through B, five times in parallel each; every attempt is scored once.
    const before = await scoringCounts(q, [0]);
    await Promise.all(
      active.map((c) =>
        Promise.all(
          Array.from({ length: 5 }, () =>
            lib.api(b.url, 'POST', `/api/attempts/${c.attemptId}/submit`, { token: c.token }),
          ),
        ),
      ),
    );
    const after = await scoringCounts(
      q,
      active.map((c) => c.attemptId),
    );
    check('all submitted on B', after.submitted === active.length, `${after.submitted}/${active.length}`);
    check(
      'scored once each (item statistics grew by one observation per item)',
      after.statN - before.statN === after.items,
      `Δn ${after.statN - before.statN}, items ${after.items}`,
    );
    if (after.certificates)
      check(
        'at most one certificate per attempt',
        after.certificates.every((r) => Number(r.n) <= 1),
      );
    else note('certificate sub-check skipped: no certificate table yet');
  } finally {
    await pg.end().catch(() => undefined);
    for (const s of servers) await s.stop();
    await lib.dropPgDatabase(name);
  }
};
