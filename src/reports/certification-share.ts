/** Pure 持证率 arithmetic: grouped counts → the per-unit tree, per line and per station level. */
import { BUSINESS_LINES, BUSINESS_LINE_LABELS, decodeLines } from '../common/business-lines';

export interface ReportUnit {
  id: number;
  name: string;
  kind: string;
  level: string | null;
  parentId: number | null;
  path: string;
  sortOrder: number;
}

export interface CountRow {
  unitId: number;
  businessLines: string;
  staff: number;
  certified: number;
}

export interface UnitShare {
  unitId: number;
  name: string;
  kind: string;
  level: string | null;
  enforcementStaff: number;
  certified: number;
  share: number | null;
  children: UnitShare[];
  /** 本级: the unit's own enforcement staff, when it has children and staff of its own (else null). */
  ownLevel: { enforcementStaff: number; certified: number; share: number | null } | null;
}

export interface GroupShare {
  key: string;
  label: string;
  enforcementStaff: number;
  certified: number;
  share: number | null;
}

export interface CertificationReport {
  asOf: string;
  unitId: number | null;
  enforcementStaff: number;
  certified: number;
  share: number | null;
  byUnit: UnitShare[];
  byLine: GroupShare[];
  byStationLevel: GroupShare[];
}

export const STATION_LEVEL_LABELS: Record<string, string> = {
  district: '区级服务中心（站）',
  street: '街道服务站',
  community: '社区服务站',
};

/** certified ÷ staff to four decimals (0.8333); null when there is nobody to certify. */
export function share(certified: number, staff: number): number | null {
  return staff > 0 ? Math.round((certified / staff) * 10000) / 10000 : null;
}

/**
 * Builds the report from the counts per (unit, lines) and the units in scope (sorted by path). Each unit's figures
 * include its whole subtree; a person with two lines counts once in each line.
 */
export function buildCertificationReport(
  asOf: string,
  units: ReportUnit[],
  rows: CountRow[],
  unitId: number | null = null,
): CertificationReport {
  const own = new Map<number, { staff: number; certified: number }>();
  for (const r of rows) {
    const o = own.get(r.unitId) ?? { staff: 0, certified: 0 };
    o.staff += r.staff;
    o.certified += r.certified;
    own.set(r.unitId, o);
  }
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<number | null, ReportUnit[]>();
  for (const u of units) {
    const parent = u.parentId != null && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const build = (u: ReportUnit): UnitShare => {
    const kids = (children.get(u.id) ?? [])
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
      .map(build);
    const o = own.get(u.id) ?? { staff: 0, certified: 0 };
    const staff = o.staff + kids.reduce((s, k) => s + k.enforcementStaff, 0);
    const certified = o.certified + kids.reduce((s, k) => s + k.certified, 0);
    return {
      unitId: u.id,
      name: u.name,
      kind: u.kind,
      level: u.level,
      enforcementStaff: staff,
      certified,
      share: share(certified, staff),
      children: kids,
      ownLevel:
        kids.length > 0 && o.staff > 0
          ? { enforcementStaff: o.staff, certified: o.certified, share: share(o.certified, o.staff) }
          : null,
    };
  };
  const byUnit = (children.get(null) ?? [])
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
    .map(build);

  const inScope = rows.filter((r) => ids.has(r.unitId));
  const total = inScope.reduce((s, r) => s + r.staff, 0);
  const certified = inScope.reduce((s, r) => s + r.certified, 0);

  const byLine = BUSINESS_LINES.map((line) => {
    const matching = inScope.filter((r) => decodeLines(r.businessLines).includes(line));
    const n = matching.reduce((s, r) => s + r.staff, 0);
    const c = matching.reduce((s, r) => s + r.certified, 0);
    return {
      key: line,
      label: BUSINESS_LINE_LABELS[line],
      enforcementStaff: n,
      certified: c,
      share: share(c, n),
    };
  });

  const unitById = new Map(units.map((u) => [u.id, u]));
  const byStationLevel = Object.keys(STATION_LEVEL_LABELS).map((level) => {
    const matching = inScope.filter((r) => {
      const u = unitById.get(r.unitId);
      return u?.kind === 'station' && u.level === level;
    });
    const n = matching.reduce((s, r) => s + r.staff, 0);
    const c = matching.reduce((s, r) => s + r.certified, 0);
    return {
      key: level,
      label: STATION_LEVEL_LABELS[level],
      enforcementStaff: n,
      certified: c,
      share: share(c, n),
    };
  });

  return {
    asOf,
    unitId,
    enforcementStaff: total,
    certified,
    share: share(certified, total),
    byUnit,
    byLine,
    byStationLevel,
  };
}

/** The rows under a unit as a manager drills down: its children, then 本级 when it has staff of its own. */
export function drillRows(u: UnitShare): (UnitShare | (UnitShare['ownLevel'] & { ownLevelOf: UnitShare }))[] {
  return [...u.children, ...(u.ownLevel ? [{ ...u.ownLevel, ownLevelOf: u }] : [])];
}

/** Last day of each month of a year up to `today` (the current month answers as of today). */
export function monthEnds(year: number, today: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
    const first = `${year}-${String(m).padStart(2, '0')}-01`;
    if (first > today) break;
    out.push(last > today ? today : last);
  }
  return out;
}
