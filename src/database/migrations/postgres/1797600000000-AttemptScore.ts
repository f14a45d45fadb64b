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
      `CREATE TABLE "attempt_score" ("attemptId" integer NOT NULL, "scores" text NOT NULL, "states" text NOT NULL, CONSTRAINT "PK_attempt_score" PRIMARY KEY ("attemptId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_score" ("attemptId", "scores", "states") SELECT p."attemptId", coalesce((SELECT json_agg(coalesce((e.v ->> 'score')::double precision, 0) ORDER BY e.n) FROM json_array_elements(p."scores"::json) WITH ORDINALITY AS e(v, n)), '[]'::json)::text, coalesce((SELECT string_agg(CASE e.v ->> 'state' WHEN 'correct' THEN 'c' WHEN 'partial' THEN 'p' WHEN 'wrong' THEN 'w' WHEN 'pending' THEN 'm' ELSE 'u' END, '' ORDER BY e.n) FROM json_array_elements(p."scores"::json) WITH ORDINALITY AS e(v, n)), '') FROM "attempt_paper" p WHERE p."scores" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "attempt_paper" DROP COLUMN "scores"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attempt_paper" ADD "scores" text`);
    await queryRunner.query(
      `UPDATE "attempt_paper" p SET "scores" = (SELECT coalesce(json_agg(json_build_object('score', e.v, 'state', CASE substr(s."states", e.n::integer, 1) WHEN 'c' THEN 'correct' WHEN 'p' THEN 'partial' WHEN 'w' THEN 'wrong' WHEN 'm' THEN 'pending' ELSE 'unanswered' END) ORDER BY e.n), '[]'::json)::text FROM json_array_elements(s."scores"::json) WITH ORDINALITY AS e(v, n)) FROM "attempt_score" s WHERE s."attemptId" = p."attemptId"`,
    );
    await queryRunner.query(`DROP TABLE "attempt_score"`);
  }
}
