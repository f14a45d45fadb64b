import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TxService } from '../database/tx.service';
import { WrongAnswer } from './wrong-answer.entity';

export interface NotebookOutcome {
  questionId: number;
  correct: boolean;
  answered: boolean;
}

/**
 * 错题本 (the wrong-answer notebook), shared by scored attempts and practice: a miss adds (or resets) the question;
 * two right answers in a row take it out.
 */
@Injectable()
export class NotebookService {
  constructor(
    @InjectRepository(WrongAnswer) private readonly wrong: Repository<WrongAnswer>,
    private readonly tx: TxService,
  ) {}

  /** One person's notebook, most recently missed first. */
  entries(userId: number): Promise<WrongAnswer[]> {
    return this.wrong.find({ where: { userId }, order: { lastMissedAt: 'DESC' } });
  }

  async questionIds(userId: number): Promise<Set<number>> {
    return new Set((await this.wrong.find({ where: { userId } })).map((w) => w.questionId));
  }

  /** Records outcomes inside the caller's transaction. */
  async update(m: EntityManager, userId: number, outcomes: NotebookOutcome[]): Promise<void> {
    if (!outcomes.length) return;
    // Set-based: one read of the existing rows, then at most one upsert, one delete and one update per 100
    // questions (a paper has each question once; a repeated one keeps its last outcome).
    const last = new Map(outcomes.map((o) => [o.questionId, o]));
    const ids = [...last.keys()].sort((a, b) => a - b); // one lock order for every transaction
    const existing = new Map<number, number>(); // questionId → correctStreak
    const timesMissed = new Map<number, number>();
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const [sql, params] = this.tx.sql(
        `SELECT "questionId" AS "questionId", "correctStreak" AS "correctStreak", "timesMissed" AS "timesMissed" FROM wrong_answer WHERE "userId" = $1 AND "questionId" IN (${chunk.map((_, k) => `$${k + 2}`).join(', ')})`,
        [userId, ...chunk],
      );
      for (const w of (await m.query(sql, params)) as {
        questionId: number;
        correctStreak: number;
        timesMissed: number;
      }[]) {
        existing.set(Number(w.questionId), Number(w.correctStreak));
        timesMissed.set(Number(w.questionId), Number(w.timesMissed));
      }
    }
    const missed: number[] = [];
    const removed: number[] = [];
    const streakUp: number[] = []; // the new streak of each is existing + 1 (< 2)
    for (const id of ids) {
      if (!last.get(id)!.correct) missed.push(id);
      else if (existing.has(id)) (existing.get(id)! + 1 >= 2 ? removed : streakUp).push(id);
    }
    const now = this.tx.dateParam(new Date());
    const upsert = (values: string) =>
      `INSERT INTO wrong_answer ("userId", "questionId", "correctStreak", "timesMissed", "lastMissedAt") VALUES ${values} ON CONFLICT ("userId", "questionId") DO UPDATE SET "correctStreak" = excluded."correctStreak", "timesMissed" = excluded."timesMissed", "lastMissedAt" = excluded."lastMissedAt"`;
    if (this.tx.isSqlite) {
      // One prepared single-row upsert run per miss, in the caller's transaction (same connection, behind the
      // queue): a multi-row text per miss count was parsed again on most submits (issue #19).
      const st = this.tx.prepared(upsert('(?, ?, 0, ?, ?)'));
      for (const id of missed) st.run(userId, id, (timesMissed.get(id) ?? 0) + 1, now);
    }
    const multiRow = this.tx.isSqlite ? [] : missed;
    for (let i = 0; i < multiRow.length; i += 100) {
      const params: unknown[] = [userId, now];
      const values = multiRow.slice(i, i + 100).map((id) => {
        params.push(id, (timesMissed.get(id) ?? 0) + 1);
        return `($1, $${params.length - 1}, 0, $${params.length}, $2)`;
      });
      await m.query(...this.tx.sql(upsert(values.join(', ')), params));
    }
    for (let i = 0; i < removed.length; i += 100) {
      const chunk = removed.slice(i, i + 100);
      await m.query(
        ...this.tx.sql(
          `DELETE FROM wrong_answer WHERE "userId" = $1 AND "questionId" IN (${chunk.map((_, k) => `$${k + 2}`).join(', ')})`,
          [userId, ...chunk],
        ),
      );
    }
    // Streaks below 2 that grow by one: grouped by their new value.
    const byStreak = new Map<number, number[]>();
    for (const id of streakUp) {
      const s = existing.get(id)! + 1;
      byStreak.set(s, [...(byStreak.get(s) ?? []), id]);
    }
    for (const [streak, all] of byStreak)
      for (let i = 0; i < all.length; i += 100) {
        const chunk = all.slice(i, i + 100);
        await m.query(
          ...this.tx.sql(
            `UPDATE wrong_answer SET "correctStreak" = $1 WHERE "userId" = $2 AND "questionId" IN (${chunk.map((_, k) => `$${k + 3}`).join(', ')})`,
            [streak, userId, ...chunk],
          ),
        );
      }
  }
}
