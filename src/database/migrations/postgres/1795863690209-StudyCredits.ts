import { MigrationInterface, QueryRunner } from 'typeorm';

export class StudyCredits1795863690209 implements MigrationInterface {
  name = 'StudyCredits1795863690209';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "study_credit" ("id" SERIAL NOT NULL, "userId" integer NOT NULL, "source" character varying(20) NOT NULL, "refId" integer, "seconds" integer NOT NULL, "creditedOn" character varying(10) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_05b81b9f52aab40b754c1bf5313" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_10720e772e87e3ae4256cafffb" ON "study_credit"  ("source", "refId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_50116f6c7b6f5c9dd1cf26cdc7" ON "study_credit"  ("userId", "creditedOn") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_50116f6c7b6f5c9dd1cf26cdc7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_10720e772e87e3ae4256cafffb"`);
    await queryRunner.query(`DROP TABLE "study_credit"`);
  }
}
