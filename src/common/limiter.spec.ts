import { limiter } from './limiter';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const flush = () => new Promise((r) => setImmediate(r));

describe('limiter', () => {
  it('runs at most max tasks at once, the rest in arrival order', async () => {
    const sut = limiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const all = gates.map((g, i) => sut(() => (started.push(i), g.promise)));
    const settled = Promise.allSettled(all);
    await flush();
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[0].reject(new Error('boom'));
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2].resolve();
    gates[3].resolve();
    const results = await settled;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('frees the slot of a task that throws before returning a promise', async () => {
    const sut = limiter(1);
    await expect(
      sut(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(sut(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => limiter(0)).toThrow(RangeError);
  });
});
