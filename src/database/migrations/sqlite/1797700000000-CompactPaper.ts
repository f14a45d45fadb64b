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
      `UPDATE "attempt_paper" SET "items" = (SELECT json_group_array(json_array(e.value ->> 'part', e.value ->> 'questionId', e.value ->> 'revisionId', e.value ->> 'type', e.value ->> 'points', json(e.value -> 'optionOrder'), e.value ->> 'blanks') ORDER BY e.key) FROM json_each("attempt_paper"."items") e)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "attempt_paper" SET "items" = (SELECT json_group_array(json_object('part', e.value ->> 0, 'questionId', e.value ->> 1, 'revisionId', e.value ->> 2, 'type', e.value ->> 3, 'points', e.value ->> 4, 'optionOrder', json(e.value -> 5), 'blanks', e.value ->> 6) ORDER BY e.key) FROM json_each("attempt_paper"."items") e)`,
    );
  }
}
