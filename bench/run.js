#!/usr/bin/env node
/**
 * `npm run bench`: the production build against a generated data set, autocannon as load generator, the server on
 * core 0 and this process (the load generator) on core 1 (taskset), warm-up then measured runs, medians; baselines
 * A (bare node:http JSON) and B (raw better-sqlite3 upsert loop, same pragmas) measured in the same run. Writes
 * bench/results/<date>.md. BENCH_SECONDS (default 5) sets the length of a measured run.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const autocannon = require('autocannon');
const Database = require('better-sqlite3');
const ExcelJS = require('exceljs');
const lib = require('../scripts/resilience/lib');

const ROOT = lib.ROOT;
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
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
async function measured(opts, runs = 3) {
  await cannon({ ...opts, duration: Math.max(2, SECONDS / 2) }); // warm-up
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await cannon(opts));
  return {
    rps: median(rs.map((r) => r.requests.average)),
    p50: median(rs.map((r) => r.latency.p50)),
    p99: median(rs.map((r) => r.latency.p99)),
    errors: rs.reduce((s, r) => s + r.errors + r.non2xx, 0),
  };
}

async function baselineA() {
  const port = await lib.freePort();
  const args = [
    '-e',
    `require('node:http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.setHeader('content-type','application/json');s.end('{"saved":true,"seq":1}')})}).listen(${port},'127.0.0.1')`,
  ];
  const p = taskset
    ? spawn('taskset', ['-c', '0', process.execPath, ...args])
    : spawn(process.execPath, args);
  await lib.sleep(300);
  const r = await measured({
    url: `http://127.0.0.1:${port}/`,
    method: 'PUT',
    body: '{"response":"A","seq":1}',
    headers: { 'content-type': 'application/json' },
  });
  p.kill();
  return r;
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
  for (let run = 0; run < 3; run++) {
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

async function makeXlsx(file, n, tag) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题目');
  ws.addRow([
    '题型',
    '题干',
    '选项A',
    '选项B',
    '选项C',
    '选项D',
    '答案',
    '解析',
    '难度',
    '法规',
    '条款',
    '标签',
  ]);
  for (let i = 0; i < n; i++)
    ws.addRow([
      '单选',
      `${tag}基准测试第${i + 1}题：退役军人保障法自何时起施行？（${i}）`,
      `${2020 + (i % 5)}年1月1日`,
      `选项乙${i}`,
      `选项丙${i}`,
      `选项丁${i}`,
      'A',
      '《退役军人保障法》第八十五条。',
      2,
      '退役军人保障法',
      '第八十五条',
      '基准',
    ]);
  await wb.xlsx.writeFile(file);
}

async function serverSuite(label, env, dir, { full }) {
  const logFile = path.join(dir, `${label}.log`);
  const server = await lib.startServer({ env: { SWEEP_INTERVAL_MS: '15000', ...env }, logFile, cpus: '0' });
  const out = {};
  let peak = 0;
  const rssTimer = setInterval(() => {
    try {
      const kb = Number(
        /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] || 0,
      );
      peak = Math.max(peak, kb);
    } catch {
      /* gone */
    }
  }, 100);
  try {
    const trainer = await lib.login(server.url, 'trainer');
    // Save answer: 60 candidates, each with a 50-question paper; every request a newer seq.
    const examId = await lib.createExam(server.url, trainer, {
      title: `基准 ${label}`,
      rules: [
        { type: 'single', count: 40, points: 2 },
        { type: 'true-false', count: 10, points: 2 },
      ],
    });
    const cands = [];
    for (let i = 1; i <= 50; i++) {
      const token = await lib.login(server.url, `S${String(i).padStart(4, '0')}`);
      const r = await lib.api(server.url, 'POST', `/api/exams/${examId}/attempts`, { token });
      cands.push({ token, id: r.json.id, qs: r.json.questions, seq: 0 });
    }
    let k = 0;
    const saveReq = {
      method: 'PUT',
      setupRequest: (req) => {
        const c = cands[k++ % cands.length];
        const q = c.qs[k % c.qs.length];
        c.seq++;
        return {
          ...req,
          path: `/api/attempts/${c.id}/answers/${q.id}`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
          body: JSON.stringify({ response: q.type === 'true-false' ? true : q.options[0].key, seq: c.seq }),
        };
      },
    };
    out.save = await measured({ url: server.url, requests: [saveReq] });
    // Concurrent candidates: run at 80 % of the measured maximum rate and check p99 there.
    const rate = Math.floor(out.save.rps * 0.8);
    out.atRate = await measured(
      { url: server.url, requests: [saveReq], overallRate: rate, connections: 64 },
      1,
    );
    out.rate = rate;
    if (full)
      await fullSuite(server, trainer, cands, dir, label, out).catch(
        (e) => (out.fullError = String(e.message).slice(0, 160)),
      );
    out.peakRssMb = Math.round(peak / 1024);
  } finally {
    clearInterval(rssTimer);
    await server.stop();
  }
  return out;
}

async function fullSuite(server, trainer, cands, dir, label, out) {
  {
    {
      // Import of a 10,000-question xlsx (this also builds the 10,000-question bank for the start benchmark).
      const xlsx = path.join(dir, `bank-${label}.xlsx`);
      await makeXlsx(xlsx, 10_000, label);
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(xlsx)]), 'bank.xlsx');
      const t = Date.now();
      const imp = await lib.api(server.url, 'POST', '/api/question-banks/import?dryRun=false', {
        token: trainer,
        form,
        timeoutMs: 120_000,
      });
      out.importMs = Date.now() - t;
      out.importOk = imp.status < 300 ? imp.json.imported : `${imp.status} ${imp.text.slice(0, 200)}`;
      const bankId = imp.json && imp.json.bankId;
      if (!bankId) throw new Error(`import: ${out.importOk}`);
      // Start (100 of 10,000) and submit + score, sequentially per candidate.
      const ex = await lib.api(server.url, 'POST', '/api/exams', {
        token: trainer,
        body: {
          title: `基准组卷 ${label}`,
          kind: 'law-study',
          blueprint: {
            passMark: 60,
            parts: [
              {
                key: 'p',
                title: '题库',
                source: { kind: 'banks', bankIds: [bankId] },
                rules: [{ type: 'single', count: 100, points: 1 }],
              },
            ],
          },
          timeLimitMinutes: 120,
          attemptsAllowed: 0,
          opensAt: new Date(Date.now() - 3600e3).toISOString(),
          closesAt: new Date(Date.now() + 86400e3).toISOString(),
          audience: {},
        },
      });
      await lib.api(server.url, 'POST', `/api/exams/${ex.json.id}/publish`, { token: trainer });
      const starts = [];
      const attempts = [];
      for (let i = 0; i < 200; i++) {
        const c = cands[i % cands.length];
        const t0 = process.hrtime.bigint();
        const r = await lib.api(server.url, 'POST', `/api/exams/${ex.json.id}/attempts`, { token: c.token });
        starts.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (r.status !== 201) throw new Error(`start: ${r.status} ${r.text.slice(0, 200)}`);
        attempts.push({ c, id: r.json.id });
        if (attempts.length === cands.length || i === 199) {
          const ts = Date.now();
          await lib.pool(attempts.length, 8, (j) =>
            lib.api(server.url, 'POST', `/api/attempts/${attempts[j].id}/submit`, {
              token: attempts[j].c.token,
            }),
          );
          out.submitRates = [...(out.submitRates || []), (attempts.length / (Date.now() - ts)) * 1000];
          attempts.length = 0;
        }
      }
      out.startMedian = median(starts.slice(20));
    }
  }
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

async function main() {
  if (!process.env.SKIP_BUILD)
    spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'],
      { cwd: ROOT, stdio: 'inherit' },
    );
  const dir = lib.tmpDir('xuefa-bench-');
  console.log(
    `bench: ${SECONDS} s runs, taskset ${taskset ? 'server core 0 / load core 1' : 'unavailable'}; work dir ${dir}\n`,
  );
  const A = await baselineA();
  const B = baselineB(dir);
  row('Baseline A: bare node:http JSON', `${Math.round(A.rps)} req/s, p50 ${A.p50} ms, p99 ${A.p99} ms`);
  row('Baseline B: raw better-sqlite3 upsert loop', `${Math.round(B)} upserts/s`);
  const s = await serverSuite('sqlite', { DATABASE_PATH: path.join(dir, 'app.sqlite') }, dir, { full: true });
  row(
    'Save answer (SQLite)',
    `${Math.round(s.save.rps)} req/s, p50 ${s.save.p50} ms, p99 ${s.save.p99} ms, ${s.save.errors} err`,
    `${(s.save.rps / A.rps).toFixed(2)} of A, ${(s.save.rps / B).toFixed(3)} of B`,
    '≥ 0.25 of A',
    s.save.rps / A.rps >= 0.25,
  );
  const n = s.rate * 30;
  const okRate = s.atRate.p99 < 200 && s.atRate.errors === 0;
  row(
    'Concurrent candidates (1 save / 30 s each)',
    `N = ${n.toLocaleString('en')} (${s.rate} saves/s: p99 ${s.atRate.p99} ms, ${s.atRate.errors} err)`,
    '',
    '≥ 100,000',
    okRate && n >= 100_000,
  );
  if (s.fullError) row('Import / start / submit benchmarks', `not measured: ${s.fullError}`);
  else {
    row(
      'Start attempt (100 of 10,000)',
      `median ${s.startMedian.toFixed(1)} ms`,
      '',
      '< 5 ms',
      s.startMedian < 5,
    );
    const sub = median(s.submitRates);
    row(
      'Synchronized start of N within a minute',
      `${Math.round((1000 / s.startMedian) * 60).toLocaleString('en')} starts/min sequential`,
      '',
      `${n.toLocaleString('en')} in 60 s`,
      (1000 / s.startMedian) * 60 >= n,
    );
    row('Submit + score (100-question paper)', `${Math.round(sub)} /s`, '', '≥ 1,000/s', sub >= 1000);
    const raw = await rawInsert(dir);
    row(
      'Import 10,000-question xlsx',
      `${(s.importMs / 1000).toFixed(2)} s (imported ${s.importOk})`,
      `${(s.importMs / raw).toFixed(0)}× raw insert (${raw.toFixed(0)} ms)`,
      '< 3 s',
      s.importMs < 3000 && typeof s.importOk === 'number',
    );
  }
  const reports = fs.existsSync(path.join(ROOT, 'src', 'reports'));
  row(
    'Reports (certification share, pass rates, saves during a report)',
    reports ? 'not yet measured by this bench' : 'n/a — src/reports not built yet',
  );
  row('Peak RSS of the server (SQLite run)', `${s.peakRssMb} MB`);
  if (process.env.DATABASE_URL || (await lib.pgAvailable())) {
    const name = `xuefa_bench_${process.pid}`;
    const url = await lib.createPgDatabase(name);
    try {
      const p1 = await serverSuite('pg1', { DATABASE_URL: url }, dir, { full: false });
      row(
        'Save answer (PostgreSQL, 1 process)',
        `${Math.round(p1.save.rps)} req/s, p50 ${p1.save.p50} ms, p99 ${p1.save.p99} ms`,
        `${(p1.save.rps / A.rps).toFixed(2)} of A`,
      );
      // 2 processes: both on core 0 would measure nothing; they share cores 0 with the database (2-core machine).
      const envPg = { DATABASE_URL: url, SWEEP_INTERVAL_MS: '15000' };
      const a = await lib.startServer({ env: envPg, logFile: path.join(dir, 'pg2a.log'), cpus: '0' });
      const b = await lib.startServer({ env: envPg, logFile: path.join(dir, 'pg2b.log'), cpus: '0' });
      const token = await lib.login(a.url, 'S0001');
      const ex = await lib.createExam(a.url, await lib.login(a.url, 'trainer'), {
        title: '基准双进程',
        rules: [{ type: 'single', count: 40, points: 2.5 }],
      });
      const at = (await lib.api(a.url, 'POST', `/api/exams/${ex}/attempts`, { token })).json;
      let seq = 0;
      const req = {
        method: 'PUT',
        setupRequest: (r) => ({
          ...r,
          path: `/api/attempts/${at.id}/answers/${at.questions[seq % 40].id}`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ response: at.questions[0].options[0].key, seq: ++seq }),
        }),
      };
      const [ra, rb] = await Promise.all([
        measured({ url: a.url, requests: [req], connections: 16 }, 1),
        measured({ url: b.url, requests: [req], connections: 16 }, 1),
      ]);
      row(
        'Save answer (PostgreSQL, 2 processes)',
        `${Math.round(ra.rps + rb.rps)} req/s total, p99 ${Math.max(ra.p99, rb.p99)} ms`,
        `${((ra.rps + rb.rps) / p1.save.rps).toFixed(2)}× 1 process`,
      );
      await a.stop();
      await b.stop();
    } finally {
      await lib.dropPgDatabase(name);
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  const md = [
    `# Benchmark ${new Date().toISOString()}`,
    '',
    `Node ${process.version}, ${require('node:os').cpus().length} cores (${require('node:os').cpus()[0].model}); ${SECONDS} s runs, medians of 3 after a warm-up; server on core 0, autocannon on core 1.`,
    '',
    '| measurement | result | ratio | target | |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.value} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'met' : 'missed'} |`,
    ),
    '',
  ].join('\n');
  const file = path.join(ROOT, 'bench', 'results', `${date}.md`);
  fs.writeFileSync(file, md);
  console.log(`\nwritten ${path.relative(ROOT, file)}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
