import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCheckpointer, type CheckpointResult } from './checkpointer';

describe('startCheckpointer (WAL checkpoints in a worker thread)', () => {
  let dir: string;
  let db: Database.Database;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckpt-spec-'));
    file = path.join(dir, 'db.sqlite');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // As the app runs it: the writing connection does not checkpoint on its own (here: never).
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const frames = () => (db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0];

  it('copies the committed WAL into the database file while the writer goes on, and stops cleanly', async () => {
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
    expect(frames().log).toBeGreaterThan(50);
    expect(frames().checkpointed).toBe(0);
    const c = startCheckpointer(file, 20);
    const results: CheckpointResult[] = [];
    c.onResult((r) => results.push(r));
    const deadline = Date.now() + 10_000;
    while (!results.some((r) => r.log && r.checkpointed === r.log) && Date.now() < deadline) {
      insert.run('y'); // the writer is never blocked
      await new Promise((r) => setTimeout(r, 10));
    }
    await c.stop();
    expect(results.some((r) => r.error)).toBe(false);
    expect(results.some((r) => (r.log ?? 0) > 50 && r.checkpointed === r.log)).toBe(true);
    // The data is all there, read through a fresh connection to the file.
    const other = new Database(file, { readonly: true });
    expect((other.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(
      db.prepare('SELECT count(*) AS n FROM t').pluck().get(),
    );
    other.close();
    // Stopped: nothing more arrives.
    const seen = results.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(results.length).toBe(seen);
  });

  it('reports an error instead of throwing when the file is not a database', async () => {
    const bad = path.join(dir, 'not-a-db.sqlite');
    fs.writeFileSync(bad, 'not a database at all, just text'.repeat(200));
    const c = startCheckpointer(bad, 10);
    const results: CheckpointResult[] = [];
    c.onResult((r) => results.push(r));
    const deadline = Date.now() + 5000;
    while (!results.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await c.stop();
    expect(results[0]?.error).toBeTruthy();
  });
});
