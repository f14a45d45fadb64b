import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { EntityReader } from './entity-reader';

export interface SqliteStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  readonly inTransaction: boolean;
}

/** A transaction waiting for its group's COMMIT (runGrouped). */
interface GroupedTransaction {
  fn: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Every write goes through here. On SQLite TypeORM shares one connection between all requests and does not
 * serialize transactions (typeorm #307, #1884, #8668): a statement issued by another request while a transaction
 * is open joins that transaction and would be rolled back with it. So on SQLite both transactions (`run`) and
 * single-statement writes (`write`) wait in one in-process queue. On PostgreSQL each gets its own pooled
 * connection and nothing is queued.
 *
 * Rules: keep the callback short, with no awaits on anything but the database; never call `run`/`write` from
 * inside a callback (it would wait for itself); never start them inside `Promise.all`.
 */
@Injectable()
export class TxService {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, SqliteStatement>();
  /** SQLite: each raw SQL text as laid out by `sql` (its ? text and the parameter order), the regex run once. */
  private readonly layouts = new Map<string, { sql: string; order: number[] }>();
  /** SQLite: the writes waiting for the next group commit (writeGrouped). */
  private grouped: {
    sql: string;
    params: unknown[];
    resolve: (changes: number) => void;
    reject: (e: unknown) => void;
  }[] = [];

  /** SQLite: the transactions waiting for the next grouped COMMIT (runGrouped). */
  private transactionGroup: GroupedTransaction[] = [];

  constructor(private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  get isSqlite(): boolean {
    return this.serial;
  }

  /**
   * Raw SQL is written once with PostgreSQL's $1 placeholders; on SQLite each $n becomes a positional ? and the
   * parameters are laid out in the order they appear (so a $n may be used more than once).
   */
  sql(text: string, params: unknown[]): [string, unknown[]] {
    if (!this.serial) return [text, params];
    let layout = this.layouts.get(text);
    if (!layout) {
      const order: number[] = [];
      const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
        order.push(Number(n) - 1);
        return '?';
      });
      layout = { sql, order };
      // The texts come from code (a chunked statement has one text per chunk size): few, but not fixed.
      if (this.layouts.size >= 1000) this.layouts.clear();
      this.layouts.set(text, layout);
    }
    const ordered = new Array<unknown>(layout.order.length);
    for (let i = 0; i < ordered.length; i++) ordered[i] = params[layout.order[i]];
    return [layout.sql, ordered];
  }

  /** A Date as raw SQL parameter: TypeORM's 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) text on SQLite, a Date on PostgreSQL. */
  dateParam(d: Date): Date | string {
    if (!this.serial) return d;
    // Two slices, not two replaces: it runs twice on every answer save.
    const iso = d.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  }

  /**
   * SQLite only: a prepared better-sqlite3 statement on TypeORM's own connection (one per SQL text, kept), for the
   * hottest paths where TypeORM's query runner costs more than the statement. `sql` is written with ? placeholders.
   * Reads may run anywhere; a write must run inside `write`/`run` like every other write (inside `run` it is part
   * of that transaction: the same connection, and the queue lets nothing else in).
   */
  prepared(sql: string): SqliteStatement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.connection().prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /**
   * One statement in the caller's transaction or write (`m`), written with $n placeholders; resolves to the rows it
   * changed. On SQLite a prepared statement on the one connection (the caller holds the queue), skipping TypeORM's
   * query runner, which cost more than most of the scoring transaction's statements themselves (issue #19); on
   * PostgreSQL `m`'s query runner. Booleans are bound as 1/0 on SQLite; dates go through `dateParam`.
   */
  async execute(m: EntityManager, text: string, params: unknown[]): Promise<number> {
    const [sql, laid] = this.sql(text, params);
    if (this.serial) return this.prepared(sql).run(...laid.map(sqliteValue)).changes;
    const runner = m.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const r = await runner.query(sql, laid, true);
      return r.affected ?? 0;
    } finally {
      if (!m.queryRunner) await runner.release();
    }
  }

  /**
   * The rows of one query, written with $n placeholders: in the caller's transaction (`m`, as `execute`; an
   * INSERT … RETURNING too), or with `m` null a read outside any transaction. On SQLite a prepared statement on the
   * one connection (a read may run anywhere), on PostgreSQL `m` or the pool.
   */
  async select<R>(m: EntityManager | null, text: string, params: unknown[]): Promise<R[]> {
    const [sql, laid] = this.sql(text, params);
    if (this.serial) return this.prepared(sql).all(...laid.map(sqliteValue)) as R[];
    return (await (m ?? this.dataSource.manager).query(sql, laid)) as R[];
  }

  /**
   * SQLite only: a single-statement write (`sql` with ? placeholders, run as a prepared statement) that shares its
   * commit with the other such writes arriving in the same turn of the event loop (group commit): they run in order
   * in one transaction behind the queue, and each promise settles only after that COMMIT, so nothing is acknowledged
   * before it is durable. If a statement or the COMMIT fails, the transaction is rolled back and each write runs on
   * its own, so a failure is only its own write's. Resolves to the rows the statement changed.
   */
  writeGrouped(sql: string, params: unknown[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.grouped.push({ sql, params, resolve, reject });
      if (this.grouped.length === 1)
        setImmediate(() => void this.write(() => Promise.resolve(this.flushGrouped())));
    });
  }

  private flushGrouped(): void {
    const group = this.grouped;
    this.grouped = [];
    if (group.length > 1) {
      const changes: number[] = [];
      let committed = false;
      try {
        this.prepared('BEGIN').run();
        try {
          for (const w of group) changes.push(this.prepared(w.sql).run(...w.params).changes);
          this.prepared('COMMIT').run();
          committed = true;
        } finally {
          if (!committed) this.prepared('ROLLBACK').run();
        }
      } catch {
        // Rolled back (or never begun): each write on its own below.
      }
      if (committed) {
        group.forEach((w, i) => w.resolve(changes[i]));
        return;
      }
    }
    for (const w of group) {
      try {
        w.resolve(this.prepared(w.sql).run(...w.params).changes);
      } catch (e) {
        w.reject(e);
      }
    }
  }

  /** A by-id reader of an entity of plain columns, with no query built per call (EntityReader). */
  reader<T extends ObjectLiteral>(target: EntityTarget<T>): EntityReader<T> {
    return new EntityReader(this.dataSource, this, target);
  }

  /** A transaction: all or nothing. */
  run<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const task = () => this.dataSource.transaction(fn);
    return this.serial ? this.enqueue(task) : task();
  }

  /**
   * A transaction that may share its COMMIT with the others asking at the same time (SQLite group commit; on
   * PostgreSQL it is `run`). Same contract as `run`: all or nothing, and the promise settles only after the COMMIT,
   * so nothing is acknowledged before it is durable. The transactions arriving in one turn of the event loop (and
   * while the queue was busy) run one after the other in one transaction, each inside its own SAVEPOINT: one that
   * throws is rolled back to its savepoint and rejects, the others go on. If the COMMIT fails, or SQLite rolled the
   * whole transaction back (a full disk, an I/O error), every one of them rejects and nothing of them was written.
   * Each sees the writes of those before it, as if run one after the other. For the hot writes of many requests at
   * once (scoring a submit, issue #19): a COMMIT writes every page it dirtied, and pages shared by the group (the
   * attempt index, the last page of an append-only table) are written once per group instead of once each.
   */
  runGrouped<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.run(fn);
    return new Promise<T>((resolve, reject) => {
      this.transactionGroup.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (this.transactionGroup.length === 1) setImmediate(() => void this.enqueue(() => this.commitGroup()));
    });
  }

  private async commitGroup(): Promise<void> {
    const group = this.transactionGroup;
    this.transactionGroup = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.dataSource.transaction(async (m) => {
        for (const t of group) {
          this.prepared('SAVEPOINT grouped').run();
          try {
            const value = await t.fn(m);
            this.prepared('RELEASE grouped').run();
            outcomes.push({ ok: true, value });
          } catch (e) {
            // SQLite rolls the whole transaction back on some errors: then nothing of the group is left to commit.
            if (!this.connection().inTransaction) throw e;
            this.prepared('ROLLBACK TO grouped').run();
            this.prepared('RELEASE grouped').run();
            outcomes.push({ ok: false, value: e });
          }
        }
      });
    } catch (e) {
      for (const t of group) t.reject(e);
      return;
    }
    group.forEach((t, i) => (outcomes[i].ok ? t.resolve(outcomes[i].value) : t.reject(outcomes[i].value)));
  }

  private connection(): SqliteDatabase {
    return (this.dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
  }

  /** A single-statement write (an upsert, a guarded update) that needs no transaction of its own. */
  write<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const task = () => fn(this.dataSource.manager);
    return this.serial ? this.enqueue(task) : task();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** better-sqlite3 binds no booleans (TypeORM's query runner turned them into 1/0 too). */
function sqliteValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
