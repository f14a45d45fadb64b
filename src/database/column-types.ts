import type { ColumnType } from 'typeorm';

/**
 * A date-time column type that both dialects accept: SQLite has `datetime`, PostgreSQL `timestamptz`. Chosen from
 * DATABASE_URL when the entity files load (the app, the CLI and the tests all take the dialect from it).
 */
export const DATETIME: ColumnType = process.env.DATABASE_URL ? 'timestamptz' : 'datetime';
