import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/** One marker's marking of one written answer. A re-mark supersedes the earlier marks (kept, with the reason). */
@Entity('written_mark')
@Index(['answerId'])
@Index(['markerId'])
export class WrittenMark {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  answerId: number;

  @Column({ type: 'integer' })
  markerId: number;

  /** JSON number[]: points awarded per rubric point, in rubric order. */
  @Column({ type: 'text' })
  awards: string;

  @Column({ type: 'float' })
  score: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** Set on a re-mark: why the final score was marked again. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: DATETIME, nullable: true })
  supersededAt: Date | null;

  @Column({ type: DATETIME })
  createdAt: Date;
}
