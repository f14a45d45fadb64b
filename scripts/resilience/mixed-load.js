/**
 * A minute of mixed load on SQLite: saves, starts, submits, the overdue sweep, imports and report-like reads at
 * once. Zero 5xx, zero SQLITE_BUSY / transaction errors in the server log.
 */
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');
const { Candidate } = require('./driver');

const BANK_YAML = (n) =>
  `bank:\n  code: stress-${n}\n  title: 压力测试题库${n}\n  curriculum: common\n  regulations: [administrative-penalty-law]\nquestions:\n` +
  Array.from(
    { length: 20 },
    (_, i) =>
      `  - id: stress-${n}-${i + 1}\n    type: true-false\n    stem: 压力测试第${n}批第${i + 1}题：行政处罚应当遵循公正、公开的原则。\n    answer: true\n    explanation: 《行政处罚法》第五条。\n    cite: { regulation: administrative-penalty-law, article: 5 }\n`,
  ).join('');

module.exports = async function mixed({ dir, check }) {
  const seconds = Number(process.env.MIXED_SECONDS || 60);
  const logFile = path.join(dir, 'server.log');
  const server = await lib.startServer({
    env: { DATABASE_PATH: path.join(dir, 'mixed.sqlite'), SWEEP_INTERVAL_MS: '500', SAVE_GRACE_MS: '0' },
    logFile,
  });
  const startBytes = fs.statSync(logFile).size;
  const counts = { save: 0, start: 0, submit: 0, import: 0, report: 0, get: 0 };
  const statuses = new Map();
  const tally = (kind, st) => {
    counts[kind]++;
    statuses.set(st, (statuses.get(st) || 0) + 1);
  };
  try {
    const trainer = await lib.login(server.url, 'trainer');
    const manager = await lib.login(server.url, 'manager');
    const rules = [
      { type: 'single', count: 10, points: 5 },
      { type: 'true-false', count: 10, points: 5 },
    ];
    const longExam = await lib.createExam(server.url, trainer, { title: '混合负载', rules });
    // One-minute exams that nobody submits: the sweep submits them while everything else runs.
    const shortExam = await lib.createExam(server.url, trainer, {
      title: '混合负载（限时1分钟）',
      rules,
      timeLimitMinutes: 1,
    });
    const docs = await lib.api(server.url, 'GET', '/api/docs/json');
    const reportPaths = Object.keys(docs.json.paths).filter(
      (p) => /^\/api\/reports\/[^{]*$/.test(p) && docs.json.paths[p].get,
    );
    const savers = Array.from({ length: 24 }, (_, i) => new Candidate(`S${String(i + 1).padStart(4, '0')}`));
    const starters = Array.from(
      { length: 20 },
      (_, i) => new Candidate(`S${String(i + 25).padStart(4, '0')}`),
    );
    await Promise.all([...savers, ...starters].map((c) => c.login(server.url)));
    for (const c of savers) await c.start(server.url, longExam);
    const until = Date.now() + seconds * 1000;
    const live = () => Date.now() < until;
    const acked = new Map();
    const loops = [
      ...savers.map(async (c) => {
        while (live()) tally('save', await c.saveOne(server.url, acked));
      }),
      ...starters.map(async (c, i) => {
        while (live()) {
          const short = i % 4 === 0;
          const r = await c.start(server.url, short ? shortExam : longExam).catch(() => ({ status: 409 }));
          tally('start', r.status);
          if (r.status >= 300) {
            await lib.sleep(200);
            continue;
          }
          for (let k = 0; k < 5 && live(); k++) tally('save', await c.saveOne(server.url, acked));
          if (short) {
            tally(
              'get',
              (await lib.api(server.url, 'GET', `/api/attempts/${c.attemptId}`, { token: c.token })).status,
            );
            await lib.sleep(2000);
            continue;
          }
          tally(
            'submit',
            (await lib.api(server.url, 'POST', `/api/attempts/${c.attemptId}/submit`, { token: c.token }))
              .status,
          );
        }
      }),
      (async () => {
        let n = 0;
        while (live()) {
          const form = new FormData();
          form.append('file', new Blob([BANK_YAML(++n)]), `stress-${n}.yaml`);
          tally(
            'import',
            (
              await lib.api(server.url, 'POST', '/api/question-banks/import?dryRun=false', {
                token: trainer,
                form,
              })
            ).status,
          );
          await lib.sleep(3000);
        }
      })(),
      (async () => {
        while (live()) {
          tally(
            'report',
            (await lib.api(server.url, 'GET', `/api/exams/${longExam}/roster`, { token: manager })).status,
          );
          for (const p of reportPaths)
            tally('report', (await lib.api(server.url, 'GET', p, { token: manager })).status);
          await lib.sleep(500);
        }
      })(),
    ];
    await Promise.all(loops);
    // A 1-minute exam started in the last seconds may still be open; give the sweep time for the earlier ones.
    await lib.sleep(1500);
  } finally {
    await server.stop();
  }
  const log = fs.readFileSync(logFile, 'utf8').slice(startBytes);
  const busy = (
    log.match(/SQLITE_BUSY|database is locked|cannot start a transaction|cannot commit|QueryFailedError/g) ||
    []
  ).length;
  const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
  const summary = Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  check(`${seconds} s of mixed load ran`, counts.save > 0 && counts.submit > 0 && counts.import > 0, summary);
  check(
    'every import accepted',
    !statuses.has(422) && !statuses.has(400),
    `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  check('zero 5xx', fiveXx === 0, `statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  check('zero SQLITE_BUSY / transaction errors in the server log', busy === 0, `${busy} found`);
  check(
    'zero errors logged by the server',
    !/\bERROR\b/.test(log),
    log
      .split('\n')
      .filter((l) => /\bERROR\b/.test(l))
      .slice(0, 3)
      .join(' | '),
  );
};
