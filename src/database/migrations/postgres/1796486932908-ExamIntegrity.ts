import { MigrationInterface, QueryRunner } from 'typeorm';

/** The person each earlier attempt, certificate and account action concerned (digits-only ids: a few entries name a username). */
const BACKFILL_SUBJECTS = [
  `UPDATE "audit_log" SET "subjectId" = (SELECT a."userId" FROM "attempt" a WHERE a."id" = CAST("audit_log"."entityId" AS integer)) WHERE "entity" = 'attempt' AND "entityId" ~ '^[0-9]{1,9}$'`,
  `UPDATE "audit_log" SET "subjectId" = (SELECT c."userId" FROM "certificate" c WHERE c."id" = CAST("audit_log"."entityId" AS integer)) WHERE "entity" = 'certificate' AND "entityId" ~ '^[0-9]{1,9}$'`,
  `UPDATE "audit_log" SET "subjectId" = CAST("entityId" AS integer) WHERE "entity" = 'user' AND "entityId" ~ '^[0-9]{1,9}$'`,
];

/**
 * Exam integrity: trainers assigned to exams, the questions practice handed out (the only ones whose key it
 * reveals), and the person each audited action concerns.
 */
export class ExamIntegrity1796486932908 implements MigrationInterface {
  name = 'ExamIntegrity1796486932908';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exam_assignment" ("examId" integer NOT NULL, "userId" integer NOT NULL, "role" character varying(12) NOT NULL DEFAULT 'trainer', CONSTRAINT "PK_502db51ee455a27774938daee17" PRIMARY KEY ("examId", "userId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_368254fefd8c90c7b29b94f8be" ON "exam_assignment"  ("userId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "practice_item" ("id" SERIAL NOT NULL, "userId" integer NOT NULL, "questionId" integer NOT NULL, "revisionId" integer NOT NULL, "optionOrder" text, "handedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "answeredAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_51d8b4ec8c4b2d0badacba8e768" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_554deadf85e8ea6ec2320a286b" ON "practice_item"  ("userId", "questionId") `,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "subjectId" integer`);
    await queryRunner.query(`CREATE INDEX "IDX_a58ed10f8a93c6bdf957d354ca" ON "audit_log"  ("subjectId") `);
    for (const q of BACKFILL_SUBJECTS) await queryRunner.query(q);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_a58ed10f8a93c6bdf957d354ca"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "subjectId"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_554deadf85e8ea6ec2320a286b"`);
    await queryRunner.query(`DROP TABLE "practice_item"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_368254fefd8c90c7b29b94f8be"`);
    await queryRunner.query(`DROP TABLE "exam_assignment"`);
  }
}
