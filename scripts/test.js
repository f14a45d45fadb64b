#!/usr/bin/env node
/**
 * `npm test`: unit specs and the e2e suite on a fresh SQLite file per test file — or, with DATABASE_URL set, the
 * e2e suite on a fresh PostgreSQL database per test file on that server. Says clearly which pass it runs.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pg = Boolean(process.env.DATABASE_URL);
const line = '-'.repeat(72);
console.log(line);
if (pg) {
  console.log(`数据库：PostgreSQL（DATABASE_URL=${process.env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}）`);
} else {
  console.log('数据库：SQLite（每个测试文件一个新的数据库文件）');
  console.log(
    'PostgreSQL pass skipped: DATABASE_URL is not set — run `DATABASE_URL=postgres://… npm test` for it.',
  );
}
console.log(line);

const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const args = [jest, '--ci', ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
