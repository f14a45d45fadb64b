import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors';
import { ACCESS_COOKIE } from '../../identity/jwt.strategy';

export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

interface CsrfRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
  body?: unknown;
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request carries: the `X-CSRF-Token` header (fetch) or the `_csrf` form field. */
export function submittedToken(req: CsrfRequest): string | undefined {
  const h = req.headers[CSRF_HEADER];
  if (typeof h === 'string' && h) return h;
  const body = req.body as Record<string, unknown> | undefined;
  const f = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return typeof f === 'string' ? f : undefined;
}

/**
 * Double-submit CSRF check. A state-changing request authenticated by the session cookie (no Bearer header) must
 * repeat the `csrf_token` cookie in `X-CSRF-Token` or the `_csrf` form field. Bearer-authenticated API calls cannot
 * be forged by another site, so they pass untouched.
 */
export function csrfSatisfied(req: CsrfRequest): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method.toUpperCase())) return true;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+\S/i.test(auth)) return true;
  if (!req.cookies?.[ACCESS_COOKIE]) return true;
  return sameToken(req.cookies?.[CSRF_COOKIE], submittedToken(req));
}

/** The double-submit check (csrfSatisfied) on every route: 403 when it fails. */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (csrfSatisfied(context.switchToHttp().getRequest<CsrfRequest>())) return true;
    throw new AppError(403, '安全校验失败（CSRF），请刷新页面后重试');
  }
}
