import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/**
 * One row per person: what the study-hours rules need across materials (the day's reading total, the end of the
 * last credited stretch, the last practice answer). Every change bumps `version` with a guarded update, so two
 * requests of the same person in two processes can never credit the same time twice.
 */
@Entity('study_clock')
export class StudyClock {
  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer', default: 0 })
  version: number;

  /** The day `readingSeconds` counts for, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  readingDay: string | null;

  @Column({ type: 'integer', default: 0 })
  readingSeconds: number;

  /** End of the last credited reading stretch (any material, any tab). */
  @Column({ type: DATETIME, nullable: true })
  creditedUntil: Date | null;

  /** Last practice activity (a practice set fetched or an answer checked). */
  @Column({ type: DATETIME, nullable: true })
  lastPracticeAt: Date | null;
}
