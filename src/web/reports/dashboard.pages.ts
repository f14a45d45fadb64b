/**
 * The 持证率 dashboard: the certified share per unit (drill down), station level and business line, the monthly
 * trend, who is uncertified, what expires, who is below the study-hour target, per-exam rates and the annual
 * summary. Every table has its Excel and CSV download from the reports API.
 */
import { BUSINESS_LINE_LABELS, decodeLines } from '../../common/business-lines';
import type {
  AtRiskReportResponse,
  CertificationReportResponse,
  ExamReportResponse,
  ExpiringReportResponse,
  GroupShareResponse,
  TrendReportResponse,
  UncertifiedReportResponse,
  UnitShareResponse,
} from '../../reports/report.response';
import { barChart, columnChart } from '../shared/chart';
import { fmtPercent, html, type SafeHtml } from '../shared/html';
import { unavailable, type Loaded } from '../shared/section';
import { table, type Column } from '../shared/table';

type Params = Record<string, string | number | null | undefined>;

export interface DashboardData {
  /** The date asked for (YYYY-MM-DD), or null for today. */
  asOf: string | null;
  unitId: number | null;
  /** The top of the caller's scope: the bureau, a station manager's station; 全局 for several roots. */
  scope: { id: number; name: string } | null;
  /** From the top of the caller's tree down to the unit shown. */
  trail: { id: number; name: string }[];
  year: number;
  report: Loaded<CertificationReportResponse>;
  trend: Loaded<TrendReportResponse>;
  uncertified: Loaded<UncertifiedReportResponse>;
  expiring: Loaded<ExpiringReportResponse>;
  atRisk: Loaded<AtRiskReportResponse>;
  exams: Loaded<ExamReportResponse[]>;
  summary: Loaded<string>;
}

/** `?asOf=…&unitId=…&format=…` keeping only what is set. */
export function reportQuery(p: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** "下载：Excel · CSV" for one API report with the page's own filters. */
const downloads = (label: string, path: string, p: Params) =>
  html`<p class="downloads">
    下载${label}：
    <a href="${path}${reportQuery({ ...p, format: 'xlsx' })}" download>${label} Excel（XLSX）</a> ·
    <a href="${path}${reportQuery({ ...p, format: 'csv' })}" download>${label} CSV</a>
  </p>`;

const linesText = (v: string) =>
  decodeLines(v)
    .map((l) => BUSINESS_LINE_LABELS[l])
    .join('、');

type ShareRow = UnitShareResponse | GroupShareResponse;
const rowLabel = (r: ShareRow) => ('name' in r ? r.name : r.label);
const share = (
  rows: ShareRow[],
  href?: (r: ShareRow) => string | null,
): { label: string; share: number | null; value: string; detail: string; href?: string | null }[] =>
  rows.map((r) => ({
    label: rowLabel(r),
    share: r.share,
    value: fmtPercent(r.share),
    detail: `${rowLabel(r)}：${fmtPercent(r.share)}（${r.certified}/${r.enforcementStaff}）`,
    href: href?.(r),
  }));

function shareSection(caption: string, rows: ShareRow[], id: string, href?: (r: ShareRow) => string | null) {
  return table(
    rows,
    [
      {
        head: '名称',
        cell: (r) => {
          const link = href?.(r);
          return link ? html`<a href="${link}">${rowLabel(r)}</a>` : rowLabel(r);
        },
        rowHeader: true,
      },
      { head: '执法岗位人数', cell: (r) => r.enforcementStaff },
      { head: '持证人数', cell: (r) => r.certified },
      { head: '持证率', cell: (r) => fmtPercent(r.share) },
    ],
    { id, caption },
  );
}

const person = <T extends { name: string; unitName: string | null }>(): Column<T>[] => [
  { head: '姓名', cell: (p) => p.name, rowHeader: true },
];
const unitColumn = <T extends { unitName: string | null }>(): Column<T> => ({
  head: '单位',
  cell: (p) => p.unitName ?? '',
});

function certificationSections(d: DashboardData, r: CertificationReportResponse): SafeHtml {
  const base = { asOf: d.asOf, unitId: d.unitId };
  const current = d.trail.length ? d.trail[d.trail.length - 1] : null;
  // The report roots byUnit at the unit asked for (or the caller's top unit): its children are the rows, then 本级
  // (the unit's own staff) so that the rows add up to the unit's figures — in the table and in the chart alike.
  const root = r.byUnit.length === 1 ? r.byUnit[0] : null;
  const children: ShareRow[] = root ? root.children : r.byUnit;
  const rows: ShareRow[] = root?.ownLevel
    ? [...children, { key: 'own-level', label: `本级（${root.name}）`, ...root.ownLevel }]
    : children;
  const scopeName = current?.name ?? root?.name ?? '全局';
  const unitHref = (x: ShareRow) =>
    'unitId' in x ? `/app/dashboard${reportQuery({ unit: x.unitId, asOf: d.asOf })}` : null;
  const groups = (h: string, id: string, name: string, list: GroupShareResponse[]) =>
    list.length
      ? html`<section aria-labelledby="${id}-h">
          <h2 id="${id}-h">${h}</h2>
          ${barChart(`${name}持证率`, share(list))} ${shareSection(`${name}持证情况`, list, `${id}-table`)}
        </section>`
      : '';
  return html`<section class="kpis" aria-label="总体">
      <div class="kpi">
        <span class="kpi-label">${scopeName}持证率</span>
        <strong id="certified-share">${fmtPercent(r.share)}</strong>
      </div>
      <div class="kpi">
        <span class="kpi-label">持证人数</span><strong id="certified-count">${r.certified}</strong>
      </div>
      <div class="kpi">
        <span class="kpi-label">执法岗位人数</span
        ><strong id="enforcement-count">${r.enforcementStaff}</strong>
      </div>
      <div class="kpi"><span class="kpi-label">统计日期</span><strong>${r.asOf}</strong></div>
    </section>
    ${downloads('持证率', '/api/reports/certification', base)}
    <section aria-labelledby="units-h">
      <h2 id="units-h">${current ? `${current.name}及下级单位` : '各单位'}</h2>
      ${children.length
        ? html`${barChart(
            root?.ownLevel ? `${scopeName}下属单位及本级持证率` : `${scopeName}下属单位持证率`,
            share(rows, unitHref),
          )}
          ${shareSection(
            root?.ownLevel
              ? '各单位持证情况（点击单位名称查看下级；“本级”为本单位自身人员，各行合计等于本单位）'
              : '各单位持证情况（点击单位名称查看下级）',
            rows,
            'units-table',
            unitHref,
          )}`
        : html`<p class="muted">该单位没有下级单位。</p>`}
    </section>
    ${groups('各级服务站', 'levels', '各级服务站', r.byStationLevel)}
    ${groups('各业务条线', 'lines', '各业务条线', r.byLine)}`;
}

function trendSection(t: TrendReportResponse, d: DashboardData): SafeHtml {
  return html`${columnChart(
    'trend-chart',
    `${t.year}年持证率月度趋势（%）`,
    t.months.map((m) => ({
      label: `${Number(m.asOf.slice(5, 7))}月`,
      share: m.share,
      detail: `${m.asOf}：${fmtPercent(m.share)}（${m.certified}/${m.enforcementStaff}）`,
    })),
  )}${table(
    t.months,
    [
      { head: '截至日期', cell: (m) => m.asOf, rowHeader: true },
      { head: '执法岗位人数', cell: (m) => m.enforcementStaff },
      { head: '持证人数', cell: (m) => m.certified },
      { head: '持证率', cell: (m) => fmtPercent(m.share) },
    ],
    { id: 'trend-table', className: 'table compact', caption: `${t.year}年各月末持证率` },
  )}
  ${downloads('趋势', '/api/reports/certification/trend', { year: d.year, unitId: d.unitId })}`;
}

function uncertifiedSection(r: UncertifiedReportResponse, base: Params): SafeHtml {
  return html`${table(
    r.items,
    [
      ...person<(typeof r.items)[number]>(),
      { head: '工号', cell: (p) => p.staffNo ?? '' },
      unitColumn(),
      { head: '业务条线', cell: (p) => linesText(p.businessLines) },
      {
        head: '最近证书',
        cell: (p) =>
          p.last ? `${p.last.number}（${p.last.statusLabel}，有效期至${p.last.expiresOn}）` : '无证书',
      },
    ],
    {
      id: 'uncertified-table',
      caption: `未持有效执法证的执法岗位人员（${r.total} 人，截至${r.asOf}）`,
      empty: '全部执法岗位人员均持有效证书。',
    },
  )}
  ${downloads('未持证名单', '/api/reports/certification/uncertified', base)}`;
}

function expiringSection(r: ExpiringReportResponse, base: Params): SafeHtml {
  return html`${table(
    r.items,
    [
      ...person<(typeof r.items)[number]>(),
      unitColumn(),
      { head: '证书', cell: (p) => p.kindLabel },
      { head: '编号', cell: (p) => p.number },
      { head: '有效期至', cell: (p) => p.expiresOn },
      { head: '剩余天数', cell: (p) => p.daysLeft },
    ],
    {
      id: 'expiring-table',
      caption: `${r.days} 天内到期的证书（${r.total} 本）`,
      empty: `${r.days} 天内没有到期的证书。`,
    },
  )}
  ${downloads('到期名单', '/api/reports/certification/expiring', { ...base, days: 90 })}`;
}

function atRiskSection(r: AtRiskReportResponse, d: DashboardData): SafeHtml {
  const shown = r.items.slice(0, 50);
  const more = r.items.length > shown.length ? `，此处列出前 ${shown.length} 人，完整名单请下载` : '';
  return html`${table(
    shown,
    [
      ...person<(typeof shown)[number]>(),
      unitColumn(),
      { head: '已完成学时', cell: (p) => p.hours },
      { head: '尚差学时', cell: (p) => p.shortfall },
    ],
    {
      id: 'at-risk-table',
      caption: `${r.year}年学时未达标的持证人员（${r.total} 人，目标 ${r.target} 学时${more}）`,
    },
  )}
  ${downloads('学时未达标名单', '/api/reports/study-hours/at-risk', { year: d.year, unitId: d.unitId })}`;
}

/** 参考率 and 合格率 of each exam as bars, like 持证率 (the same figures are in the table below them). */
function examCharts(stats: ExamReportResponse[]): SafeHtml {
  if (!stats.length) return html``;
  const bars = (
    rate: (s: ExamReportResponse) => number | null,
    what: string,
    n: (s: ExamReportResponse) => string,
  ) =>
    stats.map((s) => ({
      label: s.exam.title,
      share: rate(s),
      value: fmtPercent(rate(s)),
      detail: `${s.exam.title}：${what} ${fmtPercent(rate(s))}（${n(s)}）`,
      href: `/app/exams/${s.exam.id}`,
    }));
  return html`<div class="chart-pair" id="exam-charts">
    ${barChart(
      '各场考试参考率',
      bars(
        (s) => s.participationRate,
        '参考率',
        (s) => `实考 ${s.sat} / 应考 ${s.shouldSit}`,
      ),
    )}
    ${barChart(
      '各场考试合格率',
      bars(
        (s) => s.passRate,
        '合格率',
        (s) => `合格 ${s.passed} / 实考 ${s.sat}`,
      ),
    )}
  </div>`;
}

function examStatsTable(stats: ExamReportResponse[], p: Params): SafeHtml {
  const link = (s: ExamReportResponse, format: string) =>
    html`<a
      href="/api/reports/exams/${s.exam.id}${reportQuery({ ...p, format })}"
      download
      aria-label="${s.exam.title} ${format === 'xlsx' ? 'Excel' : 'CSV'}"
      >${format === 'xlsx' ? 'Excel' : 'CSV'}</a
    >`;
  return table(
    stats,
    [
      {
        head: '考试',
        cell: (s) => html`<a href="/app/exams/${s.exam.id}">${s.exam.title}</a>`,
        rowHeader: true,
      },
      { head: '应考', cell: (s) => s.shouldSit },
      { head: '实考', cell: (s) => s.sat },
      { head: '参考率', cell: (s) => fmtPercent(s.participationRate) },
      { head: '合格', cell: (s) => s.passed },
      { head: '合格率', cell: (s) => fmtPercent(s.passRate) },
      { head: '平均分', cell: (s) => s.average ?? '—' },
      { head: '下载', cell: (s) => html`${link(s, 'xlsx')} · ${link(s, 'csv')}` },
    ],
    { id: 'exam-stats-table', caption: '各场考试参考率与合格率', empty: '暂无已发布的考试。' },
  );
}

const section = <T>(id: string, title: string, what: string, l: Loaded<T>, body: (v: T) => SafeHtml) =>
  html`<section aria-labelledby="${id}">
    <h2 id="${id}">${title}</h2>
    ${l.ok ? body(l.value) : unavailable(what, l)}
  </section>`;

export function dashboardPage(d: DashboardData): SafeHtml {
  const base = { asOf: d.asOf, unitId: d.unitId };
  const dashHref = (unitId: number | null) => `/app/dashboard${reportQuery({ unit: unitId, asOf: d.asOf })}`;
  const picker = html`<form method="get" action="/app/dashboard" class="inline-form" aria-label="统计日期">
    ${d.unitId !== null ? html`<input type="hidden" name="unit" value="${d.unitId}" />` : ''}
    <label for="as-of">统计日期（截至）</label>
    <input id="as-of" name="asOf" type="date" value="${d.asOf ?? (d.report.ok ? d.report.value.asOf : '')}" />
    <button type="submit">查看</button>
    ${d.asOf ? html`<a href="${dashHref(d.unitId)}">回到今天</a>` : ''}
  </form>`;
  // The top crumb names the caller's scope (a station manager's station, the bureau), never 全局 for a part.
  const top = d.scope?.name ?? '全局';
  const trail = d.scope && d.trail[0]?.id === d.scope.id ? d.trail.slice(1) : d.trail;
  const crumbs = html`<nav aria-label="层级" class="breadcrumb">
    ${trail.length
      ? html`<a href="${dashHref(null)}">${top}</a>`
      : html`<span aria-current="page">${top}</span>`}
    ${trail.map((t, i) =>
      i === trail.length - 1
        ? html` › <span aria-current="page">${t.name}</span>`
        : html` › <a href="${dashHref(t.id)}">${t.name}</a>`,
    )}
  </nav>`;
  return html`<h1>行政执法资格持证率</h1>
    ${crumbs} ${picker}
    ${d.report.ok ? certificationSections(d, d.report.value) : unavailable('持证率统计', d.report)}
    ${section('trend-h', '月度趋势', '趋势', d.trend, (t) => trendSection(t, d))}
    ${section('uncertified-h', '未持证人员', '未持证名单', d.uncertified, (r) => uncertifiedSection(r, base))}
    ${section('expiring-h', '90 天内到期的证书', '到期名单', d.expiring, (r) => expiringSection(r, base))}
    ${section('hours-h', '学时未达标', '学时统计', d.atRisk, (r) => atRiskSection(r, d))}
    ${section(
      'exams-h',
      '考试参考率与合格率',
      '考试统计',
      d.exams,
      (s) => html`${examCharts(s)} ${examStatsTable(s, { unitId: d.unitId })}`,
    )}
    ${section(
      'annual-h',
      `${d.year}年度报告摘要`,
      '年度报告摘要',
      d.summary,
      (text) =>
        html`<div class="field">
            <label for="annual-summary">可直接复制到年度报告的文字</label>
            <textarea id="annual-summary" rows="10" readonly>${text}</textarea>
          </div>
          <div class="actions">
            <button type="button" data-copy="annual-summary">复制全文</button>
            <span class="muted" role="status" aria-live="polite" data-copy-status="annual-summary"></span>
          </div>
          ${downloads('年度统计表', '/api/reports/annual', { year: d.year, unitId: d.unitId, asOf: d.asOf })}`,
    )}`;
}
