/**
 * Options are shown labelled by position: the first option shown is A, the next B, whatever key it has in the bank.
 * A shuffled paper therefore never shows "C, A, B, D", and "always answer A" finds a key only as often as chance
 * allows. The mapping — `order`, the stored option keys in display order — stays on the server with the attempt
 * item (or the practice item); answers are stored and scored in the bank's keys. Pure functions, no Nest or
 * TypeORM.
 */
import { OPTION_KEYS, type OptionKey } from '../question-bank/question.types';

/** The display letters of `n` options: A, B, C… */
export function displayLetters(n: number): OptionKey[] {
  return OPTION_KEYS.slice(0, Math.max(0, Math.min(n, OPTION_KEYS.length)));
}

/** The options as shown: relabelled A, B, C… in display order. */
export function displayOptions<T extends { key: string; text: string }>(
  order: readonly string[],
  options: readonly T[],
): { key: OptionKey; text: string }[] {
  const byKey = new Map(options.map((o) => [o.key, o]));
  const shown = order.map((k) => byKey.get(k)).filter((o): o is T => Boolean(o));
  return shown.map((o, i) => ({ key: OPTION_KEYS[i], text: o.text }));
}

/** A stored key (or keys) as the candidate saw it: same shape, position letters. Keys not on the paper are dropped. */
export function keyToDisplay<T>(order: readonly string[], value: T): T {
  return toDisplay(order, value) as T;
}

function toDisplay(order: readonly string[], value: unknown): unknown {
  const one = (k: unknown): OptionKey | undefined => {
    const i = typeof k === 'string' ? order.indexOf(k) : -1;
    return i >= 0 ? OPTION_KEYS[i] : undefined;
  };
  if (typeof value === 'string') return value === '' ? '' : (one(value) ?? null);
  if (Array.isArray(value))
    return value
      .map(one)
      .filter((k): k is OptionKey => Boolean(k))
      .sort();
  return value;
}

/**
 * A response given in display letters, in the bank's keys. Returns undefined when a letter is not one of the
 * options shown (validate the response against `displayLetters(order.length)` first for a message).
 */
export function responseFromDisplay(order: readonly string[], value: unknown): unknown {
  const one = (k: unknown): string | undefined => {
    const i = typeof k === 'string' ? OPTION_KEYS.indexOf(k as OptionKey) : -1;
    return i >= 0 && i < order.length ? order[i] : undefined;
  };
  if (typeof value === 'string') return value === '' ? '' : one(value);
  if (Array.isArray(value)) {
    const mapped = value.map(one);
    return mapped.every((k) => k !== undefined) ? mapped : undefined;
  }
  return value;
}
