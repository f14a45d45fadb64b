#!/usr/bin/env node
/**
 * `npm start` runs this first: builds (nest build) unless dist/ is newer than every source file — so a fresh
 * checkout builds, and a restart of an unchanged install starts at once. `npm run build` always builds.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'main.js');
const INPUTS = [
  'src',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
];

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

const built = fs.existsSync(OUT) ? fs.statSync(OUT).mtimeMs : 0;
const source = Math.max(...INPUTS.map((i) => newest(path.join(ROOT, i))));
if (built > source) {
  console.log('dist/ 已是最新，跳过构建（npm run build 可强制构建）');
  process.exit(0);
}
console.log('正在构建（nest build）…');
const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
