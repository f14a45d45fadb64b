import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { TxService } from '../database/tx.service';
import { AttemptItem } from './attempt-item.entity';
import { Attempt } from './attempt.entity';
import { sumObservations } from './item-stats';

/** An attempt item as the paper view reads it. */
export type PaperItem = Pick<
  AttemptItem,
  'questionId' | 'revisionId' | 'type' | 'points' | 'part' | 'optionOrder' | 'blanks' | 'response' | 'seq'
>;

/** An attempt item as scoring reads it. */
export type ScoredItem = Pick<
  AttemptItem,
  'id' | 'questionId' | 'revisionId' | 'part' | 'points' | 'type' | 'response' | 'optionOrder'
>;

/** What a save needs to know about its target, read in one statement. */
export interface SaveTarget {
  userId: number;
  status: string;
  deadline: Date | null;
  type: AttemptItem['type'];
  optionOrder: string | null;
  blanks: number;
}

/** A row of a new paper. */
export interface NewItem {
  part: string;
  questionId: number;
  revisionId: number;
  type: AttemptItem['type'];
  points: number;
  /** Option keys in display order; a case: its sub-questions' layout (SubLayout[]). */
  optionOrder: unknown[] | null;
  blanks: number;
}

/** The INSERT of n paper rows (9 columns each, $1…$9n), kept per n. */
const itemsInserts = new Map<number, string>();
function itemsInsert(n: number): string {
  let text = itemsInserts.get(n);
  if (!text) {
    const rows = Array.from(
      { length: n },
      (_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`,
    );
    text = `INSERT INTO attempt_item ("attemptId", position, part, "questionId", "revisionId", type, points, "optionOrder", blanks) VALUES ${rows.join(', ')}`;
    itemsInserts.set(n, text);
  }
  return text;
}

/**
 * The hand-written SQL of attempts: paper rows, the save statement, scoring writes and item statistics. Written
 * once with PostgreSQL placeholders; `TxService.sql` lays them out for SQLite. The dialect branches live here and
 * nowhere else in the exams feature.
 */
@Injectable()
export class AttemptsRepository {
  constructor(
    @InjectRepository(Attempt) private readonly attempts: Repository<Attempt>,
    @InjectRepository(AttemptItem) private readonly items: Repository<AttemptItem>,
    private readonly tx: TxService,
  ) {}

  /** One attempt by id, read raw (no query builder, no entity hydration): start, submit and resume read it. */
  async attemptById(id: number): Promise<Attempt | null> {
    const rows = await this.read(`SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE id = $1`, [id]);
    return rows.length ? toAttempt(rows[0]) : null;
  }

  /** The person's attempts at one exam, oldest first. */
  async attemptsOf(examId: number, userId: number): Promise<Attempt[]> {
    const rows = await this.read(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempt WHERE "examId" = $1 AND "userId" = $2 ORDER BY "attemptNo" ASC`,
      [examId, userId],
    );
    return rows.map(toAttempt);
  }

  /**
   * A new attempt in one raw INSERT … RETURNING id (TypeORM's save reads the row back with a second statement).
   * Returns the attempt as stored, the columns' defaults filled in.
   */
  async insertAttempt(
    m: EntityManager,
    a: Pick<Attempt, 'examId' | 'userId' | 'attemptNo' | 'seed' | 'startedAt' | 'deadline' | 'maxScore'>,
  ): Promise<Attempt> {
    const [sql, params] = this.tx.sql(
      'INSERT INTO attempt ("examId", "userId", "attemptNo", status, seed, "startedAt", deadline, "maxScore") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id',
      [
        a.examId,
        a.userId,
        a.attemptNo,
        'in-progress',
        a.seed,
        this.tx.dateParam(a.startedAt),
        a.deadline ? this.tx.dateParam(a.deadline) : null,
        a.maxScore,
      ],
    );
    const rows = (await m.query(sql, params)) as { id: number }[];
    return {
      ...a,
      id: Number(rows[0].id),
      status: 'in-progress',
      extensionMinutes: 0,
      submittedAt: null,
      submittedBy: null,
      score: null,
      passed: null,
      parts: null,
      focusLossCount: 0,
      invalidReason: null,
    };
  }

  /** Ids of an attempt's written answers (a reopened attempt's, from its earlier submission), in a transaction. */
  async writtenAnswerIds(m: EntityManager, attemptId: number): Promise<{ id: number }[]> {
    const rows = (await m.query(
      ...this.tx.sql('SELECT id FROM written_answer WHERE "attemptId" = $1', [attemptId]),
    )) as { id: number }[];
    return rows.map((r) => ({ id: Number(r.id) }));
  }

  /** A read outside any transaction: a prepared statement on SQLite, the pool on PostgreSQL. */
  private async read(text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    const [sql, params] = this.tx.sql(text, values);
    return this.tx.isSqlite
      ? (this.tx.prepared(sql).all(...params) as Record<string, unknown>[])
      : ((await this.attempts.query(sql, params)) as Record<string, unknown>[]);
  }

  /**
   * The paper's rows. SQLite: one prepared single-row INSERT run per item inside the caller's transaction (parsing a
   * 900-parameter statement cost more than the 100 runs); PostgreSQL: one multi-row INSERT per 100 items (one round
   * trip each, 900 parameters, far below its limit).
   */
  async insertItems(m: EntityManager, attemptId: number, items: NewItem[]): Promise<void> {
    const row = (it: NewItem, position: number) => [
      attemptId,
      position,
      it.part,
      it.questionId,
      it.revisionId,
      it.type,
      it.points,
      it.optionOrder ? JSON.stringify(it.optionOrder) : null,
      it.blanks,
    ];
    // One multi-row INSERT per 100 rows (its text kept per row count); on SQLite a prepared statement, in the
    // caller's transaction like every statement here.
    for (let i = 0; i < items.length; i += 100) {
      const chunk = items.slice(i, i + 100);
      const params = chunk.flatMap((it, k) => row(it, i + k));
      const text = itemsInsert(chunk.length);
      if (this.tx.isSqlite) {
        const [sql, laid] = this.tx.sql(text, params);
        this.tx.prepared(sql).run(...laid);
      } else await m.query(text, params);
    }
  }

  /** The paper's rows in display order. */
  async paperItems(attemptId: number): Promise<PaperItem[]> {
    const rows = (await this.attempts.query(
      ...this.tx.sql(
        'SELECT "questionId" AS "questionId", "revisionId" AS "revisionId", type, points, part, "optionOrder" AS "optionOrder", blanks, response, seq FROM attempt_item WHERE "attemptId" = $1 ORDER BY position ASC',
        [attemptId],
      ),
    )) as PaperItem[];
    return rows.map((r) => ({
      ...r,
      questionId: Number(r.questionId),
      revisionId: Number(r.revisionId),
      points: Number(r.points),
      blanks: Number(r.blanks),
      seq: Number(r.seq),
    }));
  }

  /** The attempt and item a save targets (the hottest read: a prepared statement on SQLite). */
  async saveTarget(attemptId: number, questionId: number): Promise<SaveTarget | undefined> {
    const sql =
      'SELECT a."userId" AS "userId", a.status AS status, a.deadline AS deadline, i.type AS type, i."optionOrder" AS "optionOrder", i.blanks AS blanks FROM attempt a JOIN attempt_item i ON i."attemptId" = a.id WHERE a.id = $1 AND i."questionId" = $2';
    type Row = Omit<SaveTarget, 'deadline'> & { deadline: string | Date | null };
    const row = this.tx.isSqlite
      ? (this.tx.prepared(sql.replace(/\$\d/g, '?')).get(attemptId, questionId) as Row | undefined)
      : ((await this.attempts.query(sql, [attemptId, questionId])) as Row[])[0];
    if (!row) return undefined;
    return {
      ...row,
      userId: Number(row.userId),
      blanks: Number(row.blanks),
      deadline: row.deadline ? toDate(row.deadline) : null,
    };
  }

  /**
   * Writes one response in one statement, only while the attempt of `userId` is in progress and its deadline is not
   * before `cutoff` (now minus the grace), and only if `seq` is newer than the stored one. Returns the number of rows
   * changed (0 or 1); 0 says nothing about why (the caller reads the item to find out).
   */
  async writeResponse(
    attemptId: number,
    questionId: number,
    userId: number,
    json: string | null,
    seq: number,
    now: Date,
    cutoff: Date,
  ): Promise<number> {
    const at = this.tx.dateParam(now);
    const until = this.tx.dateParam(cutoff);
    const update = (lock: string) =>
      `UPDATE attempt_item SET response = $1, seq = $2, "savedAt" = $3 WHERE "attemptId" = $4 AND "questionId" = $5 AND seq < $2 AND "attemptId" IN (SELECT id FROM attempt WHERE id = $4 AND "userId" = $6 AND status = 'in-progress' AND (deadline IS NULL OR deadline >= $7)${lock})`;
    const values = [json, seq, at, attemptId, questionId, userId, until];
    // SQLite: the saves of one turn of the event loop share one commit (each acknowledged after it).
    if (this.tx.isSqlite) return this.tx.writeGrouped(...this.tx.sql(update(''), values));
    // PostgreSQL: a named prepared statement on the pooled connection (parsed and planned once per connection, not
    // on every save); the row count of the UPDATE.
    return this.tx.write(async (m) => {
      const runner = m.connection.createQueryRunner();
      try {
        const client = (await runner.connect()) as {
          query(q: { name: string; text: string; values: unknown[] }): Promise<{ rowCount: number | null }>;
        };
        const r = await client.query({ name: 'xuefa_save_answer', text: update(' FOR SHARE'), values });
        return r.rowCount ?? 0;
      } finally {
        await runner.release();
      }
    });
  }

  /** The stored seq and response of one item (after a save was ignored). */
  async savedItem(
    attemptId: number,
    questionId: number,
  ): Promise<{ seq: number; response: string | null } | null> {
    const item = await this.items.findOne({
      where: { attemptId, questionId },
      select: { id: true, seq: true, response: true },
    });
    return item ? { seq: Number(item.seq), response: item.response } : null;
  }

  async revisionIds(attemptId: number): Promise<number[]> {
    const rows = (await this.attempts.query(
      ...this.tx.sql('SELECT "revisionId" AS "revisionId" FROM attempt_item WHERE "attemptId" = $1', [
        attemptId,
      ]),
    )) as { revisionId: number }[];
    return rows.map((r) => Number(r.revisionId));
  }

  /** The guarded status change that lets exactly one caller score an attempt. */
  async claimForScoring(m: EntityManager, id: number, by: string, now: Date): Promise<boolean> {
    const won = await this.affected(
      m,
      'UPDATE attempt SET status = $1, "submittedAt" = $2, "submittedBy" = $3 WHERE id = $4 AND status = $5',
      ['submitted', this.tx.dateParam(now), by, id, 'in-progress'],
    );
    return won > 0;
  }

  /** Submitted with written answers to mark: 待阅卷, neither passed nor failed yet. */
  async markAwaiting(m: EntityManager, id: number): Promise<void> {
    await m.query(
      ...this.tx.sql('UPDATE attempt SET status = $1, passed = NULL WHERE id = $2', ['awaiting-marking', id]),
    );
  }

  /** The items to score, locked on PostgreSQL. */
  async itemsForScoring(m: EntityManager, id: number): Promise<ScoredItem[]> {
    const rows = (await m.query(
      ...this.tx.sql(
        `SELECT id, "questionId" AS "questionId", "revisionId" AS "revisionId", part, points, type, response, "optionOrder" AS "optionOrder" FROM attempt_item WHERE "attemptId" = $1 ORDER BY position ASC${this.tx.isSqlite ? '' : ' FOR UPDATE'}`,
        [id],
      ),
    )) as ScoredItem[];
    return rows.map((r) => ({
      id: Number(r.id),
      questionId: Number(r.questionId),
      revisionId: Number(r.revisionId),
      part: r.part,
      points: Number(r.points),
      type: r.type,
      response: r.response,
      optionOrder: r.optionOrder,
    }));
  }

  /** Each item's score and state in one UPDATE per 100 items (CASE on id) instead of one per item. */
  async storeItemScores(
    m: EntityManager,
    items: Pick<ScoredItem, 'id'>[],
    per: { score: number; state: string }[],
  ): Promise<void> {
    for (let i = 0; i < items.length; i += 100) {
      const params: unknown[] = [];
      const score: string[] = [];
      const state: string[] = [];
      const ids: string[] = [];
      for (let k = i; k < Math.min(items.length, i + 100); k++) {
        params.push(items[k].id, per[k].score, per[k].state);
        const b = params.length - 3;
        score.push(`WHEN $${b + 1} THEN $${b + 2}`);
        state.push(`WHEN $${b + 1} THEN $${b + 3}`);
        ids.push(`$${b + 1}`);
      }
      const cast = this.tx.isSqlite ? ['', ''] : ['::double precision', '::varchar'];
      await m.query(
        ...this.tx.sql(
          `UPDATE attempt_item SET score = CASE id ${score.map((w) => w + cast[0]).join(' ')} END, state = CASE id ${state.map((w) => w + cast[1]).join(' ')} END WHERE id IN (${ids.join(', ')})`,
          params,
        ),
      );
    }
  }

  /** The attempt's totals. */
  async storeResult(
    m: EntityManager,
    id: number,
    result: { score: number; maxScore: number; passed: boolean },
    parts: unknown[],
  ): Promise<void> {
    await m.query(
      ...this.tx.sql(
        'UPDATE attempt SET score = $1, "maxScore" = $2, passed = $3, parts = $4 WHERE id = $5',
        [
          result.score,
          result.maxScore,
          this.tx.isSqlite ? (result.passed ? 1 : 0) : result.passed,
          JSON.stringify(parts),
          id,
        ],
      ),
    );
  }

  /**
   * One paper's observations for the item statistics, as one row of item_stat_pending inside the scoring
   * transaction: the paper's 100 questions are scattered over item_stat's pages, and upserting them cost a submit
   * more than everything else it writes (issue #19). `x` is the share of the item's points earned, `total` the
   * share of the paper's; foldItemStats adds them to item_stat.
   */
  async queueItemStats(
    m: EntityManager,
    observations: { questionId: number; x: number }[],
    total: number,
  ): Promise<void> {
    if (!observations.length) return;
    await m.query(
      ...this.tx.sql('INSERT INTO item_stat_pending (observations, total) VALUES ($1, $2)', [
        JSON.stringify(observations.map((o) => [o.questionId, o.x])),
        total,
      ]),
    );
  }

  /**
   * Adds the queued observations to item_stat's running sums and deletes them, up to 500 papers per transaction,
   * until none are left: one atomic upsert per 100 questions (item_stat.n + excluded.n …), rows in question order.
   * On PostgreSQL the rows taken are locked (SKIP LOCKED), so processes folding at once never add a paper twice.
   * Returns the number of papers folded.
   */
  async foldItemStats(): Promise<number> {
    let folded = 0;
    for (;;) {
      const n = await this.tx.run(async (m) => {
        const rows = (await m.query(
          `SELECT id, observations, total FROM item_stat_pending ORDER BY id LIMIT 500${this.tx.isSqlite ? '' : ' FOR UPDATE SKIP LOCKED'}`,
        )) as { id: number; observations: string; total: number }[];
        if (!rows.length) return 0;
        const sums = sumObservations(
          rows.map((r) => ({
            observations: JSON.parse(r.observations) as [number, number][],
            total: Number(r.total),
          })),
        );
        for (let i = 0; i < sums.length; i += 100) {
          const params: number[] = [];
          const values = sums.slice(i, i + 100).map(([questionId, st]) => {
            params.push(questionId, st.n, st.sumX, st.sumX2, st.sumT, st.sumT2, st.sumXT);
            const b = params.length - 7;
            return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
          });
          const add = (c: string) => `"${c}" = item_stat."${c}" + excluded."${c}"`;
          await m.query(
            ...this.tx.sql(
              `INSERT INTO item_stat ("questionId", n, "sumX", "sumX2", "sumT", "sumT2", "sumXT") VALUES ${values.join(', ')} ON CONFLICT ("questionId") DO UPDATE SET ${['n', 'sumX', 'sumX2', 'sumT', 'sumT2', 'sumXT'].map(add).join(', ')}`,
              params,
            ),
          );
        }
        const ids = rows.map((r) => Number(r.id));
        await m.query(
          ...this.tx.sql(
            `DELETE FROM item_stat_pending WHERE id IN (${ids.map((_, k) => `$${k + 1}`).join(', ')})`,
            ids,
          ),
        );
        return rows.length;
      });
      folded += n;
      if (n < 500) return folded;
    }
  }

  /**
   * Whether the person has an attempt in progress (past its deadline only until the sweep submits it: the attempt
   * is still theirs to finish within the grace period).
   */
  async hasOpenAttempt(userId: number): Promise<boolean> {
    return this.attempts.exists({ where: { userId, status: 'in-progress' } });
  }

  /** Ids of in-progress attempts whose deadline passed before `cutoff`. */
  async overdueIds(cutoff: Date, limit: number): Promise<number[]> {
    const rows = await this.attempts.find({
      where: { status: 'in-progress', deadline: LessThan(cutoff) },
      select: { id: true },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /** Rows changed by one UPDATE inside the caller's transaction. */
  private async affected(m: EntityManager, text: string, values: unknown[]): Promise<number> {
    const [sql, params] = this.tx.sql(text, values);
    const r = await m.queryRunner!.query(sql, params, true);
    return r.affected ?? affectedRows(r.raw);
  }
}

function toDate(v: string | Date): Date {
  if (v instanceof Date) return v;
  // SQLite stores 'YYYY-MM-DD HH:MM:SS.SSS' in UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
}

function affectedRows(r: unknown): number {
  if (Array.isArray(r) && typeof r[1] === 'number') return r[1];
  const o = r as { changes?: number; affected?: number; rowCount?: number } | undefined;
  return o?.changes ?? o?.affected ?? o?.rowCount ?? 0;
}

const ATTEMPT_COLUMNS = [
  'id',
  'examId',
  'userId',
  'attemptNo',
  'status',
  'seed',
  'startedAt',
  'deadline',
  'extensionMinutes',
  'submittedAt',
  'submittedBy',
  'score',
  'maxScore',
  'passed',
  'parts',
  'focusLossCount',
  'invalidReason',
]
  .map((c) => `"${c}" AS "${c}"`)
  .join(', ');

/** An attempt row as either driver returns it (SQLite: text dates, 0/1 booleans) as the entity TypeORM would load. */
export function toAttempt(r: Record<string, unknown>): Attempt {
  const date = (v: unknown) => (v === null || v === undefined ? null : toDate(v as string | Date));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(r.id),
    examId: Number(r.examId),
    userId: Number(r.userId),
    attemptNo: Number(r.attemptNo),
    status: r.status as Attempt['status'],
    seed: r.seed as string,
    startedAt: date(r.startedAt)!,
    deadline: date(r.deadline),
    extensionMinutes: Number(r.extensionMinutes),
    submittedAt: date(r.submittedAt),
    submittedBy: (r.submittedBy as string | null) ?? null,
    score: num(r.score),
    maxScore: Number(r.maxScore),
    passed: r.passed === null || r.passed === undefined ? null : Boolean(Number(r.passed)),
    parts: (r.parts as string | null) ?? null,
    focusLossCount: Number(r.focusLossCount),
    invalidReason: (r.invalidReason as string | null) ?? null,
  };
}
