import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Summary row: the grade that counts for one person in one exam (see gradedAttempt), kept in the transaction that
 * scores, invalidates or reopens one of their attempts (ExamGrades.refresh). Reports read these rows instead of
 * ranking every attempt: one row per person who has a submitted attempt, however many attempts there are.
 */
@Entity('exam_grade')
export class ExamGrade {
  @PrimaryColumn({ type: 'integer' })
  examId: number;

  @PrimaryColumn({ type: 'integer' })
  userId: number;

  /** The attempt that counts. */
  @Column({ type: 'integer' })
  attemptId: number;

  @Column({ type: 'float' })
  score: number;

  @Column({ type: 'boolean' })
  passed: boolean;
}
