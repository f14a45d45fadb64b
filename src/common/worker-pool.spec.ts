import * as path from 'node:path';
import { AppError } from './errors';
import { WorkerPool } from './worker-pool';

const JOBS = path.join(__dirname, 'worker-pool.fixture');

describe('WorkerPool', () => {
  const pools: WorkerPool[] = [];
  const pool = (options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) => {
    const sut = new WorkerPool({
      size: 1,
      maxQueue: 4,
      timeoutMs: 60_000,
      maxHeapMb: 256,
      idleMs: 60_000,
      ...options,
    });
    pools.push(sut);
    return sut;
  };
  afterAll(async () => Promise.all(pools.map((p) => p.close())));

  it('runs an export of a module in another thread, with plain data and Buffers in and out', async () => {
    const sut = pool();
    const r = await sut.run<{ x: unknown; threadId: number }>(JOBS, 'echo', [{ a: [1, '二'] }]);
    expect(r.x).toEqual({ a: [1, '二'] });
    expect(r.threadId).not.toBe(0);
    expect(await sut.run(JOBS, 'bufferInfo', [Buffer.from('退役军人')])).toEqual({
      isBuffer: true,
      text: '退役军人',
    });
  });

  it('hands back a result with long arrays (sent in slices) whole and in order', async () => {
    const sut = pool();
    const r = await sut.run<{ ok: boolean; rows: { i: number }[]; small: number[] }>(JOBS, 'rows', [2500]);
    expect(r.ok).toBe(true);
    expect(r.small).toEqual([1, 2]);
    expect(r.rows.map((x) => x.i)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    const again = await sut.run<{ rows: unknown[] }>(JOBS, 'rows', [3]);
    expect(again.rows).toHaveLength(3);
  });

  it('hands back an AppError as the same AppError, any other error with its message', async () => {
    const sut = pool();
    const refused = await sut.run(JOBS, 'refuse', []).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).getStatus()).toBe(413);
    expect((refused as AppError).getResponse()).toMatchObject({
      message: '测试：文件太大',
      details: [{ field: 'file', message: '太大' }],
    });
    await expect(sut.run(JOBS, 'crash', [])).rejects.toThrow('boom');
    await expect(sut.run(JOBS, 'nothing', [])).rejects.toThrow('没有导出函数 nothing');
  });

  it('keeps the event loop free while a job computes', async () => {
    const sut = pool();
    await sut.run(JOBS, 'echo', [0]); // the worker is up
    const order: string[] = [];
    const job = sut.run(JOBS, 'spin', [1500]).then(() => order.push('job'));
    await new Promise((r) => setTimeout(r, 20));
    order.push('timer');
    await job;
    expect(order).toEqual(['timer', 'job']);
  });

  it('answers a job that exhausts its heap with 413 and carries on with a new worker', async () => {
    const sut = pool({ maxHeapMb: 48 });
    const e = (await sut.run(JOBS, 'hog', []).catch((x: unknown) => x)) as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.getStatus()).toBe(413);
    expect(e.message).toContain('内存超过上限');
    expect((await sut.run<{ x: number }>(JOBS, 'echo', [7])).x).toBe(7);
  });

  it('stops a job past its time with 413 and carries on', async () => {
    const sut = pool({ timeoutMs: 10_000 }); // generous: the first job also loads the module under ts-node
    await sut.run(JOBS, 'echo', [0]);
    const e = (await sut.run(JOBS, 'spin', [600_000]).catch((x: unknown) => x)) as AppError;
    expect(e.getStatus()).toBe(413);
    expect(e.message).toContain('文件处理超时');
    expect((await sut.run<{ x: number }>(JOBS, 'echo', [8])).x).toBe(8);
  });

  it('stops a worker left idle, and starts a new one for the next job', async () => {
    const sut = pool({ idleMs: 200 });
    const first = await sut.run<{ threadId: number }>(JOBS, 'echo', [1]);
    for (let i = 0; i < 100 && sut.workers > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(sut.workers).toBe(0);
    const second = await sut.run<{ threadId: number }>(JOBS, 'echo', [2]);
    expect(second.threadId).not.toBe(first.threadId);
  });

  it('queues up to maxQueue jobs and refuses one more with 503', async () => {
    const sut = pool({ maxQueue: 1 });
    await sut.run(JOBS, 'echo', [0]);
    const running = sut.run(JOBS, 'spin', [800]);
    const queued = sut.run(JOBS, 'echo', ['queued']);
    const refused = (await sut.run(JOBS, 'echo', ['one too many']).catch((x: unknown) => x)) as AppError;
    expect(refused.getStatus()).toBe(503);
    expect(refused.message).toBe('服务器正在处理其他上传的文件，请稍后再试');
    expect(sut.load).toEqual({ running: 1, queued: 1 });
    await running;
    expect(((await queued) as { x: string }).x).toBe('queued');
  });

  it('tells a waiting job how many files are ahead of it, and when it starts', async () => {
    const sut = pool();
    await sut.run(JOBS, 'echo', [0]); // the worker is up
    const heard: string[] = [];
    const events = (name: string) => ({
      queued: (ahead: number) => heard.push(`${name} queued, ${ahead} ahead`),
      started: () => heard.push(`${name} started`),
    });
    const first = sut.run(JOBS, 'spin', [300], events('A'));
    const second = sut.run(JOBS, 'echo', ['B'], events('B'));
    const third = sut.run(JOBS, 'echo', ['C'], events('C'));
    await Promise.all([first, second, third]);
    expect(heard).toEqual([
      'A started',
      'B queued, 1 ahead',
      'C queued, 2 ahead',
      'B started',
      'C queued, 1 ahead',
      'C started',
    ]);
  });
});
