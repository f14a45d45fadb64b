/**
 * Configuration from environment variables, validated once at boot. Pure: `loadConfig(env)` throws a
 * ConfigError naming every bad variable, so a mistyped value stops the server with a clear message.
 */
import * as path from 'node:path';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** When unset, a random secret is generated once and kept in the database (settings table). */
  jwtSecret?: string;
  jwtExpiresInSeconds: number;
  /** Password of the first `admin` account; when unset a random one is printed once to the log. */
  adminPassword?: string;
  seedDemo: boolean;
  demoPassword: string;
  questionBanksDir: string;
  /** Login tries a minute per username (`limit`, every try) and failed tries per client IP (`ipLimit`). */
  loginThrottle: { limit: number; ipLimit: number; ttlSeconds: number };
  /**
   * The session cookie's `Secure` flag: 'auto' sets it when the request came over HTTPS (as the app sees it, so
   * behind a TLS proxy only with `trustProxy`), true always, false never.
   */
  cookieSecure: 'auto' | boolean;
  /**
   * Fastify's trustProxy: false (the default: the client address is the socket's), true (trust X-Forwarded-* from
   * anyone), a number of proxy hops, or the proxies' addresses/CIDRs.
   */
  trustProxy: boolean | number | string[];
  /** When set (redis://…), login throttling is shared by every app process. */
  redisUrl?: string;
  /** How often overdue exam attempts are submitted by the server, in ms; 0 disables the timer. */
  sweepIntervalMs: number;
  /** Grace after an attempt's deadline for saves in flight, in ms. */
  saveGraceMs: number;
  /**
   * How long a process may trust an account it looked up for a token (0 = look up on every request). Within the
   * process every account change clears it at once; another process notices a disable or password change after at
   * most this long.
   */
  authCacheMs: number;
  maxUploadBytes: number;
  /**
   * Uploaded spreadsheets and documents are parsed in worker threads: `workers` at once, `queue` more waiting (503
   * beyond), each within `timeoutSeconds`; a file over `maxCells` (rows × columns) or unpacking to more than
   * `maxUnpackedBytes` is refused with 413 before parsing.
   */
  imports: {
    workers: number;
    queue: number;
    timeoutSeconds: number;
    maxCells: number;
    maxUnpackedBytes: number;
  };
  logger: boolean;
  /** Certificates: validity in years and number patterns ({year}, {seq} or {seq:5}). */
  certificates: { validityYears: number; enforcementPattern: string; trainingPattern: string };
  /** Study hours each certificate holder needs per year. */
  studyHoursTarget: number;
  /**
   * Backups (`npm run backup`, and every `intervalHours` inside the server when > 0): where they go and how many
   * of them are kept.
   */
  backup: { dir: string; intervalHours: number; keep: number };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}：应为 ${min}–${max} 之间的整数`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name}=${JSON.stringify(raw)}：应为 true 或 false`);
    return def;
  };

  let database: DatabaseConfig;
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\/.+/.test(url)) {
      problems.push(`DATABASE_URL=${JSON.stringify(url)}：应为 postgres://用户@主机:端口/数据库`);
    }
    database = { type: 'postgres', url };
  } else {
    const p = env.DATABASE_PATH || path.join('data', 'xuefa.sqlite');
    database = { type: 'sqlite', path: p === ':memory:' ? p : path.resolve(cwd, p) };
  }

  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('JWT_SECRET：长度至少 32 个字符（或不设置，由系统生成并保存在数据库中）');
  }
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8)
    problems.push('ADMIN_PASSWORD：长度至少 8 个字符');
  const demoPassword = env.DEMO_PASSWORD || 'Demo@2026';
  if (demoPassword.length < 8) problems.push('DEMO_PASSWORD：长度至少 8 个字符');
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\/.+/.test(redisUrl)) {
    problems.push(`REDIS_URL=${JSON.stringify(redisUrl)}：应为 redis://主机:端口`);
  }

  const pattern = (name: string, def: string): string => {
    const raw = env[name] || def;
    if (!/\{seq(:\d)?\}/.test(raw) || raw.length > 30) {
      problems.push(`${name}=${JSON.stringify(raw)}：应包含 {seq} 或 {seq:5}，最长 30 个字符`);
      return def;
    }
    return raw;
  };

  const cookieSecure = (): 'auto' | boolean => {
    const raw = env.COOKIE_SECURE;
    if (raw === undefined || raw === '' || /^auto$/i.test(raw)) return 'auto';
    return bool('COOKIE_SECURE', false);
  };
  const trustProxy = (): boolean | number | string[] => {
    const raw = (env.TRUST_PROXY ?? '').trim();
    if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
    if (/^(true|yes|on)$/i.test(raw)) return true;
    if (/^[1-9]\d?$/.test(raw)) return Number(raw);
    const list = raw.split(',').map((x) => x.trim());
    if (list.every((x) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(x))) return list;
    problems.push(
      `TRUST_PROXY=${JSON.stringify(raw)}：应为 false、true、代理层数（1–99）或以逗号分隔的代理地址（如 10.0.0.1,10.0.0.0/8）`,
    );
    return false;
  };

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    database,
    jwtSecret,
    jwtExpiresInSeconds: int('JWT_EXPIRES_IN_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    adminPassword,
    seedDemo: bool('SEED_DEMO', true),
    demoPassword,
    questionBanksDir: path.resolve(cwd, env.QUESTION_BANKS_DIR || 'question-banks'),
    loginThrottle: {
      limit: int('LOGIN_THROTTLE_LIMIT', 10, 1, 1_000_000),
      ipLimit: int('LOGIN_THROTTLE_IP_LIMIT', 100, 1, 1_000_000),
      ttlSeconds: 60,
    },
    cookieSecure: cookieSecure(),
    trustProxy: trustProxy(),
    redisUrl,
    sweepIntervalMs: int('SWEEP_INTERVAL_MS', 15_000, 0, 3_600_000),
    saveGraceMs: int('SAVE_GRACE_MS', 10_000, 0, 600_000),
    authCacheMs: int('AUTH_CACHE_MS', 5_000, 0, 60_000),
    maxUploadBytes: int('MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    imports: {
      workers: int('IMPORT_WORKERS', 1, 1, 8),
      queue: int('IMPORT_QUEUE', 8, 0, 100),
      timeoutSeconds: int('IMPORT_TIMEOUT_SECONDS', 120, 5, 3600),
      maxCells: int('IMPORT_MAX_CELLS', 200_000, 1000, 5_000_000),
      maxUnpackedBytes: int('IMPORT_MAX_UNPACKED_MB', 30, 1, 50) * 1024 * 1024,
    },
    logger: bool('LOG_REQUESTS', false),
    certificates: {
      validityYears: int('CERT_VALIDITY_YEARS', 5, 1, 50),
      enforcementPattern: pattern('CERT_NUMBER_PATTERN', 'XZZF-{year}-{seq:5}'),
      trainingPattern: pattern('CERT_TRAINING_NUMBER_PATTERN', 'PXHG-{year}-{seq:5}'),
    },
    studyHoursTarget: int('STUDY_HOURS_TARGET', 40, 0, 1000),
    backup: {
      dir: path.resolve(cwd, env.BACKUP_DIR || path.join('data', 'backups')),
      intervalHours: int('BACKUP_INTERVAL_HOURS', 0, 0, 24 * 366),
      keep: int('BACKUP_KEEP', 14, 1, 10_000),
    },
  };
  if (config.backup.intervalHours > 0 && database.type === 'sqlite' && database.path === ':memory:')
    problems.push('BACKUP_INTERVAL_HOURS：内存数据库（DATABASE_PATH=:memory:）无法备份');
  if (problems.length > 0) {
    throw new ConfigError(`配置错误（环境变量）：\n- ${problems.join('\n- ')}`);
  }
  return config;
}
