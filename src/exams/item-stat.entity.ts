import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Running sums per question for facility and discrimination (see item-stats.ts), updated as attempts are scored. */
@Entity('item_stat')
export class ItemStat {
  @PrimaryColumn({ type: 'integer' })
  questionId: number;

  @Column({ type: 'integer', default: 0 })
  n: number;

  @Column({ type: 'float', default: 0 })
  sumX: number;

  @Column({ type: 'float', default: 0 })
  sumX2: number;

  @Column({ type: 'float', default: 0 })
  sumT: number;

  @Column({ type: 'float', default: 0 })
  sumT2: number;

  @Column({ type: 'float', default: 0 })
  sumXT: number;
}
