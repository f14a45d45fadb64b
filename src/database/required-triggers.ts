import type { DataSource } from 'typeorm';

/**
 * Triggers the migrations create and TypeORM does not track: they keep the SQLite search tables (migration Study)
 * and the 持证率 snapshots (migration ReportSummaries) in step with their tables. A later migration that rebuilds
 * one of those tables (SQLite does that for many column changes) drops its triggers silently; start-up then stops
 * with this list instead of serving stale search results or reports.
 */
export const REQUIRED_TRIGGERS: Record<'sqlite' | 'postgres', string[]> = {
  sqlite: [
    'article_fts_insert',
    'article_fts_delete',
    'article_fts_update',
    'study_material_fts_insert',
    'study_material_fts_delete',
    'study_material_fts_update',
    'certificate_snapshot_insert',
    'certificate_snapshot_delete',
    'certificate_snapshot_update',
    'post_history_snapshot_insert',
    'post_history_snapshot_delete',
    'post_history_snapshot_update',
  ],
  postgres: ['certificate_snapshot', 'post_history_snapshot'],
};

/** The required triggers missing from a database that has these ones. */
export function missingTriggers(dialect: 'sqlite' | 'postgres', present: string[]): string[] {
  const have = new Set(present);
  return REQUIRED_TRIGGERS[dialect].filter((t) => !have.has(t));
}

export async function assertRequiredTriggers(ds: DataSource): Promise<void> {
  const dialect = ds.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const rows = (await ds.query(
    dialect === 'postgres'
      ? 'SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal'
      : "SELECT name FROM sqlite_master WHERE type = 'trigger'",
  )) as { name: string }[];
  const missing = missingTriggers(
    dialect,
    rows.map((r) => r.name),
  );
  if (missing.length)
    throw new Error(
      `数据库缺少触发器：${missing.join('、')}。它们由迁移创建，重建了相应表的迁移须重新创建它们（见 src/database/required-triggers.ts）。`,
    );
}
