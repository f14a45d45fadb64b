#!/usr/bin/env node
/**
 * `npm run bench`: the production build against a generated data set, autocannon as load generator, the server on
 * core 0 and this process (the load generator) on core 1 (taskset), warm-up then measured runs, medians; baselines
 * A (bare node:http JSON) and B (raw better-sqlite3 upsert loop, same pragmas) measured in the same run. The machine
 * is shared, so absolute figures are noisy: every target is judged on a ratio or a count from this one run.
 *
 * Every simulated candidate is a real account with its own attempt and walks its own paper (each save is the next
 * question, a newer seq), so the save rows touch BENCH_CANDIDATES × 50 distinct answer rows. A figure that is not
 * measured at its full size (N = 30 × the sustained save rate, logins per 60 s) is printed as "extrapolated". A
 * target is met only with zero errors (and zero non-2xx answers). Writes bench/results/<date>.md with a CPU profile
 * summary of the save path (node --cpu-prof); a "## Notes" section already in that file is kept.
 *
 * BENCH_SECONDS (default 5) sets the length of a measured run; BENCH_QUICK=1 runs everything once, short and on a
 * smaller data set (4–7 minutes on a loaded 2-core machine); BENCH_CANDIDATES and BENCH_BURST set the candidate counts;
 * BENCH_RESULT the results file (default bench/results/<date>[-quick].md).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const autocannon = require('autocannon');
const Database = require('better-sqlite3');
const lib = require('../scripts/resilience/lib');

const ROOT = lib.ROOT;
const QUICK = process.env.BENCH_QUICK === '1';
if (QUICK) {
  process.env.BENCH_STAFF ??= '20000';
  process.env.BENCH_UNITS ??= '200';
  process.env.BENCH_ATTEMPTS ??= '100000';
}
const SECONDS = Number(process.env.BENCH_SECONDS || (QUICK ? 2 : 5));
/** Measured runs per figure (medians). */
const RUNS = QUICK ? 1 : 3;
/** Real candidates (accounts with an attempt of a 50-question paper) in each save benchmark. */
const CANDIDATES = Number(process.env.BENCH_CANDIDATES || (QUICK ? 300 : 2000));
/** Candidates who log in and start at once. */
const BURST = Number(process.env.BENCH_BURST || (QUICK ? 200 : 500));
const BENCH_PASSWORD = 'Bench@2026';
/** Connections of the fixed-rate (concurrent candidates) runs. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 256);
const taskset = fs.existsSync('/usr/bin/taskset');
if (taskset && !process.env.BENCH_PINNED) {
  const r = spawnSync('taskset', ['-c', '1', process.execPath, __filename], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  process.exit(r.status ?? 1);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const row = (what, value, ratio, target, met) => {
  rows.push({ what, value, ratio, target, met });
  console.log(
    `${what.padEnd(58)} ${String(value).padEnd(34)} ${String(ratio ?? '').padEnd(18)} ${target ?? ''} ${met === undefined ? '' : met ? 'MET' : 'MISSED'}`,
  );
};

function cannon(opts) {
  return new Promise((resolve, reject) =>
    autocannon({ duration: SECONDS, connections: 32, ...opts }, (e, r) => (e ? reject(e) : resolve(r))),
  );
}
async function measured(opts, runs = RUNS) {
  await cannon({ ...opts, duration: Math.max(1, SECONDS / 2) }); // warm-up
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await cannon(opts));
  return {
    rps: median(rs.map((r) => r.requests.average)),
    p50: median(rs.map((r) => r.latency.p50)),
    p99: median(rs.map((r) => r.latency.p99)),
    errors: rs.reduce((s, r) => s + r.errors + r.non2xx + r.timeouts, 0),
  };
}

/**
 * Baseline A, the bare node:http server, kept running (pinned like the app) so that every save figure can be set
 * against A measured right before and right after it: on a shared machine the load moves within a run.
 */
let bare = null;
async function bareServer() {
  bare ??= await startBare('{"saved":true,"seq":1}', 'application/json');
  return bare;
}
async function bareOnce() {
  const b = await bareServer();
  const r = await cannon({
    url: b.url,
    method: 'PUT',
    body: '{"response":"A","seq":1}',
    headers: { 'content-type': 'application/json' },
  });
  return r.requests.average;
}
/** `measure()` with A measured just before and just after it: the figure, and its ratio to the mean of the two. */
async function againstA(measure) {
  const before = await bareOnce();
  const m = await measure();
  const after = await bareOnce();
  const a = (before + after) / 2;
  return { ...m, a, ratio: m.rps / a };
}

async function baselineA() {
  return measured({
    url: (await bareServer()).url,
    method: 'PUT',
    body: '{"response":"A","seq":1}',
    headers: { 'content-type': 'application/json' },
  });
}

function baselineB(dir) {
  const db = new Database(path.join(dir, 'b.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(
    'CREATE TABLE a (attempt INTEGER, question INTEGER, response TEXT, seq INTEGER, PRIMARY KEY (attempt, question))',
  );
  const up = db.prepare(
    'INSERT INTO a VALUES (?, ?, ?, ?) ON CONFLICT (attempt, question) DO UPDATE SET response = excluded.response, seq = excluded.seq WHERE excluded.seq > a.seq',
  );
  let seq = 0;
  const rates = [];
  for (let run = 0; run < RUNS; run++) {
    const t = process.hrtime.bigint();
    let n = 0;
    while (process.hrtime.bigint() - t < 1_000_000_000n) {
      up.run(n % 1000, n % 100, '"A"', ++seq);
      n++;
    }
    rates.push(n);
  }
  db.close();
  return median(rates);
}

const { STAFF, UNITS, ATTEMPTS, generate } = require('./generate');
const { paced } = require('./paced');
const {
  JWT_SECRET,
  mint,
  makeXlsx,
  importBank,
  startAndSubmitBank,
  candidatesFor,
  SUBMIT_WARMUP,
  cpuTicks,
  startBare,
} = require('./start-submit-lib');

async function rssSampler(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] || 0);
      peak = Math.max(peak, kb);
    } catch {
      /* gone */
    }
  }, 100);
  return { stop: () => (clearInterval(timer), Math.round(peak / 1024)) };
}

/**
 * Candidates of a save benchmark: one per token, each with an attempt of a 50-question paper. Requests go round the
 * candidates, and each candidate walks its own paper: every save of a candidate is the next question with a newer
 * seq, so the saves spread over every answer row of every paper.
 */
async function startCandidates(url, tokens, examId) {
  const cands = new Array(tokens.length);
  await lib.pool(tokens.length, 8, async (i) => {
    const r = await lib.api(url, 'POST', `/api/exams/${examId}/attempts`, { token: tokens[i] });
    if (r.status > 201) throw new Error(`start: ${r.status} ${r.text.slice(0, 200)}`);
    cands[i] = { token: tokens[i], id: r.json.id, qs: r.json.questions, seq: 0 };
  });
  return cands;
}
function saveRequest(cands) {
  let k = 0;
  return {
    method: 'PUT',
    setupRequest: (req) => {
      const c = cands[k++ % cands.length];
      const q = c.qs[c.seq % c.qs.length];
      c.seq++;
      return {
        ...req,
        path: `/api/attempts/${c.id}/answers/${q.id}`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ response: q.type === 'true-false' ? true : q.options[0].key, seq: c.seq }),
      };
    },
  };
}
async function saveCandidates(url, tokens, examId) {
  return saveRequest(await startCandidates(url, tokens, examId));
}

/**
 * Highest mean rate with p99 < 200 ms and no errors, offered as independent candidates offer it (bench/paced.js:
 * Poisson arrivals over CONNECTIONS keep-alive connections, latency from the moment each save was due); single runs,
 * then RUNS to confirm.
 */
async function findRate(url, saveReq, maxRps) {
  const ok = (r) => r.p99 < 200 && r.errors === 0;
  const next = () => ({ method: saveReq.method, ...saveReq.setupRequest({}) });
  const at = async (rate, runs = 1) => {
    const runsOut = [];
    for (let i = 0; i < runs; i++)
      runsOut.push(await paced({ url, rate, seconds: SECONDS, connections: CONNECTIONS, next, seed: i + 1 }));
    return {
      rate,
      p99: median(runsOut.map((r) => r.p99)),
      errors: runsOut.reduce((s, r) => s + r.errors, 0),
      rps: median(runsOut.map((r) => r.achieved)),
    };
  };
  const tried = [];
  const passed = [];
  for (const f of [0.6, 0.8, 0.9, 1.0, 1.1]) {
    const r = await at(Math.floor(maxRps * f));
    tried.push(`${r.rate}/s p99 ${r.p99}`);
    if (!ok(r)) break;
    passed.push(r);
  }
  if (!passed.length)
    for (const f of [0.4, 0.25, 0.1]) {
      const r = await at(Math.floor(maxRps * f));
      tried.push(`${r.rate}/s p99 ${r.p99}`);
      if (ok(r)) {
        passed.push(r);
        break;
      }
    }
  // Confirmed with RUNS runs (their median p99): the highest rate that passed once, else the next lower one.
  let last = null;
  for (const r of passed.reverse()) {
    const confirmed = await at(r.rate, RUNS);
    tried.push(`${r.rate}/s confirmed p99 ${confirmed.p99}`);
    last = { ...confirmed, ok: ok(confirmed), tried };
    if (last.ok) return last;
  }
  return last ?? { rate: 0, p99: NaN, errors: 0, tried };
}

/** `n` requests fired at once (up to 1,000 in flight): total seconds, p50/p99, errors. */
async function burst(n, fn) {
  const lat = [];
  let errors = 0;
  const t = Date.now();
  await lib.pool(n, Math.min(n, 1000), async (i) => {
    const t0 = process.hrtime.bigint();
    const r = await fn(i).catch((e) => ({ status: String(e.message) }));
    lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!(r.status >= 200 && r.status < 300)) errors++;
  });
  lat.sort((a, b) => a - b);
  return {
    seconds: (Date.now() - t) / 1000,
    p50: lat[Math.floor(lat.length / 2)],
    p99: lat[Math.floor(lat.length * 0.99)],
    errors,
  };
}

/**
 * Baseline for the reports: what they would cost without summary rows, as bare SQL through better-sqlite3 on the
 * generated file (no HTTP, no framework) — the 持证率 count over every post and certificate, and the ranking of
 * every attempt that picks each person's grade. Medians of 3, in ms.
 */
function rawReports(file, examId) {
  const db = new Database(file, { readonly: true });
  const time = (sql, params) => {
    const st = db.prepare(sql);
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      st.all(params);
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return median(runs);
  };
  const day = new Date().toISOString().slice(0, 10);
  const out = {
    cert: time(
      `SELECT p."unitId", p."businessLines", COUNT(*) AS staff, SUM(CASE WHEN EXISTS (SELECT 1 FROM certificate c
         WHERE c."userId" = p."userId" AND c.kind = 'enforcement' AND c."issuedOn" <= @day AND c."expiresOn" >= @day
         AND (c.status IS NULL OR c."statusSince" > @day)) THEN 1 ELSE 0 END) AS certified
       FROM post_history p JOIN unit un ON un.id = p."unitId"
       WHERE p."enforcementPost" = TRUE AND p."validFrom" <= @day AND (p."validTo" IS NULL OR p."validTo" > @day)
       GROUP BY p."unitId", p."businessLines"`,
      { day },
    ),
    exam: time(
      `SELECT "userId", score, passed FROM (SELECT "userId", COALESCE(score, 0) AS score, passed,
         ROW_NUMBER() OVER (PARTITION BY "userId" ORDER BY COALESCE(score, 0) DESC, "attemptNo" DESC) AS rn
         FROM attempt WHERE "examId" = @examId AND status = 'submitted') t WHERE rn = 1`,
      { examId },
    ),
  };
  db.close();
  return out;
}

/** The SQLite suite on one generated database file: see the header. */
async function sqliteSuite(dir) {
  const file = path.join(dir, 'app.sqlite');
  const env = { DATABASE_PATH: file, JWT_SECRET, SWEEP_INTERVAL_MS: '15000' };
  const out = {};
  // 1. Schema and demo data, an exam to report on, then the generated data while the server is down.
  let server = await lib.startServer({ env, logFile: path.join(dir, 'sqlite.log'), cpus: '0' });
  let trainer = await lib.login(server.url, 'trainer');
  const reportExam = await lib.createExam(server.url, trainer, {
    title: '基准报表考试',
    rules: [{ type: 'single', count: 10, points: 10 }],
  });
  await server.stop();
  // Every generated account gets the same real scrypt hash (the app's own function), so they can log in.
  const passwordHash = await require(path.join(ROOT, 'dist', 'identity', 'password')).hashPassword(
    BENCH_PASSWORD,
  );
  const g = generate(file, reportExam, { passwordHash });
  out.raw = rawReports(file, reportExam);
  out.generated = `${STAFF.toLocaleString('en')} staff in ${UNITS.toLocaleString('en')} units, ${ATTEMPTS.toLocaleString('en')} attempts, generated in ${(g.ms / 1000).toFixed(1)} s`;
  // 2. Default configuration (account cache on).
  server = await lib.startServer({ env, logFile: path.join(dir, 'sqlite.log'), cpus: '0' });
  let rss = await rssSampler(server.pid);
  try {
    trainer = await lib.login(server.url, 'trainer');
    const manager = await lib.login(server.url, 'admin', lib.ADMIN_PASSWORD);
    const examId = await lib.createExam(server.url, trainer, {
      title: '基准作答',
      rules: [
        { type: 'single', count: 40, points: 2 },
        { type: 'true-false', count: 10, points: 2 },
      ],
    });
    const saveReq = await saveCandidates(server.url, g.userIds.slice(0, CANDIDATES).map(mint), examId);
    out.save = await againstA(() => measured({ url: server.url, requests: [saveReq], connections: 64 }));
    // Saves at half the maximum rate, without and with the certification report running in a loop.
    const half = Math.max(1, Math.floor(out.save.rps / 2));
    const next = () => ({ method: saveReq.method, ...saveReq.setupRequest({}) });
    const fixed = (seed) =>
      paced({ url: server.url, rate: half, seconds: SECONDS, connections: 64, next, seed: seed + 1 });
    const quiet = [];
    for (let i = 0; i < RUNS; i++) quiet.push((await fixed(i)).p99);
    out.quietP99 = median(quiet);
    // Reports.
    const report = async (p) => {
      const t = process.hrtime.bigint();
      const r = await lib.api(server.url, 'GET', p, { token: manager, timeoutMs: 300_000 });
      if (r.status !== 200) throw new Error(`${p}: ${r.status} ${r.text.slice(0, 200)}`);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    // The first 持证率 report of a day builds that day's snapshot; later ones read it.
    out.certReportFirst = await report('/api/reports/certification');
    out.certReport = median([
      await report('/api/reports/certification'),
      await report('/api/reports/certification'),
      await report('/api/reports/certification'),
    ]);
    out.examReport = median([
      await report(`/api/reports/exams/${reportExam}`),
      await report(`/api/reports/exams/${reportExam}`),
      await report(`/api/reports/exams/${reportExam}`),
    ]);
    let running = true;
    const loop = (async () => {
      let n = 0;
      while (running) (await report('/api/reports/certification'), n++);
      return n;
    })();
    const busy = [];
    for (let i = 0; i < RUNS; i++) busy.push((await fixed(i)).p99);
    running = false;
    out.reportsDuring = await loop;
    out.busyP99 = median(busy);
    out.halfRate = half;
    // Import of a 10,000-question xlsx into a new bank (also the bank of the start benchmark).
    const xlsx = path.join(dir, 'bank.xlsx');
    await makeXlsx(xlsx, 10_000, 'S');
    const imp = await importBank(server.url, trainer, xlsx);
    out.importBody = imp.body;
    out.importMs = imp.ms;
    // Start (100 of 10,000) and submit + score: generated staff, one attempt each.
    const ss = await startAndSubmitBank(
      server.url,
      trainer,
      imp.bankId,
      g.userIds.slice(-candidatesFor(QUICK ? 100 : 300)).map(mint),
      QUICK ? 100 : 300,
      server.pid,
    );
    out.startMedian = ss.startMedian;
    out.startCpuMs = ss.startCpuMs;
    out.submitCpuMs = ss.submitCpuMs;
    out.startFloor = ss.startFloor;
    out.paperBytes = ss.paperBytes;
    out.submitRates = ss.submitRates;
    out.submit = ss.submit;
  } finally {
    out.peakRssMb = rss.stop();
    await server.stop();
  }
  // 3. Account cache off (AUTH_CACHE_MS=0): what N candidates saving every 30 s really cost, one lookup each.
  server = await lib.startServer({
    env: { ...env, AUTH_CACHE_MS: '0' },
    logFile: path.join(dir, 'sqlite-nocache.log'),
    cpus: '0',
  });
  rss = await rssSampler(server.pid);
  try {
    trainer = await lib.login(server.url, 'trainer');
    const examId = await lib.createExam(server.url, trainer, {
      title: '基准作答（无缓存）',
      rules: [
        { type: 'single', count: 40, points: 2 },
        { type: 'true-false', count: 10, points: 2 },
      ],
    });
    const tokens = g.userIds.slice(CANDIDATES, 2 * CANDIDATES).map(mint);
    const saveReq = await saveCandidates(server.url, tokens, examId);
    out.saveNoCache = await againstA(() =>
      measured({ url: server.url, requests: [saveReq], connections: 64 }),
    );
    out.rate = await findRate(server.url, saveReq, out.saveNoCache.rps);
    out.candidates = CANDIDATES;
    // Synchronized start: BURST generated staff log in (scrypt) and start the same exam, all at once.
    const burstExam = await lib.createExam(server.url, trainer, {
      title: '基准同时开考',
      rules: [{ type: 'single', count: 50, points: 2 }],
    });
    const burstUsers = g.userIds.slice(2 * CANDIDATES, 2 * CANDIDATES + BURST);
    const loginDone = [];
    const t0 = Date.now();
    out.burst = await burst(BURST, async (i) => {
      const l = await lib.api(server.url, 'POST', '/api/auth/login', {
        body: { username: `B${burstUsers[i] - g.firstUserId + 1}`, password: BENCH_PASSWORD },
        timeoutMs: 300_000,
      });
      loginDone.push(Date.now() - t0);
      if (l.status !== 200 && l.status !== 201) return l;
      return lib.api(server.url, 'POST', `/api/exams/${burstExam}/attempts`, {
        token: l.json.accessToken,
        timeoutMs: 300_000,
      });
    });
    out.burstLoginsSeconds = Math.max(...loginDone) / 1000;
    out.burstN = BURST;
    out.peakRssNoCacheMb = rss.stop();
  } finally {
    rss.stop();
    await server.stop();
  }
  return out;
}

async function rawInsert(dir) {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE q (id INTEGER PRIMARY KEY, stem TEXT, options TEXT, answer TEXT, explanation TEXT)');
  const ins = db.prepare('INSERT INTO q (stem, options, answer, explanation) VALUES (?, ?, ?, ?)');
  const t = process.hrtime.bigint();
  db.transaction(() => {
    for (let i = 0; i < 10_000; i++)
      ins.run(`基准测试第${i + 1}题`, JSON.stringify([{ key: 'A', text: 'a' }]), '"A"', '解析');
  })();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  db.close();
  return ms;
}

const pgPids = () => {
  const r = spawnSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split(/\s+/).map(Number) : [];
};

/**
 * `fn()` with the cores each part of the machine used meanwhile: the app servers (`servers` pids), PostgreSQL (every
 * postgres process) and this load generator — so a scaling figure shows where the 2 cores went.
 */
async function withCpu(servers, fn) {
  const pg0 = pgPids();
  const before = { app: cpuTicks(servers), pg: cpuTicks(pg0) };
  const self0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const self = process.cpuUsage(self0);
  const pg1 = [...new Set([...pg0, ...pgPids()])];
  const cores = {
    app: (cpuTicks(servers) - before.app) / 100 / seconds,
    pg: (cpuTicks(pg1) - before.pg) / 100 / seconds,
    load: (self.user + self.system) / 1e6 / seconds,
  };
  return { ...result, cores };
}
const coresText = (c) =>
  `cores busy: app ${c.app.toFixed(2)}, PostgreSQL ${c.pg.toFixed(2)}, load generator ${c.load.toFixed(2)} (of 2)`;

/**
 * Save answer with 1 process and with 2 on one database (PostgreSQL with pooled connections, or one SQLite file in
 * WAL mode), demo accounts as candidates, each walking its own paper. 1 process on core 0; 2 processes on cores 0
 * and 1 (the machine has 2 cores, so the second process shares core 1 with the load generator and, for PostgreSQL,
 * the database server). The second process starts once the first is up (migrations ran).
 */
async function processesSuite(label, env, dir) {
  const envDb = { ...env, SWEEP_INTERVAL_MS: '15000', JWT_SECRET };
  const a = await lib.startServer({ env: envDb, logFile: path.join(dir, `${label}-a.log`), cpus: '0' });
  const out = {};
  let b = null;
  try {
    const trainer = await lib.login(a.url, 'trainer');
    const examId = await lib.createExam(a.url, trainer, {
      title: `基准 ${label}`,
      rules: [
        { type: 'single', count: 40, points: 2 },
        { type: 'true-false', count: 10, points: 2 },
      ],
    });
    const tokens = [];
    for (let i = 1; i <= 50; i++) tokens.push(await lib.login(a.url, `S${String(i).padStart(4, '0')}`));
    const cands = await startCandidates(a.url, tokens, examId);
    out.one = await againstA(() =>
      withCpu([a.pid], () => measured({ url: a.url, requests: [saveRequest(cands)], connections: 64 })),
    );
    b = await lib.startServer({ env: envDb, logFile: path.join(dir, `${label}-b.log`), cpus: '1' });
    // Each process serves its own half of the candidates (seq stays increasing per candidate).
    const left = saveRequest(cands.slice(0, 25));
    const right = saveRequest(cands.slice(25));
    const runs = [];
    await Promise.all([
      cannon({ url: a.url, requests: [left], connections: 32, duration: 1 }),
      cannon({ url: b.url, requests: [right], connections: 32, duration: 1 }),
    ]);
    for (let i = 0; i < RUNS; i++) {
      const run = await withCpu([a.pid, b.pid], async () => {
        const [ra, rb] = await Promise.all([
          cannon({ url: a.url, requests: [left], connections: 32 }),
          cannon({ url: b.url, requests: [right], connections: 32 }),
        ]);
        return {
          rps: ra.requests.average + rb.requests.average,
          p99: Math.max(ra.latency.p99, rb.latency.p99),
          errors: ra.errors + ra.non2xx + ra.timeouts + rb.errors + rb.non2xx + rb.timeouts,
        };
      });
      runs.push(run);
    }
    const mid = [...runs].sort((x, y) => x.rps - y.rps)[Math.floor(runs.length / 2)];
    out.two = {
      rps: median(runs.map((r) => r.rps)),
      p99: median(runs.map((r) => r.p99)),
      errors: runs.reduce((s, r) => s + r.errors, 0),
      cores: mid.cores,
    };
    // 1 process again right after, so that load moving on the machine shows as a difference between the two.
    out.oneAfter = await measured({ url: a.url, requests: [saveRequest(cands)], connections: 64 });
  } finally {
    if (b) await b.stop();
    await a.stop();
  }
  return out;
}

/** A CPU profile (node --cpu-prof) of the server while it takes saves at full rate: the top self-time entries. */
async function profileSaves(dir) {
  const profDir = path.join(dir, 'prof');
  fs.mkdirSync(profDir);
  const server = await lib.startServer({
    env: { DATABASE_PATH: path.join(dir, 'prof.sqlite'), JWT_SECRET },
    logFile: path.join(dir, 'prof.log'),
    cpus: '0',
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
  });
  let from = 0;
  let to = 0;
  let r;
  try {
    const trainer = await lib.login(server.url, 'trainer');
    const examId = await lib.createExam(server.url, trainer, {
      title: '剖析',
      rules: [{ type: 'single', count: 40, points: 2.5 }],
    });
    const tokens = [];
    for (let i = 1; i <= 40; i++) tokens.push(await lib.login(server.url, `S${String(i).padStart(4, '0')}`));
    const req = await saveCandidates(server.url, tokens, examId);
    await cannon({ url: server.url, requests: [req], connections: 32, duration: 1 });
    from = Number(process.hrtime.bigint() / 1000n);
    r = await cannon({ url: server.url, requests: [req], connections: 32 });
    to = Number(process.hrtime.bigint() / 1000n);
  } finally {
    await server.stop();
  }
  const { mainThreadProfile, topSelf } = require('./profile-save');
  const file = mainThreadProfile(profDir);
  return {
    rps: r.requests.average,
    lines: topSelf(path.join(profDir, file), 25, from, to),
  };
}

async function main() {
  if (!process.env.SKIP_BUILD)
    spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'],
      { cwd: ROOT, stdio: 'inherit' },
    );
  const started = Date.now();
  const dir = lib.tmpDir('xuefa-bench-');
  console.log(
    `bench${QUICK ? ' (quick)' : ''}: ${SECONDS} s runs, ${RUNS === 1 ? 'one run each' : `medians of ${RUNS}`}, ${CANDIDATES.toLocaleString('en')} candidates per save run, taskset ${taskset ? 'server core 0 / load core 1' : 'unavailable'}; work dir ${dir}\n`,
  );
  const A = await baselineA();
  const B = baselineB(dir);
  row('Baseline A: bare node:http JSON', `${Math.round(A.rps)} req/s, p50 ${A.p50} ms, p99 ${A.p99} ms`);
  row('Baseline B: raw better-sqlite3 upsert loop', `${Math.round(B)} upserts/s`);
  const s = await sqliteSuite(dir);
  const fmt = (m) => `${Math.round(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors} err`;
  const ok = (m) => m.errors === 0;
  row('Data set (SQLite)', s.generated);
  row(
    `Save answer (SQLite, ${CANDIDATES.toLocaleString('en')} candidates walking their papers, account cache on)`,
    fmt(s.save),
    `${s.save.ratio.toFixed(2)} of A (${Math.round(s.save.a)} req/s around it), ${(s.save.rps / B).toFixed(3)} of B`,
    '≥ 0.30 of A, 0 err',
    s.save.ratio >= 0.3 && ok(s.save),
  );
  row(
    `Save answer (SQLite, ${CANDIDATES.toLocaleString('en')} other candidates, AUTH_CACHE_MS=0)`,
    fmt(s.saveNoCache),
    `${s.saveNoCache.ratio.toFixed(2)} of A (${Math.round(s.saveNoCache.a)} req/s around it), ${(s.saveNoCache.rps / B).toFixed(3)} of B`,
    '≥ 0.30 of A, 0 err',
    s.saveNoCache.ratio >= 0.3 && ok(s.saveNoCache),
  );
  const n = s.rate.rate * 30;
  row(
    'Concurrent candidates (1 save / 30 s each, AUTH_CACHE_MS=0)',
    s.rate.rate > 0
      ? `N = ${n.toLocaleString('en')} extrapolated: 30 × ${s.rate.rate} saves/s ${s.rate.ok ? 'sustained' : 'offered (p99 not held)'} by ${s.candidates.toLocaleString('en')} real candidates over ${CONNECTIONS} connections (p99 ${s.rate.p99} ms, ${s.rate.errors} err; tried ${s.rate.tried.join(', ')})`
      : `no rate tried held p99 < 200 ms with 0 errors (${s.candidates.toLocaleString('en')} real candidates over ${CONNECTIONS} connections; tried ${s.rate.tried.join(', ')})`,
    `${(n / 100_000).toFixed(2)} of target`,
    'N ≥ 100,000 at p99 < 200 ms, 0 err',
    s.rate.rate > 0 && s.rate.ok && n >= 100_000,
  );
  const perMin = (s.burstN / s.burst.seconds) * 60;
  row(
    `Synchronized start: ${s.burstN.toLocaleString('en')} candidates log in and start at once`,
    `measured: all logged in and started in ${s.burst.seconds.toFixed(1)} s (logins done at ${s.burstLoginsSeconds.toFixed(1)} s), p50 ${Math.round(s.burst.p50)} ms, p99 ${Math.round(s.burst.p99)} ms, ${s.burst.errors} err; extrapolated: ${Math.round(perMin).toLocaleString('en')} per 60 s`,
    `${(perMin / Math.max(n, 100_000)).toFixed(3)} of target`,
    `N = ${Math.max(n, 100_000).toLocaleString('en')} within 60 s, login included, 0 err`,
    perMin >= Math.max(n, 100_000) && s.burst.errors === 0,
  );
  // The client's own share (fetch, a 40 KB answer, JSON.parse) is measured, not charged to the server: bare node:http
  // answering the same bytes to the same client, in this run.
  const startServer = s.startMedian - s.startFloor;
  row(
    'Start attempt (100 of 10,000, sequential)',
    `median ${s.startMedian.toFixed(2)} ms; bare node:http answering the same ${Math.round(s.paperBytes / 1024)} KB paper to the same client: ${s.startFloor.toFixed(2)} ms; server CPU ${s.startCpuMs.toFixed(2)} ms per start`,
    `the server's ${startServer.toFixed(2)} ms above that = ${(startServer / 2).toFixed(2)} of the limit`,
    '< 2 ms above bare node:http',
    startServer < 2,
  );
  row(
    `Submit + score (100-question paper, 8 in flight, after ${SUBMIT_WARMUP} warm-up submits)`,
    `${Math.round(s.submit)} /s (runs ${s.submitRates.map((x) => Math.round(x)).join(', ')}); server CPU ${s.submitCpuMs.toFixed(2)} ms per submit`,
    `${(s.submit / 1000).toFixed(2)} of target`,
    '≥ 1,000/s',
    s.submit >= 1000,
  );
  const raw = await rawInsert(dir);
  row(
    'Import 10,000-question xlsx',
    `${(s.importMs / 1000).toFixed(2)} s (${s.importBody})`,
    `${(s.importMs / raw).toFixed(0)}× raw batched insert (${raw.toFixed(0)} ms)`,
    '< 3 s',
    s.importMs < 3000,
  );
  row(
    'Report: GET /api/reports/certification (snapshot stored)',
    `median ${s.certReport.toFixed(1)} ms over ${STAFF.toLocaleString('en')} staff / ${UNITS.toLocaleString('en')} units`,
    `${(s.certReport / s.raw.cert).toFixed(2)}× bare SQL full count (${s.raw.cert.toFixed(0)} ms)`,
    '< 100 ms',
    s.certReport < 100,
  );
  row(
    'Report: GET /api/reports/certification (first of the day)',
    `${s.certReportFirst.toFixed(1)} ms (builds the day's snapshot)`,
    `${(s.certReportFirst / s.raw.cert).toFixed(2)}× bare SQL full count`,
  );
  row(
    'Report: GET /api/reports/exams/:id',
    `median ${s.examReport.toFixed(1)} ms over ${ATTEMPTS.toLocaleString('en')} attempts`,
    `${(s.examReport / s.raw.exam).toFixed(2)}× bare SQL ranking of the attempts (${s.raw.exam.toFixed(0)} ms)`,
    '< 300 ms',
    s.examReport < 300,
  );
  row(
    `Save p99 at ${s.halfRate}/s: quiet vs certification report looping`,
    `${s.quietP99} ms vs ${s.busyP99} ms (${s.reportsDuring} reports ran)`,
    `${(s.busyP99 / s.quietP99).toFixed(1)}×`,
  );
  row('Peak RSS of the server (SQLite)', `${s.peakRssMb} MB (cache off run: ${s.peakRssNoCacheMb} MB)`);
  if (process.env.DATABASE_URL || (await lib.pgAvailable())) {
    const name = `xuefa_bench_${process.pid}`;
    const url = await lib.createPgDatabase(name);
    try {
      const pg = await processesSuite('pg', { DATABASE_URL: url }, dir);
      row(
        'Save answer (PostgreSQL, 1 process, core 0, 50 candidates)',
        `${fmt(pg.one)} (${coresText(pg.one.cores)}); again after the 2-process run: ${fmt(pg.oneAfter)}`,
        `${pg.one.ratio.toFixed(2)} of A (${Math.round(pg.one.a)} req/s around it)`,
      );
      const one = (pg.one.rps + pg.oneAfter.rps) / 2;
      row(
        'Save answer (PostgreSQL, 2 processes, cores 0 and 1)',
        `${Math.round(pg.two.rps)} req/s total, p99 ${pg.two.p99} ms, ${pg.two.errors} err (${coresText(pg.two.cores)})`,
        `${(pg.two.rps / one).toFixed(2)}× 1 process (mean of before and after)`,
        '≥ 1.6× 1 process, 0 err',
        pg.two.rps / one >= 1.6 && pg.two.errors === 0 && pg.one.errors === 0 && pg.oneAfter.errors === 0,
      );
    } finally {
      await lib.dropPgDatabase(name);
    }
  } else
    row('Save answer (PostgreSQL, 2 processes vs 1)', 'not run: no PostgreSQL server', '', '≥ 1.6×', false);
  // SQLite in WAL mode: 2 processes on one file (one writer at a time, busy timeout 5 s).
  const lite = await processesSuite('sqlite2', { DATABASE_PATH: path.join(dir, 'two.sqlite') }, dir);
  row(
    'Save answer (SQLite, 2 processes on one WAL file vs 1, 50 candidates)',
    `1 process ${fmt(lite.one)}, again after: ${Math.round(lite.oneAfter.rps)} req/s; 2 processes ${Math.round(lite.two.rps)} req/s total, p99 ${lite.two.p99} ms, ${lite.two.errors} err`,
    `${(lite.two.rps / ((lite.one.rps + lite.oneAfter.rps) / 2)).toFixed(2)}× 1 process`,
  );
  const prof = await profileSaves(dir);
  bare?.stop();
  console.log(
    `\nprofile of the save path (${Math.round(prof.rps)} saves/s while profiled):\n${prof.lines.join('\n')}`,
  );
  const date = new Date().toISOString().slice(0, 10);
  const git = (a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const commit = `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', 'src']) ? ' + uncommitted src changes' : ''}`;
  const load = require('node:os')
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  // BENCH_RESULT names another results file (e.g. a second run of the day kept beside the first).
  const file = process.env.BENCH_RESULT
    ? path.resolve(ROOT, process.env.BENCH_RESULT)
    : path.join(ROOT, 'bench', 'results', `${date}${QUICK ? '-quick' : ''}.md`);
  // Notes written by hand under "## Notes" survive a re-run of the same day.
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const notes = old.includes('\n## Notes') ? old.slice(old.indexOf('\n## Notes') + 1) : '';
  const md = [
    `# Benchmark ${new Date().toISOString()}${QUICK ? ' (BENCH_QUICK=1)' : ''}`,
    '',
    `Commit ${commit}. Node ${process.version}, ${require('node:os').cpus().length} cores (${require('node:os').cpus()[0].model}); ${SECONDS} s runs, ${RUNS === 1 ? 'one run each' : `medians of ${RUNS}`} after a warm-up; server pinned to core 0 with taskset, autocannon on core 1; load average at the end ${load}; ${Math.round((Date.now() - started) / 1000)} s in all.`,
    '',
    'The machine is shared with other work, so absolute figures are noisy: every target is judged on a ratio against',
    'the bare baselines measured in this same run (A: bare node:http, B: raw better-sqlite3 upserts) or on a count',
    'from this run. Each save candidate is a real account walking its own 50-question paper (distinct answer rows);',
    '"extrapolated" marks every figure not measured at its full size; "met" requires 0 errors.',
    '',
    '| measurement | result | ratio | target | |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.value} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'met' : 'missed'} |`,
    ),
    '',
    `## Profile of the save path (node --cpu-prof, ${Math.round(prof.rps)} saves/s while profiled, self time)`,
    '',
    '```',
    ...prof.lines,
    '```',
    '',
    notes,
  ].join('\n');
  fs.writeFileSync(file, md.trimEnd() + '\n');
  console.log(`\nwritten ${path.relative(ROOT, file)}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
