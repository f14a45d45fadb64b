#!/usr/bin/env node
/**
 * Exam-day sign-in burst (issue #15): 300 distinct accounts, freshly imported with one shared initial password,
 * sign in from ONE client address within a minute — an office behind one NAT address at the start of an exam —
 * with the default throttle settings (LOGIN_THROTTLE_IP_LIMIT counts only failed tries). 30 mistyped passwords are
 * mixed in, as on a real morning. Every right password must succeed, and the whole burst must fit in 60 s (one
 * throttle window; each sign-in verifies a scrypt hash, ~50 ms of CPU on an idle core).
 *
 *   node bench/login-burst.js            # against a fresh production build (npm run build first), SQLite
 *   BENCH_URL=http://host:3000 …         # against a running server (it must hold no accounts B0001…)
 *
 * `run({ url, accounts })` is exported for the perf helper; it returns the figures it prints.
 */
const fs = require('node:fs');
const path = require('node:path');
const lib = require('../scripts/resilience/lib');

const ACCOUNTS = Number(process.env.BURST_ACCOUNTS || 300);
const CONCURRENCY = Number(process.env.BURST_CONCURRENCY || 25);
const MISTYPED = 30;

const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function importAccounts(url, n) {
  const admin = await lib.login(url, 'admin', lib.ADMIN_PASSWORD);
  const rows = ['姓名,工号,单位,岗位,是否公务员,是否执法岗位,业务条线,角色,是否领导'];
  for (let i = 1; i <= n; i++)
    rows.push(`考生${i},B${String(i).padStart(4, '0')},办公室,科员,是,否,,staff,否`);
  const form = new FormData();
  form.append('file', new Blob([rows.join('\n')], { type: 'text/csv' }), 'burst.csv');
  const r = await lib.api(url, 'POST', '/api/roster/import?dryRun=false', {
    token: admin,
    form,
    timeoutMs: 120_000,
  });
  if (r.status !== 201 || !r.json.initialPassword) throw new Error(`roster import: ${r.status} ${r.text}`);
  return r.json.initialPassword;
}

async function run({ url, accounts = ACCOUNTS, concurrency = CONCURRENCY }) {
  const password = await importAccounts(url, accounts);
  const tries = [];
  for (let i = 1; i <= accounts; i++) {
    const username = `B${String(i).padStart(4, '0')}`;
    if (i <= MISTYPED) tries.push({ username, password: `${password}x`, right: false });
    tries.push({ username, password, right: true });
  }
  const latencies = [];
  const statuses = {};
  let ok = 0;
  let refusedRight = 0;
  const started = Date.now();
  await lib.pool(tries.length, concurrency, async (i) => {
    const t = tries[i];
    const t0 = performance.now();
    const r = await lib.api(url, 'POST', '/api/auth/login', {
      body: { username: t.username, password: t.password },
    });
    latencies.push(performance.now() - t0);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (t.right && r.status === 200) ok++;
    else if (t.right) refusedRight++;
  });
  const seconds = (Date.now() - started) / 1000;
  return {
    accounts,
    tries: tries.length,
    ok,
    refusedRight,
    statuses,
    seconds,
    p50: Math.round(pct(latencies, 50)),
    p99: Math.round(pct(latencies, 99)),
    /** The burst fitted in one throttle window (a minute): otherwise the run proves less than it should. */
    withinMinute: seconds < 60,
    met: ok === accounts && refusedRight === 0 && seconds < 60,
  };
}

async function main() {
  let server;
  let url = process.env.BENCH_URL;
  if (!url) {
    if (!fs.existsSync(path.join(lib.ROOT, 'dist', 'main.js'))) throw new Error('run `npm run build` first');
    const dir = lib.tmpDir('xuefa-burst-');
    server = await lib.startServer({
      // The default throttle settings (lib.startServer raises them for the other suites).
      env: {
        DATABASE_PATH: path.join(dir, 'burst.sqlite'),
        LOGIN_THROTTLE_IP_LIMIT: '',
        LOGIN_THROTTLE_LIMIT: '',
      },
      logFile: path.join(dir, 'server.log'),
      cpus: '0',
    });
    url = server.url;
  }
  try {
    const r = await run({ url });
    console.log(
      `login burst: ${r.ok}/${r.accounts} accounts signed in from one address (${r.tries} tries incl. ${MISTYPED} mistyped) ` +
        `in ${r.seconds.toFixed(1)} s; p50 ${r.p50} ms, p99 ${r.p99} ms; statuses ${JSON.stringify(r.statuses)} — ` +
        (r.met ? 'MET' : 'MISSED'),
    );
    process.exitCode = r.met ? 0 : 1;
  } finally {
    if (server) await server.stop();
  }
}

module.exports = { run };
if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
