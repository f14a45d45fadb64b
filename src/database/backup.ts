/**
 * Backups and restore of the platform's database, shared by `npm run backup` / `npm run restore` (backup-cli.ts)
 * and the scheduled backups inside the server (backup.service.ts). No Nest here.
 *
 * SQLite: an online backup through SQLite's backup API (better-sqlite3 `backup()`), copying every page in one step
 * from a connection of its own, so the copy is one consistent snapshot while the server keeps writing (WAL). It runs
 * in a worker thread, so a server taking a scheduled backup keeps answering. The copy is switched to a plain
 * rollback journal, integrity-checked and only then given its final name.
 * PostgreSQL: `pg_dump --format=custom`, checked with `pg_restore --list`.
 *
 * Restore checks the file before anything is replaced (SQLite: PRAGMA integrity_check, the app's tables, migrations
 * this version knows; PostgreSQL: a readable archive with the app's tables and known migrations), refuses while a
 * server holds the database, and keeps the replaced database aside.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { AppConfig, DatabaseConfig } from '../common/config';

const run = promisify(execFile);

/** Tables every database of this app has; a file without them is not one of ours. */
export const APP_TABLES = ['migrations', 'setting', 'user', 'unit', 'exam', 'attempt', 'certificate'];

const NAME = /^xuefa-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:-\d{3})?Z)\.(sqlite|dump)$/;

export class BackupError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}：\n- ${problems.join('\n- ')}` : message);
  }
}

/** `xuefa-2026-12-05T17-01-02-123Z.sqlite` (UTC, sorts by time). */
export function backupFileName(type: DatabaseConfig['type'], now = new Date()): string {
  const stamp = now.toISOString().replace(/:/g, '-').replace('.', '-');
  return `xuefa-${stamp}.${type === 'sqlite' ? 'sqlite' : 'dump'}`;
}

/** Deletes the oldest of this app's backups in `dir` beyond `keep`; other files are never touched. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const ours = fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort();
  const removed = ours.slice(0, Math.max(0, ours.length - keep));
  for (const f of removed) fs.rmSync(path.join(dir, f), { force: true });
  return removed;
}

/** Timestamps of the migrations this version of the app ships, for one dialect. */
export function knownMigrations(type: DatabaseConfig['type']): Set<number> {
  const dir = path.join(__dirname, 'migrations', type);
  return new Set(
    fs
      .readdirSync(dir)
      .map((f) => /^(\d+)-.*\.(ts|js)$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1])),
  );
}

/** Problems (and notes) with a backup's migrations, compared with the ones this version ships. */
function migrationFindings(applied: number[], known: Set<number>): { problems: string[]; notes: string[] } {
  const unknown = applied.filter((t) => !known.has(t));
  const pending = [...known].filter((t) => !applied.includes(t));
  return {
    problems: unknown.length
      ? [`备份来自更新版本的程序（本版本没有迁移 ${unknown.join('、')}），请用相同或更新版本的程序恢复`]
      : [],
    notes: pending.length ? [`备份缺少 ${pending.length} 个迁移，服务启动时会自动执行`] : [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// SQLite

/**
 * The SQLite backup, as the code of a worker thread (plain JavaScript, so it runs the same under the build and the
 * tests): one backup step copies every page from a connection of its own (a consistent snapshot while the server
 * writes), then the copy gets a rollback journal (a single self-contained file) and must pass integrity_check and
 * hold the app's tables.
 */
const SQLITE_BACKUP_WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
(async () => {
  const src = new Database(w.source, { fileMustExist: true, timeout: 5000 });
  let pages;
  try {
    const r = await src.backup(w.dest, { progress: () => 0x7fffffff });
    pages = r.totalPages;
  } finally {
    src.close();
  }
  const copy = new Database(w.dest);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    const tables = new Set(copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
    const missing = w.tables.filter((t) => !tables.has(t));
    parentPort.postMessage({ pages, check, missing });
  } finally {
    copy.close();
  }
})().catch((e) => parentPort.postMessage({ error: String(e && e.message ? e.message : e) }));
`;

function runWorker<T>(code: string, workerData: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData });
    worker.once('message', (m: T & { error?: string }) => {
      void worker.terminate();
      if (m.error) reject(new BackupError(`备份失败：${m.error}`));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  pruned: string[];
}

async function backupSqlite(source: string, dest: string): Promise<void> {
  if (!fs.existsSync(source)) throw new BackupError(`找不到数据库文件 ${source}`);
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    const r = await runWorker<{ pages: number; check: string; missing: string[] }>(SQLITE_BACKUP_WORKER, {
      driver: require.resolve('better-sqlite3'),
      source,
      dest: tmp,
      tables: APP_TABLES,
    });
    if (r.check !== 'ok') throw new BackupError('备份文件未通过完整性检查', [String(r.check)]);
    if (r.missing.length)
      throw new BackupError('数据库不是本平台的数据库', [`缺少数据表 ${r.missing.join('、')}`]);
    fs.renameSync(tmp, dest);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** What a restore would do with a copied SQLite file, read from the copy itself. */
function inspectSqlite(file: string): { problems: string[]; notes: string[] } {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    return { problems: [`无法打开：${(e as Error).message}`], notes: [] };
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return { problems: [`完整性检查未通过：${String(check)}`], notes: [] };
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = APP_TABLES.filter((t) => !tables.has(t));
    if (missing.length)
      return { problems: [`不是本平台的数据库（缺少数据表 ${missing.join('、')}）`], notes: [] };
    const applied = (db.prepare('SELECT timestamp FROM migrations').all() as { timestamp: number }[]).map(
      (r) => Number(r.timestamp),
    );
    // The restored file is opened by the server in WAL mode; as a copy it is one self-contained file.
    db.pragma('journal_mode = DELETE');
    return migrationFindings(applied, knownMigrations('sqlite'));
  } catch (e) {
    return { problems: [`无法读取：${(e as Error).message}`], notes: [] };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server's hold on a SQLite file

/** Next to the SQLite file while a server has it open: `{ pid, host, startedAt }`. */
export function serverLockPath(dbPath: string): string {
  return `${dbPath}.server.json`;
}

export function writeServerLock(dbPath: string): void {
  fs.writeFileSync(
    serverLockPath(dbPath),
    JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }),
  );
}

export function removeServerLock(dbPath: string): void {
  try {
    const lock = JSON.parse(fs.readFileSync(serverLockPath(dbPath), 'utf8')) as { pid: number };
    if (lock.pid === process.pid) fs.rmSync(serverLockPath(dbPath), { force: true });
  } catch {
    /* no lock, or not ours */
  }
}

/** Why a restore must wait: a live server process holds the file (a lock left by a killed server is ignored). */
function serverHolding(dbPath: string): string | null {
  let lock: { pid: number; host: string; startedAt: string };
  try {
    lock = JSON.parse(fs.readFileSync(serverLockPath(dbPath), 'utf8'));
  } catch {
    return null;
  }
  if (lock.host !== os.hostname())
    return `服务（主机 ${lock.host}，进程 ${lock.pid}）正在使用该数据库；请先停止服务（确认已停止后可删除 ${serverLockPath(dbPath)}）`;
  try {
    process.kill(lock.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return null;
  }
  return `服务（进程 ${lock.pid}，${lock.startedAt} 启动）正在使用该数据库，请先停止服务再恢复`;
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

async function pgTool(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new BackupError(`找不到 ${tool}：请安装 PostgreSQL 客户端（postgresql-client）`);
    throw new BackupError(`${tool} 失败：${(err.stderr || err.message).trim().slice(0, 500)}`);
  }
}

async function backupPostgres(url: string, dest: string): Promise<void> {
  const tmp = `${dest}.partial`;
  try {
    await pgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, url]);
    // A readable archive with the app's tables (its migrations are whatever the database had).
    const found = await inspectPostgres(tmp, { migrations: false });
    if (found.problems.length) throw new BackupError('备份文件检查未通过', found.problems);
    fs.renameSync(tmp, dest);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

async function inspectPostgres(
  file: string,
  { migrations = true } = {},
): Promise<{ problems: string[]; notes: string[] }> {
  let list: string;
  try {
    list = await pgTool('pg_restore', ['--list', file]);
  } catch (e) {
    return { problems: [`不是可用的 pg_dump 备份：${(e as Error).message}`], notes: [] };
  }
  const missing = APP_TABLES.filter((t) => !new RegExp(`\\bTABLE public "?${t}"? `).test(list));
  if (missing.length)
    return { problems: [`不是本平台的数据库（缺少数据表 ${missing.join('、')}）`], notes: [] };
  if (!migrations) return { problems: [], notes: [] };
  const copy = await pgTool('pg_restore', ['--data-only', '--table=migrations', '--file=-', file]);
  const start = copy.search(/^COPY public\.migrations .*FROM stdin;$/m);
  const applied = copy
    .slice(start)
    .split('\n')
    .slice(1)
    .filter((l) => /^\d+\t\d+\t/.test(l))
    .map((l) => Number(l.split('\t')[1]));
  return migrationFindings(applied, knownMigrations('postgres'));
}

async function otherPgSessions(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

/** Backs the configured database up to `dir` (default BACKUP_DIR), then keeps the newest BACKUP_KEEP backups. */
export async function backupDatabase(config: AppConfig, dir = config.backup.dir): Promise<BackupResult> {
  const started = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupFileName(config.database.type));
  if (config.database.type === 'sqlite') {
    if (config.database.path === ':memory:') throw new BackupError('内存数据库无法备份');
    await backupSqlite(config.database.path, file);
  } else {
    await backupPostgres(config.database.url, file);
  }
  const pruned = pruneBackups(dir, config.backup.keep);
  return { file, bytes: fs.statSync(file).size, ms: Date.now() - started, pruned };
}

export interface RestoreResult {
  restored: string;
  /** Where the database it replaced was kept. */
  keptAside: string[];
  notes: string[];
}

/** Checks `file`, then replaces the configured database with it, keeping the replaced one aside. */
export async function restoreDatabase(config: AppConfig, file: string): Promise<RestoreResult> {
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile())
    throw new BackupError(`找不到备份文件 ${source}`);
  const stamp = new Date().toISOString().replace(/:/g, '-').replace('.', '-');

  if (config.database.type === 'postgres') {
    const url = config.database.url;
    const found = await inspectPostgres(source);
    if (found.problems.length) throw new BackupError('备份文件检查未通过，数据库未改动', found.problems);
    const sessions = await otherPgSessions(url);
    if (sessions > 0)
      throw new BackupError(
        `数据库还有 ${sessions} 个连接（服务是否仍在运行？），请先停止所有服务进程再恢复`,
      );
    fs.mkdirSync(config.backup.dir, { recursive: true });
    const aside = path.join(config.backup.dir, `xuefa-replaced-${stamp}.dump`);
    await pgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${aside}`, url]);
    const sql = path.join(os.tmpdir(), `xuefa-restore-${process.pid}-${Date.now()}.sql`);
    try {
      await pgTool('pg_restore', ['--no-owner', '--no-privileges', `--file=${sql}`, source]);
      // One transaction: the schema is emptied and refilled, or nothing changes.
      await pgTool('psql', [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '--single-transaction',
        '-c',
        'DROP SCHEMA public CASCADE',
        '-c',
        'CREATE SCHEMA public',
        '-f',
        sql,
        url,
      ]);
    } finally {
      fs.rmSync(sql, { force: true });
    }
    return { restored: url.replace(/:[^:@/]*@/, ':***@'), keptAside: [aside], notes: found.notes };
  }

  const target = config.database.path;
  if (target === ':memory:') throw new BackupError('内存数据库无法恢复');
  const holder = serverHolding(target);
  if (holder) throw new BackupError(holder);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Checked as a copy beside the target, so the final step is a rename on the same disk.
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.restoring`);
  fs.copyFileSync(source, tmp);
  try {
    const found = inspectSqlite(tmp);
    if (found.problems.length) throw new BackupError('备份文件检查未通过，数据库未改动', found.problems);
    const keptAside: string[] = [];
    for (const suffix of ['', '-wal', '-shm']) {
      if (!fs.existsSync(target + suffix)) continue;
      const aside = `${target}.replaced-${stamp}${suffix}`;
      fs.renameSync(target + suffix, aside);
      keptAside.push(aside);
    }
    fs.renameSync(tmp, target);
    return { restored: target, keptAside, notes: found.notes };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
