import type { ScoreState } from './scoring';

/** One item's score after scoring, at the item's position in the paper. */
export interface ItemScore {
  score: number;
  state: ScoreState;
}

/**
 * A scored paper's item scores as stored in attempt_score: the scores as a JSON number array and the states as one
 * letter per item, both in display order. About 300 bytes for 100 questions where a JSON array of objects took
 * ~2,900 (issue #19: a submit writes one small row in place of rewriting the paper's 12 KB row).
 */
export interface PackedItemScores {
  scores: string;
  states: string;
}

const CODE: Record<ScoreState, string> = {
  correct: 'c',
  partial: 'p',
  wrong: 'w',
  unanswered: 'u',
  pending: 'm',
};
const STATE = new Map<string, ScoreState>((Object.keys(CODE) as ScoreState[]).map((s) => [CODE[s], s]));

export function packItemScores(per: readonly ItemScore[]): PackedItemScores {
  const scores = new Array<number>(per.length);
  let states = '';
  for (let i = 0; i < per.length; i++) {
    scores[i] = per[i].score;
    const code = CODE[per[i].state];
    if (!code) throw new Error(`unknown score state "${per[i].state}" at item ${i}`);
    states += code;
  }
  return { scores: JSON.stringify(scores), states };
}

/** The stored form back; a stored row that does not fit its paper is corrupt and throws. */
export function unpackItemScores(packed: PackedItemScores): ItemScore[] {
  const scores = JSON.parse(packed.scores) as unknown;
  if (!Array.isArray(scores) || scores.length !== packed.states.length)
    throw new Error(`stored item scores do not match their states (${packed.states.length} states)`);
  const out = new Array<ItemScore>(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const state = STATE.get(packed.states[i]);
    const score: unknown = scores[i];
    if (!state || typeof score !== 'number')
      throw new Error(`stored item score ${i} is not a score: ${String(score)} "${packed.states[i]}"`);
    out[i] = { score, state };
  }
  return out;
}
