/** Pure per-exam statistics: 参考率 (sat ÷ should sit), 合格率 (passed ÷ sat), average and score distribution. */
import { BUSINESS_LINES, BUSINESS_LINE_LABELS } from '../common/business-lines';
import { share } from './certification-share';

export interface RosterPerson {
  userId: number;
  unitId: number | null;
  unitName: string | null;
  businessLines: string[];
  /** 'passed' | 'failed' sat; 'in-progress' | 'not-started' did not (yet). */
  state: string;
  grade: number | null;
}

export interface ExamFigures {
  shouldSit: number;
  sat: number;
  passed: number;
  participationRate: number | null;
  passRate: number | null;
  average: number | null;
}

export const SCORE_BANDS = [
  { key: '<60', label: '60%以下', from: 0, to: 0.6 },
  { key: '60-69', label: '60%–69%', from: 0.6, to: 0.7 },
  { key: '70-79', label: '70%–79%', from: 0.7, to: 0.8 },
  { key: '80-89', label: '80%–89%', from: 0.8, to: 0.9 },
  { key: '90-100', label: '90%–100%', from: 0.9, to: Infinity },
];

export function examFigures(people: RosterPerson[]): ExamFigures {
  const sat = people.filter((p) => p.state === 'passed' || p.state === 'failed');
  const passed = sat.filter((p) => p.state === 'passed').length;
  const grades = sat.map((p) => p.grade ?? 0);
  return {
    shouldSit: people.length,
    sat: sat.length,
    passed,
    participationRate: share(sat.length, people.length),
    passRate: share(passed, sat.length),
    average: grades.length
      ? Math.round((grades.reduce((s, g) => s + g, 0) / grades.length) * 100) / 100
      : null,
  };
}

/** Scores of those who sat, in bands of the share of full marks. */
export function distribution(people: RosterPerson[], maxScore: number) {
  const sat = people.filter((p) => p.state === 'passed' || p.state === 'failed');
  return SCORE_BANDS.map((b) => ({
    key: b.key,
    label: b.label,
    count: sat.filter((p) => {
      const x = maxScore > 0 ? (p.grade ?? 0) / maxScore : 0;
      return x >= b.from - 1e-9 && x < b.to - 1e-9;
    }).length,
  }));
}

export function examStatistics(people: RosterPerson[], maxScore: number) {
  const units = new Map<number | null, { name: string | null; people: RosterPerson[] }>();
  for (const p of people) {
    const u = units.get(p.unitId) ?? { name: p.unitName, people: [] };
    u.people.push(p);
    units.set(p.unitId, u);
  }
  return {
    ...examFigures(people),
    maxScore,
    distribution: distribution(people, maxScore),
    byUnit: [...units.entries()].map(([unitId, u]) => ({
      unitId,
      name: u.name ?? '（未分配单位）',
      ...examFigures(u.people),
    })),
    byLine: BUSINESS_LINES.map((line) => ({
      key: line,
      label: BUSINESS_LINE_LABELS[line],
      ...examFigures(people.filter((p) => p.businessLines.includes(line))),
    })).filter((l) => l.shouldSit > 0),
  };
}
