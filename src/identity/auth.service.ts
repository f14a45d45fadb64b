import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { addressMayTry, type FailureStore } from './login-failures';
import { hashPassword, verifyPassword } from './password';
import { TokenDenylist } from './token-denylist.service';
import { TokenService } from './token.service';
import { toAuthUser, type LoginResponse, type LogoutResponse } from './user.response';
import { UsersService } from './users.service';

/** The failed sign-ins per address (LoginFailures in memory, or Redis with REDIS_URL). */
export const LOGIN_FAILURES = 'LOGIN_FAILURES';

export const WRONG_CREDENTIALS = '用户名或密码错误';
export const TOO_MANY_LOGINS = '登录尝试过于频繁，请一分钟后再试';
/** Said only after the password was verified, so it does not tell a guesser which usernames exist. */
export const ACCOUNT_DISABLED = '您的账号已停用，无法登录。如需恢复，请联系本单位管理员或系统管理员（admin）';

@Injectable()
export class AuthService {
  /** A hash to verify against when the user does not exist, so a wrong username takes as long as a wrong password. */
  private readonly dummyHash = hashPassword('not-a-real-password-0');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGIN_FAILURES) private readonly failures: FailureStore,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly denylist: TokenDenylist,
  ) {}

  /**
   * Signing in (the API's and the login page's): refused with 429 while the client address has used its failed
   * tries of the minute (LOGIN_THROTTLE_IP_LIMIT; successes do not count, so an office behind one NAT address
   * signs in together); a wrong username or password is one generic 401 and counts; a disabled account is told
   * so (403) only after its password was verified. The per-username limit is the ThrottlerGuard's.
   */
  async authenticate(username: string, password: string, address: string | undefined): Promise<AuthUser> {
    const key = `ip:${address ?? ''}`;
    if (!addressMayTry(await this.failures.count(key), this.config.loginThrottle.ipLimit))
      throw new AppError(429, TOO_MANY_LOGINS);
    const u = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, u ? u.passwordHash : await this.dummyHash);
    if (!u || !ok) {
      await this.failures.add(key, this.config.loginThrottle.ttlSeconds * 1000);
      throw new AppError(401, WRONG_CREDENTIALS);
    }
    if (u.disabled) throw new AppError(403, ACCOUNT_DISABLED);
    return toAuthUser(u);
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
      user: {
        id: user.id,
        username: user.username,
        name: user.name,
        roles: user.roles,
        mustChangePassword: Boolean(user.mustChangePassword),
      },
    };
  }
}
