import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paper stored as one JSON array per question, [part, questionId, revisionId, type, points, optionOrder, blanks],
 * instead of one JSON object with its field names (src/exams/paper-codec.ts): ~5 KB for 100 questions instead of
 * ~12 KB (issue #19). Every paper is rewritten, in display order, and back.
 */
export class CompactPaper1797700000000 implements MigrationInterface {
  name = 'CompactPaper1797700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "attempt_paper" p SET "items" = coalesce((SELECT json_agg(json_build_array(e.v ->> 'part', (e.v ->> 'questionId')::integer, (e.v ->> 'revisionId')::integer, e.v ->> 'type', (e.v ->> 'points')::double precision, e.v -> 'optionOrder', (e.v ->> 'blanks')::integer) ORDER BY e.n) FROM json_array_elements(p."items"::json) WITH ORDINALITY AS e(v, n)), '[]'::json)::text`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "attempt_paper" p SET "items" = coalesce((SELECT json_agg(json_build_object('part', e.v ->> 0, 'questionId', (e.v ->> 1)::integer, 'revisionId', (e.v ->> 2)::integer, 'type', e.v ->> 3, 'points', (e.v ->> 4)::double precision, 'optionOrder', e.v -> 5, 'blanks', (e.v ->> 6)::integer) ORDER BY e.n) FROM json_array_elements(p."items"::json) WITH ORDINALITY AS e(v, n)), '[]'::json)::text`,
    );
  }
}
