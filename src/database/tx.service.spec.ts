import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { TxService } from './tx.service';

const make = (type: string) => new TxService({ options: { type } } as unknown as DataSource);

describe('TxService.sql', () => {
  it('lays out $n placeholders as ? with the parameters in the order they appear, a $n used twice given twice', () => {
    const sut = make('better-sqlite3');
    expect(sut.sql('UPDATE t SET a = $2 WHERE id = $1 AND b < $2', [7, 'x'])).toEqual([
      'UPDATE t SET a = ? WHERE id = ? AND b < ?',
      ['x', 7, 'x'],
    ]);
  });

  it('gives each call its own parameters when the same text comes again (the layout is remembered)', () => {
    const sut = make('better-sqlite3');
    const text = 'SELECT * FROM t WHERE a = $1 AND b = $2';
    sut.sql(text, [1, 2]);
    expect(sut.sql(text, [3, 4])).toEqual(['SELECT * FROM t WHERE a = ? AND b = ?', [3, 4]]);
    expect(sut.sql(text, [5, null])).toEqual(['SELECT * FROM t WHERE a = ? AND b = ?', [5, null]]);
  });

  it('passes PostgreSQL text and parameters through unchanged', () => {
    const sut = make('postgres');
    const params = [1, 2];
    expect(sut.sql('SELECT $2, $1', params)).toEqual(['SELECT $2, $1', params]);
  });
});

describe('TxService.dateParam', () => {
  it("writes TypeORM's SQLite text (UTC, milliseconds, a space for the T) and passes a Date through on PostgreSQL", () => {
    const d = new Date(Date.UTC(2026, 11, 6, 3, 4, 5, 67));
    expect(make('better-sqlite3').dateParam(d)).toBe('2026-12-06 03:04:05.067');
    expect(make('better-sqlite3').dateParam(new Date(Date.UTC(2027, 0, 1)))).toBe('2027-01-01 00:00:00.000');
    expect(make('postgres').dateParam(d)).toBe(d);
  });
});

describe('TxService.writeGrouped (SQLite group commit)', () => {
  let dir: string;
  let db: Database.Database;
  let sut: TxService;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-spec-'));
    db = new Database(path.join(dir, 'db.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL, seq integer NOT NULL DEFAULT 0)');
    db.exec("INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    sut = new TxService({
      options: { type: 'better-sqlite3' },
      driver: { databaseConnection: db },
    } as unknown as DataSource);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const update = 'UPDATE t SET v = ?, seq = ? WHERE id = ? AND seq < ?';

  it('writes the saves of one turn in one transaction, each settling once another connection sees it', async () => {
    const begins = jest.spyOn(sut, 'prepared');
    const other = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
    const seen: string[] = [];
    const writes = [1, 2, 3].map((id) =>
      sut.writeGrouped(update, [`x${id}`, 1, id, 1]).then((n) => {
        seen.push((other.prepare('SELECT v FROM t WHERE id = ?').get(id) as { v: string }).v);
        return n;
      }),
    );
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    expect(seen).toEqual(['x1', 'x2', 'x3']);
    expect(begins.mock.calls.filter(([q]) => q === 'BEGIN')).toHaveLength(1);
    other.close();
  });

  it("reports each statement's own changes (0 for a stale seq)", async () => {
    await sut.writeGrouped(update, ['new', 5, 1, 5]);
    const [stale, fresh] = await Promise.all([
      sut.writeGrouped(update, ['old', 4, 1, 4]),
      sut.writeGrouped(update, ['newer', 6, 1, 6]),
    ]);
    expect([stale, fresh]).toEqual([0, 1]);
    expect(db.prepare('SELECT v, seq FROM t WHERE id = 1').get()).toEqual({ v: 'newer', seq: 6 });
  });

  it('fails only the write that failed: the others of its group are written', async () => {
    const results = await Promise.allSettled([
      sut.writeGrouped(update, ['y1', 1, 1, 1]),
      sut.writeGrouped(update, [null, 1, 2, 1]), // NOT NULL
      sut.writeGrouped(update, ['y3', 1, 3, 1]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY id').all()).toEqual([{ v: 'y1' }, { v: 'b' }, { v: 'y3' }]);
    expect(db.inTransaction).toBe(false);
  });
});

describe('TxService.runGrouped (SQLite group commit)', () => {
  let dir: string;
  let file: string;
  let ds: DataSource;
  let sut: TxService;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tx-group-spec-'));
    file = path.join(dir, 'db.sqlite');
    const { DataSource: RealDataSource } = await import('typeorm');
    ds = new RealDataSource({
      type: 'better-sqlite3',
      database: file,
      prepareDatabase: (db: Database.Database) => {
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
      },
    });
    await ds.initialize();
    await ds.query('CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL)');
    await ds.query(
      'CREATE TABLE child (id integer PRIMARY KEY, tId integer NOT NULL REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    sut = new TxService(ds);
  });
  afterEach(async () => {
    await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const insert = (id: number, v: string | null) => (m: EntityManager) =>
    m.query('INSERT INTO t (id, v) VALUES (?, ?)', [id, v]).then(() => id);
  const rows = () => new Database(file, { readonly: true }).prepare('SELECT id, v FROM t ORDER BY id').all();

  it('commits the transactions of one turn together, each settling once another connection sees its rows', async () => {
    const transactions = jest.spyOn(ds, 'transaction');
    const seen: unknown[] = [];
    const all = [1, 2, 3].map((id) =>
      sut.runGrouped(insert(id, `v${id}`)).then((value) => {
        seen.push(rows().length);
        return value;
      }),
    );
    expect(await Promise.all(all)).toEqual([1, 2, 3]);
    expect(seen).toEqual([3, 3, 3]);
    expect(transactions).toHaveBeenCalledTimes(1);
  });

  it('rolls back only the one that threw, to its savepoint: the others, before and after it, are written', async () => {
    const results = await Promise.allSettled([
      sut.runGrouped(insert(1, 'a')),
      sut.runGrouped(async (m) => {
        await insert(2, 'b')(m); // written, then undone with the rest of this one
        await insert(3, null)(m); // NOT NULL
      }),
      sut.runGrouped(insert(4, 'd')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([
      { id: 1, v: 'a' },
      { id: 4, v: 'd' },
    ]);
  });

  it('runs them one after the other: each sees the writes of those before it in the group', async () => {
    const counts = await Promise.all(
      [1, 2, 3].map((id) =>
        sut.runGrouped(async (m) => {
          await insert(id, 'x')(m);
          return Number(((await m.query('SELECT count(*) AS n FROM t')) as { n: number }[])[0].n);
        }),
      ),
    );
    expect(counts).toEqual([1, 2, 3]);
  });

  it('rejects every one of the group when the COMMIT fails, and writes none of them', async () => {
    const results = await Promise.allSettled([
      sut.runGrouped(insert(1, 'a')),
      // A deferred foreign key is checked at COMMIT: the COMMIT fails.
      sut.runGrouped((m) => m.query('INSERT INTO child (id, tId) VALUES (1, 99)')),
      sut.runGrouped(insert(2, 'b')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows()).toEqual([]);
    // The queue goes on.
    await sut.runGrouped(insert(5, 'e'));
    expect(rows()).toEqual([{ id: 5, v: 'e' }]);
  });

  it('rejects every one of the group when SQLite rolled the whole transaction back', async () => {
    const results = await Promise.allSettled([
      sut.runGrouped(insert(1, 'a')),
      sut.runGrouped(async (m) => {
        await m.query('ROLLBACK'); // what SQLite does itself on a full disk or an I/O error
        throw new Error('disk full');
      }),
      sut.runGrouped(insert(2, 'b')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows()).toEqual([]);
    await sut.runGrouped(insert(3, 'c'));
    expect(rows()).toEqual([{ id: 3, v: 'c' }]);
  });

  it('execute and select run $n statements in the caller transaction: changes counted, booleans bound as 1/0', async () => {
    const changed = await sut.run(async (m) => {
      await sut.execute(m, 'INSERT INTO t (id, v) VALUES ($1, $2), ($3, $2)', [1, 'a', 2]);
      return sut.execute(m, 'UPDATE t SET v = $2 WHERE id <= $1 AND $3', [5, 'b', true]);
    });
    expect(changed).toBe(2);
    expect(await sut.run((m) => sut.execute(m, 'UPDATE t SET v = $1 WHERE $2', ['c', false]))).toBe(0);
    expect(
      await sut.run((m) => sut.select(m, 'SELECT id, v FROM t WHERE v = $1 ORDER BY id', ['b'])),
    ).toEqual([
      { id: 1, v: 'b' },
      { id: 2, v: 'b' },
    ]);
    // Without a manager: a read outside any transaction.
    expect(await sut.select(null, 'SELECT count(*) AS n FROM t WHERE id > $1', [1])).toEqual([{ n: 1 }]);
  });

  it('groups the ones that arrive while the queue is busy into the next COMMIT', async () => {
    let release!: () => void;
    const busy = sut.run(() => new Promise<void>((r) => (release = r)));
    const first = sut.runGrouped(insert(1, 'a'));
    await new Promise((r) => setImmediate(r));
    const transactions = jest.spyOn(ds, 'transaction'); // after the busy one began
    const second = sut.runGrouped(insert(2, 'b'));
    await new Promise((r) => setImmediate(r));
    release();
    await busy;
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(transactions).toHaveBeenCalledTimes(1);
  });
});
