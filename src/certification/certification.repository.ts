import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LOCK_CERTIFICATION_SNAPSHOT } from '../database/advisory-lock';
import { TxService } from '../database/tx.service';
import { Certificate, type CertificateKind } from './certificate.entity';

/** A valid enforcement certificate of person `p` on day $1 (dates are 'YYYY-MM-DD' text on both databases). */
const VALID_CERT = `EXISTS (SELECT 1 FROM certificate c WHERE c."userId" = p."userId" AND c.kind = 'enforcement'
  AND c."issuedOn" <= $1 AND c."expiresOn" >= $1 AND (c.status IS NULL OR c."statusSince" > $1))`;
/** The post someone held on day $1, in the subtree $2 (a unit path prefix). */
const POST_ON = `p."validFrom" <= $1 AND (p."validTo" IS NULL OR p."validTo" > $1) AND un.path LIKE $2`;

/** How many days of 持证率 snapshots are kept (a year of daily reports and month-ends, and then some). */
const SNAPSHOT_DAYS = 400;

export interface PostCountRow {
  unitId: number;
  businessLines: string;
  staff: number;
  certified: number;
}

export interface PersonRow {
  userId: number;
  name: string;
  staffNo: string | null;
  unitId: number | null;
  unitName: string | null;
  businessLines: string;
}

/**
 * The set-based report queries over certificates and post history: one grouped statement each, never a query per
 * person, so 100,000 staff cost one index-driven scan.
 */
export interface CertificatePageFilter {
  /** The caller's scope (a unit path prefix; null = everywhere). */
  rootPath: string | null;
  /** A unit subtree chosen inside the scope. */
  unitPath: string | null;
  userId: number | null;
  kind: CertificateKind | null;
  skip: number;
  take: number;
}

@Injectable()
export class CertificationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TxService,
  ) {}

  /** A page of certificates, newest first, of holders in a unit subtree; with the total. */
  page(f: CertificatePageFilter): Promise<[Certificate[], number]> {
    const qb = this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .innerJoin('user', 'u', 'u.id = c.userId')
      .leftJoin('unit', 'un', 'un.id = u.unitId');
    if (f.rootPath !== null) qb.andWhere('un.path LIKE :root', { root: `${f.rootPath}%` });
    if (f.unitPath !== null) qb.andWhere('un.path LIKE :sub', { sub: `${f.unitPath}%` });
    if (f.userId !== null) qb.andWhere('c.userId = :uid', { uid: f.userId });
    if (f.kind !== null) qb.andWhere('c.kind = :kind', { kind: f.kind });
    return qb.orderBy('c.id', 'DESC').skip(f.skip).take(f.take).getManyAndCount();
  }

  private query<T>(text: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(...this.tx.sql(text, params));
  }

  /**
   * Enforcement staff and certified staff on a day, per unit and business-line combination, in the subtree
   * `rootPath`. Read from the day's stored snapshot (CertificationSnapshot); the first report of a day builds it.
   */
  async countCertifiedByUnit(day: string, rootPath: string): Promise<PostCountRow[]> {
    const rows =
      (await this.snapshot(this.dataSource.manager, day)) ??
      (await this.tx.run((m) => this.buildSnapshot(m, day)));
    return rows.filter((r) => r.path.startsWith(rootPath)).map(({ path: _path, ...r }) => r);
  }

  /** The stored snapshot of a day (one statement, so never half of one), or null when it is not stored. */
  private async snapshot(m: EntityManager, day: string) {
    const rows = await m.query<Record<string, unknown>[]>(
      ...this.tx.sql(
        `SELECT s."unitId" AS "unitId", s."businessLines" AS "businessLines", s.staff AS staff,
           s.certified AS certified, un.path AS path
         FROM certification_snapshot_day d
         LEFT JOIN certification_snapshot s ON s.day = d.day
         LEFT JOIN unit un ON un.id = s."unitId"
         WHERE d.day = $1`,
        [day],
      ),
    );
    if (rows.length === 0) return null;
    return rows
      .filter((r) => r.unitId != null)
      .map((r) => ({
        unitId: Number(r.unitId),
        businessLines: String(r.businessLines ?? ''),
        staff: Number(r.staff),
        certified: Number(r.certified),
        path: String(r.path ?? ''),
      }));
  }

  /**
   * Computes and stores a day's snapshot over the whole bureau (unless another request just did), keeping the
   * SNAPSHOT_DAYS most recently built days. On PostgreSQL the exclusive advisory lock waits for every open
   * transaction that changed a certificate or a post (their triggers hold it shared), and holds theirs off until
   * this one commits: the stored counts always include every committed change.
   */
  private async buildSnapshot(m: EntityManager, day: string) {
    if (!this.tx.isSqlite) await m.query('SELECT pg_advisory_xact_lock($1)', [LOCK_CERTIFICATION_SNAPSHOT]);
    const stored = await this.snapshot(m, day);
    if (stored) return stored;
    await m.query(
      ...this.tx.sql(
        `INSERT INTO certification_snapshot (day, "unitId", "businessLines", staff, certified)
         SELECT CAST($1 AS varchar(10)), p."unitId", p."businessLines", COUNT(*),
           SUM(CASE WHEN ${VALID_CERT} THEN 1 ELSE 0 END)
         FROM post_history p JOIN unit un ON un.id = p."unitId"
         WHERE p."enforcementPost" = TRUE AND ${POST_ON}
         GROUP BY p."unitId", p."businessLines"`,
        [day, '%'],
      ),
    );
    await m.query(...this.tx.sql('INSERT INTO certification_snapshot_day (day) VALUES ($1)', [day]));
    const [{ n }] = await m.query<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM certification_snapshot_day');
    if (Number(n) > SNAPSHOT_DAYS) {
      await m.query(
        `DELETE FROM certification_snapshot_day WHERE day IN (SELECT day FROM certification_snapshot_day ORDER BY "builtAt" DESC, day DESC LIMIT 1000000 OFFSET ${SNAPSHOT_DAYS})`,
      );
      await m.query(
        'DELETE FROM certification_snapshot WHERE day NOT IN (SELECT day FROM certification_snapshot_day)',
      );
    }
    return (await this.snapshot(m, day))!;
  }

  /** Head counts on a day for the annual report (civil-servant status is the account's current one). */
  async headcounts(day: string, rootPath: string) {
    const [r] = await this.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS staff,
         SUM(CASE WHEN u."civilServant" = TRUE THEN 1 ELSE 0 END) AS "civilServants",
         SUM(CASE WHEN p."enforcementPost" = TRUE THEN 1 ELSE 0 END) AS "enforcementStaff",
         SUM(CASE WHEN p."enforcementPost" = TRUE AND ${VALID_CERT} THEN 1 ELSE 0 END) AS certified,
         SUM(CASE WHEN u."civilServant" = TRUE AND ${VALID_CERT} THEN 1 ELSE 0 END) AS "certifiedCivilServants"
       FROM post_history p JOIN unit un ON un.id = p."unitId" JOIN "user" u ON u.id = p."userId"
       WHERE ${POST_ON}`,
      [day, `${rootPath}%`],
    );
    const n = (k: string) => Number(r?.[k] ?? 0);
    return {
      staff: n('staff'),
      civilServants: n('civilServants'),
      enforcementStaff: n('enforcementStaff'),
      certified: n('certified'),
      certifiedCivilServants: n('certifiedCivilServants'),
    };
  }

  /** Enforcement staff on a day without a valid enforcement certificate, with their latest one if any. */
  async uncertifiedStaff(day: string, rootPath: string) {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT p."userId" AS "userId", u.name AS name, u."staffNo" AS "staffNo", p."unitId" AS "unitId",
         un.name AS "unitName", p."businessLines" AS "businessLines",
         lc.number AS "lastNumber", lc."expiresOn" AS "lastExpiresOn", lc.status AS "lastStatus",
         lc."statusSince" AS "lastStatusSince", lc."issuedOn" AS "lastIssuedOn"
       FROM post_history p JOIN unit un ON un.id = p."unitId" JOIN "user" u ON u.id = p."userId"
       LEFT JOIN certificate lc ON lc.id = (SELECT MAX(c2.id) FROM certificate c2
         WHERE c2."userId" = p."userId" AND c2.kind = 'enforcement' AND c2."issuedOn" <= $1)
       WHERE p."enforcementPost" = TRUE AND ${POST_ON} AND NOT ${VALID_CERT}
       ORDER BY un.path, u.name`,
      [day, `${rootPath}%`],
    );
    return rows.map((r) => ({
      ...toPerson(r),
      last: r.lastNumber
        ? {
            number: String(r.lastNumber),
            issuedOn: String(r.lastIssuedOn),
            expiresOn: String(r.lastExpiresOn),
            status: (r.lastStatus as 'suspended' | 'revoked' | null) ?? null,
            statusSince: (r.lastStatusSince as string | null) ?? null,
          }
        : null,
    }));
  }

  /** Certificates valid on `day` whose last valid day is on or before `until`, by the holder's unit today. */
  async expiring(day: string, until: string, rootPath: string) {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT c.id AS id, c.kind AS kind, c.number AS number, c."issuedOn" AS "issuedOn", c."expiresOn" AS "expiresOn",
         p."userId" AS "userId", u.name AS name, u."staffNo" AS "staffNo", p."unitId" AS "unitId",
         un.name AS "unitName", p."businessLines" AS "businessLines"
       FROM certificate c JOIN post_history p ON p."userId" = c."userId"
         JOIN unit un ON un.id = p."unitId" JOIN "user" u ON u.id = p."userId"
       WHERE ${POST_ON} AND c."issuedOn" <= $1 AND c."expiresOn" >= $1 AND c."expiresOn" <= $3
         AND (c.status IS NULL OR c."statusSince" > $1)
         AND NOT EXISTS (SELECT 1 FROM certificate r WHERE r."renewsId" = c.id)
       ORDER BY c."expiresOn", un.path, u.name`,
      [day, `${rootPath}%`, until],
    );
    return rows.map((r) => ({
      ...toPerson(r),
      certificateId: Number(r.id),
      kind: String(r.kind),
      number: String(r.number),
      issuedOn: String(r.issuedOn),
      expiresOn: String(r.expiresOn),
    }));
  }

  /** People holding a valid enforcement certificate on a day (for the study-hour check). */
  async holders(day: string, rootPath: string): Promise<PersonRow[]> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT p."userId" AS "userId", u.name AS name, u."staffNo" AS "staffNo", p."unitId" AS "unitId",
         un.name AS "unitName", p."businessLines" AS "businessLines"
       FROM post_history p JOIN unit un ON un.id = p."unitId" JOIN "user" u ON u.id = p."userId"
       WHERE ${POST_ON} AND ${VALID_CERT}
       ORDER BY un.path, u.name`,
      [day, `${rootPath}%`],
    );
    return rows.map(toPerson);
  }

  /** Everyone with a post in the subtree on a day. */
  async staffIds(day: string, rootPath: string): Promise<number[]> {
    const rows = await this.query<{ userId: number }>(
      `SELECT p."userId" AS "userId" FROM post_history p JOIN unit un ON un.id = p."unitId" WHERE ${POST_ON}`,
      [day, `${rootPath}%`],
    );
    return rows.map((r) => Number(r.userId));
  }

  /** Certificates issued per kind within [from, to], by the holder's unit on the issue day. */
  async issuedBetween(from: string, to: string, rootPath: string): Promise<Record<string, number>> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT c.kind AS kind, COUNT(*) AS n FROM certificate c
       JOIN post_history p ON p."userId" = c."userId" AND p."validFrom" <= c."issuedOn"
         AND (p."validTo" IS NULL OR p."validTo" > c."issuedOn")
       JOIN unit un ON un.id = p."unitId"
       WHERE c."issuedOn" >= $1 AND c."issuedOn" <= $2 AND un.path LIKE $3
       GROUP BY c.kind`,
      [from, to, `${rootPath}%`],
    );
    return Object.fromEntries(rows.map((r) => [String(r.kind), Number(r.n)]));
  }

  /**
   * Start-up: every account gets an open post-history row (backfill, dated from its creation), and any account
   * whose row no longer matches it (changed by a path that did not record it) is returned for recording.
   */
  async backfillPostHistory(): Promise<void> {
    const createdDay = this.tx.isSqlite
      ? `substr(u."createdAt", 1, 10)`
      : `to_char(u."createdAt", 'YYYY-MM-DD')`;
    await this.tx.write((m) =>
      m.query(
        `INSERT INTO post_history ("userId", "unitId", "enforcementPost", "businessLines", "validFrom")
         SELECT u.id, CASE WHEN u.disabled = TRUE THEN NULL ELSE u."unitId" END,
           CASE WHEN u.disabled = TRUE THEN FALSE ELSE u."enforcementPost" END,
           CASE WHEN u.disabled = TRUE THEN '' ELSE u."businessLines" END, ${createdDay}
         FROM "user" u WHERE NOT EXISTS (SELECT 1 FROM post_history h WHERE h."userId" = u.id)`,
      ),
    );
  }

  /** Ids of accounts whose open post-history row differs from the account. */
  async driftedPostHistory(): Promise<number[]> {
    const rows = await this.query<{ id: number }>(
      `SELECT u.id AS id FROM "user" u JOIN post_history p ON p."userId" = u.id AND p."validTo" IS NULL
       WHERE COALESCE(p."unitId", -1) <> COALESCE(CASE WHEN u.disabled = TRUE THEN NULL ELSE u."unitId" END, -1)
          OR p."enforcementPost" <> (CASE WHEN u.disabled = TRUE THEN FALSE ELSE u."enforcementPost" END)
          OR p."businessLines" <> (CASE WHEN u.disabled = TRUE THEN '' ELSE u."businessLines" END)`,
      [],
    );
    return rows.map((r) => Number(r.id));
  }
}

function toPerson(r: Record<string, unknown>): PersonRow {
  return {
    userId: Number(r.userId),
    name: String(r.name),
    staffNo: (r.staffNo as string | null) ?? null,
    unitId: r.unitId == null ? null : Number(r.unitId),
    unitName: (r.unitName as string | null) ?? null,
    businessLines: String(r.businessLines ?? ''),
  };
}
