import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const STUDY_SOURCES = ['reading', 'material', 'practice', 'exam', 'group-study'] as const;
export type StudySource = (typeof STUDY_SOURCES)[number];

export const STUDY_SOURCE_LABELS: Record<StudySource, string> = {
  reading: '阅读法规',
  material: '学习资料',
  practice: '练习',
  exam: '考试',
  'group-study': '集体学法',
};

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

  /**
   * What was studied: a regulation (reading), a study material (material), an attempt (exam), a group-study
   * session…; null for practice.
   */
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
