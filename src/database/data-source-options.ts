import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../common/config';
import { ENTITIES } from './entities';

/**
 * TypeORM options for either database. SQLite goes through TypeORM's `better-sqlite3` driver (TypeORM 1.x dropped
 * the driver for the `sqlite3` package): WAL, foreign keys, a busy timeout. One migration set per dialect.
 */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const migrationsDir = path.join(__dirname, 'migrations', db.type);
  const migrations = [path.join(migrationsDir, '*.{ts,js}')].filter(() => fs.existsSync(migrationsDir));
  if (db.type === 'postgres') {
    return {
      type: 'postgres',
      url: db.url,
      entities: ENTITIES,
      migrations,
      migrationsRun: false,
      synchronize: false,
      extra: { max: 10 },
    };
  }
  if (db.path !== ':memory:') fs.mkdirSync(path.dirname(db.path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: db.path,
    entities: ENTITIES,
    migrations,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (conn: { pragma(sql: string): unknown }) => {
      conn.pragma('synchronous = NORMAL');
      conn.pragma('foreign_keys = ON');
    },
  };
}
