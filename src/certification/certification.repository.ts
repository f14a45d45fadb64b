import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TxService } from '../database/tx.service';

/** A valid enforcement certificate of person `p` on day $1 (dates are 'YYYY-MM-DD' text on both databases). */
const VALID_CERT = `EXISTS (SELECT 1 FROM certificate c WHERE c."userId" = p."userId" AND c.kind = 'enforcement'
  AND c."issuedOn" <= $1 AND c."expiresOn" >= $1 AND (c.status IS NULL OR c."statusSince" > $1))`;
/** The post someone held on day $1, in the subtree $2 (a unit path prefix). */
const POST_ON = `p."validFrom" <= $1 AND (p."validTo" IS NULL OR p."validTo" > $1) AND un.path LIKE $2`;

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
@Injectable()
export class CertificationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TxService,
  ) {}

  private query<T>(text: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(...this.tx.sql(text, params));
  }

  /** Enforcement staff and certified staff on a day, per unit and business-line combination. */
  async countCertifiedByUnit(day: string, rootPath: string): Promise<PostCountRow[]> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT p."unitId" AS "unitId", p."businessLines" AS "businessLines", COUNT(*) AS staff,
         SUM(CASE WHEN ${VALID_CERT} THEN 1 ELSE 0 END) AS certified
       FROM post_history p JOIN unit un ON un.id = p."unitId"
       WHERE p."enforcementPost" = TRUE AND ${POST_ON}
       GROUP BY p."unitId", p."businessLines"`,
      [day, `${rootPath}%`],
    );
    return rows.map((r) => ({
      unitId: Number(r.unitId),
      businessLines: String(r.businessLines ?? ''),
      staff: Number(r.staff),
      certified: Number(r.certified ?? 0),
    }));
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
