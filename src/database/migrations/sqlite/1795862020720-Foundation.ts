import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795862020720 implements MigrationInterface {
  name = 'Foundation1795862020720';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "actorId" integer, "action" varchar(60) NOT NULL, "entity" varchar(40) NOT NULL, "entityId" varchar(40), "detail" text)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e3a9d2038eafa6c7cfe9e40853" ON "audit_log" ("entity", "entityId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "unit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(20) NOT NULL, "level" varchar(20), "parentId" integer, "path" varchar(400) NOT NULL DEFAULT (''), "sortOrder" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6a42789435a8ddd07c08bb02c0" ON "unit" ("path") `);
    await queryRunner.query(
      `CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(60) NOT NULL, "passwordHash" varchar(200) NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "name" varchar(60) NOT NULL, "roles" varchar(100) NOT NULL DEFAULT ('staff'), "disabled" boolean NOT NULL DEFAULT (0), "staffNo" varchar(40), "unitId" integer, "postTitle" varchar(100), "civilServant" boolean NOT NULL DEFAULT (0), "enforcementPost" boolean NOT NULL DEFAULT (0), "businessLines" varchar(200) NOT NULL DEFAULT (''), "leader" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_78a916df40e02a9deb1c4b75ed" ON "user" ("username") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7c1fbc97845b4b016d63ed7bf1" ON "user" ("staffNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_856a1f0347b672d3b8bb4693bd" ON "user" ("unitId") `);
    await queryRunner.query(
      `CREATE TABLE "setting" ("key" varchar(100) PRIMARY KEY NOT NULL, "value" text NOT NULL)`,
    );
    await queryRunner.query(`DROP INDEX "IDX_6a42789435a8ddd07c08bb02c0"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_unit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(20) NOT NULL, "level" varchar(20), "parentId" integer, "path" varchar(400) NOT NULL DEFAULT (''), "sortOrder" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_5dd750900308d1d70a3848b92c1" FOREIGN KEY ("parentId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_unit"("id", "name", "kind", "level", "parentId", "path", "sortOrder", "createdAt") SELECT "id", "name", "kind", "level", "parentId", "path", "sortOrder", "createdAt" FROM "unit"`,
    );
    await queryRunner.query(`DROP TABLE "unit"`);
    await queryRunner.query(`ALTER TABLE "temporary_unit" RENAME TO "unit"`);
    await queryRunner.query(`CREATE INDEX "IDX_6a42789435a8ddd07c08bb02c0" ON "unit" ("path") `);
    await queryRunner.query(`DROP INDEX "IDX_78a916df40e02a9deb1c4b75ed"`);
    await queryRunner.query(`DROP INDEX "IDX_7c1fbc97845b4b016d63ed7bf1"`);
    await queryRunner.query(`DROP INDEX "IDX_856a1f0347b672d3b8bb4693bd"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(60) NOT NULL, "passwordHash" varchar(200) NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "name" varchar(60) NOT NULL, "roles" varchar(100) NOT NULL DEFAULT ('staff'), "disabled" boolean NOT NULL DEFAULT (0), "staffNo" varchar(40), "unitId" integer, "postTitle" varchar(100), "civilServant" boolean NOT NULL DEFAULT (0), "enforcementPost" boolean NOT NULL DEFAULT (0), "businessLines" varchar(200) NOT NULL DEFAULT (''), "leader" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_856a1f0347b672d3b8bb4693bd8" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_user"("id", "username", "passwordHash", "tokenVersion", "name", "roles", "disabled", "staffNo", "unitId", "postTitle", "civilServant", "enforcementPost", "businessLines", "leader", "createdAt", "updatedAt") SELECT "id", "username", "passwordHash", "tokenVersion", "name", "roles", "disabled", "staffNo", "unitId", "postTitle", "civilServant", "enforcementPost", "businessLines", "leader", "createdAt", "updatedAt" FROM "user"`,
    );
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_78a916df40e02a9deb1c4b75ed" ON "user" ("username") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7c1fbc97845b4b016d63ed7bf1" ON "user" ("staffNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_856a1f0347b672d3b8bb4693bd" ON "user" ("unitId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_856a1f0347b672d3b8bb4693bd"`);
    await queryRunner.query(`DROP INDEX "IDX_7c1fbc97845b4b016d63ed7bf1"`);
    await queryRunner.query(`DROP INDEX "IDX_78a916df40e02a9deb1c4b75ed"`);
    await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
    await queryRunner.query(
      `CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(60) NOT NULL, "passwordHash" varchar(200) NOT NULL, "tokenVersion" integer NOT NULL DEFAULT (0), "name" varchar(60) NOT NULL, "roles" varchar(100) NOT NULL DEFAULT ('staff'), "disabled" boolean NOT NULL DEFAULT (0), "staffNo" varchar(40), "unitId" integer, "postTitle" varchar(100), "civilServant" boolean NOT NULL DEFAULT (0), "enforcementPost" boolean NOT NULL DEFAULT (0), "businessLines" varchar(200) NOT NULL DEFAULT (''), "leader" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "user"("id", "username", "passwordHash", "tokenVersion", "name", "roles", "disabled", "staffNo", "unitId", "postTitle", "civilServant", "enforcementPost", "businessLines", "leader", "createdAt", "updatedAt") SELECT "id", "username", "passwordHash", "tokenVersion", "name", "roles", "disabled", "staffNo", "unitId", "postTitle", "civilServant", "enforcementPost", "businessLines", "leader", "createdAt", "updatedAt" FROM "temporary_user"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_user"`);
    await queryRunner.query(`CREATE INDEX "IDX_856a1f0347b672d3b8bb4693bd" ON "user" ("unitId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7c1fbc97845b4b016d63ed7bf1" ON "user" ("staffNo") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_78a916df40e02a9deb1c4b75ed" ON "user" ("username") `);
    await queryRunner.query(`DROP INDEX "IDX_6a42789435a8ddd07c08bb02c0"`);
    await queryRunner.query(`ALTER TABLE "unit" RENAME TO "temporary_unit"`);
    await queryRunner.query(
      `CREATE TABLE "unit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(20) NOT NULL, "level" varchar(20), "parentId" integer, "path" varchar(400) NOT NULL DEFAULT (''), "sortOrder" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "unit"("id", "name", "kind", "level", "parentId", "path", "sortOrder", "createdAt") SELECT "id", "name", "kind", "level", "parentId", "path", "sortOrder", "createdAt" FROM "temporary_unit"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_unit"`);
    await queryRunner.query(`CREATE INDEX "IDX_6a42789435a8ddd07c08bb02c0" ON "unit" ("path") `);
    await queryRunner.query(`DROP TABLE "setting"`);
    await queryRunner.query(`DROP INDEX "IDX_856a1f0347b672d3b8bb4693bd"`);
    await queryRunner.query(`DROP INDEX "IDX_7c1fbc97845b4b016d63ed7bf1"`);
    await queryRunner.query(`DROP INDEX "IDX_78a916df40e02a9deb1c4b75ed"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`DROP INDEX "IDX_6a42789435a8ddd07c08bb02c0"`);
    await queryRunner.query(`DROP TABLE "unit"`);
    await queryRunner.query(`DROP INDEX "IDX_e3a9d2038eafa6c7cfe9e40853"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
