import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only history of who held which post where: one row per period during which a person's unit,
 * enforcement post and business lines stayed the same, from `validFrom` (inclusive) to `validTo` (exclusive;
 * null while current). A change closes the open row and appends a new one; rows are never deleted. Reports as of
 * a past date read the rows valid on that day.
 */
@Entity('post_history')
@Index(['userId', 'validTo'])
@Index(['validFrom', 'validTo'])
export class PostHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer', nullable: true })
  unitId: number | null;

  @Column({ type: 'boolean', default: false })
  enforcementPost: boolean;

  /** As on the user: ',care,rights,'. */
  @Column({ type: 'varchar', length: 200, default: '' })
  businessLines: string;

  @Column({ type: 'varchar', length: 10 })
  validFrom: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  validTo: string | null;
}
