import type { DataSource } from 'typeorm';

/** Advisory lock keys (PostgreSQL `pg_advisory_lock` takes a bigint; these are arbitrary fixed numbers). */
export const LOCK_STARTUP = 7_301_001;
/**
 * 持证率 snapshots: the invalidating triggers take it shared, a build takes it exclusive, each until its transaction
 * ends. The number is also written into certification_snapshot_invalidate() by the ReportSummaries migration.
 */
export const LOCK_CERTIFICATION_SNAPSHOT = 7_301_002;

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock on one dedicated connection, so that when N app
 * processes start at once only one migrates and seeds at a time; the others wait, then find the work done.
 * On SQLite there is one process per database file, and `fn` simply runs.
 */
export async function withAdvisoryLock<T>(ds: DataSource, key: number, fn: () => Promise<T>): Promise<T> {
  if (ds.options.type !== 'postgres') return fn();
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
