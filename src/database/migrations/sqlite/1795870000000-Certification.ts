import { MigrationInterface, QueryRunner } from 'typeorm';

export class Certification1795870000000 implements MigrationInterface {
  name = 'Certification1795870000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "certificate" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(12) NOT NULL, "userId" integer NOT NULL, "number" varchar(40) NOT NULL, "issuedOn" varchar(10) NOT NULL, "expiresOn" varchar(10) NOT NULL, "status" varchar(12), "statusSince" varchar(10), "statusReason" text, "source" varchar(12) NOT NULL, "issuer" varchar(100), "examId" integer, "sourceAttemptId" integer, "renewsId" integer, "verificationCode" varchar(16) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6cacdcb9a0b6c4dd02bf699af8" ON "certificate" ("number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c6b44abfe865b6f0c3fa6e3937" ON "certificate" ("sourceAttemptId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4bbde36e591f523751b72272ff" ON "certificate" ("renewsId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_70dfbf8d7dd17a3b8db5eb7ff9" ON "certificate" ("userId", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "certificate_counter" ("prefix" varchar(40) PRIMARY KEY NOT NULL, "value" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `CREATE TABLE "post_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "unitId" integer, "enforcementPost" boolean NOT NULL DEFAULT (0), "businessLines" varchar(200) NOT NULL DEFAULT (''), "validFrom" varchar(10) NOT NULL, "validTo" varchar(10))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_af5983414f29e0cc7e9d992fcb" ON "post_history" ("validFrom", "validTo") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_806df3f9c4addee2c6ac4f4bce" ON "post_history" ("userId", "validTo") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_806df3f9c4addee2c6ac4f4bce"`);
    await queryRunner.query(`DROP INDEX "IDX_af5983414f29e0cc7e9d992fcb"`);
    await queryRunner.query(`DROP TABLE "post_history"`);
    await queryRunner.query(`DROP TABLE "certificate_counter"`);
    await queryRunner.query(`DROP INDEX "IDX_70dfbf8d7dd17a3b8db5eb7ff9"`);
    await queryRunner.query(`DROP INDEX "IDX_4bbde36e591f523751b72272ff"`);
    await queryRunner.query(`DROP INDEX "IDX_c6b44abfe865b6f0c3fa6e3937"`);
    await queryRunner.query(`DROP INDEX "IDX_6cacdcb9a0b6c4dd02bf699af8"`);
    await queryRunner.query(`DROP TABLE "certificate"`);
  }
}
