import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/**
 * 'awaiting-marking': submitted, objective items scored, written answers still to be marked (待阅卷). It counts as
 * neither passed nor failed anywhere (grades, certificates, reports) until marking completes and it becomes
 * 'submitted'.
 */
export type AttemptStatus = 'in-progress' | 'awaiting-marking' | 'submitted' | 'invalidated';

/**
 * One sitting of an exam. At most one in-progress attempt per person and exam (a partial unique index), so two
 * starts at once cannot produce two papers.
 */
@Entity('attempt')
@Index(['examId', 'userId', 'attemptNo'], { unique: true })
@Index('UQ_attempt_open', ['examId', 'userId'], { unique: true, where: `"status" = 'in-progress'` })
@Index(['status', 'deadline'])
export class Attempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  examId: number;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer' })
  attemptNo: number;

  @Column({ type: 'varchar', length: 20 })
  status: AttemptStatus;

  /** The seed the paper was drawn with (reproducible). */
  @Column({ type: 'varchar', length: 80 })
  seed: string;

  @Column({ type: DATETIME })
  startedAt: Date;

  /** The server's deadline; null when the exam has neither a time limit nor a closing time. */
  @Column({ type: DATETIME, nullable: true })
  deadline: Date | null;

  @Column({ type: 'integer', default: 0 })
  extensionMinutes: number;

  @Column({ type: DATETIME, nullable: true })
  submittedAt: Date | null;

  /** 'candidate', 'timer' (overdue, submitted by the server) or 'focus-limit'. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  submittedBy: string | null;

  @Column({ type: 'float', nullable: true })
  score: number | null;

  @Column({ type: 'float', default: 0 })
  maxScore: number;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  /** JSON PartScore[]. */
  @Column({ type: 'text', nullable: true })
  parts: string | null;

  @Column({ type: 'integer', default: 0 })
  focusLossCount: number;

  @Column({ type: 'text', nullable: true })
  invalidReason: string | null;
}
