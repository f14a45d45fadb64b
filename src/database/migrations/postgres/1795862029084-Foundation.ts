import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795862029084 implements MigrationInterface {
  name = 'Foundation1795862029084';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" SERIAL NOT NULL, "at" TIMESTAMP NOT NULL DEFAULT now(), "actorId" integer, "action" character varying(60) NOT NULL, "entity" character varying(40) NOT NULL, "entityId" character varying(40), "detail" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e3a9d2038eafa6c7cfe9e40853" ON "audit_log"  ("entity", "entityId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "unit" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "kind" character varying(20) NOT NULL, "level" character varying(20), "parentId" integer, "path" character varying(400) NOT NULL DEFAULT '', "sortOrder" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6a42789435a8ddd07c08bb02c0" ON "unit"  ("path") `);
    await queryRunner.query(
      `CREATE TABLE "user" ("id" SERIAL NOT NULL, "username" character varying(60) NOT NULL, "passwordHash" character varying(200) NOT NULL, "tokenVersion" integer NOT NULL DEFAULT '0', "name" character varying(60) NOT NULL, "roles" character varying(100) NOT NULL DEFAULT 'staff', "disabled" boolean NOT NULL DEFAULT false, "staffNo" character varying(40), "unitId" integer, "postTitle" character varying(100), "civilServant" boolean NOT NULL DEFAULT false, "enforcementPost" boolean NOT NULL DEFAULT false, "businessLines" character varying(200) NOT NULL DEFAULT '', "leader" boolean NOT NULL DEFAULT false, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_78a916df40e02a9deb1c4b75ed" ON "user"  ("username") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7c1fbc97845b4b016d63ed7bf1" ON "user"  ("staffNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_856a1f0347b672d3b8bb4693bd" ON "user"  ("unitId") `);
    await queryRunner.query(
      `CREATE TABLE "setting" ("key" character varying(100) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_1c4c95d773004250c157a744d6e" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit" ADD CONSTRAINT "FK_5dd750900308d1d70a3848b92c1" FOREIGN KEY ("parentId") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user" ADD CONSTRAINT "FK_856a1f0347b672d3b8bb4693bd8" FOREIGN KEY ("unitId") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" DROP CONSTRAINT "FK_856a1f0347b672d3b8bb4693bd8"`);
    await queryRunner.query(`ALTER TABLE "unit" DROP CONSTRAINT "FK_5dd750900308d1d70a3848b92c1"`);
    await queryRunner.query(`DROP TABLE "setting"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_856a1f0347b672d3b8bb4693bd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7c1fbc97845b4b016d63ed7bf1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_78a916df40e02a9deb1c4b75ed"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6a42789435a8ddd07c08bb02c0"`);
    await queryRunner.query(`DROP TABLE "unit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3a9d2038eafa6c7cfe9e40853"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
