/**
 * Progress of a long import, for the page that waits on it. The upload names a progress id (`?progressId=`, chosen
 * by the page); while the request runs, `GET /api/imports/progress/:id` answers the stage it has reached — waiting
 * for a worker (with how many files are ahead), reading the file, checking n of N, writing — and, once answered,
 * done or failed. Kept per person (nobody reads another's progress) for ten minutes after its last change, in this
 * process's memory and, with REDIS_URL, in Redis too, so a poll that reaches another app process finds it.
 */
import type Redis from 'ioredis';

export const IMPORT_STAGES = ['queued', 'reading', 'checking', 'writing', 'done', 'failed'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

export interface ImportProgressState {
  stage: ImportStage;
  /** queued: files ahead of this one. */
  ahead?: number;
  /** checking / writing: items handled so far, of `total`. */
  done?: number;
  total?: number;
  /** What the items are: 题, 行, 人. */
  unit?: string;
  /** The HTTP status the import answered (done, failed). */
  status?: number;
  /** In Chinese, for the page. */
  label: string;
  updatedAt: string;
}

export const PROGRESS_ID = /^[A-Za-z0-9_-]{8,64}$/;
const KEEP_MS = 10 * 60_000;

/** The sentence the page shows for a state. Pure. */
export function progressLabel(s: Omit<ImportProgressState, 'label' | 'updatedAt'>): string {
  const count = s.total ? `${s.done ?? 0} / ${s.total}${s.unit ?? ''}` : '';
  switch (s.stage) {
    case 'queued':
      return s.ahead ? `排队等待处理，前面还有 ${s.ahead} 个文件` : '排队等待处理';
    case 'reading':
      return '正在读取文件';
    case 'checking':
      return count ? `正在检查：${count}` : '正在检查';
    case 'writing':
      return count ? `正在写入：${count}` : '正在写入';
    case 'done':
      return '处理完成';
    case 'failed':
      return '处理未成功，请查看结果中的说明';
  }
}

/** What an import reports as it goes; every method is cheap and never throws. */
export interface ProgressReporter {
  queued(ahead: number): void;
  reading(): void;
  checking(done: number, total: number, unit: string): void;
  writing(done?: number, total?: number, unit?: string): void;
  /** The request answered with this status. */
  finish(status: number): void;
}

export const NO_PROGRESS: ProgressReporter = {
  queued: () => undefined,
  reading: () => undefined,
  checking: () => undefined,
  writing: () => undefined,
  finish: () => undefined,
};

class ProgressStore {
  private readonly states = new Map<string, { state: ImportProgressState; expires: number }>();
  private redis: Redis | null = null;

  useRedis(url: string | undefined): void {
    if (!url || this.redis) return;
    // Loaded here only: the parsers' worker threads import this file too, and need no Redis client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: RedisClient } = require('ioredis') as { default: typeof Redis };
    this.redis = new RedisClient(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined); // progress is a convenience: without Redis it stays per process
  }

  async close(): Promise<void> {
    const r = this.redis;
    this.redis = null;
    if (r) await r.quit().catch(() => r.disconnect());
  }

  set(key: string, state: ImportProgressState, now = Date.now()): void {
    this.states.set(key, { state, expires: now + KEEP_MS });
    if (this.states.size > 1000) for (const [k, v] of this.states) if (v.expires < now) this.states.delete(k);
    this.redis?.set(`xuefa:import:${key}`, JSON.stringify(state), 'PX', KEEP_MS).catch(() => undefined);
  }

  async get(key: string, now = Date.now()): Promise<ImportProgressState | null> {
    const own = this.states.get(key);
    if (own && own.expires >= now) return own.state;
    if (!this.redis) return null;
    try {
      const raw = await this.redis.get(`xuefa:import:${key}`);
      return raw ? (JSON.parse(raw) as ImportProgressState) : null;
    } catch {
      return null;
    }
  }
}

const store = new ProgressStore();

/** Start-up: share progress through Redis when REDIS_URL is set. */
export const shareImportProgress = (redisUrl: string | undefined) => store.useRedis(redisUrl);
export const closeImportProgress = () => store.close();

const keyOf = (userId: number, id: string) => `${userId}:${id}`;

/** A reporter for one upload of one person; the no-op reporter without a (valid) progress id. */
export function progressReporter(userId: number | undefined, id: unknown): ProgressReporter {
  if (userId === undefined || typeof id !== 'string' || !PROGRESS_ID.test(id)) return NO_PROGRESS;
  const key = keyOf(userId, id);
  let last = 0;
  const put = (s: Omit<ImportProgressState, 'label' | 'updatedAt'>, always = true) => {
    const now = Date.now();
    // Counts change often: write them at most every 200 ms; stage changes always.
    if (!always && now - last < 200) return;
    last = now;
    store.set(key, { ...s, label: progressLabel(s), updatedAt: new Date(now).toISOString() }, now);
  };
  let stage: ImportStage | null = null;
  const at = (s: ImportStage) => {
    const changed = stage !== s;
    stage = s;
    return changed;
  };
  return {
    queued: (ahead) => put({ stage: 'queued', ahead }, at('queued') || true),
    reading: () => put({ stage: 'reading' }, at('reading')),
    checking: (done, total, unit) =>
      put({ stage: 'checking', done, total, unit }, at('checking') || done === total),
    writing: (done, total, unit) =>
      put({ stage: 'writing', done, total, unit }, at('writing') || done === total),
    finish: (status) => put({ stage: status < 400 ? 'done' : 'failed', status }),
  };
}

/** The progress of one's own upload, or null (unknown, expired, or another person's). */
export function readImportProgress(userId: number, id: string): Promise<ImportProgressState | null> {
  return PROGRESS_ID.test(id) ? store.get(keyOf(userId, id)) : Promise.resolve(null);
}

/** The worker pool's job events, told to a reporter (waiting for a worker, then reading). */
export function jobEventsOf(p: ProgressReporter | undefined) {
  return p && p !== NO_PROGRESS
    ? { queued: (ahead: number) => p.queued(ahead), started: () => p.reading() }
    : undefined;
}
