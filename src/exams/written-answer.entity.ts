import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/** 'open': waiting for its first (or second) mark; 'third': two marks differ, a third marker decides; 'final'. */
export type WrittenAnswerStatus = 'open' | 'third' | 'final';

/**
 * One written answer to mark: a short-answer item, or one short-answer sub-question of a case. Created when the
 * attempt is submitted. Markers see it only by its opaque `token`, never by attempt or candidate.
 */
@Entity('written_answer')
@Index(['examId', 'questionId', 'sub'])
@Index(['attemptId'])
export class WrittenAnswer {
  @PrimaryGeneratedColumn()
  id: number;

  /** The opaque marking id (random); the only handle a marker gets. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  token: string;

  @Column({ type: 'integer' })
  examId: number;

  @Column({ type: 'integer' })
  attemptId: number;

  @Column({ type: 'integer' })
  questionId: number;

  @Column({ type: 'integer' })
  revisionId: number;

  /** The sub-question's index in its case (0-based); -1 for a short-answer question. */
  @Column({ type: 'integer', default: -1 })
  sub: number;

  /** The rubric's sum: what a marker awards out of. */
  @Column({ type: 'float' })
  maxPoints: number;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: WrittenAnswerStatus;

  @Column({ type: 'float', nullable: true })
  finalScore: number | null;

  /** JSON number[]: the final points per rubric point. */
  @Column({ type: 'text', nullable: true })
  finalAwards: string | null;

  @Column({ type: DATETIME, nullable: true })
  finalAt: Date | null;
}
