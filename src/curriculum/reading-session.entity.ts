import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/**
 * Heartbeat state of one person reading one material (a regulation or a study material): kept in the database so
 * that every app process sees the same clock.
 */
@Entity('reading_session')
@Index(['userId', 'materialKey'], { unique: true })
export class ReadingSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  /** 'regulation:12' or 'material:3' */
  @Column({ type: 'varchar', length: 40 })
  materialKey: string;

  @Column({ type: DATETIME })
  lastBeatAt: Date;

  /** The day `daySeconds` counts for, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  /** Seconds credited for this material on `day`. */
  @Column({ type: 'integer', default: 0 })
  daySeconds: number;
}
