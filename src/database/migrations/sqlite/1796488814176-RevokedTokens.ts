import { MigrationInterface, QueryRunner } from 'typeorm';

export class RevokedTokens1796488814176 implements MigrationInterface {
  name = 'RevokedTokens1796488814176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revoked_token" ("jti" varchar(64) PRIMARY KEY NOT NULL, "userId" integer NOT NULL, "expiresAt" datetime NOT NULL, "revokedAt" datetime NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_286c90854f1b792998d2d74da2" ON "revoked_token" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1d95961d53f0dddb2216472bfd" ON "revoked_token" ("revokedAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_1d95961d53f0dddb2216472bfd"`);
    await queryRunner.query(`DROP INDEX "IDX_286c90854f1b792998d2d74da2"`);
    await queryRunner.query(`DROP TABLE "revoked_token"`);
  }
}
