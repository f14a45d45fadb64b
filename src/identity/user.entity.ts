import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Unit } from '../organization/unit.entity';

/** An account and its staff profile (one row: every account is a member of staff of some unit, or an admin). */
@Entity('user')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 60 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  /** Incremented on password change or disabling: tokens issued before stop working. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  /** Comma-separated roles, e.g. 'staff,trainer'. */
  @Column({ type: 'varchar', length: 100, default: 'staff' })
  roles: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /**
   * The password was given by someone else (account created or imported with an initial password, or reset by an
   * admin): until the holder changes it, pages lead to 修改密码 and the API answers 403. Demo accounts never.
   */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  staffNo: string | null;

  @Index()
  @Column({ type: 'integer', nullable: true })
  unitId: number | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  postTitle: string | null;

  @Column({ type: 'boolean', default: false })
  civilServant: boolean;

  /** Holds an enforcement post (执法岗位): must hold a valid enforcement certificate. */
  @Column({ type: 'boolean', default: false })
  enforcementPost: boolean;

  /** Business lines as ',care,rights,' (see common/business-lines.ts). */
  @Column({ type: 'varchar', length: 200, default: '' })
  businessLines: string;

  @Column({ type: 'boolean', default: false })
  leader: boolean;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
