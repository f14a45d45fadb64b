import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/**
 * A signed-out access token (its `jti`), refused until it would have expired anyway. Kept in the database so that
 * every app process refuses it; rows past `expiresAt` are deleted as new ones arrive.
 */
@Entity('revoked_token')
export class RevokedToken {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  jti: string;

  @Column({ type: 'integer' })
  userId: number;

  @Index()
  @Column({ type: DATETIME })
  expiresAt: Date;

  /** Other processes read the rows revoked since they last looked. */
  @Index()
  @Column({ type: DATETIME })
  revokedAt: Date;
}
