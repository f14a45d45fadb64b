/**
 * Helpers shared by the resilience suite and the benchmark: run the production build as a child process, talk to
 * it over HTTP, create throwaway PostgreSQL databases.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_PASSWORD = 'Demo@2026';
const ADMIN_PASSWORD = 'Admin@2026';
const PG_ADMIN = process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function tmpDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Starts `node dist/main.js` with the given environment and waits until /api/health answers. Output goes to
 * `logFile` (appended, so restarts on the same log keep the whole history).
 */
async function startServer({ env = {}, logFile, cpus, nodeArgs = [], timeoutMs = 90_000 }) {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const out = fs.openSync(logFile, 'a');
  const fullEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    ADMIN_PASSWORD,
    LOGIN_THROTTLE_IP_LIMIT: '1000000',
    LOGIN_THROTTLE_LIMIT: '1000000',
    ...env,
    PORT: String(port),
  };
  delete fullEnv.NODE_OPTIONS;
  const args = [...nodeArgs, path.join(ROOT, 'dist', 'main.js')];
  const useTaskset = cpus && fs.existsSync('/usr/bin/taskset');
  const proc = useTaskset
    ? spawn('taskset', ['-c', cpus, process.execPath, ...args], {
        env: fullEnv,
        cwd: ROOT,
        stdio: ['ignore', out, out],
      })
    : spawn(process.execPath, args, { env: fullEnv, cwd: ROOT, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  let dead = null;
  void exited.then((r) => (dead = r));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (dead) throw new Error(`server exited during start (${JSON.stringify(dead)}); see ${logFile}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.status === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - started > timeoutMs) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start within ${timeoutMs} ms; see ${logFile}`);
    }
    await sleep(50);
  }
  return {
    proc,
    pid: proc.pid,
    port,
    url,
    logFile,
    startMs: Date.now() - started,
    exited,
    isAlive: () => !dead,
    /** kill -9 */
    kill9: async () => {
      if (!dead) proc.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!dead) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** One request. `raw` sends a string body as is (malformed JSON); `form` sends a FormData. */
async function api(url, method, p, { token, body, raw, form, headers = {}, timeoutMs = 30_000 } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload;
  if (form) payload = form;
  else if (raw !== undefined) {
    payload = raw;
    if (!h['content-type']) h['content-type'] = 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(url + p, {
    method,
    headers: h,
    body: payload,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function login(url, username, password = DEMO_PASSWORD) {
  const r = await api(url, 'POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200 && r.status !== 201) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  return r.json.accessToken;
}

/** Creates and publishes an exam open to everyone; `rules` are the common-curriculum counts. */
async function createExam(url, trainerToken, { title, rules, timeLimitMinutes = 120, attemptsAllowed = 0 }) {
  const now = Date.now();
  const r = await api(url, 'POST', '/api/exams', {
    token: trainerToken,
    body: {
      title,
      kind: 'law-study',
      blueprint: {
        passMark: rules.reduce((s, r) => s + r.count * r.points, 0) * 0.6,
        parts: [{ key: 'common', title: '共同科目', source: { kind: 'common' }, rules }],
      },
      timeLimitMinutes,
      attemptsAllowed,
      reviewPolicy: 'after-submit',
      multipleMode: 'partial',
      opensAt: new Date(now - 3600_000).toISOString(),
      closesAt: new Date(now + 30 * 24 * 3600_000).toISOString(),
      audience: {},
    },
  });
  if (r.status !== 201) throw new Error(`create exam: ${r.status} ${r.text}`);
  const p = await api(url, 'POST', `/api/exams/${r.json.id}/publish`, { token: trainerToken });
  if (p.status !== 200) throw new Error(`publish exam: ${p.status} ${p.text}`);
  return r.json.id;
}

/**
 * Creates and publishes a 行政执法资格 (qualification) exam open to everyone, its two parts drawn from the common
 * curriculum, each with its own pass mark: a pass issues an enforcement certificate (one per person and exam).
 */
async function createQualificationExam(
  url,
  trainerToken,
  { title, timeLimitMinutes = 120, attemptsAllowed = 0 },
) {
  const now = Date.now();
  const part = (key, partTitle, rules) => ({
    key,
    title: partTitle,
    source: { kind: 'common' },
    passMark: rules.reduce((s, r) => s + r.count * r.points, 0) * 0.6,
    rules,
  });
  const r = await api(url, 'POST', '/api/exams', {
    token: trainerToken,
    body: {
      title,
      kind: 'qualification',
      blueprint: {
        passMark: 60,
        parts: [
          part('general', '通用知识', [{ type: 'single', count: 6, points: 10 }]),
          part('specialty', '专门知识', [{ type: 'true-false', count: 4, points: 10 }]),
        ],
      },
      timeLimitMinutes,
      attemptsAllowed,
      reviewPolicy: 'after-submit',
      multipleMode: 'partial',
      opensAt: new Date(now - 3600_000).toISOString(),
      closesAt: new Date(now + 30 * 24 * 3600_000).toISOString(),
      audience: {},
    },
  });
  if (r.status !== 201) throw new Error(`create qualification exam: ${r.status} ${r.text}`);
  const p = await api(url, 'POST', `/api/exams/${r.json.id}/publish`, { token: trainerToken });
  if (p.status !== 200) throw new Error(`publish qualification exam: ${p.status} ${p.text}`);
  return r.json.id;
}

/**
 * The right answer to a question of a paper as the candidate gives it: the bank's key (read as a trainer, cached
 * per question id in `cache`) found among the options by text, since options are labelled by the position they are
 * shown in; fill-blank: the first accepted answer of each blank.
 */
async function answerKey(url, trainerToken, question, cache = new Map()) {
  if (!cache.has(question.id)) {
    const r = await api(url, 'GET', `/api/questions/${question.id}`, { token: trainerToken });
    if (r.status !== 200 || !r.json || r.json.answer === undefined)
      throw new Error(`answer key of question ${question.id}: ${r.status} ${r.text.slice(0, 200)}`);
    cache.set(question.id, r.json);
  }
  const bank = cache.get(question.id);
  if (question.type === 'true-false') return bank.answer;
  if (question.type === 'fill-blank') return bank.answer.map((accepted) => accepted[0]);
  const letterOf = (key) => {
    const text = (bank.options || []).find((o) => o.key === key)?.text;
    const shown = (question.options || []).find((o) => o.text === text);
    if (!shown) throw new Error(`option ${key} of question ${question.id} is not on the paper`);
    return shown.key;
  };
  return question.type === 'single' ? letterOf(bank.answer) : bank.answer.map(letterOf).sort();
}

/** A response a candidate could give to a question of the paper view. */
function answerFor(q, rnd = Math.random) {
  const keys = q.options.map((o) => o.key);
  switch (q.type) {
    case 'single':
      return keys[Math.floor(rnd() * keys.length)];
    case 'multiple':
      return keys.filter((_, i) => i === 0 || rnd() < 0.5);
    case 'true-false':
      return rnd() < 0.5;
    case 'fill-blank':
      return Array.from({ length: q.blanks || 1 }, () => `答${Math.floor(rnd() * 100)}`);
    default:
      return null;
  }
}

async function pgAdmin(sql) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

async function pgAvailable() {
  try {
    await pgAdmin('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

async function createPgDatabase(name) {
  await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await pgAdmin(`CREATE DATABASE ${name}`);
  return PG_ADMIN.replace(/\/[^/?]*(\?.*)?$/, `/${name}`);
}

async function dropPgDatabase(name) {
  await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Runs `worker(i)` for i in [0, n) with at most `concurrency` at once. */
async function pool(n, concurrency, worker) {
  let next = 0;
  const run = async () => {
    while (next < n) {
      const i = next++;
      await worker(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, run));
}

module.exports = {
  ROOT,
  DEMO_PASSWORD,
  ADMIN_PASSWORD,
  PG_ADMIN,
  sleep,
  freePort,
  tmpDir,
  startServer,
  api,
  login,
  createExam,
  createQualificationExam,
  answerKey,
  answerFor,
  pgAdmin,
  pgAvailable,
  createPgDatabase,
  dropPgDatabase,
  pool,
};
