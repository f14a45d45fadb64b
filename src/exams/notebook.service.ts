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

  /**
   * Records outcomes inside the caller's transaction: a miss (or a question left unanswered) adds the question or
   * counts one more miss and starts its streak over; a right answer of a listed question adds one to its streak, and
   * the second in a row takes it out. A question listed twice keeps its last outcome.
   *
   * Set-based, with no read (issue #19): at most three statements whatever the paper's length, each given the ids as
   * one parameter (a JSON array read by json_each on SQLite, an int[] on PostgreSQL). A scored 100-question paper
   * used to read its rows with a 100-key IN and then run one upsert per miss.
   */
  async update(m: EntityManager, userId: number, outcomes: NotebookOutcome[]): Promise<void> {
    if (!outcomes.length) return;
    const last = new Map<number, boolean>();
    for (const o of outcomes) last.set(o.questionId, o.correct);
    const missed: number[] = [];
    const right: number[] = [];
    for (const [id, correct] of last) (correct ? right : missed).push(id);
    // One lock order for every transaction (PostgreSQL): ascending question ids.
    missed.sort((a, b) => a - b);
    right.sort((a, b) => a - b);
    if (missed.length)
      await this.tx.execute(
        m,
        `INSERT INTO wrong_answer ("userId", "questionId", "correctStreak", "timesMissed", "lastMissedAt") SELECT $1, q.id, 0, 1, $2 FROM ${this.ids('$3')} WHERE true ORDER BY q.id ON CONFLICT ("userId", "questionId") DO UPDATE SET "correctStreak" = 0, "timesMissed" = wrong_answer."timesMissed" + 1, "lastMissedAt" = excluded."lastMissedAt"`,
        [userId, this.tx.dateParam(new Date()), this.idsParam(missed)],
      );
    if (right.length) {
      // The second right answer in a row: out. The rows left among them had a streak of 0: now 1.
      await this.tx.execute(
        m,
        `DELETE FROM wrong_answer WHERE "userId" = $1 AND "correctStreak" >= 1 AND "questionId" IN (SELECT q.id FROM ${this.ids('$2')})`,
        [userId, this.idsParam(right)],
      );
      await this.tx.execute(
        m,
        `UPDATE wrong_answer SET "correctStreak" = "correctStreak" + 1 WHERE "userId" = $1 AND "questionId" IN (SELECT q.id FROM ${this.ids('$2')})`,
        [userId, this.idsParam(right)],
      );
    }
  }

  /** A list of question ids passed as one parameter, as a table `q` with one column `id`. */
  private ids(param: string): string {
    return this.tx.isSqlite
      ? `(SELECT value AS id FROM json_each(${param})) AS q`
      : `unnest(${param}::int[]) AS q(id)`;
  }

  private idsParam(ids: number[]): string | number[] {
    return this.tx.isSqlite ? JSON.stringify(ids) : ids;
  }
}
