import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One article (条) of a version's text, addressable as …/articles/22. */
@Entity('article')
@Index(['versionId', 'number'], { unique: true })
@Index(['regulationId', 'number'])
/** PostgreSQL trigram index for search (migration Study); SQLite searches through the article_fts table instead. */
@Index('IDX_article_text_trgm', { synchronize: false })
export class Article {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  regulationId: number;

  @Column({ type: 'integer' })
  versionId: number;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'varchar', length: 40 })
  label: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  part: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  chapter: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  section: string | null;

  @Column({ type: 'text' })
  text: string;
}
