import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../common/errors';
import type { AuthUser } from '../../common/roles';
import { secureCookie, setFlash, takeFlash } from './cookies';
import { CSRF_COOKIE, newCsrfToken } from './csrf';
import { html, type SafeHtml } from './html';
import { layout, type Flash } from './layout';

/** What a failed form post does: go back to its form page with the message (FormPage), or render something. */
export type FormErrorHandler = (
  req: PageRequest,
  reply: FastifyReply,
  message: string,
  status: number,
) => void;

/** The reply of a page handler (`@Res()`): a page sends its HTML or redirects itself. */
export type Reply = FastifyReply;

/** A page request after the guards: the caller (global JWT guard, session cookie) and the page's CSRF token. */
export interface PageRequest extends FastifyRequest {
  user?: AuthUser | null;
  cookies: Record<string, string | undefined>;
  /** Set by PageGuard: the token the page's forms repeat (double submit). */
  csrfToken?: string;
  /** Set by PageGuard from the handler's @FormPage / @OnFormError. */
  onFormError?: FormErrorHandler;
}

export interface PageOptions {
  status?: number;
  /** The navigation entry to mark as current. */
  active?: string;
  /** Scripts from /app/assets beside app.js. */
  scripts?: string[];
  /** The login page: no navigation, no session. */
  anonymous?: boolean;
  /** A message for this page itself (instead of one a redirect carried in the flash cookie). */
  flash?: Flash;
}

const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
};

/** The CSRF token PageGuard gave the page (for its forms). */
export const csrfOf = (reply: FastifyReply): string | undefined => (reply.request as PageRequest).csrfToken;

/** The page's CSRF token: the cookie's, or a new one set as the cookie (first visit). */
export function csrfTokenOf(req: PageRequest, reply: FastifyReply): string {
  let token = req.cookies?.[CSRF_COOKIE];
  if (!token) {
    token = newCsrfToken();
    reply.setCookie(CSRF_COOKIE, token, {
      path: '/',
      sameSite: 'lax',
      httpOnly: false,
      secure: secureCookie(req),
    });
  }
  return token;
}

/** Sends a page in the site layout. */
export function render(reply: FastifyReply, title: string, body: SafeHtml, o: PageOptions = {}): void {
  const req = reply.request as PageRequest;
  reply
    .status(o.status ?? 200)
    .headers(PAGE_HEADERS)
    .send(
      layout({
        title,
        me: o.anonymous ? null : req.user,
        csrf: o.anonymous ? undefined : req.csrfToken,
        body,
        flash: o.anonymous ? null : (o.flash ?? takeFlash(req, reply)),
        active: o.active,
        scripts: o.scripts,
      }),
    );
}

/** 303 to `path`, with a success message for the next page when given (flash cookie, never the address). */
export function redirect(reply: FastifyReply, path: string, ok?: string): void {
  if (ok) setFlash(reply, { kind: 'ok', text: ok });
  reply.redirect(path, 303);
}

/** 303 back to a form page with an error message (flash cookie). */
export function redirectWithError(reply: FastifyReply, path: string, message: string): void {
  setFlash(reply, { kind: 'error', text: message });
  reply.redirect(path, 303);
}

/**
 * An error as one line a person reads: the message and up to three of its details (a detail the message already
 * says is not repeated).
 */
export function errorText(body: Partial<ErrorBody> | null | undefined, fallback: string): string {
  const msg = typeof body?.message === 'string' ? body.message : fallback;
  const details = (body?.details ?? []).map((d) => d.message).filter((m) => m && !msg.includes(m));
  return details.length ? `${msg}：${details.slice(0, 3).join('；')}` : msg;
}

/** The page for an error: what went wrong and the way home. */
export function errorPage(reply: FastifyReply, message: string, status: number): void {
  render(
    reply,
    '出错了',
    html`<h1>出错了</h1>
      <p>${message}</p>
      <p><a href="/app">返回首页</a></p>`,
    { status },
  );
}

/** The page for a signed-in caller without the role a page needs. */
export function forbiddenPage(reply: FastifyReply): void {
  render(
    reply,
    '无权访问',
    html`<h1>无权访问</h1>
      <p>您的账号没有访问此页面的权限。</p>
      <p><a href="/app">返回首页</a></p>`,
    { status: 403 },
  );
}
