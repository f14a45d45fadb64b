import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One scored paper's observations for the item statistics, not yet added to item_stat: written by the scoring
 * transaction as one row (instead of one upsert per question, scattered over item_stat's pages), and folded into
 * item_stat before the statistics are read and by every overdue sweep (AttemptsRepository.foldItemStats).
 */
@Entity('item_stat_pending')
export class ItemStatPending {
  @PrimaryGeneratedColumn()
  id: number;

  /** JSON [questionId, x][]: x = the item's score as a fraction of its points (0..1). */
  @Column({ type: 'text' })
  observations: string;

  /** The paper's total score as a fraction (0..1). */
  @Column({ type: 'float' })
  total: number;
}
