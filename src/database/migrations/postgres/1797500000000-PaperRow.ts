import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paper as one row (attempt_paper) and the answers as rows written by the first save (attempt_answer), instead of
 * 100 attempt_item rows written at the start and read twice at the submit (issue #19). The existing papers,
 * answers and scores move over; written_answer finds its item by (attemptId, questionId), unique on a paper. By
 * hand: JSON aggregates in display order.
 */
export class PaperRow1797500000000 implements MigrationInterface {
  name = 'PaperRow1797500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attempt_paper" ("attemptId" integer NOT NULL, "items" text NOT NULL, "scores" text, CONSTRAINT "PK_attempt_paper" PRIMARY KEY ("attemptId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "attempt_answer" ("attemptId" integer NOT NULL, "questionId" integer NOT NULL, "response" text, "seq" integer NOT NULL, "savedAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_attempt_answer" PRIMARY KEY ("attemptId", "questionId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_paper" ("attemptId", "items", "scores") SELECT "attemptId", json_agg(json_build_object('part', "part", 'questionId', "questionId", 'revisionId', "revisionId", 'type', "type", 'points', "points", 'optionOrder', "optionOrder"::json, 'blanks', "blanks") ORDER BY "position")::text, CASE WHEN max("state") IS NULL THEN NULL ELSE json_agg(json_build_object('score', coalesce("score", 0), 'state', coalesce("state", 'unanswered')) ORDER BY "position")::text END FROM "attempt_item" GROUP BY "attemptId"`,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_answer" ("attemptId", "questionId", "response", "seq", "savedAt") SELECT "attemptId", "questionId", "response", "seq", coalesce("savedAt", now()) FROM "attempt_item" WHERE "seq" > 0 OR "response" IS NOT NULL`,
    );
    await queryRunner.query(`DROP TABLE "attempt_item"`);
    await queryRunner.query(`ALTER TABLE "written_answer" DROP COLUMN "attemptItemId"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attempt_item" ("id" SERIAL NOT NULL, "attemptId" integer NOT NULL, "position" integer NOT NULL, "part" character varying(40) NOT NULL, "questionId" integer NOT NULL, "revisionId" integer NOT NULL, "type" character varying(12) NOT NULL, "points" double precision NOT NULL, "optionOrder" text, "blanks" integer NOT NULL DEFAULT '0', "response" text, "seq" integer NOT NULL DEFAULT '0', "savedAt" TIMESTAMP WITH TIME ZONE, "score" double precision, "state" character varying(12), CONSTRAINT "PK_baa4a9f534404eb3914f65b8145" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0236e95c2d28a4d7f27320d768" ON "attempt_item"  ("attemptId", "questionId") `,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_item" ("attemptId", "position", "part", "questionId", "revisionId", "type", "points", "optionOrder", "blanks", "response", "seq", "savedAt", "score", "state") SELECT p."attemptId", i.n - 1, i.v ->> 'part', (i.v ->> 'questionId')::integer, (i.v ->> 'revisionId')::integer, i.v ->> 'type', (i.v ->> 'points')::double precision, nullif((i.v -> 'optionOrder')::text, 'null'), (i.v ->> 'blanks')::integer, a."response", coalesce(a."seq", 0), a."savedAt", (p."scores"::json -> (i.n - 1)::integer ->> 'score')::double precision, p."scores"::json -> (i.n - 1)::integer ->> 'state' FROM "attempt_paper" p CROSS JOIN LATERAL json_array_elements(p."items"::json) WITH ORDINALITY AS i(v, n) LEFT JOIN "attempt_answer" a ON a."attemptId" = p."attemptId" AND a."questionId" = (i.v ->> 'questionId')::integer`,
    );
    await queryRunner.query(`ALTER TABLE "written_answer" ADD "attemptItemId" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `UPDATE "written_answer" w SET "attemptItemId" = i."id" FROM "attempt_item" i WHERE i."attemptId" = w."attemptId" AND i."questionId" = w."questionId"`,
    );
    await queryRunner.query(`DROP TABLE "attempt_answer"`);
    await queryRunner.query(`DROP TABLE "attempt_paper"`);
  }
}
