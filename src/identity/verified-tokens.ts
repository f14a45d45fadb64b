/**
 * Access tokens whose signature was verified, with their claims, so that a candidate's next save skips the HMAC and
 * the JSON decoding of the same token (issue #19: ~9 % of a save). Only the signature check is remembered: expiry is
 * checked on every hit against the token's own `exp`, and the caller still checks sign-out (jti) and the account
 * (token version) on every request. Keyed by the whole token text, so only a token identical to a verified one
 * hits; remembered for the key it was verified with (a new key forgets them all). At most `max` tokens, the least
 * recently used go first.
 */
export class VerifiedTokens<P extends { exp: number }, K = unknown> {
  private readonly tokens = new Map<string, P>();
  private key: K | undefined;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.tokens.size;
  }

  /** The claims of a token verified with `key` and not expired at `nowMs`, or undefined (verify it then). */
  get(token: string, key: K, nowMs: number): P | undefined {
    if (key !== this.key) return undefined;
    const p = this.tokens.get(token);
    if (!p) return undefined;
    if (p.exp * 1000 <= nowMs) {
      this.tokens.delete(token);
      return undefined;
    }
    // Most recently used last (Map order).
    this.tokens.delete(token);
    this.tokens.set(token, p);
    return p;
  }

  /** Remembers a token just verified with `key`. */
  set(token: string, key: K, payload: P): void {
    if (key !== this.key) {
      this.tokens.clear();
      this.key = key;
    }
    this.tokens.set(token, payload);
    while (this.tokens.size > this.max) this.tokens.delete(this.tokens.keys().next().value as string);
  }
}
