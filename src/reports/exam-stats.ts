/** Pure per-exam statistics: 参考率 (sat ÷ should sit), 合格率 (passed ÷ sat), average and score distribution. */
import { BUSINESS_LINES, BUSINESS_LINE_LABELS } from '../common/business-lines';
import { type RosterGroup, SCORE_BANDS } from '../exams/roster-groups';
import { share } from './certification-share';

export interface ExamFigures {
  shouldSit: number;
  sat: number;
  passed: number;
  participationRate: number | null;
  passRate: number | null;
  average: number | null;
}

const satIn = (groups: RosterGroup[]) => groups.filter((g) => g.state === 'passed' || g.state === 'failed');
const total = (groups: RosterGroup[], f: (g: RosterGroup) => number) => groups.reduce((s, g) => s + f(g), 0);

export function examFigures(groups: RosterGroup[]): ExamFigures {
  const shouldSit = total(groups, (g) => g.count);
  const sat = satIn(groups);
  const satCount = total(sat, (g) => g.count);
  const passed = total(
    sat.filter((g) => g.state === 'passed'),
    (g) => g.count,
  );
  return {
    shouldSit,
    sat: satCount,
    passed,
    participationRate: share(satCount, shouldSit),
    passRate: share(passed, satCount),
    average: satCount ? Math.round((total(sat, (g) => g.gradeTotal) / satCount) * 100) / 100 : null,
  };
}

/** How many of those who sat scored in each band of the share of full marks. */
export function distribution(groups: RosterGroup[]) {
  const sat = satIn(groups);
  return SCORE_BANDS.map((b, i) => ({
    key: b.key,
    label: b.label,
    count: total(
      sat.filter((g) => g.band === i),
      (g) => g.count,
    ),
  }));
}

/** Figures for the whole roster, its distribution, and the same figures per unit (tree order) and per line. */
export function examStatistics(groups: RosterGroup[], maxScore: number) {
  const units = new Map<number, { name: string; path: string; groups: RosterGroup[] }>();
  for (const g of groups) {
    const u = units.get(g.unitId) ?? { name: g.unitName, path: g.unitPath, groups: [] };
    u.groups.push(g);
    units.set(g.unitId, u);
  }
  return {
    ...examFigures(groups),
    maxScore,
    distribution: distribution(groups),
    byUnit: [...units.entries()]
      .sort(([a, x], [b, y]) => (x.path < y.path ? -1 : x.path > y.path ? 1 : a - b))
      .map(([unitId, u]) => ({
        unitId,
        name: u.name,
        ...examFigures(u.groups),
      })),
    byLine: BUSINESS_LINES.map((line) => ({
      key: line,
      label: BUSINESS_LINE_LABELS[line],
      ...examFigures(groups.filter((g) => g.businessLines.includes(line))),
    })).filter((l) => l.shouldSit > 0),
  };
}
