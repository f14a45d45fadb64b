import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/**
 * The candidate's latest saved response to one question of an attempt's paper. Written by the first save of the
 * question (no row: not answered yet) and overwritten only by a higher `seq`.
 */
@Entity('attempt_answer')
export class AttemptAnswer {
  @PrimaryColumn({ type: 'integer' })
  attemptId: number;

  @PrimaryColumn({ type: 'integer' })
  questionId: number;

  /** JSON response in the bank's option keys. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  /** The client's sequence number of the saved response: an older save never overwrites a newer one. */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: DATETIME })
  savedAt: Date;
}
