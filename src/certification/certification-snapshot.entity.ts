import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/column-types';

/**
 * Summary rows of the 持证率 report: for one day, the enforcement staff and how many of them held a valid
 * enforcement certificate, per unit and business-line combination, over the whole bureau. Built on first use
 * of a day (CertificationRepository.countCertifiedByUnit) and deleted by database triggers on `certificate` and
 * `post_history` whenever a change touches that day or an earlier one, so a stored day is always what the full
 * query would answer (see the ReportSummaries migration).
 */
@Entity('certification_snapshot')
export class CertificationSnapshot {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'integer' })
  unitId: number;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  businessLines: string;

  @Column({ type: 'integer' })
  staff: number;

  @Column({ type: 'integer' })
  certified: number;
}

/** The days whose snapshot is stored (a day with no enforcement staff has a marker and no rows). */
@Entity('certification_snapshot_day')
export class CertificationSnapshotDay {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @CreateDateColumn({ type: DATETIME })
  builtAt: Date;
}
