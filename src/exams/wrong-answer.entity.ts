import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/** 错题本: a missed question stays until answered right twice in a row. */
@Entity('wrong_answer')
export class WrongAnswer {
  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @PrimaryColumn({ type: 'integer' })
  questionId: number;

  @Column({ type: 'integer', default: 0 })
  correctStreak: number;

  @Column({ type: 'integer', default: 1 })
  timesMissed: number;

  @Column({ type: DATETIME })
  lastMissedAt: Date;
}
