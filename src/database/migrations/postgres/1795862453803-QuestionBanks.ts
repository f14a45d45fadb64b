import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuestionBanks1795862453803 implements MigrationInterface {
  name = 'QuestionBanks1795862453803';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "article" ("id" SERIAL NOT NULL, "regulationId" integer NOT NULL, "versionId" integer NOT NULL, "number" integer NOT NULL, "label" character varying(40) NOT NULL, "part" character varying(200), "chapter" character varying(200), "section" character varying(200), "text" text NOT NULL, CONSTRAINT "PK_40808690eb7b915046558c0f81b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d0ba8d556fc6c9fb99aa84b74f" ON "article"  ("regulationId", "number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0f2be5a5c67b780b4432068b68" ON "article"  ("versionId", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "regulation" ("id" SERIAL NOT NULL, "code" character varying(80) NOT NULL, "title" character varying(200) NOT NULL, "shortTitle" character varying(100), "aliases" character varying(500) NOT NULL DEFAULT '', "kind" character varying(40) NOT NULL, "issuer" character varying(200), "docNumber" character varying(200), "curriculum" character varying(30) NOT NULL, "repealed" boolean NOT NULL DEFAULT false, "repealedOn" character varying(10), "replacedById" integer, "repealNote" text, "note" text, "source" character varying(10) NOT NULL DEFAULT 'user', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_0ce8c4819fd1a67eb46f6bb0fe3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4912e8ea83628fe373e9dcbf66" ON "regulation"  ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "regulation_version" ("id" SERIAL NOT NULL, "regulationId" integer NOT NULL, "seq" integer NOT NULL, "label" character varying(100) NOT NULL, "adoptedOn" character varying(10), "effectiveOn" character varying(10), "note" text, "excerpt" boolean NOT NULL DEFAULT false, "articleCount" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_3ee582eec1b15521c407c625a29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_20ad55dc843bac0584184a9c9c" ON "regulation_version"  ("regulationId", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question_bank" ("id" SERIAL NOT NULL, "code" character varying(80) NOT NULL, "title" character varying(200) NOT NULL, "curriculum" character varying(30) NOT NULL, "regulations" character varying(500) NOT NULL DEFAULT '', "description" text, "note" text, "source" character varying(10) NOT NULL DEFAULT 'upload', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_ddf9cd18bcda25d31e7ef21b519" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_15a410152377c06ac11879c018" ON "question_bank"  ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question_revision" ("id" SERIAL NOT NULL, "questionId" integer NOT NULL, "revision" integer NOT NULL, "type" character varying(12) NOT NULL, "stem" text NOT NULL, "options" text NOT NULL, "answer" text NOT NULL, "explanation" text, "difficulty" integer NOT NULL DEFAULT '3', "citation" text, "tags" text NOT NULL DEFAULT '[]', "contentHash" character varying(64) NOT NULL, "createdBy" integer, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_b046ff9da49aed74f692477ba32" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6aa2645a9a42c452a2015164e0" ON "question_revision"  ("questionId", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question" ("id" SERIAL NOT NULL, "bankId" integer NOT NULL, "key" character varying(80), "type" character varying(12) NOT NULL, "status" character varying(10) NOT NULL, "needsReview" boolean NOT NULL DEFAULT false, "reviewReason" text, "difficulty" integer NOT NULL DEFAULT '3', "regulationId" integer, "article" integer, "normalizedStem" character varying(400) NOT NULL, "currentRevisionId" integer, "revisionCount" integer NOT NULL DEFAULT '1', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_21e5786aa0ea704ae185a79b2d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_feb0031a93ba79675a813a7d38" ON "question"  ("status", "needsReview", "bankId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_07d3c6effc6abcff6e4a3f004e" ON "question"  ("regulationId", "article") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d83da95de008e55fe0d72b372d" ON "question"  ("bankId", "normalizedStem") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f51276cd1af1aedd02a0af9700" ON "question"  ("bankId", "key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "regulation_version" ADD CONSTRAINT "FK_418ed8eff7d1c249189f2e6bc6c" FOREIGN KEY ("regulationId") REFERENCES "regulation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "regulation_version" DROP CONSTRAINT "FK_418ed8eff7d1c249189f2e6bc6c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_f51276cd1af1aedd02a0af9700"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d83da95de008e55fe0d72b372d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_07d3c6effc6abcff6e4a3f004e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_feb0031a93ba79675a813a7d38"`);
    await queryRunner.query(`DROP TABLE "question"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6aa2645a9a42c452a2015164e0"`);
    await queryRunner.query(`DROP TABLE "question_revision"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_15a410152377c06ac11879c018"`);
    await queryRunner.query(`DROP TABLE "question_bank"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_20ad55dc843bac0584184a9c9c"`);
    await queryRunner.query(`DROP TABLE "regulation_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4912e8ea83628fe373e9dcbf66"`);
    await queryRunner.query(`DROP TABLE "regulation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f2be5a5c67b780b4432068b68"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d0ba8d556fc6c9fb99aa84b74f"`);
    await queryRunner.query(`DROP TABLE "article"`);
  }
}
