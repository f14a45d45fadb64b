import { MigrationInterface, QueryRunner } from 'typeorm';

export class VersionTextHash1795863578240 implements MigrationInterface {
  name = 'VersionTextHash1795863578240';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "regulation_version" ADD "textHash" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "regulation_version" DROP COLUMN "textHash"`);
  }
}
