/**
 * Boots the real application in-process on a fresh database with migrations applied: a new SQLite file per
 * call, or — when DATABASE_URL is set — a new throwaway PostgreSQL database on that server.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/common/config';
import { AuthService } from '../../src/identity/auth.service';
import { UsersService } from '../../src/identity/users.service';

export const DEMO_PASSWORD = 'Demo@2026';
export const ADMIN_PASSWORD = 'Admin@2026';
export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

let counter = 0;

async function freshDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuefa-e2e-'));
    return {
      env: { DATABASE_PATH: path.join(dir, 'test.sqlite') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `xuefa_e2e_${process.pid}_${Date.now() % 100000}_${counter++}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = url.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`.replace('$1', ''));
  return {
    env: { DATABASE_URL: dbUrl },
    drop: async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The address the app listens on, e.g. http://127.0.0.1:41234 (browser tests). */
  url: string;
  http: () => ReturnType<typeof request>;
  /** A bearer token for a user, minted without the (throttled) login route. */
  token: (username: string) => Promise<string>;
  /** Shuts the app down and boots it again on the same database. */
  restart: (env?: Record<string, string>) => Promise<void>;
  /** Shuts the app down, keeping its database (for work on the stopped database); `start` boots it again. */
  stop: () => Promise<void>;
  start: (env?: Record<string, string>) => Promise<void>;
  close: () => Promise<void>;
}

export interface BootOptions {
  /** Runs on every (re)start after the app is built and before it listens: the last moment to add Fastify hooks. */
  beforeListen?: (app: NestFastifyApplication) => void;
}

export async function bootTestApp(
  env: Record<string, string> = {},
  options: BootOptions = {},
): Promise<TestApp> {
  const db = await freshDatabase();
  const baseEnv = {
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    ADMIN_PASSWORD,
    SWEEP_INTERVAL_MS: '0',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...db.env,
    ...env,
  };
  const state = {
    app: undefined as unknown as NestFastifyApplication,
    config: undefined as unknown as AppConfig,
    url: '',
    stopped: false,
  };
  const start = async (extra: Record<string, string> = {}) => {
    state.config = loadConfig({ ...baseEnv, ...extra });
    state.app = await createApp(state.config);
    options.beforeListen?.(state.app);
    // Listening on a real port lets tests send many requests at once (supertest would otherwise bind per request).
    await state.app.listen(0, '127.0.0.1');
    const address = state.app.getHttpServer().address() as { port: number };
    state.url = `http://127.0.0.1:${address.port}`;
  };
  await start();
  const t: TestApp = {
    get app() {
      return state.app;
    },
    get config() {
      return state.config;
    },
    get url() {
      return state.url;
    },
    http: () => request(state.url),
    token: async (username: string) => {
      const user = await state.app.get(UsersService).findByUsername(username);
      if (!user) throw new Error(`no user ${username}`);
      return (await state.app.get(AuthService).issueToken(user.id)).accessToken;
    },
    restart: async (extra?: Record<string, string>) => {
      await state.app.close();
      await start(extra);
    },
    stop: async () => {
      await state.app.close();
      state.stopped = true;
    },
    start: async (extra?: Record<string, string>) => {
      await start(extra);
      state.stopped = false;
    },
    close: async () => {
      if (!state.stopped) await state.app.close();
      await db.drop();
    },
  };
  return t;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
