/** The shape in which reports read a must-sit roster (ExamsService.rosterGroups), and the score bands. */

/** 'passed' | 'failed' sat; 'in-progress' | 'not-started' did not (yet). */
export type RosterState = 'passed' | 'failed' | 'in-progress' | 'not-started';

/** The people of a must-sit roster with the same unit, business lines, state and score band, counted. */
export interface RosterGroup {
  /** People without a unit are in no report's scope, so every group has one. */
  unitId: number;
  unitName: string;
  /** The unit's materialised path: units are listed in tree order. */
  unitPath: string;
  businessLines: string[];
  state: RosterState;
  /** Index into SCORE_BANDS of the grade that counts (see bandOf); null for those with no grade. */
  band: number | null;
  count: number;
  /** Sum of the grades that count (statistics use those of the people who sat). */
  gradeTotal: number;
}

export const SCORE_BANDS = [
  { key: '<60', label: '60%以下', from: 0, to: 0.6 },
  { key: '60-69', label: '60%–69%', from: 0.6, to: 0.7 },
  { key: '70-79', label: '70%–79%', from: 0.7, to: 0.8 },
  { key: '80-89', label: '80%–89%', from: 0.8, to: 0.9 },
  { key: '90-100', label: '90%–100%', from: 0.9, to: Infinity },
];

/** Above any score: with no full marks every grade falls in the first band. */
const NEVER = 1e300;

/**
 * The grades at which each band after the first begins (a grade of at least thresholds[i] is in band i + 1 or
 * higher). The SQL of the reports and bandOf both use them, so a grade lands in the same band either way.
 */
export function bandThresholds(maxScore: number): number[] {
  return SCORE_BANDS.slice(1).map((b) => (maxScore > 0 ? (b.from - 1e-9) * maxScore : NEVER));
}

/** The band of a grade: how many thresholds it reaches. */
export function bandOf(grade: number, maxScore: number): number {
  return bandThresholds(maxScore).filter((t) => grade >= t).length;
}
