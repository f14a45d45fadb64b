#!/usr/bin/env node
/**
 * The start and submit rows of `npm run bench` alone, for measuring a change to either quickly:
 * `node bench/start-submit.js [submits]` builds nothing (run `npx nest build` first), starts dist/main.js on a fresh
 * SQLite file pinned to core 0, imports a 10,000-question bank, starts `candidatesFor(submits)` attempts of a
 * 100-question paper one after the other (median of all but the first 20), answers every question, submits 100 of
 * them as a warm-up, then the others 100 at a time with 8 in flight (submits/s per batch). Same steps and figures as
 * bench/run.js. PROF=1 profiles the server and prints the top self time of the start phase and of the submit phase.
 */
process.env.BENCH_STAFF ??= '2000';
process.env.BENCH_UNITS ??= '20';
process.env.BENCH_ATTEMPTS ??= '2000';
const fs = require('node:fs');
const path = require('node:path');
const lib = require('../scripts/resilience/lib');
const { JWT_SECRET, candidatesFor, makeXlsx, mint, startAndSubmit } = require('./start-submit-lib');
const { generate } = require('./generate');
const { mainThreadProfile, topSelf } = require('./profile-save');

async function main() {
  const submits = Number(process.argv[2] || 300);
  const dir = lib.tmpDir('xuefa-ss-');
  const file = path.join(dir, 'app.sqlite');
  const env = { DATABASE_PATH: file, JWT_SECRET, SWEEP_INTERVAL_MS: '15000' };
  const logFile = path.join(dir, 'server.log');
  let server = await lib.startServer({ env, logFile, cpus: '0' });
  const trainer = await lib.login(server.url, 'trainer');
  const reportExam = await lib.createExam(server.url, trainer, {
    title: '基准报表考试',
    rules: [{ type: 'single', count: 10, points: 10 }],
  });
  await server.stop();
  const g = generate(file, reportExam);
  server = await lib.startServer({
    env,
    logFile,
    cpus: '0',
    nodeArgs: process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [],
  });
  try {
    const xlsx = path.join(dir, 'bank.xlsx');
    await makeXlsx(xlsx, 10_000, 'S');
    const out = await startAndSubmit(
      server.url,
      await lib.login(server.url, 'trainer'),
      xlsx,
      g.userIds.slice(-candidatesFor(submits)).map(mint),
      submits,
      server.pid,
    );
    console.log(
      `server CPU per start ${out.startCpuMs.toFixed(2)} ms, per submit ${out.submitCpuMs.toFixed(2)} ms; start median ${out.startMedian.toFixed(2)} ms (p90 ${out.startP90.toFixed(2)} ms; bare node:http serving the same ${Math.round(out.paperBytes / 1024)} KB to the same client ${out.startFloor.toFixed(2)} ms); submit + score ${Math.round(out.submit)}/s (runs ${out.submitRates.map((x) => Math.round(x)).join(', ')})`,
    );
    if (process.env.PROF) {
      await server.stop();
      server = null;
      const file = mainThreadProfile(dir);
      for (const [name, [from, to]] of [
        ['start', out.startWindow],
        ['submit', out.submitWindow],
      ])
        console.log(`\n${name}, self time:\n${topSelf(path.join(dir, file), 40, from, to).join('\n')}`);
    }
  } finally {
    await server?.stop();
    console.log(`server log and profile (PROF=1): ${dir}`);
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
