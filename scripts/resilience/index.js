#!/usr/bin/env node
/**
 * `npm run test:resilience`: builds once, then runs the production build as child processes and checks what
 * issue #8 asks — crash safety under kill -9, double submits, mixed load on SQLite, fuzzed input, and two app
 * processes on one PostgreSQL database (one killed mid-exam). Exits 1 on any failure. The access matrix is an e2e
 * test (test/access-matrix.e2e-spec.ts) with its rules written down, run by `npm test` on both databases.
 *
 * Env: RESILIENCE_ONLY=crash,double,mixed,fuzz,pg,uploads (default all); MIXED_SECONDS (default 60);
 * KILL_ROUNDS (default 10); SKIP_BUILD=1 to reuse dist/.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');
const { ROOT, sleep } = lib;

const results = [];
const t0 = Date.now();

function check(section, name, ok, detail = '') {
  results.push({ section, name, ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
function note(section, text) {
  results.push({ section, name: text, ok: true, note: true });
  console.log(`  note ${text}`);
}

const only = (process.env.RESILIENCE_ONLY || 'crash,double,mixed,fuzz,pg,uploads').split(',');
const sections = [
  ['crash', 'Crash safety (kill -9 while candidates save)', './crash'],
  ['double', 'Double submit (10 parallel × 100)', './double-submit'],
  ['mixed', 'Mixed load on SQLite', './mixed-load'],
  ['fuzz', 'Bad input (fast-check fuzz, bad import files)', './fuzz'],
  ['pg', 'Two app processes on one PostgreSQL (kill one mid-exam)', './two-processes'],
  ['uploads', 'Four largest-allowed uploads at once (health and saves p99, RSS)', './upload-load'],
];

async function main() {
  if (!process.env.SKIP_BUILD) {
    console.log('== build (nest build) ==');
    const b = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (b.status !== 0) process.exit(1);
  }
  const workDir = lib.tmpDir('xuefa-resilience-');
  console.log(`work dir (databases, server logs): ${workDir}`);
  for (const [key, title, run] of sections) {
    if (!only.includes(key)) continue;
    const s = Date.now();
    console.log(`\n== ${title} ==`);
    try {
      await require(run)({
        dir: fs.mkdtempSync(path.join(workDir, `${key}-`)),
        check: (name, ok, detail) => check(key, name, ok, detail),
        note: (text) => note(key, text),
      });
    } catch (e) {
      check(key, 'section ran to the end', false, e && e.stack ? e.stack : String(e));
    }
    console.log(`  (${((Date.now() - s) / 1000).toFixed(1)} s)`);
  }
  const failed = results.filter((r) => !r.ok);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `\n== resilience: ${results.filter((r) => !r.note).length - failed.length} passed, ${failed.length} failed, ${secs} s ==`,
  );
  for (const f of failed) console.log(`FAIL [${f.section}] ${f.name} — ${f.detail}`);
  if (!failed.length) fs.rmSync(workDir, { recursive: true, force: true });
  process.exit(failed.length ? 1 : 0);
}

void main();
