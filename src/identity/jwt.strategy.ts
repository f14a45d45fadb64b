import { Injectable } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import type { AuthUser } from '../common/roles';
import { TokenDenylist } from './token-denylist.service';
import { TokenService, VerifiedPayload } from './token.service';
import { UsersService } from './users.service';
import { VerifiedTokens } from './verified-tokens';

export const ACCESS_COOKIE = 'access_token';

interface TokenRequest {
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
}

const BEARER = /^\s*(\S+)\s+(\S+)/;

/**
 * The access token a request carries: `Authorization: Bearer …` (API) first, else the httpOnly cookie set by the web
 * UI (the same order passport-jwt's extractors used).
 */
export function accessTokenOf(req: TokenRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = BEARER.exec(h);
    if (m && m[1].toLowerCase() === 'bearer') return m[2];
  }
  return req.cookies?.[ACCESS_COOKIE] || null;
}

/**
 * Verifies an access token and finds the account behind it, directly (no passport plumbing: it was a strategy
 * object, closures and a callback chain on every request of the hottest route). The signature (HS256 with the
 * KeyObject) and expiry are checked by jsonwebtoken; a token without an expiry or an id (never issued here) is
 * refused, as is one signed out, or one whose account is disabled or changed since (token version). The account
 * and the sign-outs are read through per-process caches (AUTH_CACHE_MS). A token's verified signature is remembered
 * (VerifiedTokens: by its exact text, until its own expiry), so a candidate's saves verify it once.
 */
@Injectable()
export class JwtStrategy {
  private readonly options: jwt.VerifyOptions = { algorithms: ['HS256'] };
  /** Tokens whose signature was checked (expiry is checked on every use; sign-out and the account below too). */
  private readonly verified = new VerifiedTokens<VerifiedPayload & { exp: number }>(50_000);

  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersService,
    private readonly denylist: TokenDenylist,
  ) {}

  /** The caller, or null for a token that is missing, invalid, expired, signed out or for a changed account. */
  async authenticate(token: string | null): Promise<AuthUser | null> {
    if (!token) return null;
    const key = this.tokens.secretKey;
    let payload: VerifiedPayload | undefined = this.verified.get(token, key, Date.now());
    if (!payload) {
      try {
        payload = jwt.verify(token, key, this.options) as unknown as VerifiedPayload;
      } catch {
        return null;
      }
      if (!payload || typeof payload !== 'object') return null;
      if (typeof payload.exp !== 'number' || typeof payload.jti !== 'string') return null;
      this.verified.set(token, key, payload as VerifiedPayload & { exp: number });
    }
    const { jti, exp } = payload;
    if (typeof exp !== 'number' || typeof jti !== 'string') return null;
    if (await this.denylist.isRevoked(jti)) return null;
    const user = await this.users.findActiveAuthUser(payload.sub, payload.tv);
    return user ? { ...user, session: { jti, exp } } : null;
  }
}
