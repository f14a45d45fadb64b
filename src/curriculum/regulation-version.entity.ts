import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Regulation } from './regulation.entity';

/** One version of a document (制定、修正、修订) with its own dates and, when known, its text split into articles. */
@Entity('regulation_version')
@Index(['regulationId', 'seq'], { unique: true })
export class RegulationVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  regulationId: number;

  @ManyToOne(() => Regulation, (r) => r.versions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'regulationId' })
  regulation?: Regulation;

  /** 1, 2, 3… in order of adoption. */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  adoptedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  effectiveOn: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Whether the stored text holds only some articles (节选). */
  @Column({ type: 'boolean', default: false })
  excerpt: boolean;

  @Column({ type: 'integer', default: 0 })
  articleCount: number;

  /** sha256 of the text the articles were split from: an unchanged text is not written again at start-up. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  textHash: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
