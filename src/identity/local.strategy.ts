import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { AuthUser } from '../common/roles';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  /** AuthService.authenticate: its 401/403/429 reach the client as they are. */
  validate(req: { ip?: string }, username: string, password: string): Promise<AuthUser> {
    return this.auth.authenticate(username, password, req.ip);
  }
}
