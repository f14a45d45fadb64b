import { MigrationInterface, QueryRunner } from 'typeorm';

export class Exams1795863547786 implements MigrationInterface {
  name = 'Exams1795863547786';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attempt_event" ("id" SERIAL NOT NULL, "attemptId" integer NOT NULL, "type" character varying(30) NOT NULL, "at" TIMESTAMP NOT NULL DEFAULT now(), "detail" text, CONSTRAINT "PK_af6156ea191b85ecc6cd83f3117" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c88fcc19297048e11862783cd7" ON "attempt_event"  ("attemptId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attempt_item" ("id" SERIAL NOT NULL, "attemptId" integer NOT NULL, "position" integer NOT NULL, "part" character varying(40) NOT NULL, "questionId" integer NOT NULL, "revisionId" integer NOT NULL, "type" character varying(12) NOT NULL, "points" double precision NOT NULL, "optionOrder" text, "blanks" integer NOT NULL DEFAULT '0', "response" text, "seq" integer NOT NULL DEFAULT '0', "savedAt" TIMESTAMP WITH TIME ZONE, "score" double precision, "state" character varying(12), CONSTRAINT "PK_baa4a9f534404eb3914f65b8145" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0236e95c2d28a4d7f27320d768" ON "attempt_item"  ("attemptId", "questionId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attempt" ("id" SERIAL NOT NULL, "examId" integer NOT NULL, "userId" integer NOT NULL, "attemptNo" integer NOT NULL, "status" character varying(12) NOT NULL, "seed" character varying(80) NOT NULL, "startedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE, "extensionMinutes" integer NOT NULL DEFAULT '0', "submittedAt" TIMESTAMP WITH TIME ZONE, "submittedBy" character varying(12), "score" double precision, "maxScore" double precision NOT NULL DEFAULT '0', "passed" boolean, "parts" text, "focusLossCount" integer NOT NULL DEFAULT '0', "invalidReason" text, CONSTRAINT "PK_5f822b29b3128d1c65d3d6c193d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_dd8844876037b478f5bb859512" ON "attempt"  ("userId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_1c8a2d2a7343221fb8426902c6" ON "attempt"  ("status", "deadline") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_attempt_open" ON "attempt"  ("examId", "userId") WHERE "status" = 'in-progress'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3b66152fc598fe3c35d5dbad59" ON "attempt"  ("examId", "userId", "attemptNo") `,
    );
    await queryRunner.query(
      `CREATE TABLE "exam" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "description" text, "blueprint" text NOT NULL, "timeLimitMinutes" integer, "opensAt" TIMESTAMP WITH TIME ZONE, "closesAt" TIMESTAMP WITH TIME ZONE, "resitOpensAt" TIMESTAMP WITH TIME ZONE, "resitClosesAt" TIMESTAMP WITH TIME ZONE, "attemptsAllowed" integer NOT NULL DEFAULT '1', "grading" character varying(10) NOT NULL DEFAULT 'highest', "shuffleQuestions" boolean NOT NULL DEFAULT true, "shuffleOptions" boolean NOT NULL DEFAULT true, "reviewPolicy" character varying(20) NOT NULL DEFAULT 'after-submit', "multipleMode" character varying(20) NOT NULL DEFAULT 'all-or-nothing', "maxFocusLoss" integer, "audience" text NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'draft', "createdBy" integer, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_56071ab3a94aeac01f1b5ab74aa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "item_stat" ("questionId" integer NOT NULL, "n" integer NOT NULL DEFAULT '0', "sumX" double precision NOT NULL DEFAULT '0', "sumX2" double precision NOT NULL DEFAULT '0', "sumT" double precision NOT NULL DEFAULT '0', "sumT2" double precision NOT NULL DEFAULT '0', "sumXT" double precision NOT NULL DEFAULT '0', CONSTRAINT "PK_74fa425c21b6b8bbaea46ac1927" PRIMARY KEY ("questionId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "wrong_answer" ("userId" integer NOT NULL, "questionId" integer NOT NULL, "correctStreak" integer NOT NULL DEFAULT '0', "timesMissed" integer NOT NULL DEFAULT '1', "lastMissedAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bef785cbf8ef0f2d091e16facac" PRIMARY KEY ("userId", "questionId"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "wrong_answer"`);
    await queryRunner.query(`DROP TABLE "item_stat"`);
    await queryRunner.query(`DROP TABLE "exam"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b66152fc598fe3c35d5dbad59"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_attempt_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1c8a2d2a7343221fb8426902c6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dd8844876037b478f5bb859512"`);
    await queryRunner.query(`DROP TABLE "attempt"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0236e95c2d28a4d7f27320d768"`);
    await queryRunner.query(`DROP TABLE "attempt_item"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c88fcc19297048e11862783cd7"`);
    await queryRunner.query(`DROP TABLE "attempt_event"`);
  }
}
