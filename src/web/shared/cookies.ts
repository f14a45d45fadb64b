import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Flash } from './layout';

/**
 * The web layer's cookies: the session (httpOnly), the CSRF token (read by the pages' scripts) and the flash
 * message a redirect carries to the next page. Their `Secure` flag follows COOKIE_SECURE: 'auto' (default) sets
 * it when the request came over HTTPS as the app sees it — behind a TLS proxy that needs TRUST_PROXY.
 */
let secureSetting: 'auto' | boolean = 'auto';

/** Set once at start from AppConfig.cookieSecure (WebModule). */
export function configureCookies(secure: 'auto' | boolean): void {
  secureSetting = secure;
}

export const secureCookie = (req: FastifyRequest): boolean =>
  secureSetting === 'auto' ? req.protocol === 'https' : secureSetting;

export const FLASH_COOKIE = 'flash';
/** A flash lives until the next page shows it, and at most this long (seconds). */
const FLASH_SECONDS = 60;
const FLASH_MAX_CHARS = 600;

/**
 * Carries a message to the page a redirect leads to, in a short-lived cookie rather than the address: a link
 * cannot put words on the bureau's pages, and nothing of it lands in logs or history.
 */
export function setFlash(reply: FastifyReply, flash: Flash): void {
  const text = flash.text.length > FLASH_MAX_CHARS ? `${flash.text.slice(0, FLASH_MAX_CHARS)}…` : flash.text;
  reply.setCookie(
    FLASH_COOKIE,
    Buffer.from(JSON.stringify({ kind: flash.kind, text })).toString('base64url'),
    {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie(reply.request),
      maxAge: FLASH_SECONDS,
    },
  );
}

/** The flash this request carries, if any (cleared as it is shown). */
export function takeFlash(
  req: FastifyRequest & { cookies?: Record<string, string | undefined> },
  reply: FastifyReply,
): Flash | null {
  const raw = req.cookies?.[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flash>;
    if ((v.kind === 'ok' || v.kind === 'error') && typeof v.text === 'string' && v.text)
      return { kind: v.kind, text: v.text.slice(0, FLASH_MAX_CHARS + 1) };
  } catch {
    // A cookie that is no flash of ours: nothing to show.
  }
  return null;
}
