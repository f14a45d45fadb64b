import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

export const MATERIAL_KINDS = ['case', 'internal-rule', 'note'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  case: '案例',
  'internal-rule': '局制度规定',
  note: '培训讲义',
};

/** A study material besides the law texts: a case (案例汇编), an internal rule, or a trainer's note. */
@Entity('study_material')
@Index(['curriculum', 'kind'])
/** PostgreSQL trigram indexes for search (migration Study); SQLite searches through study_material_fts instead. */
@Index('IDX_study_material_title_trgm', { synchronize: false })
@Index('IDX_study_material_body_trgm', { synchronize: false })
export class StudyMaterial {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: MaterialKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 'common' or a business line. */
  @Column({ type: 'varchar', length: 30 })
  curriculum: string;

  @Column({ type: 'text' })
  body: string;

  /** JSON [{ regulationId, article }]: the articles a case applies or a note explains. */
  @Column({ type: 'text', default: '[]' })
  articles: string;

  /** Demo content written to illustrate the feature (shown as 示例), not a real case. */
  @Column({ type: 'boolean', default: false })
  sample: boolean;

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;

  @UpdateDateColumn({ type: DATETIME })
  updatedAt: Date;
}
