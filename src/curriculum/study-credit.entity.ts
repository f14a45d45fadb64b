import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const STUDY_SOURCES = ['reading', 'practice', 'exam', 'group-study'] as const;
export type StudySource = (typeof STUDY_SOURCES)[number];

/** The study-hours ledger (学时): every credited stretch of study, from reading, practice, exams or group study. */
@Entity('study_credit')
@Index(['userId', 'creditedOn'])
@Index(['source', 'refId'])
export class StudyCredit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 20 })
  source: StudySource;

  /** What was studied: a regulation (reading), an attempt (exam), a group-study session…; null for practice. */
  @Column({ type: 'integer', nullable: true })
  refId: number | null;

  @Column({ type: 'integer' })
  seconds: number;

  /** The local day it counts for, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  creditedOn: string;

  @CreateDateColumn()
  createdAt: Date;
}
