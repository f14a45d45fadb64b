import { MigrationInterface, QueryRunner } from 'typeorm';

export class RevokedTokens1796488875362 implements MigrationInterface {
  name = 'RevokedTokens1796488875362';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revoked_token" ("jti" character varying(64) NOT NULL, "userId" integer NOT NULL, "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL, "revokedAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_51805a32c382d2841b953c16880" PRIMARY KEY ("jti"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_286c90854f1b792998d2d74da2" ON "revoked_token"  ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1d95961d53f0dddb2216472bfd" ON "revoked_token"  ("revokedAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_1d95961d53f0dddb2216472bfd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_286c90854f1b792998d2d74da2"`);
    await queryRunner.query(`DROP TABLE "revoked_token"`);
  }
}
