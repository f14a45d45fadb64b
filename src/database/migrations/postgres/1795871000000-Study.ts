import { MigrationInterface, QueryRunner } from 'typeorm';

export class Study1795871000000 implements MigrationInterface {
  name = 'Study1795871000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reading_session" ("id" SERIAL NOT NULL, "userId" integer NOT NULL, "materialKey" character varying(40) NOT NULL, "lastBeatAt" TIMESTAMP WITH TIME ZONE NOT NULL, "day" character varying(10) NOT NULL, "daySeconds" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_bd02686a12481cab9169251f606" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4d55ea957e0682d22637a604d4" ON "reading_session"  ("userId", "materialKey") `,
    );
    await queryRunner.query(
      `CREATE TABLE "study_clock" ("userId" integer NOT NULL, "version" integer NOT NULL DEFAULT '0', "readingDay" character varying(10), "readingSeconds" integer NOT NULL DEFAULT '0', "creditedUntil" TIMESTAMP WITH TIME ZONE, "lastPracticeAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_28cf59f9c83cc1cd6d0edac13b7" PRIMARY KEY ("userId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "study_material" ("id" SERIAL NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "curriculum" character varying(30) NOT NULL, "body" text NOT NULL, "articles" text NOT NULL DEFAULT '[]', "sample" boolean NOT NULL DEFAULT false, "createdBy" integer, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a4dc2743b74693f039b8edd742f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5d4f8ae60f9dbdbc9cb0517089" ON "study_material"  ("curriculum", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "campaign" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "kind" character varying(30) NOT NULL, "description" text, "startsOn" character varying(10) NOT NULL, "endsOn" character varying(10) NOT NULL, "requiredHours" double precision NOT NULL, "audience" text NOT NULL, "materials" text NOT NULL, "createdBy" integer, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "group_study" ("id" SERIAL NOT NULL, "heldOn" character varying(10) NOT NULL, "topic" character varying(200) NOT NULL, "minutes" integer NOT NULL, "materials" text NOT NULL, "attendeeIds" text NOT NULL, "campaignId" integer, "note" text, "createdBy" integer, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_089e75cef3bb5b259398da253d3" PRIMARY KEY ("id"))`,
    );
    // Full-text search (declared with synchronize: false, so TypeORM leaves them alone): trigram indexes that
    // serve ILIKE '%…%' on the texts.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "IDX_article_text_trgm" ON "article" USING gin ("text" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_study_material_title_trgm" ON "study_material" USING gin ("title" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_study_material_body_trgm" ON "study_material" USING gin ("body" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_study_material_body_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_study_material_title_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_article_text_trgm"`);
    await queryRunner.query(`DROP TABLE "group_study"`);
    await queryRunner.query(`DROP TABLE "campaign"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5d4f8ae60f9dbdbc9cb0517089"`);
    await queryRunner.query(`DROP TABLE "study_material"`);
    await queryRunner.query(`DROP TABLE "study_clock"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d55ea957e0682d22637a604d4"`);
    await queryRunner.query(`DROP TABLE "reading_session"`);
  }
}
