import { MigrationInterface, QueryRunner } from 'typeorm';

export class VersionTextHash1795863573015 implements MigrationInterface {
  name = 'VersionTextHash1795863573015';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_20ad55dc843bac0584184a9c9c"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_regulation_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "regulationId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(100) NOT NULL, "adoptedOn" varchar(10), "effectiveOn" varchar(10), "note" text, "excerpt" boolean NOT NULL DEFAULT (0), "articleCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "textHash" varchar(64), CONSTRAINT "FK_418ed8eff7d1c249189f2e6bc6c" FOREIGN KEY ("regulationId") REFERENCES "regulation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
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
      `CREATE TABLE "regulation_version" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "regulationId" integer NOT NULL, "seq" integer NOT NULL, "label" varchar(100) NOT NULL, "adoptedOn" varchar(10), "effectiveOn" varchar(10), "note" text, "excerpt" boolean NOT NULL DEFAULT (0), "articleCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_418ed8eff7d1c249189f2e6bc6c" FOREIGN KEY ("regulationId") REFERENCES "regulation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "regulation_version"("id", "regulationId", "seq", "label", "adoptedOn", "effectiveOn", "note", "excerpt", "articleCount", "createdAt") SELECT "id", "regulationId", "seq", "label", "adoptedOn", "effectiveOn", "note", "excerpt", "articleCount", "createdAt" FROM "temporary_regulation_version"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_regulation_version"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_20ad55dc843bac0584184a9c9c" ON "regulation_version" ("regulationId", "seq") `,
    );
  }
}
