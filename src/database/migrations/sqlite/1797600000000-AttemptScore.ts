import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scored paper's item scores in their own small row (attempt_score: the scores as a JSON number array, the states
 * one letter each), no longer a column of attempt_paper: writing them there rewrote the paper's 12 KB row on every
 * submit (issue #19). Existing scores move over and back. By hand: ordered JSON and string aggregates.
 */
export class AttemptScore1797600000000 implements MigrationInterface {
  name = 'AttemptScore1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attempt_score" ("attemptId" integer PRIMARY KEY NOT NULL, "scores" text NOT NULL, "states" text NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_score" ("attemptId", "scores", "states") SELECT p."attemptId", (SELECT json_group_array(coalesce(e.value ->> 'score', 0) ORDER BY e.key) FROM json_each(p."scores") e), (SELECT coalesce(group_concat(CASE e.value ->> 'state' WHEN 'correct' THEN 'c' WHEN 'partial' THEN 'p' WHEN 'wrong' THEN 'w' WHEN 'pending' THEN 'm' ELSE 'u' END, '' ORDER BY e.key), '') FROM json_each(p."scores") e) FROM "attempt_paper" p WHERE p."scores" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "attempt_paper" DROP COLUMN "scores"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attempt_paper" ADD COLUMN "scores" text`);
    await queryRunner.query(
      `UPDATE "attempt_paper" SET "scores" = (SELECT json_group_array(json_object('score', e.value, 'state', CASE substr(s."states", e.key + 1, 1) WHEN 'c' THEN 'correct' WHEN 'p' THEN 'partial' WHEN 'w' THEN 'wrong' WHEN 'm' THEN 'pending' ELSE 'unanswered' END) ORDER BY e.key) FROM "attempt_score" s, json_each(s."scores") e WHERE s."attemptId" = "attempt_paper"."attemptId") WHERE "attemptId" IN (SELECT "attemptId" FROM "attempt_score")`,
    );
    await queryRunner.query(`DROP TABLE "attempt_score"`);
  }
}
