import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { TxService } from '../database/tx.service';
import type { PaperEntry } from './attempt-paper.entity';
import { packItemScores, unpackItemScores, type ItemScore } from './item-scores';
import { packPaper, unpackPaper } from './paper-codec';
import { Attempt } from './attempt.entity';
import { sumObservations } from './item-stats';

/** A saved answer as stored: JSON in the bank's option keys, and the client's sequence number. */
export interface SavedAnswer {
  response: string | null;
  seq: number;
}

/** A paper question with the candidate's latest answer (none saved: response null, seq 0). */
export type AnsweredEntry = PaperEntry & SavedAnswer;

/** What a save needs to know about its target, read in one statement. */
export interface SaveTarget {
  userId: number;
  status: string;
  deadline: Date | null;
  paper: PaperEntry[];
}

/** A paper with its answers and, once scored, its items' scores (the review). */
export interface ScoredPaper {
  items: AnsweredEntry[];
  scores: ItemScore[] | null;
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
    const rows = await this.tx.select<{ id: number }>(
      m,
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
    const rows = await this.tx.select<{ id: number }>(
      m,
      'SELECT id FROM written_answer WHERE "attemptId" = $1',
      [attemptId],
    );
    return rows.map((r) => ({ id: Number(r.id) }));
  }

  /** A read outside any transaction (TxService.select). */
  private read(text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    return this.tx.select<Record<string, unknown>>(null, text, values);
  }

  /** The paper as one row, in the caller's transaction (a prepared statement on SQLite). */
  async insertPaper(m: EntityManager, attemptId: number, items: PaperEntry[]): Promise<void> {
    await this.tx.execute(m, 'INSERT INTO attempt_paper ("attemptId", items) VALUES ($1, $2)', [
      attemptId,
      packPaper(items),
    ]);
  }

  /** The paper's questions in display order (a paper never changes, so it is read outside any transaction). */
  async paper(attemptId: number): Promise<PaperEntry[] | null> {
    const rows = await this.read('SELECT items FROM attempt_paper WHERE "attemptId" = $1', [attemptId]);
    return rows.length ? unpackPaper(rows[0].items as string) : null;
  }

  /** The paper's questions with the candidate's latest answers, in display order. */
  async paperItems(attemptId: number): Promise<AnsweredEntry[]> {
    const paper = await this.paper(attemptId);
    return paper ? withAnswers(paper, await this.answers(null, attemptId)) : [];
  }

  /** The paper, its answers and its scores (null until scored): two reads, the paper with its scores, the answers. */
  async scoredPaper(attemptId: number): Promise<ScoredPaper | null> {
    const rows = await this.read(
      'SELECT p.items AS items, s.scores AS scores, s.states AS states FROM attempt_paper p LEFT JOIN attempt_score s ON s."attemptId" = p."attemptId" WHERE p."attemptId" = $1',
      [attemptId],
    );
    if (!rows.length) return null;
    const answers = await this.answers(null, attemptId);
    const row = rows[0] as { items: string; scores: string | null; states: string | null };
    return {
      items: withAnswers(unpackPaper(row.items), answers),
      scores: row.scores === null ? null : unpackItemScores({ scores: row.scores, states: row.states ?? '' }),
    };
  }

  /**
   * The attempt's saved answers by question, in the caller's transaction when `m` is given (scoring reads them after
   * its claim: no save can change them after that).
   */
  async answers(m: EntityManager | null, attemptId: number): Promise<Map<number, SavedAnswer>> {
    const out = new Map<number, SavedAnswer>();
    if (this.tx.isSqlite) {
      // One JSON text of [questionId, response, seq] triples, parsed once: ~35 µs for 100 answers where 100 row
      // objects cost ~80 µs (issue #19; on every submit, resume and review).
      const row = this.tx
        .prepared(
          'SELECT json_group_array(json_array("questionId", response, seq)) AS answers FROM attempt_answer WHERE "attemptId" = ?',
        )
        .get(attemptId) as { answers: string };
      const triples = JSON.parse(row.answers) as [number, string | null, number][];
      for (const [questionId, response, seq] of triples) out.set(questionId, { response, seq });
      return out;
    }
    const rows = await this.tx.select<{ questionId: number; response: string | null; seq: number }>(
      m,
      'SELECT "questionId" AS "questionId", response, seq FROM attempt_answer WHERE "attemptId" = $1',
      [attemptId],
    );
    for (const r of rows) out.set(Number(r.questionId), { response: r.response, seq: Number(r.seq) });
    return out;
  }

  /** The attempt and paper a save targets (saves of a paper this process does not remember). */
  async saveTarget(attemptId: number): Promise<SaveTarget | undefined> {
    const rows = await this.read(
      'SELECT a."userId" AS "userId", a.status AS status, a.deadline AS deadline, p.items AS items FROM attempt a JOIN attempt_paper p ON p."attemptId" = a.id WHERE a.id = $1',
      [attemptId],
    );
    if (!rows.length) return undefined;
    const row = rows[0];
    return {
      userId: Number(row.userId),
      status: row.status as string,
      deadline: row.deadline ? toDate(row.deadline as string | Date) : null,
      paper: unpackPaper(row.items as string),
    };
  }

  /**
   * Writes one response in one statement, only while the attempt of `userId` is in progress and its deadline is not
   * before `cutoff` (now minus the grace), and only if `seq` is newer than the stored one (the first save of a
   * question inserts its row). Returns the number of rows written (0 or 1); 0 says nothing about why (the caller
   * reads the answer to find out). The caller has checked that the question is on the paper.
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
    // PostgreSQL types the parameters of a SELECT list only by their casts.
    const upsert = (lock: string, cast: (type: string) => string) =>
      `INSERT INTO attempt_answer ("attemptId", "questionId", response, seq, "savedAt") SELECT id, $5${cast('integer')}, $1${cast('text')}, $2${cast('integer')}, $3${cast('timestamptz')} FROM attempt WHERE id = $4 AND "userId" = $6 AND status = 'in-progress' AND (deadline IS NULL OR deadline >= $7)${lock} ON CONFLICT ("attemptId", "questionId") DO UPDATE SET response = excluded.response, seq = excluded.seq, "savedAt" = excluded."savedAt" WHERE attempt_answer.seq < excluded.seq`;
    const values = [json, seq, at, attemptId, questionId, userId, until];
    // SQLite: the saves of one turn of the event loop share one commit (each acknowledged after it).
    if (this.tx.isSqlite)
      return this.tx.writeGrouped(
        ...this.tx.sql(
          upsert('', () => ''),
          values,
        ),
      );
    // PostgreSQL: a named prepared statement on the pooled connection (parsed and planned once per connection, not
    // on every save); the row count of the upsert. FOR SHARE: a submit's claim waits for the save, and a save
    // waiting on the claim sees the attempt submitted and writes nothing.
    return this.tx.write(async (m) => {
      const runner = m.connection.createQueryRunner();
      try {
        const client = (await runner.connect()) as {
          query(q: { name: string; text: string; values: unknown[] }): Promise<{ rowCount: number | null }>;
        };
        const r = await client.query({
          name: 'xuefa_save_answer',
          text: upsert(' FOR SHARE', (type) => `::${type}`),
          values,
        });
        return r.rowCount ?? 0;
      } finally {
        await runner.release();
      }
    });
  }

  /** The stored seq and response of one question (seq 0 and no response when never saved). */
  async savedAnswer(attemptId: number, questionId: number): Promise<SavedAnswer> {
    const rows = await this.read(
      'SELECT response, seq FROM attempt_answer WHERE "attemptId" = $1 AND "questionId" = $2',
      [attemptId, questionId],
    );
    return rows.length
      ? { response: rows[0].response as string | null, seq: Number(rows[0].seq) }
      : { response: null, seq: 0 };
  }

  /** The guarded status change that lets exactly one caller score an attempt. */
  async claimForScoring(m: EntityManager, id: number, by: string, now: Date): Promise<boolean> {
    const won = await this.tx.execute(
      m,
      'UPDATE attempt SET status = $1, "submittedAt" = $2, "submittedBy" = $3 WHERE id = $4 AND status = $5',
      ['submitted', this.tx.dateParam(now), by, id, 'in-progress'],
    );
    return won > 0;
  }

  /** Submitted with written answers to mark: 待阅卷, neither passed nor failed yet. */
  async markAwaiting(m: EntityManager, id: number): Promise<void> {
    await this.tx.execute(m, 'UPDATE attempt SET status = $1, passed = NULL WHERE id = $2', [
      'awaiting-marking',
      id,
    ]);
  }

  /**
   * The paper's questions with their answers, to score: the answers read in the caller's transaction after its claim
   * (claimForScoring), when no save can change them any more.
   */
  async itemsForScoring(m: EntityManager, id: number, paper: PaperEntry[]): Promise<AnsweredEntry[]> {
    return withAnswers(paper, await this.answers(m, id));
  }

  /**
   * Every item's score and state, at the items' positions: one small row of attempt_score, replaced when marking
   * finishes or a reopened attempt is scored again.
   */
  async storeItemScores(m: EntityManager, id: number, per: readonly ItemScore[]): Promise<void> {
    const packed = packItemScores(per);
    await this.tx.execute(
      m,
      'INSERT INTO attempt_score ("attemptId", scores, states) VALUES ($1, $2, $3) ON CONFLICT ("attemptId") DO UPDATE SET scores = excluded.scores, states = excluded.states',
      [id, packed.scores, packed.states],
    );
  }

  /** The attempt's totals. */
  async storeResult(
    m: EntityManager,
    id: number,
    result: { score: number; maxScore: number; passed: boolean },
    parts: unknown[],
  ): Promise<void> {
    await this.tx.execute(
      m,
      'UPDATE attempt SET score = $1, "maxScore" = $2, passed = $3, parts = $4 WHERE id = $5',
      [result.score, result.maxScore, result.passed, JSON.stringify(parts), id],
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
    await this.tx.execute(m, 'INSERT INTO item_stat_pending (observations, total) VALUES ($1, $2)', [
      JSON.stringify(observations.map((o) => [o.questionId, o.x])),
      total,
    ]);
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
}

/**
 * The paper's questions with their answers (response null and seq 0 where none was saved). Each object built field by
 * field: spreading the objects of a freshly parsed paper cost ~3 µs each (~300 µs a paper, measured), listing the
 * fields ~0.1 µs.
 */
export function withAnswers(paper: PaperEntry[], answers: Map<number, SavedAnswer>): AnsweredEntry[] {
  return paper.map((it) => {
    const a = answers.get(it.questionId);
    return {
      part: it.part,
      questionId: it.questionId,
      revisionId: it.revisionId,
      type: it.type,
      points: it.points,
      optionOrder: it.optionOrder,
      blanks: it.blanks,
      response: a ? a.response : null,
      seq: a ? a.seq : 0,
    };
  });
}

function toDate(v: string | Date): Date {
  if (v instanceof Date) return v;
  // SQLite stores 'YYYY-MM-DD HH:MM:SS.SSS' in UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
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
