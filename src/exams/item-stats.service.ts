import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, Repository } from 'typeorm';
import { QuestionsService } from '../question-bank/questions.service';
import { deriveItemStats } from './item-stats';
import { ItemStat } from './item-stat.entity';
import type { ItemStatResponse } from './practice.response';

/** Facility and discrimination per question, so trainers can find bad questions (Moodle's quiz statistics). */
@Injectable()
export class ItemStatsService {
  constructor(
    @InjectRepository(ItemStat) private readonly stats: Repository<ItemStat>,
    private readonly questions: QuestionsService,
  ) {}

  /**
   * Questions of a bank that have been scored at least `minShown` times, worst discrimination first (a question
   * strong candidates miss as often as weak ones is suspect), then lowest facility.
   */
  async forBank(bankId: number, minShown = 1): Promise<ItemStatResponse[]> {
    const ids = await this.questions.idsInBank(bankId);
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
      .sort(
        (a, b) =>
          (a.discrimination ?? Infinity) - (b.discrimination ?? Infinity) ||
          (a.facility ?? 1) - (b.facility ?? 1),
      );
  }
}
