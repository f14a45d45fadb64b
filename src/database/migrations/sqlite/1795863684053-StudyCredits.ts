import { MigrationInterface, QueryRunner } from 'typeorm';

export class StudyCredits1795863684053 implements MigrationInterface {
  name = 'StudyCredits1795863684053';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "study_credit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "source" varchar(20) NOT NULL, "refId" integer, "seconds" integer NOT NULL, "creditedOn" varchar(10) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_10720e772e87e3ae4256cafffb" ON "study_credit" ("source", "refId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_50116f6c7b6f5c9dd1cf26cdc7" ON "study_credit" ("userId", "creditedOn") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_50116f6c7b6f5c9dd1cf26cdc7"`);
    await queryRunner.query(`DROP INDEX "IDX_10720e772e87e3ae4256cafffb"`);
    await queryRunner.query(`DROP TABLE "study_credit"`);
  }
}
