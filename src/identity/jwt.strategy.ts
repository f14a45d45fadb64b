import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/roles';
import { TokenDenylist } from './token-denylist.service';
import { TokenService, VerifiedPayload } from './token.service';
import { UsersService } from './users.service';

export const ACCESS_COOKIE = 'access_token';

const fromCookie = (req: { cookies?: Record<string, string> }): string | null =>
  req.cookies?.[ACCESS_COOKIE] ?? null;

/** Accepts the token as `Authorization: Bearer …` (API) or in the httpOnly cookie set by the web UI. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: TokenService,
    private readonly users: UsersService,
    private readonly denylist: TokenDenylist,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie]),
      // A KeyObject where the typings say string | Buffer: jsonwebtoken accepts it and verifies ~50x faster.
      secretOrKeyProvider: (
        _req: unknown,
        _raw: unknown,
        done: (err: unknown, key?: string | Buffer) => void,
      ) => done(null, tokens.secretKey as unknown as Buffer),
      algorithms: ['HS256'],
    });
  }

  /**
   * The signature and expiry are checked by passport-jwt; a token without an expiry or an id (never issued here)
   * is refused, as is one signed out, or one whose account is disabled or changed since (token version).
   */
  async validate(payload: VerifiedPayload): Promise<AuthUser | false> {
    const { jti, exp } = payload;
    if (typeof exp !== 'number' || typeof jti !== 'string') return false;
    if (await this.denylist.isRevoked(jti)) return false;
    const user = await this.users.findActiveAuthUser(payload.sub, payload.tv);
    return user ? { ...user, session: { jti, exp } } : false;
  }
}
