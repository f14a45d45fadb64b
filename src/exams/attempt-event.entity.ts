import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Focus loss (切屏) and similar events reported by the exam page. */
@Entity('attempt_event')
@Index(['attemptId'])
export class AttemptEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  attemptId: number;

  @Column({ type: 'varchar', length: 30 })
  type: string;

  @CreateDateColumn()
  at: Date;

  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
