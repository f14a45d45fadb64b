import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, when: every admin change (accounts, units, roles), certificate and exam interventions. */
@Entity('audit_log')
@Index(['entity', 'entityId'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  @CreateDateColumn()
  at: Date;

  @Column({ type: 'integer', nullable: true })
  actorId: number | null;

  /** The person the action concerns (whose attempt, certificate or account), so they can see it on their record. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  subjectId: number | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  entity: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  entityId: string | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
