import { MigrationInterface, QueryRunner } from 'typeorm';

export class Study1795871000000 implements MigrationInterface {
  name = 'Study1795871000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reading_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "materialKey" varchar(40) NOT NULL, "lastBeatAt" datetime NOT NULL, "day" varchar(10) NOT NULL, "daySeconds" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4d55ea957e0682d22637a604d4" ON "reading_session" ("userId", "materialKey") `,
    );
    await queryRunner.query(
      `CREATE TABLE "study_clock" ("userId" integer PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0), "readingDay" varchar(10), "readingSeconds" integer NOT NULL DEFAULT (0), "creditedUntil" datetime, "lastPracticeAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE TABLE "study_material" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(20) NOT NULL, "title" varchar(200) NOT NULL, "curriculum" varchar(30) NOT NULL, "body" text NOT NULL, "articles" text NOT NULL DEFAULT ('[]'), "sample" boolean NOT NULL DEFAULT (0), "createdBy" integer, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5d4f8ae60f9dbdbc9cb0517089" ON "study_material" ("curriculum", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "campaign" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "description" text, "startsOn" varchar(10) NOT NULL, "endsOn" varchar(10) NOT NULL, "requiredHours" float NOT NULL, "audience" text NOT NULL, "materials" text NOT NULL, "createdBy" integer, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "group_study" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "heldOn" varchar(10) NOT NULL, "topic" varchar(200) NOT NULL, "minutes" integer NOT NULL, "materials" text NOT NULL, "attendeeIds" text NOT NULL, "campaignId" integer, "note" text, "createdBy" integer, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    // Full-text search (not tracked by TypeORM): FTS5 with the trigram tokenizer, kept in sync by triggers.
    await queryRunner.query(`CREATE VIRTUAL TABLE "article_fts" USING fts5("text", tokenize = 'trigram')`);
    await queryRunner.query(`INSERT INTO "article_fts" (rowid, "text") SELECT "id", "text" FROM "article"`);
    await queryRunner.query(
      `CREATE TRIGGER "article_fts_insert" AFTER INSERT ON "article" BEGIN INSERT INTO "article_fts" (rowid, "text") VALUES (new."id", new."text"); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "article_fts_delete" AFTER DELETE ON "article" BEGIN DELETE FROM "article_fts" WHERE rowid = old."id"; END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "article_fts_update" AFTER UPDATE OF "text" ON "article" BEGIN DELETE FROM "article_fts" WHERE rowid = old."id"; INSERT INTO "article_fts" (rowid, "text") VALUES (new."id", new."text"); END`,
    );
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "study_material_fts" USING fts5("title", "body", tokenize = 'trigram')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "study_material_fts_insert" AFTER INSERT ON "study_material" BEGIN INSERT INTO "study_material_fts" (rowid, "title", "body") VALUES (new."id", new."title", new."body"); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "study_material_fts_delete" AFTER DELETE ON "study_material" BEGIN DELETE FROM "study_material_fts" WHERE rowid = old."id"; END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "study_material_fts_update" AFTER UPDATE OF "title", "body" ON "study_material" BEGIN DELETE FROM "study_material_fts" WHERE rowid = old."id"; INSERT INTO "study_material_fts" (rowid, "title", "body") VALUES (new."id", new."title", new."body"); END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "study_material_fts_update"`);
    await queryRunner.query(`DROP TRIGGER "study_material_fts_delete"`);
    await queryRunner.query(`DROP TRIGGER "study_material_fts_insert"`);
    await queryRunner.query(`DROP TABLE "study_material_fts"`);
    await queryRunner.query(`DROP TRIGGER "article_fts_update"`);
    await queryRunner.query(`DROP TRIGGER "article_fts_delete"`);
    await queryRunner.query(`DROP TRIGGER "article_fts_insert"`);
    await queryRunner.query(`DROP TABLE "article_fts"`);
    await queryRunner.query(`DROP TABLE "group_study"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
    await queryRunner.query(`DROP INDEX "IDX_5d4f8ae60f9dbdbc9cb0517089"`);
    await queryRunner.query(`DROP TABLE "study_material"`);
    await queryRunner.query(`DROP TABLE "study_clock"`);
    await queryRunner.query(`DROP INDEX "IDX_4d55ea957e0682d22637a604d4"`);
    await queryRunner.query(`DROP TABLE "reading_session"`);
  }
}
