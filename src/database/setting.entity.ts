import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value settings kept in the database so that every app process shares them (e.g. the JWT secret). */
@Entity('setting')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
