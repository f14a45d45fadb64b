/**
 * Drawing a paper from a blueprint and the approved questions each part may use (Moodle's random questions, with
 * counts per type and a difficulty mix). Deterministic for a seed, so an attempt's paper can be rebuilt from it.
 */
import {
  OptionKey,
  QUESTION_TYPES,
  QUESTION_TYPE_LABELS,
  QuestionType,
} from '../question-bank/question.types';
import {
  Blueprint,
  BlueprintPart,
  DIFFICULTY_BUCKETS,
  DIFFICULTY_BUCKET_LABELS,
  DifficultyBucket,
  DifficultyMix,
  difficultyBucket,
  partLabel,
} from './blueprint';
import { createRng, Dealer, Rng, shuffle } from './prng';

/** An approved question a part may draw, at the revision a new paper would use. */
export interface PoolQuestion {
  id: number;
  revisionId: number;
  type: QuestionType;
  /** 1 (easy) … 5 (hard). */
  difficulty: number;
  /** Option keys in authored order (empty for true-false and fill-blank). */
  optionKeys: OptionKey[];
}

/** Approved questions per part key. */
export type PartPools = Record<string, readonly PoolQuestion[]>;

export interface PaperItem {
  /** The part's key. */
  part: string;
  questionId: number;
  revisionId: number;
  type: QuestionType;
  points: number;
  /** Display order of the options when options are shuffled (single and multiple only). */
  optionOrder?: OptionKey[];
}

export interface DrawPaperInput {
  blueprint: Blueprint;
  pools: PartPools;
  seed: string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

export interface DrawnPaper {
  items: PaperItem[];
  /** Remarks in Chinese for the trainer, e.g. a difficulty bucket that was short and filled from another. */
  notes: string[];
}

/** Where a short difficulty bucket borrows from, nearest first (medium first where it is the nearest). */
const FALLBACK: Record<DifficultyBucket, DifficultyBucket[]> = {
  easy: ['medium', 'hard'],
  medium: ['easy', 'hard'],
  hard: ['medium', 'easy'],
};

/** Tie-break order for the largest-remainder method. */
const REMAINDER_PRIORITY: DifficultyBucket[] = ['medium', 'easy', 'hard'];

/**
 * Splits `count` questions across difficulty buckets by the largest-remainder (Hamilton) method. The shares are
 * normalised by their sum first, so the result always adds up to `count`. Ties go to medium, then easy, then hard.
 */
export function apportion(count: number, mix: DifficultyMix): Record<DifficultyBucket, number> {
  const shares = DIFFICULTY_BUCKETS.map((b) => Math.max(0, Number.isFinite(mix[b]) ? mix[b] : 0));
  const sum = shares.reduce((a, b) => a + b, 0);
  const result: Record<DifficultyBucket, number> = { easy: 0, medium: 0, hard: 0 };
  if (count <= 0) return result;
  if (sum <= 0) return { ...result, medium: count };
  const quotas = shares.map((s) => Math.round((s / sum) * count * 1e9) / 1e9);
  DIFFICULTY_BUCKETS.forEach((b, i) => (result[b] = Math.floor(quotas[i])));
  let left = count - DIFFICULTY_BUCKETS.reduce((a, b) => a + result[b], 0);
  const byRemainder = [...REMAINDER_PRIORITY].sort((x, y) => {
    const rx = quotas[DIFFICULTY_BUCKETS.indexOf(x)] - result[x];
    const ry = quotas[DIFFICULTY_BUCKETS.indexOf(y)] - result[y];
    return ry - rx; // stable sort keeps REMAINDER_PRIORITY among equals
  });
  for (let i = 0; left > 0; i = (i + 1) % byRemainder.length, left--) result[byRemainder[i]]++;
  return result;
}

/** One rule of one part: what the drawer has to supply. */
interface Demand {
  partIndex: number;
  part: BlueprintPart;
  type: QuestionType;
  count: number;
  points: number;
  /** Approved questions of the rule's type in the part's pool, de-duplicated, in pool order. */
  pool: PoolQuestion[];
}

/** Demands in drawing order: parts in blueprint order, rules in question-type order. */
/**
 * The questions of one type in a pool, first occurrence of each id, in pool order. Memoized per pool array: pools
 * are cached and shared between starts (QuestionsService.pool), and filtering 10,000 questions twice per start
 * was most of drawing a paper. Pools and the arrays returned here are never mutated.
 */
const byTypeCache = new WeakMap<readonly PoolQuestion[], Map<QuestionType, PoolQuestion[]>>();
function poolOfType(source: readonly PoolQuestion[], type: QuestionType): PoolQuestion[] {
  let perType = byTypeCache.get(source);
  if (!perType) byTypeCache.set(source, (perType = new Map()));
  let pool = perType.get(type);
  if (!pool) {
    const seen = new Set<number>();
    pool = source.filter((q) => q.type === type && !seen.has(q.id) && seen.add(q.id));
    perType.set(type, pool);
  }
  return pool;
}

/** Position of each question id in a (type) pool, memoized like poolOfType. */
const positionCache = new WeakMap<readonly PoolQuestion[], Map<number, number>>();
function positions(pool: readonly PoolQuestion[]): Map<number, number> {
  let order = positionCache.get(pool);
  if (!order) positionCache.set(pool, (order = new Map(pool.map((q, i) => [q.id, i]))));
  return order;
}

function demandsOf(bp: Blueprint, pools: PartPools): Demand[] {
  const demands: Demand[] = [];
  bp.parts.forEach((part, partIndex) => {
    const source = pools[part.key] ?? [];
    const rules = [...part.rules].sort(
      (a, b) => QUESTION_TYPES.indexOf(a.type) - QUESTION_TYPES.indexOf(b.type),
    );
    for (const rule of rules) {
      const pool = poolOfType(source, rule.type);
      demands.push({ partIndex, part, type: rule.type, count: rule.count, points: rule.points, pool });
    }
  });
  return demands;
}

interface MatchDemand {
  need: number;
  pool: readonly number[];
}

interface MatchResult {
  /** How many slots cannot be filled with distinct questions. */
  deficit: number;
  /** When deficit > 0: a set of demands (indices) whose pools together hold too few questions (Hall's condition). */
  tightDemands: number[];
  /** The number of distinct questions in the pools of `tightDemands`. */
  tightAvailable: number;
}

/**
 * Can every demand get `need` distinct questions from its pool, no question used twice? A maximum bipartite
 * b-matching by augmenting paths (greedy start, then breadth-first search from the demands still short).
 */
function matchDemands(demands: readonly MatchDemand[], isUsed: (id: number) => boolean): MatchResult {
  const pools = demands.map((d) => d.pool.filter((id) => !isUsed(id)));
  const owner = new Map<number, number>();
  const filled = demands.map(() => 0);
  // Greedy start, offering each demand its least-wanted questions first, so few augmenting paths remain.
  const wanted = new Map<number, number>();
  for (const pool of pools) for (const id of pool) wanted.set(id, (wanted.get(id) ?? 0) + 1);
  demands.forEach((d, j) => {
    for (const id of [...pools[j]].sort((a, b) => wanted.get(a)! - wanted.get(b)!)) {
      if (filled[j] >= d.need) break;
      if (!owner.has(id)) {
        owner.set(id, j);
        filled[j]++;
      }
    }
  });

  const search = () => {
    const reachedDemand = new Map<number, number | undefined>(); // demand → question it was reached through
    const reachedQuestion = new Map<number, number>(); // question → demand it was reached from
    const queue: number[] = [];
    demands.forEach((d, j) => {
      if (filled[j] < d.need) {
        reachedDemand.set(j, undefined);
        queue.push(j);
      }
    });
    for (let head = 0; head < queue.length; head++) {
      const j = queue[head];
      for (const id of pools[j]) {
        if (reachedQuestion.has(id) || owner.get(id) === j) continue;
        reachedQuestion.set(id, j);
        const o = owner.get(id);
        if (o === undefined) return { free: id, reachedDemand, reachedQuestion };
        if (!reachedDemand.has(o)) {
          reachedDemand.set(o, id);
          queue.push(o);
        }
      }
    }
    return { free: undefined, reachedDemand, reachedQuestion };
  };

  for (;;) {
    const { free, reachedDemand, reachedQuestion } = search();
    if (free === undefined) {
      const deficit = demands.reduce((sum, d, j) => sum + Math.max(0, d.need - filled[j]), 0);
      if (deficit === 0) return { deficit, tightDemands: [], tightAvailable: 0 };
      const tightDemands = [...reachedDemand.keys()].sort((a, b) => a - b);
      return { deficit, tightDemands, tightAvailable: new Set(tightDemands.flatMap((t) => pools[t])).size };
    }
    let id = free;
    let j = reachedQuestion.get(id)!;
    for (;;) {
      owner.set(id, j);
      const via = reachedDemand.get(j);
      if (via === undefined) {
        filled[j]++;
        break;
      }
      id = via;
      j = reachedQuestion.get(id)!;
    }
  }
}

/**
 * Problems (in Chinese) that stop a paper being drawn: a part/type with fewer approved questions than asked, or
 * parts whose pools share questions so that together they cannot be filled without repeating one. Difficulty
 * buckets are not checked: a short bucket is filled from the nearest one when the paper is drawn.
 */
export function checkPools(bp: Blueprint, pools: PartPools): string[] {
  const problems: string[] = [];
  const demands = demandsOf(bp, pools);
  for (const d of demands) {
    if (d.pool.length < d.count) {
      problems.push(
        `${partLabel(d.part, d.partIndex)}：${QUESTION_TYPE_LABELS[d.type]}需要 ${d.count} 道，` +
          `题库中只有 ${d.pool.length} 道已审核题目`,
      );
    }
  }
  for (const type of QUESTION_TYPES) {
    const ofType = demands.filter((d) => d.type === type);
    if (ofType.length < 2) continue;
    const result = matchDemands(
      ofType.map((d) => ({ need: Math.min(d.count, d.pool.length), pool: d.pool.map((q) => q.id) })),
      () => false,
    );
    if (result.deficit === 0) continue;
    const tight = result.tightDemands.map((i) => ofType[i]);
    const labels = [...new Set(tight.map((d) => partLabel(d.part, d.partIndex)))];
    const need = tight.reduce((sum, d) => sum + d.count, 0);
    problems.push(
      `${QUESTION_TYPE_LABELS[type]}：${labels.join('、')}的题库有重复题目，` +
        `合计需要 ${need} 道不重复的题目，只有 ${result.tightAvailable} 道可用`,
    );
  }
  return problems;
}

/**
 * Draws a paper. Parts come in blueprint order; inside a part, questions are grouped by type (single, multiple,
 * true-false, fill-blank) and shuffled inside each group when `shuffleQuestions`, otherwise kept in pool order.
 * No question appears twice, even when two parts' pools overlap. Throws only when the pools are short
 * (see `checkPools`).
 */
export function drawPaper(input: DrawPaperInput): DrawnPaper {
  const { blueprint, pools, seed, shuffleQuestions, shuffleOptions } = input;
  const problems = checkPools(blueprint, pools);
  if (problems.length > 0) throw new Error(`题库题目不足，无法组卷：${problems.join('；')}`);

  // Separate streams, so that e.g. turning option shuffling on does not change which questions are drawn.
  const drawRng = createRng(`${seed}|draw`);
  const orderRng = createRng(`${seed}|order`);
  const optionRng = createRng(`${seed}|options`);

  const demands = demandsOf(blueprint, pools);
  const used = new Set<number>();
  const notes: string[] = [];
  const groups: { demand: Demand; chosen: PoolQuestion[] }[] = [];
  demands.forEach((demand, index) => {
    groups.push({ demand, chosen: drawDemand(demands, index, used, drawRng, notes) });
  });

  const items: PaperItem[] = [];
  blueprint.parts.forEach((part, partIndex) => {
    for (const type of QUESTION_TYPES) {
      const inGroup = groups.filter((g) => g.demand.partIndex === partIndex && g.demand.type === type);
      let entries = inGroup.flatMap((g) => g.chosen.map((q) => ({ q, points: g.demand.points })));
      if (shuffleQuestions) entries = shuffle(entries, orderRng);
      for (const { q, points } of entries) {
        const item: PaperItem = { part: part.key, questionId: q.id, revisionId: q.revisionId, type, points };
        if (shuffleOptions && (type === 'single' || type === 'multiple')) {
          item.optionOrder = shuffle(q.optionKeys, optionRng);
        }
        items.push(item);
      }
    }
  });
  return { items, notes };
}

/** Draws one demand, keeping every later demand satisfiable. Returns the chosen questions in pool order. */
function drawDemand(
  demands: readonly Demand[],
  index: number,
  used: Set<number>,
  rng: Rng,
  notes: string[],
): PoolQuestion[] {
  const demand = demands[index];
  // The first demand of a paper (and any before which nothing was taken) draws from its pool as it is: no copy.
  const candidates = used.size ? demand.pool.filter((q) => !used.has(q.id)) : demand.pool;
  const later = demands.slice(index + 1).filter((d) => d.type === demand.type);
  // Only pools shared with a later demand need the matching check (and its id lists).
  const sharedLater = new Set(later.flatMap((d) => d.pool.map((q) => q.id)));
  const matching = sharedLater.size
    ? {
        candidateIds: candidates.map((q) => q.id),
        laterMatch: later.map((d) => ({ need: d.count, pool: d.pool.map((q) => q.id) })),
      }
    : null;
  const chosen: PoolQuestion[] = [];

  /** Takes q unless that would leave this or a later demand unfillable (possible only when pools overlap). */
  const tryTake = (q: PoolQuestion): boolean => {
    used.add(q.id);
    if (matching && sharedLater.has(q.id)) {
      const current = { need: demand.count - chosen.length - 1, pool: matching.candidateIds };
      if (matchDemands([current, ...matching.laterMatch], (id) => used.has(id)).deficit > 0) {
        used.delete(q.id);
        return false;
      }
    }
    chosen.push(q);
    return true;
  };

  const mix = demand.part.difficultyMix;
  if (!mix) {
    const dealer = new Dealer(candidates, rng);
    for (let q = dealer.next(); q !== undefined && chosen.length < demand.count; q = dealer.next())
      tryTake(q);
  } else {
    const target = apportion(demand.count, mix);
    const lists = Object.fromEntries(
      DIFFICULTY_BUCKETS.map((b) => [
        b,
        new Dealer(
          candidates.filter((q) => difficultyBucket(q.difficulty) === b),
          rng,
        ),
      ]),
    ) as Record<DifficultyBucket, Dealer<PoolQuestion>>;
    const got: Record<DifficultyBucket, number> = { easy: 0, medium: 0, hard: 0 };
    const takeFrom = (from: DifficultyBucket, wanted: number): number => {
      let taken = 0;
      for (let q = taken < wanted ? lists[from].next() : undefined; q !== undefined; ) {
        if (tryTake(q)) taken++;
        q = taken < wanted ? lists[from].next() : undefined;
      }
      return taken;
    };
    for (const b of DIFFICULTY_BUCKETS) got[b] = takeFrom(b, target[b]);
    for (const b of DIFFICULTY_BUCKETS) {
      const short = target[b] - got[b];
      if (short <= 0) continue;
      const borrowed: string[] = [];
      let filled = 0;
      for (const from of FALLBACK[b]) {
        const n = takeFrom(from, short - filled);
        if (n > 0) borrowed.push(`${DIFFICULTY_BUCKET_LABELS[from]} ${n} 道`);
        filled += n;
      }
      notes.push(
        `${partLabel(demand.part, demand.partIndex)}：${QUESTION_TYPE_LABELS[demand.type]}中` +
          `${DIFFICULTY_BUCKET_LABELS[b]}需要 ${target[b]} 道，只有 ${got[b]} 道，` +
          `另 ${filled} 道由${borrowed.join('、')}补足`,
      );
    }
  }

  if (chosen.length < demand.count) {
    // Unreachable after checkPools passed; kept as a guard.
    throw new Error(
      `${partLabel(demand.part, demand.partIndex)}：${QUESTION_TYPE_LABELS[demand.type]}题目不足，无法组卷`,
    );
  }
  const order = positions(demand.pool);
  return chosen.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
