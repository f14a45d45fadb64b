import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { StudyCredit, StudySource } from './study-credit.entity';

export interface CreditEntry {
  userId: number;
  source: StudySource;
  refId?: number | null;
  seconds: number;
  /** Defaults to today (UTC date). */
  creditedOn?: string;
}

/** The study-hours ledger: writes credits (inside the caller's transaction) and sums them per person and year. */
@Injectable()
export class StudyHoursService {
  constructor(@InjectRepository(StudyCredit) private readonly credits: Repository<StudyCredit>) {}

  async credit(m: EntityManager, entry: CreditEntry): Promise<void> {
    if (entry.seconds <= 0) return;
    await m.getRepository(StudyCredit).insert({
      userId: entry.userId,
      source: entry.source,
      refId: entry.refId ?? null,
      seconds: Math.floor(entry.seconds),
      creditedOn: entry.creditedOn ?? new Date().toISOString().slice(0, 10),
    });
  }

  /** Credited seconds per person in a calendar year (optionally only some people). */
  async secondsByUser(year: number, userIds?: number[]): Promise<Map<number, number>> {
    const qb = this.credits
      .createQueryBuilder('c')
      .select('c.userId', 'userId')
      .addSelect('SUM(c.seconds)', 'seconds')
      .where('c.creditedOn >= :from AND c.creditedOn <= :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .groupBy('c.userId');
    if (userIds) {
      if (userIds.length === 0) return new Map();
      qb.andWhere('c.userId IN (:...ids)', { ids: userIds });
    }
    const rows: { userId: number; seconds: string | number }[] = await qb.getRawMany();
    return new Map(rows.map((r) => [Number(r.userId), Number(r.seconds)]));
  }
}
