/**
 * At most `max` of the wrapped tasks run at once; the rest wait in arrival order. Used for scrypt: at a synchronized
 * exam start thousands of logins arrive together, and each hash is ~50 ms of a core on libuv's thread pool. Queued
 * in the pool they would hold every pool thread and put file reads (static assets, uploads) behind them; queued
 * here, as many run as there are cores and the pool keeps threads free.
 */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`limiter: max must be a positive integer, not ${max}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) next();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        let p: Promise<T>;
        try {
          p = task();
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(resolve, reject).finally(release);
      };
      if (running < max) start();
      else waiting.push(start);
    });
}
