import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #18: written answers and their marks, and double marking per exam. New tables and columns only. */
export class WrittenMarking1797100000000 implements MigrationInterface {
  name = 'WrittenMarking1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "written_answer" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token" varchar(32) NOT NULL, "examId" integer NOT NULL, "attemptId" integer NOT NULL, "attemptItemId" integer NOT NULL, "questionId" integer NOT NULL, "revisionId" integer NOT NULL, "sub" integer NOT NULL DEFAULT (-1), "maxPoints" float NOT NULL, "status" varchar(8) NOT NULL DEFAULT ('open'), "finalScore" float, "finalAwards" text, "finalAt" datetime)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_written_answer_token" ON "written_answer" ("token") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_written_answer_question" ON "written_answer" ("examId", "questionId", "sub") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_written_answer_attempt" ON "written_answer" ("attemptId") `);
    await queryRunner.query(
      `CREATE TABLE "written_mark" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "answerId" integer NOT NULL, "markerId" integer NOT NULL, "awards" text NOT NULL, "score" float NOT NULL, "comment" text, "reason" text, "supersededAt" datetime, "createdAt" datetime NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_written_mark_answer" ON "written_mark" ("answerId") `);
    await queryRunner.query(`CREATE INDEX "IDX_written_mark_marker" ON "written_mark" ("markerId") `);
    await queryRunner.query(`ALTER TABLE "exam" ADD COLUMN "doubleMarking" boolean NOT NULL DEFAULT (0)`);
    await queryRunner.query(`ALTER TABLE "exam" ADD COLUMN "markingTolerance" float NOT NULL DEFAULT (2)`);
    // attempt.status gains 'awaiting-marking' (16 characters); SQLite does not enforce varchar lengths.
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exam" DROP COLUMN "markingTolerance"`);
    await queryRunner.query(`ALTER TABLE "exam" DROP COLUMN "doubleMarking"`);
    await queryRunner.query(`DROP TABLE "written_mark"`);
    await queryRunner.query(`DROP TABLE "written_answer"`);
  }
}
