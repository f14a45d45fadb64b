import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QuestionType } from './question.types';

/** The exact content of a question at one point in time. Never updated once written. */
@Entity('question_revision')
@Index(['questionId', 'revision'], { unique: true })
export class QuestionRevision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  questionId: number;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'varchar', length: 12 })
  type: QuestionType;

  @Column({ type: 'text' })
  stem: string;

  /** JSON: [{ key, text }]. */
  @Column({ type: 'text' })
  options: string;

  /** JSON: the answer key (see AnswerKey). */
  @Column({ type: 'text' })
  answer: string;

  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  @Column({ type: 'integer', default: 3 })
  difficulty: number;

  /** The citation as written, e.g. 退役军人保障法 / 22 / 1 (JSON). */
  @Column({ type: 'text', nullable: true })
  citation: string | null;

  /** JSON array of tags. */
  @Column({ type: 'text', default: '[]' })
  tags: string;

  /** Hash of the content, to recognise an unchanged question on re-import. */
  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn()
  createdAt: Date;
}
