import type { FastifyReply } from 'fastify';
import { ACCESS_COOKIE } from '../../identity/jwt.strategy';
import { secureCookie } from '../shared/cookies';
import { CSRF_COOKIE, newCsrfToken } from '../shared/csrf';
import { html } from '../shared/html';
import { csrfField, field, hidden, input, submitButton } from '../shared/form';
import { render, type PageRequest } from '../shared/page';

/** Only same-site paths under /app; anything else (an absolute URL, //host) goes home. */
export function safeNext(next: string | undefined): string {
  return next && /^\/app(\/[^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/app';
}

export function loginPage(
  reply: FastifyReply,
  next: string | undefined,
  err: string | undefined,
  status: number,
) {
  const csrf = (reply.request as PageRequest).csrfToken;
  const body = html`<div class="login">
    <h1>登录</h1>
    ${err ? html`<p class="flash error" role="alert" id="login-error">${err}</p>` : ''}
    <form method="post" action="/login" class="stacked">
      ${csrfField(csrf)} ${hidden('next', next ?? '')}
      ${field(
        'username',
        '用户名（工号）',
        input({
          id: 'username',
          name: 'username',
          autocomplete: 'username',
          required: true,
          autofocus: true,
        }),
      )}
      ${field(
        'password',
        '密码',
        input({
          id: 'password',
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
        }),
      )}
      ${submitButton('登录')}
    </form>
  </div>`;
  render(reply, '登录', body, { status, anonymous: true });
}

/** Sets the session cookie (httpOnly) and a fresh CSRF token for a newly issued access token. */
export function startSession(reply: FastifyReply, accessToken: string, expiresIn: number): void {
  const secure = secureCookie(reply.request);
  reply
    .setCookie(ACCESS_COOKIE, accessToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: expiresIn,
    })
    .setCookie(CSRF_COOKIE, newCsrfToken(), { path: '/', httpOnly: false, sameSite: 'lax', secure });
}
