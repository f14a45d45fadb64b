import { Injectable } from '@nestjs/common';
import { localDay } from '../common/dates';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { TxService } from '../database/tx.service';
import { creditPracticeAnswer } from './practice-time';
import { ReadingSession } from './reading-session.entity';
import { StudyClock } from './study-clock.entity';
import { StudyCredit, StudySource } from './study-credit.entity';
import { creditHeartbeat, DEFAULT_HEARTBEAT_RULES, HeartbeatReason } from './study-hours';

export interface CreditEntry {
  userId: number;
  source: StudySource;
  refId?: number | null;
  seconds: number;
  /** Defaults to today (UTC date). */
  creditedOn?: string;
}

export interface HeartbeatResult {
  credited: number;
  reason?: HeartbeatReason | 'concurrent';
  /** seconds credited today for this material / all reading */
  todayForMaterial: number;
  today: number;
}

/** Which credits count: by source, optionally only some refIds of that source. */
export interface CreditFilter {
  from: string;
  to: string;
  userIds?: number[];
  /** none = every source */
  sources?: { source: StudySource; refIds?: number[] }[];
}

/** Another request of the same person changed the clock first: this one credits nothing. */
class ClockMoved extends Error {}

/** The study-hours ledger: writes credits (inside the caller's transaction) and sums them per person and year. */
@Injectable()
export class StudyHoursService {
  constructor(
    @InjectRepository(StudyCredit) private readonly credits: Repository<StudyCredit>,
    private readonly tx: TxService,
  ) {}

  async credit(m: EntityManager, entry: CreditEntry): Promise<void> {
    if (entry.seconds <= 0) return;
    // Raw: TypeORM's insert reads the generated columns back with a second statement; nobody needs them here
    // (this runs inside every scoring transaction). A prepared statement on SQLite (TxService.execute).
    await this.tx.execute(
      m,
      'INSERT INTO study_credit ("userId", source, "refId", seconds, "creditedOn") VALUES ($1, $2, $3, $4, $5)',
      [
        entry.userId,
        entry.source,
        entry.refId ?? null,
        Math.floor(entry.seconds),
        entry.creditedOn ?? localDay(),
      ],
    );
  }

  /** Credited seconds per person in a calendar year (optionally only some people). */
  async secondsByUser(year: number, userIds?: number[]): Promise<Map<number, number>> {
    return this.secondsWhere({ from: `${year}-01-01`, to: `${year}-12-31`, userIds });
  }

  /** Credited seconds per person in a date range, from some sources (and refIds) only. */
  async secondsWhere(filter: CreditFilter): Promise<Map<number, number>> {
    const qb = this.credits
      .createQueryBuilder('c')
      .select('c.userId', 'userId')
      .addSelect('SUM(c.seconds)', 'seconds')
      .where('c.creditedOn >= :from AND c.creditedOn <= :to', { from: filter.from, to: filter.to })
      .groupBy('c.userId');
    if (filter.userIds) {
      if (filter.userIds.length === 0) return new Map();
      qb.andWhere('c.userId IN (:...ids)', { ids: filter.userIds });
    }
    if (filter.sources) {
      if (filter.sources.length === 0) return new Map();
      const sources = filter.sources;
      qb.andWhere(
        new Brackets((w) =>
          sources.forEach((s, i) =>
            w.orWhere(s.refIds ? `(c.source = :s${i} AND c.refId IN (:...r${i}))` : `c.source = :s${i}`, {
              [`s${i}`]: s.source,
              [`r${i}`]: s.refIds?.length ? s.refIds : [-1],
            }),
          ),
        ),
      );
    }
    const rows: { userId: number; seconds: string | number }[] = await qb.getRawMany();
    return new Map(rows.map((r) => [Number(r.userId), Number(r.seconds)]));
  }

  /** One person's credited seconds per source in a calendar year. */
  async secondsBySource(year: number, userId: number): Promise<Map<StudySource, number>> {
    const rows: { source: StudySource; seconds: string | number }[] = await this.credits
      .createQueryBuilder('c')
      .select('c.source', 'source')
      .addSelect('SUM(c.seconds)', 'seconds')
      .where('c.userId = :userId', { userId })
      .andWhere('c.creditedOn >= :from AND c.creditedOn <= :to', {
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      })
      .groupBy('c.source')
      .getRawMany();
    return new Map(rows.map((r) => [r.source, Number(r.seconds)]));
  }

  /**
   * A reading heartbeat (see study-hours.ts for the rules). The state lives in reading_session (per person and
   * material) and study_clock (per person); every change is a guarded update of the person's clock version, so
   * concurrent beats — other tabs, other app processes — never credit the same time twice.
   */
  async heartbeat(input: {
    userId: number;
    source: 'reading' | 'material';
    refId: number;
    secondsSinceActivity: number;
    now?: Date;
  }): Promise<HeartbeatResult> {
    const now = input.now ?? new Date();
    const today = localDay(now);
    const materialKey = `${input.source === 'reading' ? 'regulation' : 'material'}:${input.refId}`;
    await this.ensureClock(input.userId);
    try {
      return await this.tx.run(async (m) => {
        const clock = (await m.getRepository(StudyClock).findOne({ where: { userId: input.userId } }))!;
        const sessions = m.getRepository(ReadingSession);
        const session = await sessions.findOne({ where: { userId: input.userId, materialKey } });
        const today0 = clock.readingDay === today ? clock.readingSeconds : 0;
        if (!session) {
          await this.bump(m, clock, {});
          await sessions
            .createQueryBuilder()
            .insert()
            .values({ userId: input.userId, materialKey, lastBeatAt: now, day: today, daySeconds: 0 })
            .orIgnore()
            .execute();
          return { credited: 0, reason: 'first-beat' as const, todayForMaterial: 0, today: today0 };
        }
        const material0 = session.day === today ? session.daySeconds : 0;
        const r = creditHeartbeat(
          {
            now,
            lastBeatAt: new Date(session.lastBeatAt),
            secondsSinceActivity: input.secondsSinceActivity,
            creditedUntil: clock.creditedUntil ? new Date(clock.creditedUntil) : undefined,
            creditedTodayForMaterial: material0,
            creditedToday: today0,
          },
          DEFAULT_HEARTBEAT_RULES,
        );
        const unchanged =
          r.credit === 0 && r.nextLastBeatAt.getTime() === new Date(session.lastBeatAt).getTime();
        if (!unchanged) {
          await this.bump(
            m,
            clock,
            r.credit > 0 ? { readingDay: today, readingSeconds: today0 + r.credit, creditedUntil: now } : {},
          );
          await sessions.update(session.id, {
            lastBeatAt: r.nextLastBeatAt,
            day: today,
            daySeconds: material0 + r.credit,
          });
          await this.credit(m, {
            userId: input.userId,
            source: input.source,
            refId: input.refId,
            seconds: r.credit,
            creditedOn: today,
          });
        }
        return {
          credited: r.credit,
          ...(r.reason ? { reason: r.reason } : {}),
          todayForMaterial: material0 + r.credit,
          today: today0 + r.credit,
        };
      });
    } catch (e) {
      if (e instanceof ClockMoved)
        return { credited: 0, reason: 'concurrent', todayForMaterial: 0, today: 0 };
      throw e;
    }
  }

  /** A practice set was fetched: starts the practice clock (credits nothing). */
  async practiceStarted(userId: number, now = new Date()): Promise<void> {
    await this.ensureClock(userId);
    await this.tx.write((m) => m.getRepository(StudyClock).update({ userId }, { lastPracticeAt: now }));
  }

  /** A practice answer was checked: credits the time since the last practice activity (practice-time.ts). */
  async practiceAnswered(userId: number, now = new Date()): Promise<number> {
    await this.ensureClock(userId);
    try {
      return await this.tx.run(async (m) => {
        const clock = (await m.getRepository(StudyClock).findOne({ where: { userId } }))!;
        const r = creditPracticeAnswer({
          now,
          lastActivityAt: clock.lastPracticeAt ? new Date(clock.lastPracticeAt) : null,
        });
        await this.bump(m, clock, { lastPracticeAt: r.nextActivityAt });
        await this.credit(m, { userId, source: 'practice', seconds: r.credit, creditedOn: localDay(now) });
        return r.credit;
      });
    } catch (e) {
      if (e instanceof ClockMoved) return 0;
      throw e;
    }
  }

  private async ensureClock(userId: number): Promise<void> {
    await this.tx.write((m) =>
      m.createQueryBuilder().insert().into(StudyClock).values({ userId, version: 0 }).orIgnore().execute(),
    );
  }

  /** Guarded update: fails (rolling the transaction back) when another request changed the clock meanwhile. */
  private async bump(m: EntityManager, clock: StudyClock, patch: Partial<StudyClock>): Promise<void> {
    const r = await m
      .createQueryBuilder()
      .update(StudyClock)
      .set({ ...patch, version: clock.version + 1 })
      .where('userId = :userId AND version = :version', { userId: clock.userId, version: clock.version })
      .execute();
    if (r.affected === 0) throw new ClockMoved();
  }
}
