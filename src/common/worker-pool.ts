/**
 * CPU- and memory-heavy work off the event loop: `runInWorker(modulePath, exportName, args)` calls an exported
 * function of a module in a worker thread with plain data (structured clone; Buffers arrive as Buffers) and
 * resolves with its plain result. A small pool (IMPORT_WORKERS, default 1) takes jobs in order from a bounded
 * queue (IMPORT_QUEUE); a full queue is a 503, a worker that runs out of its heap (resourceLimits) or time is
 * replaced and its job answered 413, and the main thread's heap never holds what the job builds.
 *
 * An AppError thrown by the job reaches the caller as the same AppError; any other error as an Error with its
 * message. Under ts-node/ts-jest (sources, not dist/) the worker registers ts-node first, so the same module
 * paths work in tests.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from './errors';

export interface WorkerPoolOptions {
  /** Workers at most (started when first needed). */
  size: number;
  /** Jobs that may wait for a worker; one more is refused with 503. */
  maxQueue: number;
  /** A job running longer is stopped (its worker replaced) and answered 413. */
  timeoutMs: number;
  /** Old-generation heap of each worker, MB: past it the worker dies, not the server. */
  maxHeapMb: number;
  /** A worker idle this long is stopped, returning what its last file left in memory. */
  idleMs: number;
}

export const DEFAULT_WORKER_POOL: WorkerPoolOptions = {
  size: 1,
  maxQueue: 8,
  timeoutMs: 120_000,
  maxHeapMb: 512,
  idleMs: 30_000,
};

interface Job {
  id: number;
  modulePath: string;
  exportName: string;
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  events?: JobEvents;
}

/** What a caller hears of its job before the answer: how many jobs wait ahead of it, and when it starts. */
export interface JobEvents {
  queued?(ahead: number): void;
  started?(): void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded (the time limit counts from the job's start, not the worker's). */
  ready: boolean;
  job: Job | null;
  /** Slices of the running job's result received so far (see WorkerReply). */
  slices?: Map<string, unknown[][]> | null;
  timer: NodeJS.Timeout | null;
  idle: NodeJS.Timeout | null;
  /** Set when the pool stops the worker itself (time limit): the exit is expected. */
  failure: Error | null;
}

/**
 * A worker's answer. A result's long top-level arrays come first, in slices (`slice`), then the answer itself with
 * those arrays left out: each message is its own turn of the event loop, so the main thread deserializes a 20,000-row
 * result a slice at a time with requests served in between, not in one long pause.
 */
export interface WorkerReply {
  id: number;
  ok: boolean;
  slice?: { key: string; items: unknown[] };
  result?: unknown;
  error?: { message: string; status?: number; body?: { message?: string; details?: unknown } };
}

const TS = __filename.endsWith('.ts');

/** The code a worker starts with: ts-node first when running from sources, then the entry module. */
function bootstrap(): { code: string; workerData: Record<string, string | null> } {
  return {
    code: `const { workerData } = require('node:worker_threads');
if (workerData.tsNode) require(workerData.tsNode).register({ transpileOnly: true, project: workerData.tsconfig });
require(workerData.entry);`,
    workerData: {
      entry: path.join(__dirname, TS ? 'worker-entry.ts' : 'worker-entry.js'),
      tsNode: TS ? require.resolve('ts-node', { paths: [__dirname] }) : null,
      tsconfig: TS ? path.join(__dirname, '..', '..', 'tsconfig.json') : null,
    },
  };
}

const busy = () =>
  new AppError(503, '服务器正在处理其他上传的文件，请稍后再试', [
    { field: 'file', message: '排队等待处理的文件已满' },
  ]);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly options: WorkerPoolOptions = DEFAULT_WORKER_POOL) {}

  /** Workers alive (started or starting). */
  get workers(): number {
    return this.slots.length;
  }

  /** Jobs running and waiting. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  run<T>(modulePath: string, exportName: string, args: unknown[], events?: JobEvents): Promise<T> {
    if (this.closed) return Promise.reject(new AppError(503, '服务器正在停止，请稍后再试'));
    const idle = this.slots.some((s) => !s.job) || this.slots.length < this.options.size;
    if (!idle && this.queue.length >= this.options.maxQueue) return Promise.reject(busy());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        modulePath,
        exportName,
        args,
        resolve: resolve as (v: unknown) => void,
        reject,
        events,
      });
      this.pump();
      const ahead = this.queue.findIndex((j) => j.events === events && events !== undefined);
      if (ahead >= 0) events?.queued?.(ahead + this.load.running);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new AppError(503, '服务器正在停止，请稍后再试'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => s.ready && !s.job);
      if (!slot) {
        const starting = this.slots.filter((s) => !s.ready).length;
        if (starting < this.queue.length && this.slots.length < this.options.size) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      job.events?.started?.();
      this.queue.forEach((j, i) => j.events?.queued?.(i + this.load.running));
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.timer = setTimeout(() => {
        slot!.failure = new AppError(
          413,
          `文件处理超时（超过 ${Math.round(this.options.timeoutMs / 1000)} 秒），请拆分后分批上传`,
          [{ field: 'file', message: '处理超时' }],
        );
        void slot!.worker.terminate();
      }, this.options.timeoutMs);
      slot.worker.postMessage({
        id: job.id,
        modulePath: job.modulePath,
        exportName: job.exportName,
        args: job.args,
      });
    }
  }

  private finish(slot: Slot, settle: (job: Job) => void): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    if (job) settle(job);
    if (!slot.idle) {
      slot.idle = setTimeout(() => {
        slot.ready = false; // no new job for it while it stops
        void slot.worker.terminate();
      }, this.options.idleMs);
      slot.idle.unref();
    }
  }

  private spawn(): void {
    const { code, workerData } = bootstrap();
    const worker = new Worker(code, {
      eval: true,
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null, idle: null, failure: null };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply | 'ready') => {
      if (reply === 'ready') {
        slot.ready = true;
        this.pump();
        return;
      }
      if (!slot.job || reply.id !== slot.job.id) return;
      if (reply.slice) {
        const { key, items } = reply.slice;
        const slices = (slot.slices ??= new Map());
        slices.set(key, [...(slices.get(key) ?? []), items]);
        return;
      }
      const slices = slot.slices;
      slot.slices = null;
      if (reply.ok && slices && typeof reply.result === 'object' && reply.result !== null)
        for (const [key, parts] of slices) (reply.result as Record<string, unknown>)[key] = parts.flat();
      this.finish(slot, (job) => (reply.ok ? job.resolve(reply.result) : job.reject(revive(reply.error))));
      this.pump();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      slot.failure ??=
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError(413, '文件过大：解析所需内存超过上限，请拆分后分批上传', [
              { field: 'file', message: '解析所需内存超过上限' },
            ])
          : new Error(`后台任务出错：${e.message}`);
    });
    worker.on('exit', () => {
      if (slot.idle) clearTimeout(slot.idle);
      this.slots.splice(this.slots.indexOf(slot), 1);
      const failure = slot.failure ?? new Error('后台任务意外退出');
      this.finish(slot, (job) => job.reject(failure));
      if (!this.closed) this.pump();
    });
  }
}

function revive(error: WorkerReply['error']): Error {
  if (error?.status && error.body?.message)
    return new AppError(
      error.status,
      error.body.message,
      error.body.details as ConstructorParameters<typeof AppError>[2],
    );
  return new Error(error?.message ?? '后台任务出错');
}

let pool: WorkerPool | null = null;

/** Sets the pool's size and limits (the app does this at start from its configuration). */
export function configureWorkers(options: Partial<WorkerPoolOptions>): void {
  const old = pool;
  pool = new WorkerPool({ ...DEFAULT_WORKER_POOL, ...options });
  if (old) void old.close();
}

/** Stops every worker (the app does this when it closes). */
export async function shutdownWorkers(): Promise<void> {
  const old = pool;
  pool = null;
  if (old) await old.close();
}

/**
 * Calls `require(modulePath)[exportName](...args)` in a worker thread and resolves with its result. `modulePath`
 * is absolute and without extension (`path.join(__dirname, 'import-jobs')`), so it names the .js in dist and the
 * .ts in sources alike.
 */
export function runInWorker<T>(
  modulePath: string,
  exportName: string,
  args: unknown[],
  events?: JobEvents,
): Promise<T> {
  pool ??= new WorkerPool();
  return pool.run<T>(modulePath, exportName, args, events);
}
