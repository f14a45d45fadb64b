import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { QuestionStatus, QuestionType } from './question.types';

/**
 * A question's identity and state; its content lives in revisions. Editing an approved question adds a revision;
 * attempts keep the revision they showed. Only approved questions not flagged for review reach papers.
 */
@Entity('question')
@Index(['bankId', 'key'], { unique: true })
@Index(['bankId', 'normalizedStem'])
@Index(['regulationId', 'article'])
@Index(['status', 'needsReview', 'bankId'])
export class Question {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  bankId: number;

  /** Stable key from a YAML bank (`id`); null for questions from other formats. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  key: string | null;

  @Column({ type: 'varchar', length: 12 })
  type: QuestionType;

  @Column({ type: 'varchar', length: 10 })
  status: QuestionStatus;

  @Column({ type: 'boolean', default: false })
  needsReview: boolean;

  @Column({ type: 'text', nullable: true })
  reviewReason: string | null;

  @Column({ type: 'integer', default: 3 })
  difficulty: number;

  /** The cited regulation (resolved against the catalogue) and article. */
  @Column({ type: 'integer', nullable: true })
  regulationId: number | null;

  @Column({ type: 'integer', nullable: true })
  article: number | null;

  @Column({ type: 'varchar', length: 400 })
  normalizedStem: string;

  @Column({ type: 'integer', nullable: true })
  currentRevisionId: number | null;

  @Column({ type: 'integer', default: 1 })
  revisionCount: number;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
