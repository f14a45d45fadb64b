import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { RegulationVersion } from './regulation-version.entity';

export const REGULATION_KINDS = [
  'law',
  'administrative-regulation',
  'rule',
  'normative-document',
  'internal-rule',
] as const;
export type RegulationKind = (typeof REGULATION_KINDS)[number];

export const REGULATION_KIND_LABELS: Record<RegulationKind, string> = {
  law: '法律',
  'administrative-regulation': '行政法规',
  rule: '部门规章',
  'normative-document': '规范性文件',
  'internal-rule': '局内部制度',
};

/** A document staff study (法规、规章、规范性文件、局制度). Its status on a date is derived from versions and repeal. */
@Entity('regulation')
export class Regulation {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  shortTitle: string | null;

  /** Other names used in citations, as ',名称一,名称二,'. */
  @Column({ type: 'varchar', length: 500, default: '' })
  aliases: string;

  @Column({ type: 'varchar', length: 40 })
  kind: RegulationKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  issuer: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  docNumber: string | null;

  /** 'common' or a business line. */
  @Column({ type: 'varchar', length: 30 })
  curriculum: string;

  /** Repealed or replaced (废止/被替代). */
  @Column({ type: 'boolean', default: false })
  repealed: boolean;

  /** YYYY-MM-DD from which the document no longer applies; null when the date is not known. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  repealedOn: string | null;

  @Column({ type: 'integer', nullable: true })
  replacedById: number | null;

  @Column({ type: 'text', nullable: true })
  repealNote: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** 'repo' for the catalogue in question-banks/, 'user' for documents added by trainers. */
  @Column({ type: 'varchar', length: 10, default: 'user' })
  source: string;

  @CreateDateColumn()
  createdAt: Date;

  @OneToMany('RegulationVersion', 'regulation')
  versions?: RegulationVersion[];
}
