#!/usr/bin/env node
/**
 * Generates the next migration for BOTH dialects from the entities:
 *   npm run migration:generate -- AddExams
 * SQLite: against a fresh temporary file with the existing migrations applied.
 * PostgreSQL: against a temporary database on PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * Read every generated file before committing it (SQLite rebuilds whole tables for many changes).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('用法：npm run migration:generate -- MigrationName（大驼峰）');
  process.exit(1);
}
const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'node_modules', '.bin', 'typeorm-ts-node-commonjs');
const ds = 'src/database/data-source.ts';

function run(args, env) {
  execFileSync(cli, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

// SQLite
const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xuefa-mig-')), 'gen.sqlite');
const sqliteEnv = { DATABASE_URL: '', DATABASE_PATH: tmp };
run(['migration:run', '-d', ds], sqliteEnv);
run(['migration:generate', '-d', ds, `src/database/migrations/sqlite/${name}`], sqliteEnv);

// PostgreSQL
const admin = process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const db = `xuefa_gen_${process.pid}`;
const psql = (sql) =>
  execFileSync('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'inherit' });
psql(`CREATE DATABASE ${db}`);
try {
  const pgEnv = { DATABASE_URL: admin.replace(/\/[^/]*$/, `/${db}`) };
  run(['migration:run', '-d', ds], pgEnv);
  run(['migration:generate', '-d', ds, `src/database/migrations/postgres/${name}`], pgEnv);
} finally {
  psql(`DROP DATABASE IF EXISTS ${db}`);
}
execFileSync(path.join(root, 'node_modules', '.bin', 'prettier'), ['--write', 'src/database/migrations'], {
  cwd: root,
  stdio: 'inherit',
});
