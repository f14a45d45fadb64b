import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

export const CERTIFICATE_KINDS = ['enforcement', 'training'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = {
  enforcement: '行政执法资格证',
  training: '培训合格证',
};
/** Only these are stored; `valid` and `expired` are derived from the dates. */
export type StoredCertificateStatus = 'suspended' | 'revoked';
export type CertificateSource = 'exam' | 'registered' | 'renewal';

/**
 * A certificate held by a member of staff. Dates are calendar days as 'YYYY-MM-DD' text (comparable as strings
 * on every database); `expiresOn` is the last valid day. A certificate issued for a passed attempt carries
 * `sourceAttemptId`, unique, so scoring an attempt can never issue two.
 */
@Entity('certificate')
@Index(['userId', 'kind'])
export class Certificate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 12 })
  kind: CertificateKind;

  @Column({ type: 'integer' })
  userId: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'varchar', length: 10 })
  issuedOn: string;

  @Column({ type: 'varchar', length: 10 })
  expiresOn: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  status: StoredCertificateStatus | null;

  /** First day the stored status applies (the certificate counts as valid before it). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  statusSince: string | null;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'varchar', length: 12 })
  source: CertificateSource;

  @Column({ type: 'varchar', length: 100, nullable: true })
  issuer: string | null;

  @Column({ type: 'integer', nullable: true })
  examId: number | null;

  @Index({ unique: true })
  @Column({ type: 'integer', nullable: true })
  sourceAttemptId: number | null;

  /** The certificate this one renews (unique: a certificate is renewed at most once). */
  @Index({ unique: true })
  @Column({ type: 'integer', nullable: true })
  renewsId: number | null;

  @Column({ type: 'varchar', length: 16 })
  verificationCode: string;

  @CreateDateColumn({ type: DATETIME })
  createdAt: Date;
}
