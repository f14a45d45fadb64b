import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/**
 * A question the server handed to one person in practice, with the option order it showed. Practice reveals the
 * key, explanation and correctness only for a question handed out this way, once, within PRACTICE_ITEM_TTL_MS.
 */
@Entity('practice_item')
@Index(['userId', 'questionId'])
export class PracticeItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer' })
  questionId: number;

  @Column({ type: 'integer' })
  revisionId: number;

  /** JSON option keys in display order (null for true-false and fill-blank). */
  @Column({ type: 'text', nullable: true })
  optionOrder: string | null;

  @Column({ type: DATETIME })
  handedAt: Date;

  @Column({ type: DATETIME, nullable: true })
  answeredAt: Date | null;
}
