/**
 * Failed sign-ins per client address, counted in a fixed window. Only failures count: a whole office signing in
 * from behind one NAT address at the start of an exam is never refused for succeeding, while guessing from one
 * address stops after `limit` wrong passwords a window. Pure: no Nest, no I/O (the Redis store is beside it).
 */

/** Where the counts live: this process's memory, or Redis shared by every app process. */
export interface FailureStore {
  /** Failures of this key in its current window. */
  count(key: string): Promise<number>;
  /** Counts one failure; the window (ttlMs) starts with the key's first failure. Returns the new count. */
  add(key: string, ttlMs: number): Promise<number>;
}

/** The in-process store: a map of windows, swept when it grows. */
export class MemoryFailureStore implements FailureStore {
  private readonly windows = new Map<string, { n: number; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  count(key: string): Promise<number> {
    const w = this.windows.get(key);
    return Promise.resolve(w && w.until > this.now() ? w.n : 0);
  }

  add(key: string, ttlMs: number): Promise<number> {
    const now = this.now();
    if (this.windows.size >= 50_000) {
      for (const [k, w] of this.windows) if (w.until <= now) this.windows.delete(k);
      if (this.windows.size >= 50_000) this.windows.clear();
    }
    const w = this.windows.get(key);
    const next = w && w.until > now ? { n: w.n + 1, until: w.until } : { n: 1, until: now + ttlMs };
    this.windows.set(key, next);
    return Promise.resolve(next.n);
  }
}

/** Whether an address with `failures` failed tries this window may try again (`limit` failures allowed). */
export const addressMayTry = (failures: number, limit: number): boolean => failures < limit;
