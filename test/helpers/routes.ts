/**
 * Every route the running app serves, read from the controllers Nest registered (path and method metadata), with
 * the global 'api' prefix applied as app.setup applies it. The access matrix holds each one to a written rule; the
 * fuzz test reads which roles each route lets in, so that its requests get past the guards.
 */
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, ROLES_KEY } from '../../src/common/decorators';
import type { Role } from '../../src/common/roles';

/** Page routes served without the 'api' prefix (app.setup's exclusions). */
const UNPREFIXED = [/^\/$/, /^\/login$/, /^\/logout$/, /^\/app(\/|$)/, /^\/verify(\/|$)/];

export interface RouteInfo {
  /** `GET /api/exams/:id` */
  route: string;
  /** What @Public() says (handler over controller). */
  isPublic: boolean;
  /** What @Roles(...) says (handler over controller); undefined: any signed-in account. */
  roles: readonly Role[] | undefined;
}

export function describeRoutes(app: INestApplication): RouteInfo[] {
  const out = new Map<string, RouteInfo>();
  const join = (...parts: unknown[]) =>
    '/' +
    parts
      .flatMap((p) => (Array.isArray(p) ? [p[0]] : [p]))
      .map((p) => String(p ?? ''))
      .join('/')
      .split('/')
      .filter(Boolean)
      .join('/');
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | undefined;
      if (!cls) continue;
      const base = Reflect.getMetadata(PATH_METADATA, cls);
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        if (name === 'constructor') continue;
        const handler = (cls.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined)
          continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = join(base, Reflect.getMetadata(PATH_METADATA, handler));
        const full = UNPREFIXED.some((r) => r.test(path)) ? path : join('api', path);
        // As Reflector.getAllAndOverride reads them for the guards: the handler's own, else the controller's.
        const read = <T>(key: string): T | undefined =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, cls);
        const route = `${method} ${full}`;
        out.set(route, {
          route,
          isPublic: read<boolean>(IS_PUBLIC) === true,
          roles: read<Role[]>(ROLES_KEY),
        });
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
}

export function listRoutes(app: INestApplication): string[] {
  return describeRoutes(app).map((r) => r.route);
}
