/**
 * Shared by bench/run.js and bench/start-submit.js: the bench's JWT secret and tokens, the 10,000-question xlsx, and
 * the start (100 of 10,000) and submit + score measurement.
 */
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const ExcelJS = require('exceljs');
const lib = require('../scripts/resilience/lib');

const JWT_SECRET = 'bench-secret-not-for-production-0123456789abcdef';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU ticks (1/100 s) used so far by these processes (those gone are left out). */
function cpuTicks(pids) {
  let t = 0;
  for (const pid of pids) {
    try {
      const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      t += Number(st[11]) + Number(st[12]);
    } catch {
      /* gone */
    }
  }
  return t;
}

// Tokens as the app signs them: with an expiry and an id (the app refuses a token without either).
const mint = (id) =>
  require('jsonwebtoken').sign({ sub: id, tv: 0 }, JWT_SECRET, {
    algorithm: 'HS256',
    expiresIn: 12 * 3600,
    jwtid: require('node:crypto').randomUUID(),
  });

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

/** Imports `xlsx` into a new bank; returns the bank id and the import's time and answer. */
async function importBank(url, trainer, xlsx) {
  const bank = await lib.api(url, 'POST', '/api/question-banks', {
    token: trainer,
    body: { code: 'BENCH-10K', title: '基准万题库', curriculum: 'common' },
  });
  if (bank.status !== 201) throw new Error(`bank: ${bank.status} ${bank.text.slice(0, 200)}`);
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(xlsx)]), 'bank.xlsx');
  const t = Date.now();
  const imp = await lib.api(
    url,
    'POST',
    `/api/question-banks/import?bankId=${bank.json.id}&dryRun=false&approve=true`,
    { token: trainer, form, timeoutMs: 300_000 },
  );
  const ms = Date.now() - t;
  if (imp.status >= 300) throw new Error(`import: ${imp.status} ${imp.text.slice(0, 300)}`);
  return { bankId: bank.json.id, ms, body: JSON.stringify(imp.json).slice(0, 160) };
}

/**
 * A bare node:http server pinned to core 0 like the app (taskset when there is one), answering every request with
 * `body`: the baselines the app is measured against. Resolves once it answers.
 */
async function startBare(body, contentType = 'application/json; charset=utf-8') {
  const port = await lib.freePort();
  const code = `const b=Buffer.from(${JSON.stringify(body)});require('node:http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.setHeader('content-type',${JSON.stringify(contentType)});s.end(b)})}).listen(${port},'127.0.0.1')`;
  const p = fs.existsSync('/usr/bin/taskset')
    ? spawn('taskset', ['-c', '0', process.execPath, '-e', code])
    : spawn(process.execPath, ['-e', code]);
  const url = `http://127.0.0.1:${port}/`;
  for (let tries = 0; ; tries++) {
    if (
      await lib.api(url, 'GET', '').then(
        () => true,
        () => false,
      )
    )
      break;
    if (tries > 100) {
      p.kill();
      throw new Error('bare node:http did not start');
    }
    await lib.sleep(50);
  }
  return { url, stop: () => p.kill() };
}

/**
 * The floor under a start as the bench measures it: the same client (lib.api: fetch, then JSON.parse) posting `n`
 * times, one after the other, to bare node:http answering with the same bytes (`body`, one start's answer). What is
 * left of a start's median above it is the server's.
 */
async function clientFloor(body, n) {
  const bare = await startBare(body);
  try {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      const r = await lib.api(bare.url, 'POST', '', { token: 'x' });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 200 || !r.json) throw new Error('bare node:http: bad answer');
    }
    return median(times.slice(Math.min(20, n - 1)));
  } finally {
    bare.stop();
  }
}

/**
 * Start (100 of the 10,000-question bank `bankId`) and submit + score: `candidatesFor(submits)` candidates (one token
 * each) start one after the other (median of all but the first 20), answer every question; SUBMIT_WARMUP of them
 * submit first, unmeasured (the scoring path's first runs compile it, as every other row measures after a warm-up),
 * then the others submit 100 at a time with 8 in flight. Returns the start median and the submits/s of each batch and their median, and, given the server's
 * pid, the server's CPU time per start and per submit (from /proc: what the server spent, whatever the client's
 * speed).
 */
/** Submits scored before the measured batches, not counted. */
const SUBMIT_WARMUP = 100;

/** The candidates startAndSubmitBank needs: 20 unmeasured starts, the warm-up submits, the measured submits. */
const candidatesFor = (submits) => submits + 20 + SUBMIT_WARMUP;

async function startAndSubmitBank(url, trainer, bankId, tokens, submits, serverPid) {
  const cpu = () => (serverPid ? cpuTicks([serverPid]) : 0);
  const ex = await lib.api(url, 'POST', '/api/exams', {
    token: trainer,
    body: {
      title: '基准组卷',
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
  if (ex.status !== 201) throw new Error(`exam: ${ex.status} ${ex.text.slice(0, 200)}`);
  await lib.api(url, 'POST', `/api/exams/${ex.json.id}/publish`, { token: trainer });
  const starts = [];
  const started = [];
  const users = tokens.slice(-candidatesFor(submits));
  if (users.length < candidatesFor(submits)) throw new Error(`need ${candidatesFor(submits)} candidates`);
  const us = () => Number(process.hrtime.bigint() / 1000n);
  const startWindow = [us(), 0];
  let startTicks = 0;
  for (const [k, token] of users.entries()) {
    if (k === 20) startTicks = cpu(); // after the first 20 (the pool's first load), as the median
    const t0 = process.hrtime.bigint();
    const r = await lib.api(url, 'POST', `/api/exams/${ex.json.id}/attempts`, { token });
    starts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 201) throw new Error(`start: ${r.status} ${r.text.slice(0, 200)}`);
    started.push({ token, id: r.json.id, qs: r.json.questions, text: r.text });
  }
  startWindow[1] = us();
  const startCpuMs = ((cpu() - startTicks) * 10) / (users.length - 20);
  const measuredStarts = starts.slice(20).sort((a, b) => a - b);
  const paperText = started[started.length - 1].text;
  const startFloor = await clientFloor(paperText, users.length);
  // Answer every question (so scoring has work), then submit in batches of 100 with 8 in flight.
  await lib.pool(started.length, 8, async (j) => {
    const a = started[j];
    for (const [n, q] of a.qs.slice(0, 100).entries())
      await lib.api(url, 'PUT', `/api/attempts/${a.id}/answers/${q.id}`, {
        token: a.token,
        body: { response: q.options[n % q.options.length].key, seq: 1 },
      });
  });
  const submit = async (a) => {
    const r = await lib.api(url, 'POST', `/api/attempts/${a.id}/submit`, { token: a.token });
    if (r.status !== 200) throw new Error(`submit: ${r.status} ${r.text.slice(0, 200)}`);
  };
  const warm = started.slice(20, 20 + SUBMIT_WARMUP);
  await lib.pool(warm.length, 8, (j) => submit(warm[j]));
  const measured = started.slice(20 + SUBMIT_WARMUP);
  const submitRates = [];
  const submitWindow = [us(), 0];
  const submitTicks = cpu();
  for (let b = 0; b < submits / 100; b++) {
    const batch = measured.slice(b * 100, (b + 1) * 100);
    const ts = Date.now();
    await lib.pool(batch.length, 8, (j) => submit(batch[j]));
    submitRates.push((batch.length / (Date.now() - ts)) * 1000);
  }
  submitWindow[1] = us();
  const submitCpuMs = ((cpu() - submitTicks) * 10) / (Math.floor(submits / 100) * 100);
  return {
    startFloor,
    paperBytes: Buffer.byteLength(paperText),
    startMedian: median(measuredStarts),
    startP90: measuredStarts[Math.floor(measuredStarts.length * 0.9)],
    submitRates,
    submit: median(submitRates),
    startCpuMs: serverPid ? startCpuMs : null,
    submitCpuMs: serverPid ? submitCpuMs : null,
    // CLOCK_MONOTONIC µs, the clock of a .cpuprofile's timestamps: the two phases' windows for a server profile.
    startWindow,
    submitWindow,
  };
}

async function startAndSubmit(url, trainer, xlsx, tokens, submits, serverPid) {
  const { bankId } = await importBank(url, trainer, xlsx);
  return startAndSubmitBank(url, trainer, bankId, tokens, submits, serverPid);
}

module.exports = {
  JWT_SECRET,
  cpuTicks,
  mint,
  makeXlsx,
  importBank,
  startAndSubmitBank,
  startAndSubmit,
  candidatesFor,
  SUBMIT_WARMUP,
  startBare,
};
