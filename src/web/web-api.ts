import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../common/roles';
import { ACCESS_COOKIE } from '../identity/jwt.strategy';

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  raw: Buffer;
}

export interface PageRequest {
  ip: string;
  cookies?: Record<string, string | undefined>;
}

/** The signed-in person as the pages see them (GET /api/me). */
export interface Me extends AuthUser {
  unitName?: string | null;
  enforcementPost?: boolean;
  businessLines?: string[];
}

/**
 * Pages read and write through the app's own JSON API (in-process, no network): every access rule, validation
 * and error message stays in one place. The session cookie is sent on as a Bearer token, so these internal calls
 * are not cookie-authenticated requests and the CSRF check (already done on the page's own form post) is not
 * repeated.
 */
@Injectable()
export class WebApi {
  constructor(private readonly host: HttpAdapterHost) {}

  private get fastify(): FastifyInstance {
    return this.host.httpAdapter.getInstance<FastifyInstance>();
  }

  async call<T = unknown>(
    req: PageRequest,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<ApiResult<T>> {
    const token = req.cookies?.[ACCESS_COOKIE];
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fastify.inject({
      method,
      url,
      headers,
      remoteAddress: req.ip,
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });
    let body: unknown = null;
    if (String(res.headers['content-type'] ?? '').includes('json')) {
      try {
        body = res.json();
      } catch {
        body = null;
      }
    }
    return { status: res.statusCode, body: body as T, headers: res.headers, raw: res.rawPayload };
  }

  get<T = unknown>(req: PageRequest, url: string) {
    return this.call<T>(req, 'GET', url);
  }

  /** The API's own login route (throttled per IP and username) — the page login shares its limits. */
  async login(ip: string, username: string, password: string) {
    const res = await this.fastify.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      remoteAddress: ip,
      payload: JSON.stringify({ username, password }),
    });
    return {
      status: res.statusCode,
      body: res.json() as { accessToken?: string; expiresIn?: number; message?: string },
    };
  }

  async me(req: PageRequest): Promise<Me | null> {
    if (!req.cookies?.[ACCESS_COOKIE]) return null;
    const r = await this.get<Me>(req, '/api/me');
    return r.status === 200 ? r.body : null;
  }
}
