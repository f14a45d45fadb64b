/**
 * Response headers, set once for every route (a Fastify onSend hook, installed in app.setup.ts):
 * - every response: `X-Content-Type-Options: nosniff`;
 * - every HTML page (the web UI, the certificate print page, the compilation, /verify, /api/docs, error pages): a
 *   Content-Security-Policy that allows only this site's own scripts (the `<script type="application/json">` data
 *   blocks are not scripts and need nothing), with `frame-ancestors 'none'` and `X-Frame-Options: DENY` against
 *   clickjacking; other responses get a policy that allows nothing;
 * - `Cache-Control: no-store` unless the route chose its own (the static assets do): responses carry tokens, answer
 *   keys, papers, personal data and report downloads, none of which a shared or browser cache should keep.
 */
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * The inline event handlers the pages still use, allowed by their hash alone ('unsafe-hashes'): the certificate
 * print button and the exam form that must not submit on Enter. Any other inline script is refused.
 */
export const ALLOWED_INLINE_HANDLERS = ['window.print()', 'return false'];

const hash = (source: string) => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

export const PAGE_CSP = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-hashes' ${ALLOWED_INLINE_HANDLERS.map(hash).join(' ')}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Callback style, not async: it runs on every response, the answer saves included. */
export function installSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    const html = /^text\/html/i.test(String(reply.getHeader('content-type') ?? ''));
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Content-Security-Policy', html ? PAGE_CSP : NON_PAGE_CSP);
    if (html) reply.header('X-Frame-Options', 'DENY');
    if (reply.getHeader('cache-control') === undefined) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
}
