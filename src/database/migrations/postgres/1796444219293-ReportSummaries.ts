import { MigrationInterface, QueryRunner } from 'typeorm';

/** The first day a certificate stops counting as valid (or close before it): its expiry or its status change. */
const certEnd = (r: string) =>
  `CASE WHEN ${r}.status IS NULL THEN ${r}."expiresOn" ELSE LEAST(${r}."expiresOn", COALESCE(${r}."statusSince", ${r}."issuedOn")) END`;

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
 * triggers that delete every stored snapshot day a change to a certificate or a post can affect (see the SQLite
 * migration of the same name for the rule). Invalidation takes a shared transaction-level advisory lock and a
 * snapshot build the exclusive one, so a build never stores counts that miss a change committed while it ran.
 */
export class ReportSummaries1796444219293 implements MigrationInterface {
  name = 'ReportSummaries1796444219293';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "certification_snapshot" ("day" character varying(10) NOT NULL, "unitId" integer NOT NULL, "businessLines" character varying(200) NOT NULL, "staff" integer NOT NULL, "certified" integer NOT NULL, CONSTRAINT "PK_8673a98c6a992c179a42acf2d41" PRIMARY KEY ("day", "unitId", "businessLines"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "certification_snapshot_day" ("day" character varying(10) NOT NULL, "builtAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_987caa3c79b6e6d67fedfc8a833" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "exam_grade" ("examId" integer NOT NULL, "userId" integer NOT NULL, "attemptId" integer NOT NULL, "score" double precision NOT NULL, "passed" boolean NOT NULL, CONSTRAINT "PK_1955e64117dfe23948a8dc798d2" PRIMARY KEY ("examId", "userId"))`,
    );
    await queryRunner.query(BACKFILL_GRADES);
    await queryRunner.query(`CREATE FUNCTION certification_snapshot_invalidate(since varchar) RETURNS void AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(7301002);
        DELETE FROM certification_snapshot WHERE day >= since;
        DELETE FROM certification_snapshot_day WHERE day >= since;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`CREATE FUNCTION certificate_snapshot_trigger() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.kind = 'enforcement' THEN PERFORM certification_snapshot_invalidate(NEW."issuedOn"); END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF OLD.kind = 'enforcement' THEN PERFORM certification_snapshot_invalidate(OLD."issuedOn"); END IF;
        ELSIF OLD.kind = 'enforcement' OR NEW.kind = 'enforcement' THEN
          IF OLD."userId" IS DISTINCT FROM NEW."userId" OR OLD.kind IS DISTINCT FROM NEW.kind
            OR OLD."issuedOn" IS DISTINCT FROM NEW."issuedOn" THEN
            PERFORM certification_snapshot_invalidate(LEAST(OLD."issuedOn", NEW."issuedOn"));
          ELSE
            PERFORM certification_snapshot_invalidate(LEAST(${certEnd('OLD')}, ${certEnd('NEW')}));
          END IF;
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(
      `CREATE TRIGGER certificate_snapshot AFTER INSERT OR DELETE OR UPDATE OF "userId", kind, "issuedOn", "expiresOn", status, "statusSince" ON certificate FOR EACH ROW EXECUTE FUNCTION certificate_snapshot_trigger()`,
    );
    await queryRunner.query(`CREATE FUNCTION post_history_snapshot_trigger() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW."enforcementPost" THEN PERFORM certification_snapshot_invalidate(NEW."validFrom"); END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF OLD."enforcementPost" THEN PERFORM certification_snapshot_invalidate(OLD."validFrom"); END IF;
        ELSIF OLD."enforcementPost" OR NEW."enforcementPost" THEN
          IF OLD."userId" IS DISTINCT FROM NEW."userId" OR OLD."unitId" IS DISTINCT FROM NEW."unitId"
            OR OLD."enforcementPost" IS DISTINCT FROM NEW."enforcementPost"
            OR OLD."businessLines" IS DISTINCT FROM NEW."businessLines"
            OR OLD."validFrom" IS DISTINCT FROM NEW."validFrom" THEN
            PERFORM certification_snapshot_invalidate(LEAST(OLD."validFrom", NEW."validFrom"));
          ELSE
            PERFORM certification_snapshot_invalidate(
              LEAST(COALESCE(OLD."validTo", '9999-12-31'), COALESCE(NEW."validTo", '9999-12-31')));
          END IF;
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(
      `CREATE TRIGGER post_history_snapshot AFTER INSERT OR DELETE OR UPDATE OF "userId", "unitId", "enforcementPost", "businessLines", "validFrom", "validTo" ON post_history FOR EACH ROW EXECUTE FUNCTION post_history_snapshot_trigger()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER post_history_snapshot ON post_history`);
    await queryRunner.query(`DROP TRIGGER certificate_snapshot ON certificate`);
    await queryRunner.query(`DROP FUNCTION post_history_snapshot_trigger()`);
    await queryRunner.query(`DROP FUNCTION certificate_snapshot_trigger()`);
    await queryRunner.query(`DROP FUNCTION certification_snapshot_invalidate(varchar)`);
    await queryRunner.query(`DROP TABLE "exam_grade"`);
    await queryRunner.query(`DROP TABLE "certification_snapshot_day"`);
    await queryRunner.query(`DROP TABLE "certification_snapshot"`);
  }
}
