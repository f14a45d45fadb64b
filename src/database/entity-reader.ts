import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { TxService } from './tx.service';

/**
 * Reads one entity by its primary key without building a query each time: the SELECT is written once from the
 * entity's metadata and run as a prepared statement (SQLite) or one plain query (PostgreSQL), and each value is
 * converted by TypeORM's own driver (`prepareHydratedValue`: dates, booleans, numbers) exactly as `findOne` converts
 * it. `repository.findOne({ where: { id } })` spent ~0.7 ms of JavaScript per call building and hydrating the query
 * for an 87 µs statement; an exam start and a submit each read their exam (issue #19).
 *
 * Only for entities made of plain columns with a single primary column (no relations, embedded or virtual columns):
 * the constructor refuses any other.
 */
/** Keys per IN list: well under SQLite's and PostgreSQL's parameter limits. */
const BY_IDS_CHUNK = 500;

export class EntityReader<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly text: string;
  /** The SELECT without its WHERE, and the primary key's column, for byIds. */
  private readonly select: string;
  private readonly key: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TxService,
    target: EntityTarget<T>,
  ) {
    const m = dataSource.getMetadata(target);
    if (
      m.primaryColumns.length !== 1 ||
      m.relations.length ||
      m.embeddeds.length ||
      m.columns.some((c) => c.isVirtual)
    )
      throw new Error(`EntityReader: ${m.name} is not an entity of plain columns with one primary key`);
    this.metadata = m;
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const columns = m.columns.map((c) => q(c.databaseName)).join(', ');
    this.select = `SELECT ${columns} FROM ${q(m.tableName)}`;
    this.key = q(m.primaryColumns[0].databaseName);
    this.text = `${this.select} WHERE ${this.key} = $1`;
  }

  /** The entities with these primary keys (each once, in no particular order); missing ones are left out. */
  async byIds(ids: readonly number[]): Promise<T[]> {
    const unique = [...new Set(ids)];
    const out: T[] = [];
    for (let i = 0; i < unique.length; i += BY_IDS_CHUNK) {
      const chunk = unique.slice(i, i + BY_IDS_CHUNK);
      const text = `${this.select} WHERE ${this.key} IN (${chunk.map((_, k) => `$${k + 1}`).join(', ')})`;
      const [sql, params] = this.tx.sql(text, chunk);
      const rows = this.tx.isSqlite
        ? (this.tx.prepared(sql).all(...params) as Record<string, unknown>[])
        : ((await this.dataSource.query(sql, params)) as Record<string, unknown>[]);
      for (const row of rows) out.push(this.hydrate(row));
    }
    return out;
  }

  /** The entity with this primary key, as findOne would return it, or null. */
  async byId(id: number): Promise<T | null> {
    const [sql, params] = this.tx.sql(this.text, [id]);
    const row = this.tx.isSqlite
      ? (this.tx.prepared(sql).get(...params) as Record<string, unknown> | undefined)
      : ((await this.dataSource.query(sql, params)) as Record<string, unknown>[])[0];
    return row ? this.hydrate(row) : null;
  }

  private hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create() as T;
    const driver = this.dataSource.driver;
    for (const column of this.metadata.columns) {
      const value = row[column.databaseName];
      if (value === undefined) continue;
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }
}
