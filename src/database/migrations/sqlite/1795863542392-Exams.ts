import { MigrationInterface, QueryRunner } from 'typeorm';

export class Exams1795863542392 implements MigrationInterface {
  name = 'Exams1795863542392';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attempt_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "attemptId" integer NOT NULL, "type" varchar(30) NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "detail" text)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c88fcc19297048e11862783cd7" ON "attempt_event" ("attemptId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attempt_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "attemptId" integer NOT NULL, "position" integer NOT NULL, "part" varchar(40) NOT NULL, "questionId" integer NOT NULL, "revisionId" integer NOT NULL, "type" varchar(12) NOT NULL, "points" float NOT NULL, "optionOrder" text, "blanks" integer NOT NULL DEFAULT (0), "response" text, "seq" integer NOT NULL DEFAULT (0), "savedAt" datetime, "score" float, "state" varchar(12))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0236e95c2d28a4d7f27320d768" ON "attempt_item" ("attemptId", "questionId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attempt" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "examId" integer NOT NULL, "userId" integer NOT NULL, "attemptNo" integer NOT NULL, "status" varchar(12) NOT NULL, "seed" varchar(80) NOT NULL, "startedAt" datetime NOT NULL, "deadline" datetime, "extensionMinutes" integer NOT NULL DEFAULT (0), "submittedAt" datetime, "submittedBy" varchar(12), "score" float, "maxScore" float NOT NULL DEFAULT (0), "passed" boolean, "parts" text, "focusLossCount" integer NOT NULL DEFAULT (0), "invalidReason" text)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_dd8844876037b478f5bb859512" ON "attempt" ("userId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_1c8a2d2a7343221fb8426902c6" ON "attempt" ("status", "deadline") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_attempt_open" ON "attempt" ("examId", "userId") WHERE "status" = 'in-progress'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3b66152fc598fe3c35d5dbad59" ON "attempt" ("examId", "userId", "attemptNo") `,
    );
    await queryRunner.query(
      `CREATE TABLE "exam" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "description" text, "blueprint" text NOT NULL, "timeLimitMinutes" integer, "opensAt" datetime, "closesAt" datetime, "resitOpensAt" datetime, "resitClosesAt" datetime, "attemptsAllowed" integer NOT NULL DEFAULT (1), "grading" varchar(10) NOT NULL DEFAULT ('highest'), "shuffleQuestions" boolean NOT NULL DEFAULT (1), "shuffleOptions" boolean NOT NULL DEFAULT (1), "reviewPolicy" varchar(20) NOT NULL DEFAULT ('after-submit'), "multipleMode" varchar(20) NOT NULL DEFAULT ('all-or-nothing'), "maxFocusLoss" integer, "audience" text NOT NULL, "status" varchar(12) NOT NULL DEFAULT ('draft'), "createdBy" integer, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "item_stat" ("questionId" integer PRIMARY KEY NOT NULL, "n" integer NOT NULL DEFAULT (0), "sumX" float NOT NULL DEFAULT (0), "sumX2" float NOT NULL DEFAULT (0), "sumT" float NOT NULL DEFAULT (0), "sumT2" float NOT NULL DEFAULT (0), "sumXT" float NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `CREATE TABLE "wrong_answer" ("userId" integer NOT NULL, "questionId" integer NOT NULL, "correctStreak" integer NOT NULL DEFAULT (0), "timesMissed" integer NOT NULL DEFAULT (1), "lastMissedAt" datetime NOT NULL, PRIMARY KEY ("userId", "questionId"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "wrong_answer"`);
    await queryRunner.query(`DROP TABLE "item_stat"`);
    await queryRunner.query(`DROP TABLE "exam"`);
    await queryRunner.query(`DROP INDEX "IDX_3b66152fc598fe3c35d5dbad59"`);
    await queryRunner.query(`DROP INDEX "UQ_attempt_open"`);
    await queryRunner.query(`DROP INDEX "IDX_1c8a2d2a7343221fb8426902c6"`);
    await queryRunner.query(`DROP INDEX "IDX_dd8844876037b478f5bb859512"`);
    await queryRunner.query(`DROP TABLE "attempt"`);
    await queryRunner.query(`DROP INDEX "IDX_0236e95c2d28a4d7f27320d768"`);
    await queryRunner.query(`DROP TABLE "attempt_item"`);
    await queryRunner.query(`DROP INDEX "IDX_c88fcc19297048e11862783cd7"`);
    await queryRunner.query(`DROP TABLE "attempt_event"`);
  }
}
