import { hashPassword, passwordProblem, randomPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('Demo@2026');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    await expect(verifyPassword('Demo@2026', stored)).resolves.toBe(true);
    await expect(verifyPassword('Demo@2027', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same-password-1')).not.toBe(await hashPassword('same-password-1'));
  });

  it('rejects malformed stored hashes', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });

  it('checks strength in Chinese', () => {
    expect(passwordProblem('short1')).toBe('密码至少 8 位');
    expect(passwordProblem('abcdefgh')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('abcd1234')).toBeUndefined();
    expect(passwordProblem(randomPassword())).toBeUndefined();
  });
});
