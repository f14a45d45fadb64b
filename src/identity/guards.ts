import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import {
  IS_PUBLIC,
  MUST_CHANGE_PASSWORD,
  OPTIONAL_AUTH,
  PASSWORD_CHANGE_EXEMPT,
  ROLES_KEY,
} from '../common/decorators';
import { AppError } from '../common/errors';
import type { AuthUser, Role } from '../common/roles';
import { createValidationPipe } from '../common/validation';
import { LoginDto } from './dto/user.dto';
import { accessTokenOf, JwtStrategy } from './jwt.strategy';

/** A handler's metadata for the global guards, read once per handler (not on every request). */
function perHandler<T>(read: (context: ExecutionContext) => T): (context: ExecutionContext) => T {
  const seen = new Map<unknown, Map<unknown, T>>();
  return (context) => {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byClass = seen.get(handler);
    if (!byClass) seen.set(handler, (byClass = new Map()));
    if (!byClass.has(cls)) byClass.set(cls, read(context));
    return byClass.get(cls) as T;
  };
}

/**
 * Global: every route needs a valid token — the Bearer header (API) or the session cookie (pages and their
 * scripts) — unless marked @Public(); an @OptionalAuth() route takes the caller when there is one. JwtStrategy
 * verifies it with the KeyObject and looks up the account behind it (UsersService.findActiveAuthUser: one
 * statement, cached per process for AUTH_CACHE_MS). An account that must change its password reaches only the
 * @PasswordChangeExempt() routes.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly access = perHandler((context) => ({
    isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]),
    optional: !!this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, [
      context.getHandler(),
      context.getClass(),
    ]),
    passwordChangeExempt: !!this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_EXEMPT, [
      context.getHandler(),
      context.getClass(),
    ]),
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, optional, passwordChangeExempt } = this.access(context);
    if (isPublic) return true;
    const req = context
      .switchToHttp()
      .getRequest<Parameters<typeof accessTokenOf>[0] & { user?: AuthUser | null }>();
    // As with passport before: a lookup that fails refuses the token (401), it does not fail the request.
    const user = await this.jwt.authenticate(accessTokenOf(req)).catch(() => null);
    if (!user) {
      if (optional) {
        req.user = null;
        return true;
      }
      throw new AppError(401, '未登录或登录已过期');
    }
    // An initial or reset password: only 修改密码 (and 我的信息, sign-out) until it is changed.
    if (user.mustChangePassword && !passwordChangeExempt) throw new AppError(403, MUST_CHANGE_PASSWORD);
    req.user = user;
    return true;
  }
}

/** Global: @Roles(...) on a handler or controller requires one of the roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  private readonly rolesOf = perHandler((context) =>
    this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]),
  );

  canActivate(context: ExecutionContext): boolean {
    const roles = this.rolesOf(context);
    if (!roles || roles.length === 0) return true;
    const user: AuthUser | undefined = context.switchToHttp().getRequest().user;
    if (!user || !roles.some((r) => user.roles.includes(r))) throw AppError.forbidden();
    return true;
  }
}

/**
 * The login route: its body checked as LoginDto first, then passport-local. Guards run before pipes, so without
 * the check a number or an object as the password reached the password hashing (500) instead of a 400.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly pipe = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ body: unknown }>();
    await this.pipe.transform(req.body, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }
}
