import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paper as one row (attempt_paper) and the answers as rows written by the first save (attempt_answer), instead of
 * 100 attempt_item rows written at the start and read twice at the submit (issue #19). The existing papers,
 * answers and scores move over; written_answer finds its item by (attemptId, questionId), unique on a paper. By
 * hand: JSON aggregates in display order, and attempt_answer WITHOUT ROWID (its key is its only index).
 */
export class PaperRow1797500000000 implements MigrationInterface {
  name = 'PaperRow1797500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attempt_paper" ("attemptId" integer PRIMARY KEY NOT NULL, "items" text NOT NULL, "scores" text)`,
    );
    await queryRunner.query(
      `CREATE TABLE "attempt_answer" ("attemptId" integer NOT NULL, "questionId" integer NOT NULL, "response" text, "seq" integer NOT NULL, "savedAt" datetime NOT NULL, PRIMARY KEY ("attemptId", "questionId")) WITHOUT ROWID`,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_paper" ("attemptId", "items", "scores") SELECT "attemptId", json_group_array(json_object('part', "part", 'questionId', "questionId", 'revisionId', "revisionId", 'type', "type", 'points', "points", 'optionOrder', json("optionOrder"), 'blanks', "blanks") ORDER BY "position"), CASE WHEN max("state") IS NULL THEN NULL ELSE json_group_array(json_object('score', coalesce("score", 0), 'state', coalesce("state", 'unanswered')) ORDER BY "position") END FROM "attempt_item" GROUP BY "attemptId"`,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_answer" ("attemptId", "questionId", "response", "seq", "savedAt") SELECT "attemptId", "questionId", "response", "seq", coalesce("savedAt", datetime('now')) FROM "attempt_item" WHERE "seq" > 0 OR "response" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "IDX_0236e95c2d28a4d7f27320d768"`);
    await queryRunner.query(`DROP TABLE "attempt_item"`);
    await queryRunner.query(`ALTER TABLE "written_answer" DROP COLUMN "attemptItemId"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attempt_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "attemptId" integer NOT NULL, "position" integer NOT NULL, "part" varchar(40) NOT NULL, "questionId" integer NOT NULL, "revisionId" integer NOT NULL, "type" varchar(12) NOT NULL, "points" float NOT NULL, "optionOrder" text, "blanks" integer NOT NULL DEFAULT (0), "response" text, "seq" integer NOT NULL DEFAULT (0), "savedAt" datetime, "score" float, "state" varchar(12))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0236e95c2d28a4d7f27320d768" ON "attempt_item" ("attemptId", "questionId") `,
    );
    await queryRunner.query(
      `INSERT INTO "attempt_item" ("attemptId", "position", "part", "questionId", "revisionId", "type", "points", "optionOrder", "blanks", "response", "seq", "savedAt", "score", "state") SELECT p."attemptId", i.key, i.value ->> 'part', i.value ->> 'questionId', i.value ->> 'revisionId', i.value ->> 'type', i.value ->> 'points', i.value -> 'optionOrder', i.value ->> 'blanks', a."response", coalesce(a."seq", 0), a."savedAt", p."scores" -> i.key ->> 'score', p."scores" -> i.key ->> 'state' FROM "attempt_paper" p, json_each(p."items") i LEFT JOIN "attempt_answer" a ON a."attemptId" = p."attemptId" AND a."questionId" = i.value ->> 'questionId'`,
    );
    await queryRunner.query(`UPDATE "attempt_item" SET "optionOrder" = NULL WHERE "optionOrder" = 'null'`);
    await queryRunner.query(
      `ALTER TABLE "written_answer" ADD COLUMN "attemptItemId" integer NOT NULL DEFAULT (0)`,
    );
    await queryRunner.query(
      `UPDATE "written_answer" SET "attemptItemId" = coalesce((SELECT i."id" FROM "attempt_item" i WHERE i."attemptId" = "written_answer"."attemptId" AND i."questionId" = "written_answer"."questionId"), 0)`,
    );
    await queryRunner.query(`DROP TABLE "attempt_answer"`);
    await queryRunner.query(`DROP TABLE "attempt_paper"`);
  }
}
