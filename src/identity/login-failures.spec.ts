import { addressMayTry, MemoryFailureStore } from './login-failures';

describe('login failures per address', () => {
  it('counts failures in a window that starts with the first and ends after ttl', async () => {
    let now = 1_000;
    const sut = new MemoryFailureStore(() => now);
    expect(await sut.count('ip:1')).toBe(0);
    expect(await sut.add('ip:1', 60_000)).toBe(1);
    now += 30_000;
    expect(await sut.add('ip:1', 60_000)).toBe(2);
    expect(await sut.count('ip:1')).toBe(2);
    expect(await sut.count('ip:2')).toBe(0);
    now += 30_001; // past the first failure's window
    expect(await sut.count('ip:1')).toBe(0);
    expect(await sut.add('ip:1', 60_000)).toBe(1);
  });

  it('lets an address try until it has used its failures', () => {
    expect(addressMayTry(0, 3)).toBe(true);
    expect(addressMayTry(2, 3)).toBe(true);
    expect(addressMayTry(3, 3)).toBe(false);
  });
});
