/**
 * The app's WAL checkpoints (src/database/checkpointer.ts): on SQLite the app connection leaves them to the worker
 * (its own threshold raised to the fallback) and the worker copies the WAL into the database file while the app runs;
 * on PostgreSQL nothing of it starts.
 */
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { FALLBACK_CHECKPOINT_PAGES } from '../src/database/checkpointer';
import { TxService } from '../src/database/tx.service';
import { bootTestApp, TestApp, usingPostgres } from './helpers/test-app';

describe('WAL checkpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => t.close());

  it(usingPostgres() ? 'start nothing on PostgreSQL' : 'run in the worker on SQLite', async () => {
    const tx = t.app.get(TxService);
    if (!tx.isSqlite) {
      expect(t.app.get(DataSource).options.type).toBe('postgres');
      return;
    }
    expect(tx.prepared('PRAGMA wal_autocheckpoint').get()).toEqual({
      wal_autocheckpoint: FALLBACK_CHECKPOINT_PAGES,
    });
    // The demo seed left frames in the WAL; within a few of the worker's rounds they are all in the database file.
    const file = t.app.get(DataSource).options.database as string;
    const probe = new Database(file);
    try {
      const deadline = Date.now() + 10_000;
      let state = probe.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
      while (!(state[0].log > 0 && state[0].checkpointed === state[0].log) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        state = probe.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
      }
      expect(state[0].log).toBeGreaterThan(0);
      expect(state[0].checkpointed).toBe(state[0].log);
    } finally {
      probe.close();
    }
  });
});
