/**
 * EntityReader (src/database/entity-reader.ts) returns exactly what TypeORM's findOne returns — same class, same
 * values, dates, booleans, floats and nulls converted the same way — on the database this run uses (the suite runs on
 * SQLite and on PostgreSQL).
 */
import { DataSource, In } from 'typeorm';
import { TxService } from '../src/database/tx.service';
import { Attempt } from '../src/exams/attempt.entity';
import { Exam } from '../src/exams/exam.entity';
import { User } from '../src/identity/user.entity';
import { QuestionRevision } from '../src/question-bank/question-revision.entity';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

describe('EntityReader', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
    // An attempt in progress (a null submittedAt, score and passed) next to the demo's submitted ones.
    const staff = await t.token('staff');
    const available = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
    await t.http().post(`/api/exams/${available.body[0].id}/attempts`).set(bearer(staff));
  });
  afterAll(async () => t.close());

  it('reads every exam as findOne does', async () => {
    const ds = t.app.get(DataSource);
    const reader = t.app.get(TxService).reader(Exam);
    const exams = await ds.getRepository(Exam).find();
    expect(exams.length).toBeGreaterThan(3);
    for (const e of exams) {
      const read = await reader.byId(e.id);
      expect(read).toBeInstanceOf(Exam);
      expect(read).toStrictEqual(await ds.getRepository(Exam).findOne({ where: { id: e.id } }));
    }
    expect(await reader.byId(987654)).toBeNull();
  });

  it('reads attempts, submitted and in progress, as findOne does', async () => {
    const ds = t.app.get(DataSource);
    const reader = t.app.get(TxService).reader(Attempt);
    const attempts = await ds.getRepository(Attempt).find();
    expect(attempts.some((a) => a.status === 'in-progress')).toBe(true);
    expect(attempts.some((a) => a.status === 'submitted' && a.passed !== null)).toBe(true);
    for (const a of attempts)
      expect(await reader.byId(a.id)).toStrictEqual(
        await ds.getRepository(Attempt).findOne({ where: { id: a.id } }),
      );
  });

  it('reads many by id (over 900 keys in one statement, a key twice, a missing key) as find does', async () => {
    const repo = t.app.get(DataSource).getRepository(QuestionRevision);
    const all = await repo.find({ select: { id: true } });
    expect(all.length).toBeGreaterThan(900);
    const ids = [...all.map((r) => r.id), all[0].id, 987654];
    const byId = (rs: QuestionRevision[]) => [...rs].sort((a, b) => a.id - b.id);
    const read = await t.app.get(TxService).reader(QuestionRevision).byIds(ids);
    expect(read.length).toBe(all.length);
    expect(byId(read)).toStrictEqual(byId(await repo.find({ where: { id: In(ids) } })));
    expect(await t.app.get(TxService).reader(QuestionRevision).byIds([])).toEqual([]);
  });

  it('refuses an entity with relations', () => {
    expect(() => t.app.get(TxService).reader(User)).toThrow(/plain columns/);
  });
});
