import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';
import type { QuestionType } from '../question-bank/question.types';

/** One question of an attempt's paper: the frozen revision, its points, and the candidate's latest saved response. */
@Entity('attempt_item')
@Index(['attemptId', 'questionId'], { unique: true })
export class AttemptItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  attemptId: number;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 40 })
  part: string;

  @Column({ type: 'integer' })
  questionId: number;

  @Column({ type: 'integer' })
  revisionId: number;

  @Column({ type: 'varchar', length: 12 })
  type: QuestionType;

  @Column({ type: 'float' })
  points: number;

  /** JSON option keys in display order (shuffled when the exam shuffles options). */
  @Column({ type: 'text', nullable: true })
  optionOrder: string | null;

  @Column({ type: 'integer', default: 0 })
  blanks: number;

  /** JSON response as the candidate last saved it. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  /** The client's sequence number of the saved response: an older save never overwrites a newer one. */
  @Column({ type: 'integer', default: 0 })
  seq: number;

  @Column({ type: DATETIME, nullable: true })
  savedAt: Date | null;

  @Column({ type: 'float', nullable: true })
  score: number | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  state: string | null;
}
