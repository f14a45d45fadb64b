import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/roles';
import { hashPassword, verifyPassword } from './password';
import { TokenDenylist } from './token-denylist.service';
import { TokenService } from './token.service';
import { toAuthUser, type LoginResponse, type LogoutResponse } from './user.response';
import { UsersService } from './users.service';

@Injectable()
export class AuthService {
  /** A hash to verify against when the user does not exist, so a wrong username takes as long as a wrong password. */
  private readonly dummyHash = hashPassword('not-a-real-password-0');

  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly denylist: TokenDenylist,
  ) {}

  async checkPassword(username: string, password: string): Promise<AuthUser | undefined> {
    const u = await this.users.findByUsername(username);
    if (!u || u.disabled) {
      await verifyPassword(password, await this.dummyHash);
      return undefined;
    }
    return (await verifyPassword(password, u.passwordHash)) ? toAuthUser(u) : undefined;
  }

  /** Issues an access token for a user (login; tests use it to skip the throttled login route). */
  async issueToken(userId: number): Promise<{ accessToken: string; expiresIn: number }> {
    const u = await this.users.findById(userId);
    if (!u) throw new Error(`no user ${userId}`);
    return {
      accessToken: this.tokens.sign({ sub: u.id, tv: u.tokenVersion }),
      expiresIn: this.tokens.expiresInSeconds,
    };
  }

  /** Signs out the token the caller came with: every app process refuses it from now on (see TokenDenylist). */
  async logout(user: AuthUser): Promise<LogoutResponse> {
    if (user.session) await this.denylist.revoke(user.session.jti, user.id, user.session.exp);
    return { loggedOut: true };
  }

  async login(user: AuthUser): Promise<LoginResponse> {
    const { accessToken, expiresIn } = await this.issueToken(user.id);
    return {
      accessToken,
      expiresIn,
      user: { id: user.id, username: user.username, name: user.name, roles: user.roles },
    };
  }
}
