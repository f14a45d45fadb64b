/**
 * `npm run backup` while candidates save answers, then `npm run restore` of that backup: every answer acknowledged
 * before the backup started is there, answers saved after it are not (the database really was replaced), the
 * replaced database is kept aside, and restore refuses a running server and files it cannot use. On SQLite and,
 * with DATABASE_URL, on PostgreSQL (pg_dump / pg_restore).
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { keyToDisplay } from '../src/exams/option-labels';
import { BackupService } from '../src/database/backup.service';
import { savedRows, type SavedRow } from '../scripts/resilience/saved-rows';
import { publishCommonExam } from './helpers/sit-exam';
import { bearer, bootTestApp, TestApp, usingPostgres } from './helpers/test-app';

const ROOT = path.resolve(__dirname, '..');

describe('backup and restore', () => {
  let t: TestApp;
  let backupDir: string;
  jest.setTimeout(240_000);

  beforeAll(async () => {
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuefa-backups-'));
    t = await bootTestApp({ BACKUP_DIR: backupDir, BACKUP_KEEP: '3' });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  /** `npm run <script> [arg]` against the test's database; resolves with the exit code and the output. */
  const npmRun = (script: string, arg?: string): Promise<{ code: number; out: string }> => {
    const db = t.config.database;
    const env = {
      ...process.env,
      DATABASE_URL: db.type === 'postgres' ? db.url : '',
      DATABASE_PATH: db.type === 'sqlite' ? db.path : '',
      BACKUP_DIR: backupDir,
      BACKUP_KEEP: '3',
    };
    return new Promise((resolve, reject) => {
      const child = spawn('npm', ['run', '-s', script, ...(arg ? [arg] : [])], { cwd: ROOT, env });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, out }));
    });
  };

  type Ack = { seq: number; response: string };
  /** A stored row as the candidate saw it: responses are kept in the bank's keys, sent as position letters. */
  const asShown = (r: SavedRow) => ({
    ...r,
    response:
      r.response && r.optionOrder
        ? JSON.stringify(keyToDisplay(JSON.parse(r.optionOrder), JSON.parse(r.response)))
        : r.response,
  });
  const stored = async (attemptIds: number[]) => {
    const db = t.app.get(DataSource);
    const rows = await savedRows((sql) => db.query(sql), attemptIds);
    return new Map(rows.map((r) => [`${r.attemptId}:${r.questionId}`, asShown(r)]));
  };
  /** Acknowledged saves the rows do not hold (a newer seq, or the same seq with the same answer, counts as held). */
  const missing = (acked: Map<string, Ack>, rows: Map<string, { seq: number; response: string | null }>) =>
    [...acked].filter(([k, a]) => {
      const s = rows.get(k);
      return !s || !(Number(s.seq) > a.seq || (Number(s.seq) === a.seq && s.response === a.response));
    });

  it('backs up under answer-save load; restore brings back every answer acknowledged before the backup started', async () => {
    const trainer = await t.token('trainer');
    const examId = await publishCommonExam(t, trainer, {
      title: '备份测试',
      kind: 'law-study',
      passMark: 12,
      rules: [{ type: 'single', count: 20, points: 1 }],
      timeLimitMinutes: 120,
      attemptsAllowed: 0,
      reviewPolicy: 'after-submit',
      multipleMode: 'partial',
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
      audience: {},
    });
    const candidates = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const token = await t.token(`S${String(i + 1).padStart(4, '0')}`);
        const paper = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(token)).expect(201);
        return { token, attemptId: paper.body.id as number, questions: paper.body.questions, seq: 0 };
      }),
    );
    const acked = new Map<string, Ack>();
    let running = true;
    const load = candidates.map(async (c) => {
      while (running) {
        const q = c.questions[Math.floor(Math.random() * c.questions.length)];
        const seq = ++c.seq;
        const answer = q.options[Math.floor(Math.random() * q.options.length)].key;
        const res = await fetch(`${t.url}/api/attempts/${c.attemptId}/answers/${q.id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', ...bearer(c.token) },
          body: JSON.stringify({ response: answer, seq }),
        });
        const body = (await res.json()) as { saved?: boolean };
        if (res.status === 200 && body.saved)
          acked.set(`${c.attemptId}:${q.id}`, { seq, response: JSON.stringify(answer) });
      }
    });
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      await until(() => acked.size >= 40);
      // Everything acknowledged up to here must be in the backup; saves go on while it runs.
      const before = new Map(acked);
      const backup = await npmRun('backup');
      expect(backup).toMatchObject({ code: 0, out: expect.stringContaining('备份完成') });
      const file = /备份完成：(.+?)（/.exec(backup.out)![1];
      expect(fs.existsSync(file)).toBe(true);
      // Saves acknowledged after the backup ended: newer seqs the backup cannot hold.
      const after = new Map<string, Ack>();
      const snapshot = new Map(acked);
      await until(() => {
        for (const [k, a] of acked) if ((snapshot.get(k)?.seq ?? 0) < a.seq) after.set(k, a);
        return after.size >= 10;
      });
      running = false;
      await Promise.all(load);
      const attemptIds = candidates.map((c) => c.attemptId);
      expect(missing(acked, await stored(attemptIds))).toEqual([]);

      const refused = await npmRun('restore', file);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(usingPostgres() ? /连接/ : /正在使用该数据库/);

      await t.stop();
      const restore = await npmRun('restore', file);
      expect(restore).toMatchObject({ code: 0, out: expect.stringContaining('恢复完成') });
      const aside = /被替换的数据库已保留：(.+)/.exec(restore.out)![1].split('、');
      await t.start();

      const rows = await stored(attemptIds);
      expect(before.size).toBeGreaterThanOrEqual(40);
      expect(missing(before, rows)).toEqual([]);
      // The database really is the backup: the saves after it are gone…
      expect(missing(after, rows).length).toBe(after.size);
      // …and kept in the replaced database set aside.
      for (const f of aside) expect(fs.existsSync(f)).toBe(true);
      if (!usingPostgres()) {
        const old = new Database(aside[0], { readonly: true });
        try {
          const oldRows = new Map(
            (await savedRows((sql) => old.prepare(sql).all() as Record<string, unknown>[], attemptIds)).map(
              (r) => [`${r.attemptId}:${r.questionId}`, asShown(r)],
            ),
          );
          expect(missing(acked, oldRows)).toEqual([]);
        } finally {
          old.close();
        }
      } else {
        expect(execFileSync('pg_restore', ['--list', aside[0]]).toString()).toContain('attempt_answer');
      }
      // The restored platform works: the candidates carry on.
      const c = candidates[0];
      await t.http().get(`/api/attempts/${c.attemptId}`).set(bearer(c.token)).expect(200);
    } finally {
      running = false;
      await Promise.all(load);
    }
  });

  it('refuses, changing nothing, a file that is not a database, not this app’s, or from a newer version', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuefa-bad-backups-'));
    try {
      const garbage = path.join(dir, 'garbage.sqlite');
      fs.writeFileSync(garbage, Buffer.alloc(8192, 7));
      const foreign = path.join(dir, 'foreign.sqlite');
      const f = new Database(foreign);
      f.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
      f.close();
      const cases: [string, RegExp][] = [
        [garbage, /检查未通过/],
        [foreign, /检查未通过/],
      ];
      // A backup of a database that ran a migration this version does not have.
      const ds = t.app.get(DataSource);
      await ds.query(
        `INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'Future9999999999999')`,
      );
      try {
        const r = await npmRun('backup', dir);
        expect(r.code).toBe(0);
        cases.push([/备份完成：(.+?)（/.exec(r.out)![1], /更新版本/]);
      } finally {
        await ds.query('DELETE FROM migrations WHERE timestamp = 9999999999999');
      }
      await t.stop();
      try {
        const path0 = t.config.database.type === 'sqlite' ? t.config.database.path : null;
        const sizeBefore = path0 ? fs.statSync(path0).size : 0;
        for (const [file, message] of cases) {
          const res = await npmRun('restore', file);
          expect({ file, code: res.code }).toEqual({ file, code: 1 });
          expect(res.out).toMatch(message);
          expect(res.out).toContain('数据库未改动');
        }
        if (path0) {
          expect(fs.statSync(path0).size).toBe(sizeBefore);
          expect(fs.readdirSync(path.dirname(path0)).filter((n) => n.includes('.restoring'))).toEqual([]);
        }
      } finally {
        await t.start();
      }
      await t.http().get('/api/health').expect(200);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes scheduled backups inside the server and keeps the newest BACKUP_KEEP', async () => {
    const service = t.app.get(BackupService);
    const files: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await service.runScheduled();
      expect(r).not.toBeNull();
      files.push(r!.file);
    }
    const kept = fs.readdirSync(backupDir).filter((f) => /^xuefa-\d{4}-.*Z\.(sqlite|dump)$/.test(f));
    expect(kept.length).toBe(3);
    expect(kept.map((f) => path.join(backupDir, f))).toEqual(expect.arrayContaining(files.slice(1)));
    expect(fs.existsSync(files[0])).toBe(false);
  });
});
