import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const UNIT_KINDS = ['bureau', 'department', 'affiliated', 'station'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const STATION_LEVELS = ['district', 'street', 'community'] as const;
export type StationLevel = (typeof STATION_LEVELS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  bureau: '局',
  department: '局机关科室',
  affiliated: '局属单位',
  station: '退役军人服务站',
};
export const STATION_LEVEL_LABELS: Record<StationLevel, string> = {
  district: '区级',
  street: '街道级',
  community: '社区级',
};

/**
 * A unit of the bureau. `path` is the materialised path of ids ('/1/4/9/'), so a subtree is one indexed
 * `LIKE '/1/4/%'` and moving a unit rewrites its subtree's paths in one statement.
 */
@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: UnitKind;

  @Column({ type: 'varchar', length: 20, nullable: true })
  level: StationLevel | null;

  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parentId' })
  parent?: Unit | null;

  @Index()
  @Column({ type: 'varchar', length: 400, default: '' })
  path: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  /** The unit's leader (负责人): an account of the unit or below it, or none. */
  @Column({ type: 'integer', nullable: true })
  leaderId: number | null;

  @CreateDateColumn()
  createdAt: Date;
}
