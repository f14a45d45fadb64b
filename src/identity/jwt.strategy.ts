import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/roles';
import { TokenPayload, TokenService } from './token.service';
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

  async validate(payload: TokenPayload): Promise<AuthUser | false> {
    return (await this.users.findActiveAuthUser(payload.sub, payload.tv)) ?? false;
  }
}
