/**
 * Sharing an item's points among its parts (a case's sub-questions) by largest remainder, so that the shares are
 * round numbers and add up to exactly the item's points. Pure functions; no Nest or TypeORM.
 */

const EPS = 1e-9;

/**
 * Shares `total` among `weights` in proportion, in steps of `step` (0.5 by default), by the largest-remainder
 * method: each part first gets its quota rounded down to a step, then the steps left over go to the largest
 * remainders (of equal remainders, the earlier part). The shares add up to exactly `total`.
 * - When the weights already add up to `total`, they are the shares (what the author set is what counts).
 * - When `total` is not a whole number of steps (blueprint points such as 2.25), the step is 0.01.
 * - Zero or negative weights get 0; with no positive weight every share is 0.
 */
export function apportion(weights: readonly number[], total: number, step = 0.5): number[] {
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (weights.length === 0 || sum <= 0 || total <= 0) return weights.map(() => 0);
  if (Math.abs(sum - total) < EPS && weights.every((w) => w >= 0)) return [...weights];
  let units = Math.round(total / step);
  if (Math.abs(units * step - total) > EPS) {
    step = 0.01;
    units = Math.round(total / step);
  }
  const quotas = weights.map((w) => (Math.max(0, w) * units) / sum);
  const shares = quotas.map((q) => Math.floor(q + EPS));
  let left = units - shares.reduce((s, n) => s + n, 0);
  const order = quotas
    .map((q, i) => ({ i, rest: q - shares[i] }))
    .filter(({ i }) => weights[i] > 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]++;
    left--;
  }
  // Two decimals at most: 0.5 × n and 0.01 × n as written, without binary noise.
  return shares.map((n) => Math.round(n * step * 100) / 100);
}
