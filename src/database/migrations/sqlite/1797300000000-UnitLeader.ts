import { MigrationInterface, QueryRunner } from 'typeorm';

/** A unit's leader (负责人): one account, or none. Written by hand: a new column, no table rebuild. */
export class UnitLeader1797300000000 implements MigrationInterface {
  name = 'UnitLeader1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit" ADD COLUMN "leaderId" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit" DROP COLUMN "leaderId"`);
  }
}
