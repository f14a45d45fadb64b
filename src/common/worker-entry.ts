/**
 * The code every worker of the WorkerPool runs: take a job, call the named export of the named module with the
 * arguments, post back its result or its error (an HttpException with its status and body). One job at a time.
 */
import 'reflect-metadata';
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './worker-pool';

interface JobMessage {
  id: number;
  modulePath: string;
  exportName: string;
  args: unknown[];
}

/** A Buffer sent to a worker arrives as a Uint8Array: give the job its Buffer back. */
const revive = (arg: unknown) =>
  arg instanceof Uint8Array && !Buffer.isBuffer(arg)
    ? Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength)
    : arg;

function errorOf(e: unknown): WorkerReply['error'] {
  const err = e as { message?: string; getStatus?: () => number; getResponse?: () => unknown };
  if (typeof err?.getStatus === 'function' && typeof err.getResponse === 'function') {
    const body = err.getResponse();
    return {
      message: String(err.message),
      status: err.getStatus(),
      body:
        typeof body === 'object' && body !== null
          ? (body as WorkerReply['error'] & object)
          : { message: String(body) },
    };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

/** Top-level arrays longer than this are sent ahead in slices of this many (see WorkerReply). */
const SLICE = 1000;

function send(id: number, result: unknown): void {
  if (typeof result === 'object' && result !== null && !Array.isArray(result)) {
    const rest: Record<string, unknown> = { ...(result as Record<string, unknown>) };
    for (const [key, value] of Object.entries(rest)) {
      if (!Array.isArray(value) || value.length <= SLICE) continue;
      for (let i = 0; i < value.length; i += SLICE)
        parentPort!.postMessage({
          id,
          ok: true,
          slice: { key, items: value.slice(i, i + SLICE) },
        } satisfies WorkerReply);
      delete rest[key];
    }
    result = rest;
  }
  parentPort!.postMessage({ id, ok: true, result } satisfies WorkerReply);
}

parentPort!.on('message', async (job: JobMessage) => {
  let result: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(job.modulePath) as Record<string, unknown>;
    const fn = mod[job.exportName];
    if (typeof fn !== 'function') throw new Error(`${job.modulePath} 没有导出函数 ${job.exportName}`);
    result = await fn(...job.args.map(revive));
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: errorOf(e) } satisfies WorkerReply);
    return;
  }
  send(job.id, result);
});

// Parsing is background work: on Linux the nice value is per thread, so this lowers only this worker's priority
// and the event loop keeps the CPU when both want it.
try {
  os.setPriority(os.constants.priority.PRIORITY_LOW);
} catch {
  /* not permitted here: run at normal priority */
}
parentPort!.postMessage('ready');
