import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../common/config';

/**
 * Every entity file. The database layer lists no entity itself: the app registers each feature's entities in that
 * feature's module (TypeOrmModule.forFeature, loaded with autoLoadEntities), and the TypeORM CLI, which has no
 * modules, finds the same classes by their file names (`*.entity.ts`); a foundation test holds the two together.
 */
export const ENTITY_FILES = path.join(__dirname, '..', '**', '*.entity.{ts,js}');

/**
 * TypeORM options for either database. SQLite goes through TypeORM's `better-sqlite3` driver (TypeORM 1.x dropped
 * the driver for the `sqlite3` package): WAL, foreign keys, a busy timeout. One migration set per dialect.
 */
export function dataSourceOptions(
  db: DatabaseConfig,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  const migrationsDir = path.join(__dirname, 'migrations', db.type);
  const migrations = [path.join(migrationsDir, '*.{ts,js}')].filter(() => fs.existsSync(migrationsDir));
  if (db.type === 'postgres') {
    return {
      type: 'postgres',
      url: db.url,
      entities,
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
    entities,
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
