import { MigrationInterface, QueryRunner } from 'typeorm';

/** Deletes the stored 持证率 snapshots of day `since` and later (see CertificationSnapshot). */
const invalidate = (since: string) =>
  `DELETE FROM "certification_snapshot" WHERE "day" >= ${since}; DELETE FROM "certification_snapshot_day" WHERE "day" >= ${since};`;
/** The first day a certificate stops counting as valid (or close before it): its expiry or its status change. */
const certEnd = (r: string) =>
  `CASE WHEN ${r}."status" IS NULL THEN ${r}."expiresOn" ELSE MIN(${r}."expiresOn", COALESCE(${r}."statusSince", ${r}."issuedOn")) END`;

/** exam_grade from the attempts already scored (the rule of gradeInsertSql in src/exams/exam-grades.ts, frozen here). */
const BACKFILL_GRADES = `INSERT INTO exam_grade ("examId", "userId", "attemptId", score, passed)
  SELECT "examId", "userId", id, score, passed FROM (
    SELECT a."examId", a."userId", a.id, COALESCE(a.score, 0) AS score, COALESCE(a.passed, FALSE) AS passed,
      ROW_NUMBER() OVER (PARTITION BY a."examId", a."userId" ORDER BY
        CASE WHEN e.grading = 'highest' THEN COALESCE(a.score, 0) ELSE 0 END DESC,
        CASE WHEN e.grading = 'highest' THEN NULL ELSE a."submittedAt" END DESC,
        a."attemptNo" DESC) AS rn
    FROM attempt a JOIN exam e ON e.id = a."examId"
    WHERE a.status = 'submitted' AND a."submittedAt" IS NOT NULL) t
  WHERE rn = 1`;

/**
 * Summary rows for the reports: exam_grade (backfilled from the attempts) and the 持证率 snapshots, with the
 * triggers that delete every stored snapshot day a change to a certificate or a post can affect. The triggers
 * take the earliest day the change touches: for a certificate its issue day, or, when only its expiry or status
 * changed, the earlier of the old and new end of validity; for a post its start, or, when only its end changed, the
 * earlier of the old and new end.
 */
export class ReportSummaries1796444214531 implements MigrationInterface {
  name = 'ReportSummaries1796444214531';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "certification_snapshot" ("day" varchar(10) NOT NULL, "unitId" integer NOT NULL, "businessLines" varchar(200) NOT NULL, "staff" integer NOT NULL, "certified" integer NOT NULL, PRIMARY KEY ("day", "unitId", "businessLines"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "certification_snapshot_day" ("day" varchar(10) PRIMARY KEY NOT NULL, "builtAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "exam_grade" ("examId" integer NOT NULL, "userId" integer NOT NULL, "attemptId" integer NOT NULL, "score" float NOT NULL, "passed" boolean NOT NULL, PRIMARY KEY ("examId", "userId"))`,
    );
    await queryRunner.query(BACKFILL_GRADES);
    await queryRunner.query(
      `CREATE TRIGGER "certificate_snapshot_insert" AFTER INSERT ON "certificate" WHEN new."kind" = 'enforcement' BEGIN ${invalidate('new."issuedOn"')} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "certificate_snapshot_delete" AFTER DELETE ON "certificate" WHEN old."kind" = 'enforcement' BEGIN ${invalidate('old."issuedOn"')} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "certificate_snapshot_update" AFTER UPDATE OF "userId", "kind", "issuedOn", "expiresOn", "status", "statusSince" ON "certificate" WHEN old."kind" = 'enforcement' OR new."kind" = 'enforcement' BEGIN ${invalidate(
        `(CASE WHEN old."userId" IS NOT new."userId" OR old."kind" IS NOT new."kind" OR old."issuedOn" IS NOT new."issuedOn" THEN MIN(old."issuedOn", new."issuedOn") ELSE MIN(${certEnd('old')}, ${certEnd('new')}) END)`,
      )} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "post_history_snapshot_insert" AFTER INSERT ON "post_history" WHEN new."enforcementPost" BEGIN ${invalidate('new."validFrom"')} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "post_history_snapshot_delete" AFTER DELETE ON "post_history" WHEN old."enforcementPost" BEGIN ${invalidate('old."validFrom"')} END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "post_history_snapshot_update" AFTER UPDATE OF "userId", "unitId", "enforcementPost", "businessLines", "validFrom", "validTo" ON "post_history" WHEN old."enforcementPost" OR new."enforcementPost" BEGIN ${invalidate(
        `(CASE WHEN old."userId" IS NOT new."userId" OR old."unitId" IS NOT new."unitId" OR old."enforcementPost" IS NOT new."enforcementPost" OR old."businessLines" IS NOT new."businessLines" OR old."validFrom" IS NOT new."validFrom" THEN MIN(old."validFrom", new."validFrom") ELSE MIN(COALESCE(old."validTo", '9999-12-31'), COALESCE(new."validTo", '9999-12-31')) END)`,
      )} END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['certificate', 'post_history'])
      for (const op of ['insert', 'delete', 'update'])
        await queryRunner.query(`DROP TRIGGER "${t}_snapshot_${op}"`);
    await queryRunner.query(`DROP TABLE "exam_grade"`);
    await queryRunner.query(`DROP TABLE "certification_snapshot_day"`);
    await queryRunner.query(`DROP TABLE "certification_snapshot"`);
  }
}
