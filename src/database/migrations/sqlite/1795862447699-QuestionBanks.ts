import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuestionBanks1795862447699 implements MigrationInterface {
  name = 'QuestionBanks1795862447699';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "article" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "regulationId" integer NOT NULL, "versionId" integer NOT NULL, "number" integer NOT NULL, "label" varchar(40) NOT NULL, "part" varchar(200), "chapter" varchar(200), "section" varchar(200), "text" text NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d0ba8d556fc6c9fb99aa84b74f" ON "article" ("regulationId", "number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0f2be5a5c67b780b4432068b68" ON "article" ("versionId", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "regulation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(80) NOT NULL, "title" varchar(200) NOT NULL, "shortTitle" varchar(100), "aliases" varchar(500) NOT NULL DEFAULT (''), "kind" varchar(40) NOT NULL, "issuer" varchar(200), "docNumber" varchar(200), "curriculum" varchar(30) NOT NULL, "repealed" boolean NOT NULL DEFAULT (0), "repealedOn" varchar(10), "replacedById" integer, "repealNote" text, "note" text, "source" varchar(10) NOT NULL DEFAULT ('user'), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4912e8ea83628fe373e9dcbf66" ON "regulation" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "regulation_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "regulationId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(100) NOT NULL, "adoptedOn" varchar(10), "effectiveOn" varchar(10), "note" text, "excerpt" boolean NOT NULL DEFAULT (0), "articleCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_20ad55dc843bac0584184a9c9c" ON "regulation_version" ("regulationId", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question_bank" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(80) NOT NULL, "title" varchar(200) NOT NULL, "curriculum" varchar(30) NOT NULL, "regulations" varchar(500) NOT NULL DEFAULT (''), "description" text, "note" text, "source" varchar(10) NOT NULL DEFAULT ('upload'), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_15a410152377c06ac11879c018" ON "question_bank" ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "questionId" integer NOT NULL, "revision" integer NOT NULL, "type" varchar(12) NOT NULL, "stem" text NOT NULL, "options" text NOT NULL, "answer" text NOT NULL, "explanation" text, "difficulty" integer NOT NULL DEFAULT (3), "citation" text, "tags" text NOT NULL DEFAULT ('[]'), "contentHash" varchar(64) NOT NULL, "createdBy" integer, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6aa2645a9a42c452a2015164e0" ON "question_revision" ("questionId", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "bankId" integer NOT NULL, "key" varchar(80), "type" varchar(12) NOT NULL, "status" varchar(10) NOT NULL, "needsReview" boolean NOT NULL DEFAULT (0), "reviewReason" text, "difficulty" integer NOT NULL DEFAULT (3), "regulationId" integer, "article" integer, "normalizedStem" varchar(400) NOT NULL, "currentRevisionId" integer, "revisionCount" integer NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_feb0031a93ba79675a813a7d38" ON "question" ("status", "needsReview", "bankId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_07d3c6effc6abcff6e4a3f004e" ON "question" ("regulationId", "article") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d83da95de008e55fe0d72b372d" ON "question" ("bankId", "normalizedStem") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f51276cd1af1aedd02a0af9700" ON "question" ("bankId", "key") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_20ad55dc843bac0584184a9c9c"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_regulation_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "regulationId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(100) NOT NULL, "adoptedOn" varchar(10), "effectiveOn" varchar(10), "note" text, "excerpt" boolean NOT NULL DEFAULT (0), "articleCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_418ed8eff7d1c249189f2e6bc6c" FOREIGN KEY ("regulationId") REFERENCES "regulation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_regulation_version"("id", "regulationId", "seq", "label", "adoptedOn", "effectiveOn", "note", "excerpt", "articleCount", "createdAt") SELECT "id", "regulationId", "seq", "label", "adoptedOn", "effectiveOn", "note", "excerpt", "articleCount", "createdAt" FROM "regulation_version"`,
    );
    await queryRunner.query(`DROP TABLE "regulation_version"`);
    await queryRunner.query(`ALTER TABLE "temporary_regulation_version" RENAME TO "regulation_version"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_20ad55dc843bac0584184a9c9c" ON "regulation_version" ("regulationId", "seq") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_20ad55dc843bac0584184a9c9c"`);
    await queryRunner.query(`ALTER TABLE "regulation_version" RENAME TO "temporary_regulation_version"`);
    await queryRunner.query(
      `CREATE TABLE "regulation_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "regulationId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(100) NOT NULL, "adoptedOn" varchar(10), "effectiveOn" varchar(10), "note" text, "excerpt" boolean NOT NULL DEFAULT (0), "articleCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "regulation_version"("id", "regulationId", "seq", "label", "adoptedOn", "effectiveOn", "note", "excerpt", "articleCount", "createdAt") SELECT "id", "regulationId", "seq", "label", "adoptedOn", "effectiveOn", "note", "excerpt", "articleCount", "createdAt" FROM "temporary_regulation_version"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_regulation_version"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_20ad55dc843bac0584184a9c9c" ON "regulation_version" ("regulationId", "seq") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_f51276cd1af1aedd02a0af9700"`);
    await queryRunner.query(`DROP INDEX "IDX_d83da95de008e55fe0d72b372d"`);
    await queryRunner.query(`DROP INDEX "IDX_07d3c6effc6abcff6e4a3f004e"`);
    await queryRunner.query(`DROP INDEX "IDX_feb0031a93ba79675a813a7d38"`);
    await queryRunner.query(`DROP TABLE "question"`);
    await queryRunner.query(`DROP INDEX "IDX_6aa2645a9a42c452a2015164e0"`);
    await queryRunner.query(`DROP TABLE "question_revision"`);
    await queryRunner.query(`DROP INDEX "IDX_15a410152377c06ac11879c018"`);
    await queryRunner.query(`DROP TABLE "question_bank"`);
    await queryRunner.query(`DROP INDEX "IDX_20ad55dc843bac0584184a9c9c"`);
    await queryRunner.query(`DROP TABLE "regulation_version"`);
    await queryRunner.query(`DROP INDEX "IDX_4912e8ea83628fe373e9dcbf66"`);
    await queryRunner.query(`DROP TABLE "regulation"`);
    await queryRunner.query(`DROP INDEX "IDX_0f2be5a5c67b780b4432068b68"`);
    await queryRunner.query(`DROP INDEX "IDX_d0ba8d556fc6c9fb99aa84b74f"`);
    await queryRunner.query(`DROP TABLE "article"`);
  }
}
