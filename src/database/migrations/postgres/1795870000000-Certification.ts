import { MigrationInterface, QueryRunner } from 'typeorm';

export class Certification1795870000000 implements MigrationInterface {
  name = 'Certification1795870000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "certificate" ("id" SERIAL NOT NULL, "kind" character varying(12) NOT NULL, "userId" integer NOT NULL, "number" character varying(40) NOT NULL, "issuedOn" character varying(10) NOT NULL, "expiresOn" character varying(10) NOT NULL, "status" character varying(12), "statusSince" character varying(10), "statusReason" text, "source" character varying(12) NOT NULL, "issuer" character varying(100), "examId" integer, "sourceAttemptId" integer, "renewsId" integer, "verificationCode" character varying(16) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6cacdcb9a0b6c4dd02bf699af8" ON "certificate"  ("number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c6b44abfe865b6f0c3fa6e3937" ON "certificate"  ("sourceAttemptId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4bbde36e591f523751b72272ff" ON "certificate"  ("renewsId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_70dfbf8d7dd17a3b8db5eb7ff9" ON "certificate"  ("userId", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "certificate_counter" ("prefix" character varying(40) NOT NULL, "value" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1d2e45ecf944adf54a334f24601" PRIMARY KEY ("prefix"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "post_history" ("id" SERIAL NOT NULL, "userId" integer NOT NULL, "unitId" integer, "enforcementPost" boolean NOT NULL DEFAULT false, "businessLines" character varying(200) NOT NULL DEFAULT '', "validFrom" character varying(10) NOT NULL, "validTo" character varying(10), CONSTRAINT "PK_6dd0832f4c2ac89b2ede9c4d2ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_af5983414f29e0cc7e9d992fcb" ON "post_history"  ("validFrom", "validTo") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_806df3f9c4addee2c6ac4f4bce" ON "post_history"  ("userId", "validTo") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_806df3f9c4addee2c6ac4f4bce"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_af5983414f29e0cc7e9d992fcb"`);
    await queryRunner.query(`DROP TABLE "post_history"`);
    await queryRunner.query(`DROP TABLE "certificate_counter"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_70dfbf8d7dd17a3b8db5eb7ff9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4bbde36e591f523751b72272ff"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c6b44abfe865b6f0c3fa6e3937"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6cacdcb9a0b6c4dd02bf699af8"`);
    await queryRunner.query(`DROP TABLE "certificate"`);
  }
}
