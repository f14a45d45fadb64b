import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scored paper's item observations as one row, folded into item_stat later (issue #19: a submit no longer
 * upserts 100 item_stat rows, nor waits on their row locks behind other submits of the same exam). By hand.
 */
export class ItemStatPending1797400000000 implements MigrationInterface {
  name = 'ItemStatPending1797400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "item_stat_pending" ("id" SERIAL NOT NULL, "observations" text NOT NULL, "total" double precision NOT NULL, CONSTRAINT "PK_item_stat_pending_id" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "item_stat_pending"`);
  }
}
