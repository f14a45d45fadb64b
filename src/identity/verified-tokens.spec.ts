import { VerifiedTokens } from './verified-tokens';

const KEY = {};
const claims = (exp: number) => ({ exp, jti: 'j', sub: 1 });

describe('VerifiedTokens', () => {
  it('returns the claims of a verified token until its expiry, then forgets it', () => {
    const sut = new VerifiedTokens<ReturnType<typeof claims>>(10);
    sut.set('t1', KEY, claims(100));
    expect(sut.get('t1', KEY, 99_999)).toEqual(claims(100));
    expect(sut.get('t1', KEY, 100_000)).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('hits only the identical token text (a token differing in one character is verified afresh)', () => {
    const sut = new VerifiedTokens<ReturnType<typeof claims>>(10);
    sut.set('header.payload.sig', KEY, claims(100));
    expect(sut.get('header.payload.sig2', KEY, 0)).toBeUndefined();
    expect(sut.get('header.payload.si', KEY, 0)).toBeUndefined();
  });

  it('forgets every token when the key changes', () => {
    const sut = new VerifiedTokens<ReturnType<typeof claims>>(10);
    sut.set('t1', KEY, claims(100));
    const other = {};
    expect(sut.get('t1', other, 0)).toBeUndefined();
    sut.set('t2', other, claims(100));
    expect(sut.get('t1', KEY, 0)).toBeUndefined();
    expect(sut.get('t1', other, 0)).toBeUndefined();
    expect(sut.get('t2', other, 0)).toEqual(claims(100));
  });

  it('keeps at most max tokens, dropping the least recently used', () => {
    const sut = new VerifiedTokens<ReturnType<typeof claims>>(2);
    sut.set('a', KEY, claims(100));
    sut.set('b', KEY, claims(100));
    sut.get('a', KEY, 0);
    sut.set('c', KEY, claims(100));
    expect(sut.size).toBe(2);
    expect(sut.get('b', KEY, 0)).toBeUndefined();
    expect(sut.get('a', KEY, 0)).toBeDefined();
    expect(sut.get('c', KEY, 0)).toBeDefined();
  });
});
