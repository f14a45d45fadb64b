import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/** A group study session (集体学法): attendance credits every attendee with its duration. */
@Entity('group_study')
export class GroupStudy {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  heldOn: string;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @Column({ type: 'integer' })
  minutes: number;

  /** JSON { regulationIds, materialIds } */
  @Column({ type: 'text' })
  materials: string;

  /** JSON number[] */
  @Column({ type: 'text' })
  attendeeIds: string;

  /** Counts towards this campaign's hours. */
  @Column({ type: 'integer', nullable: true })
  campaignId: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;
}
