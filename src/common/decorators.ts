import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from './roles';

export const IS_PUBLIC = 'isPublic';
/** Opts a route out of the global JWT guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const OPTIONAL_AUTH = 'optionalAuth';
/** The route also serves callers who are not signed in; a valid token still identifies the caller (`user` or null). */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);

export const ROLES_KEY = 'roles';
/** The caller needs at least one of these roles (a rule of ACCESS in common/roles). */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller, as the JWT guard put it on the request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user,
);
