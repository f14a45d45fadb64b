/**
 * Page tests without a browser: the cookies a response sets, the flash message a redirect carries, and signing
 * in through the login form with its CSRF token (the cookie session the web pages use).
 */
import type { Response } from 'supertest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, TestApp } from './test-app';

/** The cookies a response sets, by name (the value before the first `;`). */
export function cookiesOf(setCookie: string[] | string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of [setCookie ?? []].flat()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

/** The message a redirect carries to the next page (the short-lived flash cookie, never the address). */
export function flashOf(res: { headers: Record<string, unknown> }): { kind: string; text: string } | null {
  const v = cookiesOf(res.headers['set-cookie'] as string[] | string | undefined).flash;
  return v
    ? (JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as { kind: string; text: string })
    : null;
}

/** The flash message's text, or '' when the response sets none. */
export const flashText = (res: { headers: Record<string, unknown> }): string => flashOf(res)?.text ?? '';

export interface PageLogin {
  /** The login form (GET /login), which set the CSRF cookie. */
  form: Response;
  /** The form's answer (303 to the next page on success); the caller checks it. */
  res: Response;
  /** `access_token=…; csrf_token=…`, for the Cookie header of the next requests. */
  cookie: string;
  /** The CSRF token, for `_csrf` in forms and X-CSRF-Token on cookie-authenticated API writes. */
  csrf: string;
  token: string;
}

/**
 * Signs in through the login form: reads the CSRF cookie from GET /login (which must answer 200), posts the form
 * with it, and returns the session the answer set. The password defaults to the demo one (the admin's for admin).
 */
export async function pageLogin(
  t: TestApp,
  username: string,
  options: { password?: string; next?: string } = {},
): Promise<PageLogin> {
  const password = options.password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
  const form = await t.http().get('/login').expect(200);
  const csrfBefore = cookiesOf(form.headers['set-cookie']).csrf_token;
  const res = await t
    .http()
    .post('/login')
    .set('Cookie', `csrf_token=${csrfBefore}`)
    .type('form')
    .send({ username, password, _csrf: csrfBefore, ...(options.next ? { next: options.next } : {}) });
  const jar = cookiesOf(res.headers['set-cookie']);
  return {
    form,
    res,
    cookie: `access_token=${jar.access_token}; csrf_token=${jar.csrf_token}`,
    csrf: jar.csrf_token,
    token: jar.access_token,
  };
}
