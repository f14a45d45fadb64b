import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

export const EXAM_KINDS = [
  'practice',
  'onboarding',
  'quarterly',
  'annual',
  'law-study',
  'qualification',
] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];
export const EXAM_KIND_LABELS: Record<ExamKind, string> = {
  practice: '练习',
  onboarding: '任职培训考试',
  quarterly: '季度考核',
  annual: '年度考核',
  'law-study': '学法用法考试',
  qualification: '行政执法资格考试',
};
export const REVIEW_POLICIES = ['after-submit', 'after-close', 'never'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

/** Who must sit an exam: people matching every non-empty criterion, plus anyone named. */
@Entity('exam')
export class Exam {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ExamKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** JSON Blueprint (see blueprint.ts). */
  @Column({ type: 'text' })
  blueprint: string;

  @Column({ type: 'integer', nullable: true })
  timeLimitMinutes: number | null;

  @Column({ type: DATETIME, nullable: true })
  opensAt: Date | null;

  @Column({ type: DATETIME, nullable: true })
  closesAt: Date | null;

  @Column({ type: DATETIME, nullable: true })
  resitOpensAt: Date | null;

  @Column({ type: DATETIME, nullable: true })
  resitClosesAt: Date | null;

  /** 0 = unlimited. */
  @Column({ type: 'integer', default: 1 })
  attemptsAllowed: number;

  @Column({ type: 'varchar', length: 10, default: 'highest' })
  grading: 'highest' | 'last';

  @Column({ type: 'boolean', default: true })
  shuffleQuestions: boolean;

  @Column({ type: 'boolean', default: true })
  shuffleOptions: boolean;

  @Column({ type: 'varchar', length: 20, default: 'after-submit' })
  reviewPolicy: ReviewPolicy;

  @Column({ type: 'varchar', length: 20, default: 'all-or-nothing' })
  multipleMode: 'all-or-nothing' | 'partial';

  /** Focus losses (切屏) after which the attempt is submitted; null = no limit. */
  @Column({ type: 'integer', nullable: true })
  maxFocusLoss: number | null;

  /** Written answers are marked by two markers independently (双评); a third marks when they differ too much. */
  @Column({ type: 'boolean', default: false })
  doubleMarking: boolean;

  /** Double marking: the largest difference of two markers' totals (points) that needs no third marker. */
  @Column({ type: 'float', default: 2 })
  markingTolerance: number;

  /** JSON AudienceCriteria (src/identity/audience-sql.ts). */
  @Column({ type: 'text' })
  audience: string;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: 'draft' | 'published' | 'archived';

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn()
  createdAt: Date;
}
