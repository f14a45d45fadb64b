import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installLeanAsyncResourceBind } from './async-resource-bind';

describe('installLeanAsyncResourceBind', () => {
  beforeAll(() => installLeanAsyncResourceBind());

  it('runs the bound function in the async context of the resource, not of the caller', () => {
    const als = new AsyncLocalStorage<string>();
    const bound = als.run('at bind', () => new AsyncResource('test').bind(() => als.getStore()));
    expect(als.run('at call', () => bound())).toBe('at bind');
  });

  it("passes the arguments and the caller's this, or thisArg when given; keeps the length", () => {
    const sut = new AsyncResource('test');
    function f(this: { n: number } | undefined, a: number, b: number) {
      return (this?.n ?? 0) + a + b;
    }
    const free = sut.bind(f);
    expect(free.call({ n: 100 }, 1, 2)).toBe(103);
    expect(free.length).toBe(2);
    const bindWith = sut.bind.bind(sut) as unknown as (
      fn: typeof f,
      thisArg: unknown,
    ) => (a: number, b: number) => number;
    const withThis = bindWith(f, { n: 10 });
    expect(withThis(1, 2)).toBe(13);
  });

  it('no longer builds the deprecated asyncResource accessor (DEP0172)', () => {
    const bound = new AsyncResource('test').bind(() => 1) as unknown as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
    expect(() => new AsyncResource('test').bind(1 as unknown as () => void)).toThrow(
      'The "fn" argument must be of type function',
    );
  });
});
