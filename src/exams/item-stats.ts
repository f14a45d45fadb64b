/**
 * Incremental item statistics per question (Moodle's facility index and discrimination), kept as running sums so
 * each submitted attempt updates them in O(1).
 *
 * x = the item's score as a fraction of its points (0..1); t = the attempt's total score as a fraction (0..1).
 */

export interface ItemStatsState {
  n: number;
  sumX: number;
  sumX2: number;
  sumT: number;
  sumT2: number;
  sumXT: number;
}

export interface ItemStats {
  timesShown: number;
  /** Mean score fraction (0..1), null before the first observation. */
  facility: number | null;
  /** Pearson correlation of x and t (-1..1), null when n < 2 or either has zero variance. */
  discrimination: number | null;
}

export const EMPTY_ITEM_STATS: Readonly<ItemStatsState> = Object.freeze({
  n: 0,
  sumX: 0,
  sumX2: 0,
  sumT: 0,
  sumT2: 0,
  sumXT: 0,
});

/** Variances below this are treated as zero (rounding noise of running sums). */
const VARIANCE_EPSILON = 1e-9;

const checkFraction = (name: string, v: number) => {
  if (!Number.isFinite(v) || v < 0 || v > 1)
    throw new RangeError(`${name} must be a fraction in [0, 1], got ${v}`);
};

/** Returns a new state with one more observation. */
export function addObservation(state: ItemStatsState, x: number, t: number): ItemStatsState {
  checkFraction('x', x);
  checkFraction('t', t);
  return {
    n: state.n + 1,
    sumX: state.sumX + x,
    sumX2: state.sumX2 + x * x,
    sumT: state.sumT + t,
    sumT2: state.sumT2 + t * t,
    sumXT: state.sumXT + x * t,
  };
}

/** One scored paper's observations: [questionId, x] per objective item, and the paper's total fraction t. */
export interface PaperObservations {
  observations: readonly (readonly [number, number])[];
  total: number;
}

/**
 * The sums many papers add to each question's running state (x and t clamped to 0..1, as scoring writes them),
 * by question id ascending: the order every fold writes item_stat rows in (one lock order).
 */
export function sumObservations(papers: readonly PaperObservations[]): [number, ItemStatsState][] {
  const sums = new Map<number, ItemStatsState>();
  for (const p of papers) {
    const t = clamp(p.total, 0, 1);
    for (const [questionId, x] of p.observations)
      sums.set(questionId, addObservation(sums.get(questionId) ?? EMPTY_ITEM_STATS, clamp(x, 0, 1), t));
  }
  return [...sums].sort((a, b) => a[0] - b[0]);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function deriveItemStats(state: ItemStatsState): ItemStats {
  const { n, sumX, sumX2, sumT, sumT2, sumXT } = state;
  if (n === 0) return { timesShown: 0, facility: null, discrimination: null };
  const facility = clamp(sumX / n, 0, 1);
  if (n < 2) return { timesShown: n, facility, discrimination: null };
  const meanX = sumX / n;
  const meanT = sumT / n;
  const varX = sumX2 / n - meanX * meanX;
  const varT = sumT2 / n - meanT * meanT;
  if (varX <= VARIANCE_EPSILON || varT <= VARIANCE_EPSILON)
    return { timesShown: n, facility, discrimination: null };
  const cov = sumXT / n - meanX * meanT;
  return { timesShown: n, facility, discrimination: clamp(cov / Math.sqrt(varX * varT), -1, 1) };
}

/** Below this many answers a facility or discrimination figure is noise: the page says so beside it. */
export const FEW_ANSWERS = 30;

/**
 * Worst discrimination first (a question strong candidates miss as often as weak ones is suspect), then lowest
 * facility; a question without a discrimination figure (null: fewer than two answers, or no spread) comes last.
 */
export function byDiscrimination<
  T extends { discrimination: number | null | undefined; facility: number | null | undefined },
>(a: T, b: T): number {
  const da = a.discrimination ?? null;
  const db = b.discrimination ?? null;
  if (da === null && db !== null) return 1;
  if (db === null && da !== null) return -1;
  if (da !== null && db !== null && da !== db) return da - db;
  return (a.facility ?? 1) - (b.facility ?? 1);
}
