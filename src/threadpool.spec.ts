import { threadPoolSize } from './threadpool';

describe('threadPoolSize', () => {
  it('keeps a valid UV_THREADPOOL_SIZE', () => {
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '16' }, 2)).toBe(16);
  });

  it('otherwise sizes the pool to the cores plus 4, between 4 and 64', () => {
    expect(threadPoolSize({}, 1)).toBe(5);
    expect(threadPoolSize({}, 2)).toBe(6);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: 'lots' }, 8)).toBe(12);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '0' }, 200)).toBe(64);
  });
});
