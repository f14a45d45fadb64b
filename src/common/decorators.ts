import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from './roles';

export const IS_PUBLIC = 'isPublic';
/** Opts a route out of the global JWT guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const OPTIONAL_AUTH = 'optionalAuth';
/** The route also serves callers who are not signed in; a valid token still identifies the caller (`user` or null). */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);

export const PASSWORD_CHANGE_EXEMPT = 'passwordChangeExempt';
/**
 * The route serves an account that must change its password first (AuthUser.mustChangePassword): 修改密码 itself,
 * 我的信息 and signing out. Every other route answers such an account 403 MUST_CHANGE_PASSWORD (pages: a redirect).
 */
export const PasswordChangeExempt = () => SetMetadata(PASSWORD_CHANGE_EXEMPT, true);

/** The 403 message for an account that must change its password first (the page filter redirects on it). */
export const MUST_CHANGE_PASSWORD =
  '请先修改初始密码：您的密码由管理员设置或重置，修改后才能继续使用（POST /api/me/password）';

export const ROLES_KEY = 'roles';
/** The caller needs at least one of these roles (a rule of ACCESS in common/roles). */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller, as the JWT guard put it on the request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user,
);
