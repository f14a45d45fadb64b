import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A bank of questions for the common curriculum or one business line. */
@Entity('question_bank')
export class QuestionBank {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 'common' or a business line. */
  @Column({ type: 'varchar', length: 30 })
  curriculum: string;

  /** Catalogue codes (or names) of the regulations the bank covers, as ',a,b,'. */
  @Column({ type: 'varchar', length: 500, default: '' })
  regulations: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** 'repo' for question-banks/*.yaml, 'upload' for banks created by trainers. */
  @Column({ type: 'varchar', length: 10, default: 'upload' })
  source: string;

  @CreateDateColumn()
  createdAt: Date;
}
