import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

export const CAMPAIGN_KINDS = ['law-month', 'discipline-month', 'other'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = {
  'law-month': '法规学习月',
  'discipline-month': '纪律教育学习月',
  other: '专题学习',
};

/** A study campaign (法规学习月, 纪律教育学习月): a date range, assigned materials, an audience, required hours. */
@Entity('campaign')
export class Campaign {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  kind: CampaignKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ type: 'varchar', length: 10 })
  endsOn: string;

  @Column({ type: 'float' })
  requiredHours: number;

  /** JSON AudienceCriteria, as for exams: { unitIds, lines, enforcementOnly, userIds }. */
  @Column({ type: 'text' })
  audience: string;

  /** JSON { regulationIds, materialIds }; both empty = any study in the date range counts. */
  @Column({ type: 'text' })
  materials: string;

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;
}
