/**
 * A small seeded pseudo-random number generator for drawing papers: the same seed always gives the same paper,
 * so an attempt can be rebuilt (or audited) from its stored seed. Not for anything security-related.
 *
 * The string seed is hashed with cyrb128 into 128 bits that seed sfc32 (Chris Doty-Humphrey's Small Fast Counter).
 */

/** Returns a float in [0, 1). */
export type Rng = () => number;

/** cyrb128: a fast 128-bit string hash, used only to turn a seed string into generator state. */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 over four 32-bit words of state. */
export function sfc32(a: number, b: number, c: number, d: number): Rng {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A generator seeded from a string. The first outputs are discarded so that similar seeds diverge at once. */
export function createRng(seed: string): Rng {
  const [a, b, c, d] = cyrb128(seed);
  const rng = sfc32(a, b, c, d);
  for (let i = 0; i < 15; i++) rng();
  return rng;
}

/** An integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`randomInt: n must be a positive integer, got ${n}`);
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** Fisher–Yates shuffle. Returns a new array; the input is left untouched. */
export function shuffle<T>(array: readonly T[], rng: Rng): T[] {
  const out = array.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A shuffle dealt one element at a time (forward Fisher–Yates): each `next()` is uniform over the elements not yet
 * dealt, so the first k dealt are a uniformly random k-subset in random order. It costs one random number per element
 * dealt, not per element held: a paper of 100 drawn from a 10,000-question pool deals about 100. Undefined once all
 * are dealt. The input is left untouched.
 */
export class Dealer<T> {
  private readonly rest: T[];
  private dealt = 0;

  constructor(
    array: readonly T[],
    private readonly rng: Rng,
  ) {
    this.rest = array.slice();
  }

  next(): T | undefined {
    const out = this.rest;
    const i = this.dealt;
    if (i >= out.length) return undefined;
    const j = i + randomInt(this.rng, out.length - i);
    const picked = out[j];
    out[j] = out[i];
    out[i] = picked;
    this.dealt++;
    return picked;
  }
}

/**
 * n distinct elements (by position) chosen uniformly at random, in random order — a partial Fisher–Yates shuffle.
 * Throws a RangeError when n is not an integer in [0, array.length].
 */
export function pickN<T>(array: readonly T[], n: number, rng: Rng): T[] {
  if (!Number.isInteger(n) || n < 0 || n > array.length) {
    throw new RangeError(`pickN: cannot pick ${n} of ${array.length}`);
  }
  const dealer = new Dealer(array, rng);
  return Array.from({ length: n }, () => dealer.next() as T);
}
