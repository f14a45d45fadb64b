/**
 * Two app processes started at the same moment on one fresh PostgreSQL database (the start-up advisory lock lets
 * one migrate and seed at a time), login throttle shared in Redis, candidates through both; both processes'
 * sweeps race on overdue attempts; then one process is killed mid-exam and the candidates carry on through the
 * other. Nothing acknowledged is lost and nothing is scored twice.
 */
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const lib = require('./lib');
const { Candidate, countLost } = require('./driver');
const { savedRows } = require('./saved-rows');
const { scoringCounts, certificateMismatches } = require('./double-submit');

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

module.exports = async function twoProcesses({ dir, check }) {
  // A check that cannot run fails: this section needs the PostgreSQL and Redis that .ci/run starts.
  if (!(await lib.pgAvailable())) {
    check(`PostgreSQL reachable at ${lib.PG_ADMIN}`, false, 'the two-process section cannot run without it');
    return;
  }
  const name = `xuefa_resilience_${process.pid}`;
  const url = await lib.createPgDatabase(name);
  const redis = await redisUp();
  check('Redis reachable at 127.0.0.1:6379 (the shared login throttle)', redis);
  const env = {
    DATABASE_URL: url,
    SWEEP_INTERVAL_MS: '200',
    SAVE_GRACE_MS: '0',
    LOGIN_THROTTLE_LIMIT: '6',
    // Failed tries per address (shared in Redis): checked below from an address of its own (X-Forwarded-For).
    LOGIN_THROTTLE_IP_LIMIT: '20',
    TRUST_PROXY: '127.0.0.1',
    ...(redis ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
  };
  const servers = [];
  const pg = new Client({ connectionString: url });
  try {
    // Both start together; if one fails, the other is still stopped in `finally` (no orphaned server).
    const started = await Promise.allSettled([
      lib.startServer({ env, logFile: path.join(dir, 'a.log') }),
      lib.startServer({ env, logFile: path.join(dir, 'b.log') }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [a, b] = servers;
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
    // What one process alone would have done: every migration of the build once, every demo exam once.
    const migrationFiles = fs
      .readdirSync(path.join(lib.ROOT, 'dist', 'database', 'migrations', 'postgres'))
      .filter((f) => f.endsWith('.js')).length;
    const demo = require(path.join(lib.ROOT, 'dist', 'demo', 'demo-data'));
    const demoExams = demo.DEMO_EXAMS.length + (demo.DEMO_MARKING_EXAM ? 1 : 0); // + the marking demo's exam
    check(
      'two processes started at once on an empty database: each migration ran once, seeding done once',
      dupMig === 0 && migrations === migrationFiles && admins === 1 && exams === demoExams,
      `${migrations} migrations of ${migrationFiles}, ${admins} admin, ${exams} demo exams of ${demoExams}`,
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

      // Failed tries per address (LOGIN_THROTTLE_IP_LIMIT=20): 10 on each process from one address (distinct
      // usernames); a right password from that address is then refused on either process — each alone saw only 10.
      const office = { 'x-forwarded-for': `10.${process.pid % 250}.7.7` };
      const failed = [];
      for (let i = 0; i < 20; i++)
        failed.push(
          (
            await lib.api((i % 2 ? b : a).url, 'POST', '/api/auth/login', {
              body: { username: `nobody-${process.pid}-${i}`, password: 'wrong-password' },
              headers: office,
            })
          ).status,
        );
      const blocked = (
        await lib.api(b.url, 'POST', '/api/auth/login', {
          body: { username: 'S0050', password: lib.DEMO_PASSWORD },
          headers: office,
        })
      ).status;
      const elsewhere = (
        await lib.api(a.url, 'POST', '/api/auth/login', {
          body: { username: 'S0050', password: lib.DEMO_PASSWORD },
        })
      ).status;
      check(
        'failed logins per address shared through Redis: 20 failures over two processes block the address, not others',
        failed.every((x) => x === 401) && blocked === 429 && elsewhere === 200,
        `failures ${[...new Set(failed)].join(',')}, then ${blocked} from that address and ${elsewhere} from another`,
      );
    }

    const trainer = await lib.login(a.url, 'trainer');
    // A qualification exam: a passed attempt issues a certificate, so "scored once" covers certificates too.
    const examId = await lib.createQualificationExam(b.url, trainer, { title: '双进程测试' });
    const cands = Array.from({ length: 30 }, (_, i) => new Candidate(`S${String(i + 1).padStart(4, '0')}`));
    await Promise.all(cands.map((c, i) => c.login((i % 2 ? b : a).url)));
    for (const [i, c] of cands.entries()) await c.start((i % 2 ? a : b).url, examId);

    // Both processes' sweeps race for ten overdue attempts: each is scored once.
    const overdue = cands.slice(20);
    const beforeSweep = await scoringCounts(q, [0]);
    await pg.query(
      `UPDATE attempt SET "startedAt" = now() - interval '2 hours', deadline = now() - interval '1 hour' WHERE id IN (${overdue.map((c) => c.attemptId).join(',')})`,
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
    check('…by the timer', Number(auto[0].n) === overdue.length, `${auto[0].n}/${overdue.length}`);
    const creditedTwice = swept.credits.filter((r) => Number(r.n) !== 1);
    check(
      'each swept attempt scored once: item statistics grew by one observation per item, one study credit each',
      swept.items > 0 &&
        swept.statN - beforeSweep.statN === swept.items &&
        swept.credits.length === overdue.length &&
        creditedTwice.length === 0,
      `Δn ${swept.statN - beforeSweep.statN}, items ${swept.items}; ${swept.credits.length} credited, ${creditedTwice.length} not exactly once`,
    );

    // Candidates alternate between the processes; A is killed mid-exam; they carry on through B.
    const active = cands.slice(0, 20);
    const acked = new Map();
    let running = true;
    let aDown = false;
    let errorsAfterFailover = 0;
    const bErrors = [];
    const loops = active.map(async (c, i) => {
      let n = 0;
      while (running) {
        const target = !aDown && (n++ + i) % 2 === 0 ? a : b;
        try {
          const st = await c.saveOne(target.url, acked);
          if (st >= 500 || (target === b && st !== 200)) errorsAfterFailover++;
        } catch (e) {
          // Only a connection to the killed process may fail (the client then carries on elsewhere).
          if (target === b) {
            errorsAfterFailover++;
            if (bErrors.length < 3) bErrors.push(e.cause ? `${e.message} (${e.cause.code})` : e.message);
          }
          await lib.sleep(5);
        }
      }
    });
    await lib.sleep(1500);
    await a.kill9();
    aDown = true;
    await lib.sleep(2000);
    running = false;
    await Promise.all(loops);
    const rows = await savedRows(
      q,
      active.map((c) => c.attemptId),
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
      `${errorsAfterFailover} failed saves on B ${bErrors.join('; ')}`,
    );

    // Everyone answers with the key and submits through B, five times in parallel each: every attempt is scored
    // once, and every passed attempt earns exactly one certificate.
    const keys = new Map();
    for (const c of active)
      await c.answerAllWithKey(b.url, (question) => lib.answerKey(b.url, trainer, question, keys));
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
    check(
      'every attempt answered with the key passed',
      after.passed.length === active.length,
      `${after.passed.length}/${active.length}`,
    );
    const all = cands.map((c) => c.attemptId);
    const wrong = certificateMismatches(await scoringCounts(q, all), all);
    check(
      'exactly one certificate per passed attempt, none for the failed (swept, unanswered) ones',
      wrong.length === 0,
      wrong.slice(0, 5).join('; '),
    );
  } finally {
    await pg.end().catch(() => undefined);
    for (const s of servers) await s.stop();
    await lib.dropPgDatabase(name);
  }
};
