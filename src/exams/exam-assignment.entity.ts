import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A trainer assigned to an exam. Trainers reach banks and exams bureau-wide, but candidates' papers, reviews and
 * attempt actions only for the exams they created or are assigned to.
 */
@Entity('exam_assignment')
@Index(['userId'])
export class ExamAssignment {
  @PrimaryColumn({ type: 'integer' })
  examId: number;

  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 12, default: 'trainer' })
  role: 'trainer';
}
