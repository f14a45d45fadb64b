import { availableParallelism } from 'node:os';

/**
 * libuv's thread pool size for this process: UV_THREADPOOL_SIZE as given, or the cores this process may use plus 4
 * (at least 4, Node's default; at most 64). scrypt takes one thread per running hash and is limited to one hash
 * per core (password.ts), so the other 4 threads stay free for file reads while thousands log in at once. Read by
 * libuv once, at the first use of the pool: main.ts imports this module before anything else.
 */
export function threadPoolSize(env: Record<string, string | undefined>, cores: number): number {
  const given = Number(env.UV_THREADPOOL_SIZE);
  if (Number.isInteger(given) && given >= 1 && given <= 1024) return given;
  return Math.min(64, Math.max(4, cores + 4));
}

process.env.UV_THREADPOOL_SIZE = String(threadPoolSize(process.env, availableParallelism()));
