import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL checkpoints, moved off the event loop. By default the connection that commits the write crossing
 * 1,000 WAL pages copies the WAL back into the database file right there, synchronously: with saves arriving
 * steadily that stalled the event loop for 20–30 ms every few hundred commits (measured: 91 of 20,000 group commits
 * over 20 ms with it, none without), and every save queued behind it waited too (issue #19: the p99 of paced saves).
 *
 * Here a worker thread with its own connection to the same file runs `PRAGMA wal_checkpoint(PASSIVE)` every
 * `intervalMs` — passive: it copies what no reader still needs and never blocks a writer — and the app's connection
 * checkpoints itself only past `fallbackPages` (`wal_autocheckpoint`), a safety net should the worker stop. A
 * checkpoint moves committed data from the WAL into the database file; what is durable does not change.
 */
export const CHECKPOINT_INTERVAL_MS = 1000;
/** The app connection's own checkpoint threshold while the worker runs (pages of 4 KiB: ~40 MiB of WAL). */
export const FALLBACK_CHECKPOINT_PAGES = 10_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
let timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface CheckpointResult {
  busy?: number;
  /** WAL frames, and how many of them are now in the database file. */
  log?: number;
  checkpointed?: number;
  error?: string;
}

/** A running checkpointer; `stop` ends it (its connection closed) and resolves once it has. */
export interface Checkpointer {
  onResult(fn: (r: CheckpointResult) => void): void;
  stop(): Promise<void>;
}

/** Starts checkpointing `file` (a SQLite database in WAL mode) from a worker thread. */
export function startCheckpointer(file: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') },
  });
  // Never keeps the process alive on its own.
  worker.unref();
  const listeners: ((r: CheckpointResult) => void)[] = [];
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  worker.on('message', (m: CheckpointResult & { stopped?: boolean }) => {
    if (!m.stopped) for (const fn of listeners) fn(m);
  });
  worker.on('error', () => undefined);
  return {
    onResult: (fn) => void listeners.push(fn),
    stop: async () => {
      if (exited) return;
      const stopped = new Promise<void>((resolve) =>
        worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve()),
      );
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
      await Promise.race([stopped, exit, late]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
