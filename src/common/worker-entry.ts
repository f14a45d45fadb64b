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

parentPort!.on('message', async (job: JobMessage) => {
  let reply: WorkerReply;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(job.modulePath) as Record<string, unknown>;
    const fn = mod[job.exportName];
    if (typeof fn !== 'function') throw new Error(`${job.modulePath} 没有导出函数 ${job.exportName}`);
    reply = { id: job.id, ok: true, result: await fn(...job.args.map(revive)) };
  } catch (e) {
    reply = { id: job.id, ok: false, error: errorOf(e) };
  }
  parentPort!.postMessage(reply);
});

// Parsing is background work: on Linux the nice value is per thread, so this lowers only this worker's priority
// and the event loop keeps the CPU when both want it.
try {
  os.setPriority(os.constants.priority.PRIORITY_LOW);
} catch {
  /* not permitted here: run at normal priority */
}
parentPort!.postMessage('ready');
