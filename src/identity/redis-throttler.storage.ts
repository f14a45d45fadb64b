import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import Redis from 'ioredis';
import { MemoryFailureStore, type FailureStore } from './login-failures';

/**
 * One round trip per hit: count the hit in a window of `ttl` ms and, past `limit`, block the key for
 * `blockDuration` ms. Returns [hits, ms to window end, blocked 0/1, ms to block end].
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, ttl, 1, tonumber(ARGV[3]) }
end
return { hits, ttl, 0, 0 }
`;

/**
 * A Redis connection for counters shared by every app process, with this process's memory as the fallback while
 * Redis cannot be reached: the first failure is logged, then at most once a minute.
 */
abstract class RedisBacked implements OnApplicationShutdown {
  protected readonly redis: Redis;
  private warned = false;

  constructor(
    url: string,
    private readonly logger: Logger,
    /** What falls back to per-process counting, for the warning (e.g. 登录限流). */
    private readonly what: string,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    this.redis.on('error', (e: Error) => this.warn(e));
  }

  protected warn(e: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`Redis 不可用，${this.what}暂时按单个进程计数：${e.message}`);
    setTimeout(() => (this.warned = false), 60_000).unref();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/**
 * Login throttle counters in Redis (REDIS_URL), shared by every app process, so N processes behind a load
 * balancer allow `limit` tries a minute in total rather than N × `limit`. When Redis cannot be reached the
 * counters fall back to this process's memory (logins keep working; the limit is per process meanwhile).
 */
export class RedisThrottlerStorage extends RedisBacked implements ThrottlerStorage {
  private readonly fallback = new ThrottlerStorageService();

  constructor(url: string) {
    super(url, new Logger('RedisThrottlerStorage'), '登录限流');
    this.redis.defineCommand('xuefaThrottle', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `xuefa:throttle:${throttlerName}:${key}`;
    try {
      const run = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number[]>>)
        .xuefaThrottle;
      const [hits, ttlMs, blocked, blockMs] = await run.call(
        this.redis,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration > 0 ? blockDuration : ttl,
      );
      return {
        totalHits: Number(hits),
        timeToExpire: Math.ceil(Number(ttlMs) / 1000),
        isBlocked: Number(blocked) === 1,
        timeToBlockExpire: Math.ceil(Number(blockMs) / 1000),
      };
    } catch (e) {
      this.warn(e as Error);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  override onApplicationShutdown(): void {
    super.onApplicationShutdown();
    this.fallback.onApplicationShutdown();
  }
}

/**
 * Failed sign-ins per address in Redis (REDIS_URL), shared by every app process; this process's memory while Redis
 * cannot be reached.
 */
export class RedisFailureStore extends RedisBacked implements FailureStore {
  private readonly fallback = new MemoryFailureStore();

  constructor(url: string) {
    super(url, new Logger('RedisFailureStore'), '登录失败次数');
  }

  async count(key: string): Promise<number> {
    try {
      return Number((await this.redis.get(`xuefa:login-failures:${key}`)) ?? 0);
    } catch (e) {
      this.warn(e as Error);
      return this.fallback.count(key);
    }
  }

  async add(key: string, ttlMs: number): Promise<number> {
    const k = `xuefa:login-failures:${key}`;
    try {
      const [[, n]] = (await this.redis.multi().incr(k).pexpire(k, ttlMs, 'NX').exec()) as [
        [unknown, number],
      ];
      return Number(n);
    } catch (e) {
      this.warn(e as Error);
      return this.fallback.add(key, ttlMs);
    }
  }
}
