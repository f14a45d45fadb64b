/** Pure: every report as one table with Chinese headers, for the CSV and XLSX downloads (same numbers as JSON). */
import { BUSINESS_LINE_LABELS, type BusinessLine } from '../common/business-lines';
import type { AnnualFigures } from './annual-report';
import type { ColumnFormat } from '../common/sheet';
import type { CertificationReport, UnitShare } from './certification-share';

export interface ReportTable {
  title: string;
  headers: string[];
  rows: unknown[][];
  /** How each column shows in Excel (rates as percentages, days as dates); text when absent. */
  formats?: ColumnFormat[];
  /** The day the figures are counted on (the title row of the XLSX), when the report has one. */
  asOf?: string;
  /** Per row, formats that override `formats` (a list of figures whose rates are percentages). */
  rowFormats?: (ColumnFormat[] | undefined)[];
}

const lineLabels = (lines: string) =>
  lines
    .split(',')
    .filter(Boolean)
    .map((l) => BUSINESS_LINE_LABELS[l as BusinessLine] ?? l)
    .join('、');

export function certificationTable(r: CertificationReport): ReportTable {
  const rows: unknown[][] = [['合计', '全部', r.enforcementStaff, r.certified, r.share]];
  const walk = (u: UnitShare, prefix: string) => {
    const name = prefix ? `${prefix} / ${u.name}` : u.name;
    rows.push(['单位', name, u.enforcementStaff, u.certified, u.share]);
    u.children.forEach((c) => walk(c, name));
    // 本级: the unit's own staff, so the rows under it add up to its figures.
    if (u.ownLevel)
      rows.push([
        '本级',
        `${name} / 本级`,
        u.ownLevel.enforcementStaff,
        u.ownLevel.certified,
        u.ownLevel.share,
      ]);
  };
  r.byUnit.forEach((u) => walk(u, ''));
  for (const l of r.byLine) rows.push(['业务条线', l.label, l.enforcementStaff, l.certified, l.share]);
  for (const l of r.byStationLevel)
    rows.push(['服务站层级', l.label, l.enforcementStaff, l.certified, l.share]);
  return {
    title: `持证率（截至${r.asOf}）`,
    headers: ['分类', '名称', '执法岗位人数', '持证人数', '持证率'],
    rows,
    formats: ['text', 'text', 'number', 'number', 'percent'],
    asOf: r.asOf,
  };
}

export function trendTable(t: {
  year: number;
  months: { asOf: string; enforcementStaff: number; certified: number; share: number | null }[];
}): ReportTable {
  return {
    title: `${t.year}年持证率月度趋势`,
    headers: ['截至日期', '执法岗位人数', '持证人数', '持证率'],
    rows: t.months.map((m) => [m.asOf, m.enforcementStaff, m.certified, m.share]),
    formats: ['date', 'number', 'number', 'percent'],
    asOf: t.months.length ? t.months[t.months.length - 1].asOf : undefined,
  };
}

interface Person {
  name: string;
  staffNo: string | null;
  unitName: string | null;
  businessLines: string;
}

export function uncertifiedTable(r: {
  asOf: string;
  items: (Person & { last: { number: string; expiresOn: string; statusLabel: string } | null })[];
}): ReportTable {
  return {
    title: `未持有效执法证人员（截至${r.asOf}）`,
    headers: ['姓名', '工号', '单位', '业务条线', '最近证书编号', '最近证书有效期至', '最近证书状态'],
    rows: r.items.map((p) => [
      p.name,
      p.staffNo,
      p.unitName,
      lineLabels(p.businessLines),
      p.last?.number ?? '',
      p.last?.expiresOn ?? '',
      p.last?.statusLabel ?? '无证书',
    ]),
    formats: ['text', 'text', 'text', 'text', 'text', 'date', 'text'],
    asOf: r.asOf,
  };
}

export function expiringTable(r: {
  asOf: string;
  days: number;
  items: (Person & { number: string; kindLabel: string; expiresOn: string; daysLeft: number })[];
}): ReportTable {
  return {
    title: `${r.days}天内到期的证书`,
    headers: ['姓名', '工号', '单位', '业务条线', '证书类型', '证书编号', '有效期至', '剩余天数'],
    rows: r.items.map((p) => [
      p.name,
      p.staffNo,
      p.unitName,
      lineLabels(p.businessLines),
      p.kindLabel,
      p.number,
      p.expiresOn,
      p.daysLeft,
    ]),
    formats: ['text', 'text', 'text', 'text', 'text', 'text', 'date', 'number'],
    asOf: r.asOf,
  };
}

export function studyHoursTable(r: {
  year: number;
  target: number;
  items: (Person & { hours: number; shortfall: number })[];
}): ReportTable {
  return {
    title: `${r.year}年学时未达标的持证人员`,
    headers: ['姓名', '工号', '单位', '业务条线', '已获学时', '目标学时', '差额学时'],
    rows: r.items.map((p) => [
      p.name,
      p.staffNo,
      p.unitName,
      lineLabels(p.businessLines),
      p.hours,
      r.target,
      p.shortfall,
    ]),
  };
}

type Figures = {
  shouldSit: number;
  sat: number;
  passed: number;
  participationRate: number | null;
  passRate: number | null;
  average: number | null;
};

export function examTable(
  r: Figures & {
    exam: { title: string };
    distribution: { label: string; count: number }[];
    byUnit: (Figures & { name: string })[];
    byLine: (Figures & { label: string })[];
  },
): ReportTable {
  const row = (kind: string, name: string, f: Figures) => [
    kind,
    name,
    f.shouldSit,
    f.sat,
    f.passed,
    f.participationRate,
    f.passRate,
    f.average,
    '',
  ];
  return {
    title: `${r.exam.title} 考试统计`,
    headers: ['分类', '名称', '应考人数', '实考人数', '合格人数', '参考率', '合格率', '平均分', '人数'],
    formats: ['text', 'text', 'number', 'number', 'number', 'percent', 'percent', 'number', 'number'],
    rows: [
      row('合计', '全部', r),
      ...r.byUnit.map((u) => row('单位', u.name, u)),
      ...r.byLine.map((l) => row('业务条线', l.label, l)),
      ...r.distribution.map((d) => ['分数段', d.label, '', '', '', '', '', '', d.count]),
    ],
  };
}

export function annualTable(f: AnnualFigures): ReportTable {
  const rows: unknown[][] = [
    ['年度', f.year],
    ['截至日期', f.asOf],
    ['在册干部职工人数', f.staff],
    ['公务员人数', f.civilServants],
    ['执法岗位人数', f.enforcementStaff],
    ['持有效执法证人数', f.certified],
    ['持证率', f.share],
    ['持有效执法证的公务员人数', f.certifiedCivilServants],
    ['本年新发执法证', f.certificatesIssued.enforcement],
    ['本年新发培训合格证', f.certificatesIssued.training],
    ['考试场次', f.examTotals.exams],
    ['应考人次', f.examTotals.shouldSit],
    ['实考人次', f.examTotals.sat],
    ['合格人次', f.examTotals.passed],
    ['参考率', f.examTotals.participationRate],
    ['合格率', f.examTotals.passRate],
    ['累计学时', f.studyHours.totalHours],
    ['人均学时', f.studyHours.perPerson],
    ['学时未达标持证人数', f.studyHours.belowTarget],
    ['现行有效法规文件数', f.regulationsInForce],
    ['区级服务中心（站）数', f.stations.district],
    ['街道服务站数', f.stations.street],
    ['社区服务站数', f.stations.community],
    ['服务站合计', f.stations.total],
  ];
  for (const e of f.exams) {
    rows.push([`考试：${e.title} 参考率`, e.participationRate]);
    rows.push([`考试：${e.title} 合格率`, e.passRate]);
  }
  return {
    title: `${f.year}年度法治建设数据`,
    headers: ['指标', '数值'],
    rows,
    asOf: f.asOf,
    rowFormats: rows.map((r) =>
      String(r[0]).endsWith('率')
        ? ['text', 'percent']
        : String(r[0]) === '截至日期'
          ? ['text', 'date']
          : undefined,
    ),
  };
}
