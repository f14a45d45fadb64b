import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { TxService } from '../database/tx.service';

/** Rows revoked up to this long before another process's last look are read again (clock skew between hosts). */
const OVERLAP_MS = 60_000;

/**
 * Signed-out tokens (by `jti`), shared by every app process through the `revoked_token` table. A check runs on
 * every authenticated request, so it reads a per-process copy: this process's own sign-outs are in it at once,
 * those of other processes after at most AUTH_CACHE_MS (the same promise as a disabled account); with
 * AUTH_CACHE_MS=0 every check asks the database.
 */
@Injectable()
export class TokenDenylist {
  /** jti → expiry (ms). */
  private readonly revoked = new Map<string, number>();
  private readAt = 0;
  private readSince: Date | null = null;
  private reading: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly tx: TxService,
  ) {}

  async isRevoked(jti: string): Promise<boolean> {
    if (this.revoked.has(jti)) return true;
    if (this.config.authCacheMs === 0) {
      const [sql, params] = this.tx.sql('SELECT 1 AS hit FROM revoked_token WHERE jti = $1', [jti]);
      // SQLite: a prepared statement (one per request here, so TypeORM's query runner would cost more than it).
      if (this.tx.isSqlite) return this.tx.prepared(sql).get(...params) !== undefined;
      return ((await this.dataSource.query(sql, params)) as unknown[]).length > 0;
    }
    if (Date.now() - this.readAt >= this.config.authCacheMs) await this.refresh();
    return this.revoked.has(jti);
  }

  /** Signs a token out until its expiry (seconds since the epoch, as in the token). */
  async revoke(jti: string, userId: number, expSeconds: number): Promise<void> {
    const now = new Date();
    const expiresAt = new Date(expSeconds * 1000);
    this.revoked.set(jti, expiresAt.getTime());
    if (this.revoked.size > 10_000) this.prune();
    await this.tx.run(async (m) => {
      await m.query(
        ...this.tx.sql(
          'INSERT INTO revoked_token (jti, "userId", "expiresAt", "revokedAt") VALUES ($1, $2, $3, $4) ON CONFLICT (jti) DO NOTHING',
          [jti, userId, this.tx.dateParam(expiresAt), this.tx.dateParam(now)],
        ),
      );
      await m.query(
        ...this.tx.sql('DELETE FROM revoked_token WHERE "expiresAt" < $1', [this.tx.dateParam(now)]),
      );
    });
  }

  /** Forgets expired tokens (they are refused for their expiry anyway). */
  private prune(): void {
    const now = Date.now();
    for (const [jti, exp] of this.revoked) if (exp < now) this.revoked.delete(jti);
  }

  /** Reads the sign-outs since the last look (all unexpired ones the first time); one read at a time. */
  private refresh(): Promise<void> {
    this.reading ??= (async () => {
      const started = new Date();
      const [sql, params] = this.readSince
        ? this.tx.sql('SELECT jti, "expiresAt" AS "expiresAt" FROM revoked_token WHERE "revokedAt" >= $1', [
            this.tx.dateParam(new Date(this.readSince.getTime() - OVERLAP_MS)),
          ])
        : this.tx.sql('SELECT jti, "expiresAt" AS "expiresAt" FROM revoked_token WHERE "expiresAt" >= $1', [
            this.tx.dateParam(started),
          ]);
      const rows = (await this.dataSource.query(sql, params)) as { jti: string; expiresAt: string | Date }[];
      for (const r of rows) this.revoked.set(r.jti, toMs(r.expiresAt));
      this.prune();
      this.readSince = started;
      this.readAt = Date.now();
    })().finally(() => (this.reading = null));
    return this.reading;
  }
}

/** A datetime column as read raw: a Date on PostgreSQL, 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) text on SQLite. */
function toMs(v: string | Date): number {
  return v instanceof Date ? v.getTime() : Date.parse(`${v.replace(' ', 'T')}Z`);
}
