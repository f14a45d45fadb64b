#!/usr/bin/env node
/**
 * CPU profile of the save-answer path: `node bench/profile-save.js [seconds]` starts dist/main.js with --cpu-prof
 * on a fresh SQLite file (or DATABASE_URL), drives PUT /api/attempts/:id/answers/:q with autocannon, stops the
 * server and prints the top self-time functions of the .cpuprofile.
 */
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const lib = require('../scripts/resilience/lib');

/** The top self-time functions and the self time by package of a .cpuprofile, between `from` and `to` (µs). */
function topSelf(file, n = 30, from = 0, to = Infinity) {
  const lines = [];
  const console = { log: (x) => lines.push(x) };
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dt = prof.timeDeltas;
  const self = new Map();
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const hits = new Map();
  let t = prof.startTime;
  prof.samples.forEach((id, i) => {
    t += dt[i] || 0;
    if (t >= from && t <= to) hits.set(id, (hits.get(id) || 0) + (dt[i] || 0));
  });
  let total = 0;
  for (const [id, us] of hits) {
    const nd = byId.get(id);
    const cf = nd.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/main\//, '')}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) || 0) + us);
    total += us;
  }
  const byPkg = new Map();
  for (const [k, us] of self) {
    const m = /\s(\S*?)(?:\/|:)/.exec(k);
    let pkg =
      k.includes('node_modules') || !k.includes('dist/') ? (k.split(' ')[1] || '').split('/')[0] : 'dist';
    if (k.includes('@')) pkg = (k.split(' ')[1] || '').split('/').slice(0, 2).join('/');
    void m;
    byPkg.set(pkg, (byPkg.get(pkg) || 0) + us);
  }
  console.log(`total sampled ${(total / 1e6).toFixed(1)} s`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
  console.log('\nby package / file prefix:');
  for (const [k, us] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${k || '(native/gc/idle)'}`);
  return lines;
}

/**
 * The main thread's .cpuprofile in `dir` (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile, thread 0): the worker
 * threads (WAL checkpoints, imports) write profiles of their own beside it.
 */
function mainThreadProfile(dir) {
  const file = fs.readdirSync(dir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (!file) throw new Error(`no main-thread profile in ${dir}`);
  return file;
}

async function main() {
  if (process.argv[2] && process.argv[2].endsWith('.cpuprofile'))
    return console.log(topSelf(process.argv[2]).join('\n'));
  const seconds = Number(process.argv[2] || 10);
  const dir = lib.tmpDir('xuefa-prof-');
  let from = 0;
  let to = Infinity;
  const env = process.env.DATABASE_URL ? {} : { DATABASE_PATH: path.join(dir, 'app.sqlite') };
  const server = await lib.startServer({
    env,
    logFile: path.join(dir, 'server.log'),
    cpus: '0',
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  try {
    const trainer = await lib.login(server.url, 'trainer');
    const examId = await lib.createExam(server.url, trainer, {
      title: '剖析',
      rules: [{ type: 'single', count: 40, points: 2.5 }],
    });
    const cands = [];
    for (let i = 1; i <= 20; i++) {
      const token = await lib.login(server.url, `S${String(i).padStart(4, '0')}`);
      const r = await lib.api(server.url, 'POST', `/api/exams/${examId}/attempts`, { token });
      cands.push({ token, id: r.json.id, qs: r.json.questions, seq: 0 });
    }
    let k = 0;
    from = Number(process.hrtime.bigint() / 1000n);
    const r = await new Promise((res, rej) =>
      autocannon(
        {
          url: server.url,
          connections: 32,
          duration: seconds,
          requests: [
            {
              method: 'PUT',
              setupRequest: (req) => {
                // Each candidate walks its own paper: one answer row after another.
                const c = cands[k++ % cands.length];
                const q = c.qs[c.seq % c.qs.length];
                return {
                  ...req,
                  path: `/api/attempts/${c.id}/answers/${q.id}`,
                  headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
                  body: JSON.stringify({ response: q.options[0].key, seq: ++c.seq }),
                };
              },
            },
          ],
        },
        (e, x) => (e ? rej(e) : res(x)),
      ),
    );
    to = Number(process.hrtime.bigint() / 1000n);
    console.log(`${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}`);
  } finally {
    await server.stop();
  }
  const file = mainThreadProfile(dir);
  console.log(`profile ${path.join(dir, file)}`);
  console.log(topSelf(path.join(dir, file), 30, from, to).join('\n'));
}

module.exports = { topSelf, mainThreadProfile };
if (require.main === module)
  void main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
