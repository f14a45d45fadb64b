/**
 * Every route the running app serves, read from the controllers Nest registered (path and method metadata), with
 * the global 'api' prefix applied as app.setup applies it. The access matrix holds each one to a written rule.
 */
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

/** Page routes served without the 'api' prefix (app.setup's exclusions). */
const UNPREFIXED = [/^\/$/, /^\/login$/, /^\/logout$/, /^\/app(\/|$)/, /^\/verify(\/|$)/];

export function listRoutes(app: INestApplication): string[] {
  const out = new Set<string>();
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
        out.add(`${method} ${full}`);
      }
    }
  }
  return [...out].sort();
}
