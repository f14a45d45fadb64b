/** Jobs for worker-pool.spec.ts (run inside the pool's workers). */
import { threadId } from 'node:worker_threads';
import { AppError } from './errors';

export const echo = (x: unknown) => ({ x, threadId });
export const bufferInfo = (b: unknown) => ({ isBuffer: Buffer.isBuffer(b), text: String(b) });
export function refuse(): never {
  throw new AppError(413, '测试：文件太大', [{ field: 'file', message: '太大' }]);
}
export function crash(): never {
  throw new Error('boom');
}
export function hog(): number {
  const hold: number[][] = [];
  for (;;) hold.push(new Array(1_000_000).fill(hold.length));
}
export function spin(ms: number): string {
  const end = Date.now() + ms;
  while (Date.now() < end);
  return 'done';
}
export const rows = (n: number) => ({
  ok: true,
  rows: Array.from({ length: n }, (_, i) => ({ i })),
  small: [1, 2],
});
