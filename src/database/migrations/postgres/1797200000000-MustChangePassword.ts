import { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: the flag that sends an account to 修改密码 at its next sign-in. */
export class MustChangePassword1797200000000 implements MigrationInterface {
  name = 'MustChangePassword1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" ADD "mustChangePassword" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "mustChangePassword"`);
  }
}
