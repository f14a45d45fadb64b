/**
 * Lets other requests in during a long loop on the main thread. An `await` on a promise that is already resolved
 * (a cached lookup; a better-sqlite3 query, which runs synchronously) only queues a microtask, and a chain of them
 * never yields to the event loop: health checks and answer saves wait for the whole loop.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
