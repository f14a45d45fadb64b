import { MigrationInterface, QueryRunner } from 'typeorm';

/** The person each earlier attempt, certificate and account action concerned (digits-only ids: a few entries name a username). */
const BACKFILL_SUBJECTS = [
  `UPDATE "audit_log" SET "subjectId" = (SELECT a."userId" FROM "attempt" a WHERE a."id" = CAST("audit_log"."entityId" AS integer)) WHERE "entity" = 'attempt' AND "entityId" NOT GLOB '*[^0-9]*' AND "entityId" <> ''`,
  `UPDATE "audit_log" SET "subjectId" = (SELECT c."userId" FROM "certificate" c WHERE c."id" = CAST("audit_log"."entityId" AS integer)) WHERE "entity" = 'certificate' AND "entityId" NOT GLOB '*[^0-9]*' AND "entityId" <> ''`,
  `UPDATE "audit_log" SET "subjectId" = CAST("entityId" AS integer) WHERE "entity" = 'user' AND "entityId" NOT GLOB '*[^0-9]*' AND "entityId" <> ''`,
];

/**
 * Exam integrity: trainers assigned to exams, the questions practice handed out (the only ones whose key it
 * reveals), and the person each audited action concerns.
 */
export class ExamIntegrity1796486908667 implements MigrationInterface {
  name = 'ExamIntegrity1796486908667';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exam_assignment" ("examId" integer NOT NULL, "userId" integer NOT NULL, "role" varchar(12) NOT NULL DEFAULT ('trainer'), PRIMARY KEY ("examId", "userId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_368254fefd8c90c7b29b94f8be" ON "exam_assignment" ("userId") `);
    await queryRunner.query(
      `CREATE TABLE "practice_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "questionId" integer NOT NULL, "revisionId" integer NOT NULL, "optionOrder" text, "handedAt" datetime NOT NULL, "answeredAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_554deadf85e8ea6ec2320a286b" ON "practice_item" ("userId", "questionId") `,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD COLUMN "subjectId" integer`);
    await queryRunner.query(`CREATE INDEX "IDX_a58ed10f8a93c6bdf957d354ca" ON "audit_log" ("subjectId") `);
    for (const q of BACKFILL_SUBJECTS) await queryRunner.query(q);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_a58ed10f8a93c6bdf957d354ca"`);
    await queryRunner.query(`DROP INDEX "IDX_e3a9d2038eafa6c7cfe9e40853"`);
    await queryRunner.query(`ALTER TABLE "audit_log" RENAME TO "temporary_audit_log"`);
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "actorId" integer, "action" varchar(60) NOT NULL, "entity" varchar(40) NOT NULL, "entityId" varchar(40), "detail" text)`,
    );
    await queryRunner.query(
      `INSERT INTO "audit_log"("id", "at", "actorId", "action", "entity", "entityId", "detail") SELECT "id", "at", "actorId", "action", "entity", "entityId", "detail" FROM "temporary_audit_log"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_audit_log"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_e3a9d2038eafa6c7cfe9e40853" ON "audit_log" ("entity", "entityId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_554deadf85e8ea6ec2320a286b"`);
    await queryRunner.query(`DROP TABLE "practice_item"`);
    await queryRunner.query(`DROP INDEX "IDX_368254fefd8c90c7b29b94f8be"`);
    await queryRunner.query(`DROP TABLE "exam_assignment"`);
  }
}
