import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, Repository } from 'typeorm';
import { QuestionsService } from '../question-bank/questions.service';
import { AttemptsRepository } from './attempts.repository';
import { bankHealth, HealthQuestion } from './bank-health';
import type { BankHealthResponse } from './bank-health.response';
import { byDiscrimination, deriveItemStats } from './item-stats';
import { ItemStat } from './item-stat.entity';
import type { PoolQuestion } from './paper';
import type { ItemStatResponse } from './practice.response';

/** Facility and discrimination per question, so trainers can find bad questions (Moodle's quiz statistics). */
@Injectable()
export class ItemStatsService {
  constructor(
    @InjectRepository(ItemStat) private readonly stats: Repository<ItemStat>,
    private readonly questions: QuestionsService,
    private readonly attempts: AttemptsRepository,
  ) {}

  /**
   * Adds the papers scored since the last fold to item_stat (scoring queues them, one row per paper). Every read of
   * the statistics folds first, so it counts every scored paper; the overdue sweep folds too, so the queue stays
   * short. Returns the number of papers folded.
   */
  fold(): Promise<number> {
    return this.attempts.foldItemStats();
  }

  /**
   * Questions of a bank that have been scored at least `minShown` times, worst discrimination first (a question
   * strong candidates miss as often as weak ones is suspect), then lowest facility.
   */
  async forBank(bankId: number, minShown = 1): Promise<ItemStatResponse[]> {
    const ids = await this.questions.idsInBank(bankId);
    await this.fold();
    const rows = ids.length
      ? await this.stats.find({ where: { questionId: In(ids), n: MoreThanOrEqual(minShown) } })
      : [];
    const details = new Map(
      (await this.questions.detailsByIds(rows.map((r) => r.questionId))).map((d) => [d.id, d]),
    );
    return rows
      .map((r) => {
        const d = details.get(r.questionId);
        return {
          questionId: r.questionId,
          type: d?.type,
          stem: d?.stem,
          status: d?.status,
          regulation: d?.regulation?.title ?? null,
          article: d?.article ?? null,
          ...deriveItemStats(r),
        };
      })
      .sort(byDiscrimination);
  }

  /** The pool's questions with their keys, as the bank-health checks read them. */
  async healthQuestions(pool: readonly PoolQuestion[]): Promise<HealthQuestion[]> {
    const revisions = await this.questions.revisionsByIds(pool.map((q) => q.revisionId));
    return pool.map((q) => {
      const r = revisions.get(q.revisionId)!;
      return { id: q.id, type: q.type, stem: r.stem, answer: JSON.parse(r.answer), optionKeys: q.optionKeys };
    });
  }

  /** 题库体检 of one bank's approved questions: key balance, never shown, nearly always right or wrong. */
  async health(bankId: number): Promise<BankHealthResponse> {
    const bank = await this.questions.findBank(bankId);
    const qs = await this.healthQuestions(await this.questions.pool({ kind: 'banks', bankIds: [bankId] }));
    await this.fold();
    const rows = qs.length ? await this.stats.find({ where: { questionId: In(qs.map((q) => q.id)) } }) : [];
    const stats = rows.map((r) => ({
      questionId: r.questionId,
      n: r.n,
      facility: deriveItemStats(r).facility,
    }));
    return { bankId, title: bank.title, ...bankHealth(qs, stats) };
  }
}
