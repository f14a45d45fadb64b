import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence number used per number prefix (e.g. 'XZZF-2026-'): one upsert hands out the next one. */
@Entity('certificate_counter')
export class CertificateCounter {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  prefix: string;

  @Column({ type: 'integer', default: 0 })
  value: number;
}
