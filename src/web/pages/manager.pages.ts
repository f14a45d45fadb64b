import { escapeHtml, fmtPercent, html, raw, SafeHtml } from '../html';

export interface ShareRow {
  unitId?: number;
  name?: string;
  label?: string;
  level?: string | null;
  line?: string;
  key?: string;
  kind?: string;
  enforcementStaff: number;
  certified: number;
  share: number | null;
  children?: ShareRow[];
}

export interface CertificationReport {
  asOf: string;
  unitId?: number | null;
  enforcementStaff: number;
  certified: number;
  share: number | null;
  byUnit: ShareRow[];
  byLine?: ShareRow[];
  byStationLevel?: ShareRow[];
}

const LEVEL_LABELS: Record<string, string> = { district: '区级', street: '街道级', community: '社区级' };
const LINE_LABELS: Record<string, string> = {
  resettlement: '安置',
  rights: '权益维护',
  care: '优抚褒扬',
  employment: '就业创业',
  retiree: '军休',
  'double-support': '双拥',
};

export const rowLabel = (r: ShareRow): string =>
  r.name ??
  r.label ??
  (r.level ? (LEVEL_LABELS[r.level] ?? r.level) : r.line ? (LINE_LABELS[r.line] ?? r.line) : '—');

/**
 * A horizontal bar chart as inline SVG: one bar per row, its share of certified enforcement staff. Each bar has a
 * text label and a <title>, and the same figures are in the table below it, so the chart needs no colour vision.
 */
export function barChart(title: string, rows: ShareRow[], href?: (r: ShareRow) => string | null): SafeHtml {
  const rowH = 30;
  const labelW = 150;
  const barW = 180;
  const width = labelW + barW + 90;
  const height = rows.length * rowH + 10;
  const bars = rows
    .map((r, i) => {
      const y = i * rowH + 5;
      const share = r.share ?? 0;
      const w = Math.max(0, Math.min(1, share)) * barW;
      const text = `${rowLabel(r)}：${fmtPercent(r.share)}（${r.certified}/${r.enforcementStaff}）`;
      const link = href?.(r);
      const label = escapeHtml(rowLabel(r).length > 11 ? rowLabel(r).slice(0, 10) + '…' : rowLabel(r));
      const bar = `<g><title>${escapeHtml(text)}</title>
        <text x="${labelW - 6}" y="${y + 18}" text-anchor="end" class="bar-label">${label}</text>
        <rect x="${labelW}" y="${y + 4}" width="${barW}" height="18" class="bar-bg"></rect>
        <rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="18" class="bar ${share >= 0.9 ? 'good' : share >= 0.6 ? 'mid' : 'low'}"></rect>
        <text x="${labelW + barW + 6}" y="${y + 18}" class="bar-value">${escapeHtml(fmtPercent(r.share))}</text></g>`;
      return link ? `<a href="${escapeHtml(link)}">${bar}</a>` : bar;
    })
    .join('');
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    ${raw(
      `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMinYMin meet">${bars}</svg>`,
    )}
  </figure>`;
}

export function shareTable(
  caption: string,
  rows: ShareRow[],
  href?: (r: ShareRow) => string | null,
  id?: string,
): SafeHtml {
  return html`<div class="table-wrap">
    <table class="table" id="${id ?? ''}">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">名称</th>
          <th scope="col">执法岗位人数</th>
          <th scope="col">持证人数</th>
          <th scope="col">持证率</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((r) => {
          const link = href?.(r);
          return html`<tr>
            <th scope="row">${link ? html`<a href="${link}">${rowLabel(r)}</a>` : rowLabel(r)}</th>
            <td>${r.enforcementStaff}</td>
            <td>${r.certified}</td>
            <td>${fmtPercent(r.share)}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

export interface TrendReport {
  year: number;
  months: { asOf: string; enforcementStaff: number; certified: number; share: number | null }[];
}

interface Person {
  userId: number;
  name: string;
  staffNo: string | null;
  unitName: string | null;
  businessLines: string;
}

export interface UncertifiedReport {
  asOf: string;
  total: number;
  items: (Person & { last: { number: string; expiresOn: string; statusLabel: string } | null })[];
}

export interface ExpiringReport {
  asOf: string;
  days: number;
  total: number;
  items: (Person & { number: string; kindLabel: string; expiresOn: string; daysLeft: number })[];
}

export interface AtRiskReport {
  year: number;
  target: number;
  total: number;
  items: (Person & { hours: number; target: number; shortfall: number })[];
}

export interface ExamStat {
  exam: { id: number; title: string; kindLabel: string };
  shouldSit: number;
  sat: number;
  passed: number;
  participationRate: number | null;
  passRate: number | null;
  average: number | null;
}

export interface DashboardData {
  /** The date asked for (YYYY-MM-DD), or null for today. */
  asOf: string | null;
  unitId: number | null;
  /** From the top of the caller's tree down to the unit shown. */
  trail: { id: number; name: string }[];
  year: number;
  report: CertificationReport | null;
  trend: TrendReport | null;
  uncertified: UncertifiedReport | null;
  expiring: ExpiringReport | null;
  atRisk: AtRiskReport | null;
  exams: ExamStat[];
  summary: string | null;
}

const LINE_NAMES: Record<string, string> = LINE_LABELS;
const linesText = (v: string | string[] | null | undefined): string =>
  (Array.isArray(v) ? v : String(v ?? '').split(','))
    .filter(Boolean)
    .map((l) => LINE_NAMES[l] ?? l)
    .join('、');

/** `?asOf=…&unitId=…&format=…` for an API report, keeping only what is set. */
export function reportQuery(p: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** "下载：Excel · CSV" for one API report with the page's own filters. */
function downloads(
  label: string,
  path: string,
  p: Record<string, string | number | null | undefined>,
): SafeHtml {
  return html`<p class="downloads">
    下载${label}：
    <a href="${path}${reportQuery({ ...p, format: 'xlsx' })}" download>${label} Excel（XLSX）</a> ·
    <a href="${path}${reportQuery({ ...p, format: 'csv' })}" download>${label} CSV</a>
  </p>`;
}

/** Month-end 持证率 as vertical SVG bars, each with its value; the same figures are in the table after it. */
export function trendChart(t: TrendReport): SafeHtml {
  const colW = 44;
  const h = 150;
  const top = 20;
  const width = Math.max(1, t.months.length) * colW + 10;
  const bars = t.months
    .map((m, i) => {
      const share = Math.max(0, Math.min(1, m.share ?? 0));
      const bh = share * h;
      const x = i * colW + 10;
      const month = `${Number(m.asOf.slice(5, 7))}月`;
      const text = `${m.asOf}：${fmtPercent(m.share)}（${m.certified}/${m.enforcementStaff}）`;
      return `<g><title>${escapeHtml(text)}</title>
        <rect x="${x}" y="${(top + h - bh).toFixed(1)}" width="${colW - 14}" height="${bh.toFixed(1)}" class="bar ${share >= 0.9 ? 'good' : share >= 0.6 ? 'mid' : 'low'}"></rect>
        <text x="${x + (colW - 14) / 2}" y="${(top + h - bh - 4).toFixed(1)}" text-anchor="middle" class="bar-value">${escapeHtml(m.share === null ? '—' : String(Math.round(share * 100)))}</text>
        <text x="${x + (colW - 14) / 2}" y="${top + h + 16}" text-anchor="middle" class="bar-label">${escapeHtml(month)}</text></g>`;
    })
    .join('');
  const title = `${t.year}年持证率月度趋势（%）`;
  return html`<figure class="chart" id="trend-chart">
    <figcaption>${title}</figcaption>
    ${raw(
      `<svg viewBox="0 0 ${width} ${top + h + 26}" width="100%" role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMinYMin meet"><line x1="8" x2="${width}" y1="${top + h}" y2="${top + h}" class="axis"></line>${bars}</svg>`,
    )}
  </figure>`;
}

function trendTableHtml(t: TrendReport): SafeHtml {
  return html`<div class="table-wrap">
    <table class="table compact" id="trend-table">
      <caption>
        ${t.year}年各月末持证率
      </caption>
      <thead>
        <tr>
          <th scope="col">截至日期</th>
          <th scope="col">执法岗位人数</th>
          <th scope="col">持证人数</th>
          <th scope="col">持证率</th>
        </tr>
      </thead>
      <tbody>
        ${t.months.map(
          (m) =>
            html`<tr>
              <th scope="row">${m.asOf}</th>
              <td>${m.enforcementStaff}</td>
              <td>${m.certified}</td>
              <td>${fmtPercent(m.share)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function uncertifiedTableHtml(r: UncertifiedReport): SafeHtml {
  return html`<div class="table-wrap">
    <table class="table" id="uncertified-table">
      <caption>
        未持有效执法证的执法岗位人员（${r.total} 人，截至${r.asOf}）
      </caption>
      <thead>
        <tr>
          <th scope="col">姓名</th>
          <th scope="col">工号</th>
          <th scope="col">单位</th>
          <th scope="col">业务条线</th>
          <th scope="col">最近证书</th>
        </tr>
      </thead>
      <tbody>
        ${r.items.length === 0
          ? html`<tr>
              <td colspan="5">全部执法岗位人员均持有效证书。</td>
            </tr>`
          : r.items.map(
              (p) =>
                html`<tr>
                  <th scope="row">${p.name}</th>
                  <td>${p.staffNo ?? ''}</td>
                  <td>${p.unitName ?? ''}</td>
                  <td>${linesText(p.businessLines)}</td>
                  <td>
                    ${p.last
                      ? `${p.last.number}（${p.last.statusLabel}，有效期至${p.last.expiresOn}）`
                      : '无证书'}
                  </td>
                </tr>`,
            )}
      </tbody>
    </table>
  </div>`;
}

function expiringTableHtml(r: ExpiringReport): SafeHtml {
  return html`<div class="table-wrap">
    <table class="table" id="expiring-table">
      <caption>
        ${r.days} 天内到期的证书（${r.total} 本）
      </caption>
      <thead>
        <tr>
          <th scope="col">姓名</th>
          <th scope="col">单位</th>
          <th scope="col">证书</th>
          <th scope="col">编号</th>
          <th scope="col">有效期至</th>
          <th scope="col">剩余天数</th>
        </tr>
      </thead>
      <tbody>
        ${r.items.length === 0
          ? html`<tr>
              <td colspan="6">${r.days} 天内没有到期的证书。</td>
            </tr>`
          : r.items.map(
              (p) =>
                html`<tr>
                  <th scope="row">${p.name}</th>
                  <td>${p.unitName ?? ''}</td>
                  <td>${p.kindLabel}</td>
                  <td>${p.number}</td>
                  <td>${p.expiresOn}</td>
                  <td>${p.daysLeft}</td>
                </tr>`,
            )}
      </tbody>
    </table>
  </div>`;
}

function atRiskTableHtml(r: AtRiskReport): SafeHtml {
  const shown = r.items.slice(0, 50);
  return html`<div class="table-wrap">
    <table class="table" id="at-risk-table">
      <caption>
        ${r.year}年学时未达标的持证人员（${r.total} 人，目标 ${r.target}
        学时${r.items.length > shown.length ? `，此处列出前 ${shown.length} 人，完整名单请下载` : ''}）
      </caption>
      <thead>
        <tr>
          <th scope="col">姓名</th>
          <th scope="col">单位</th>
          <th scope="col">已完成学时</th>
          <th scope="col">尚差学时</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (p) =>
            html`<tr>
              <th scope="row">${p.name}</th>
              <td>${p.unitName ?? ''}</td>
              <td>${p.hours}</td>
              <td>${p.shortfall}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function examStatsTable(stats: ExamStat[], p: Record<string, string | number | null>): SafeHtml {
  return html`<div class="table-wrap">
    <table class="table" id="exam-stats-table">
      <caption>
        各场考试参考率与合格率
      </caption>
      <thead>
        <tr>
          <th scope="col">考试</th>
          <th scope="col">应考</th>
          <th scope="col">实考</th>
          <th scope="col">参考率</th>
          <th scope="col">合格</th>
          <th scope="col">合格率</th>
          <th scope="col">平均分</th>
          <th scope="col">下载</th>
        </tr>
      </thead>
      <tbody>
        ${stats.length === 0
          ? html`<tr>
              <td colspan="8">暂无已发布的考试。</td>
            </tr>`
          : stats.map(
              (s) =>
                html`<tr>
                  <th scope="row"><a href="/app/exams/${s.exam.id}">${s.exam.title}</a></th>
                  <td>${s.shouldSit}</td>
                  <td>${s.sat}</td>
                  <td>${fmtPercent(s.participationRate)}</td>
                  <td>${s.passed}</td>
                  <td>${fmtPercent(s.passRate)}</td>
                  <td>${s.average === null ? '—' : s.average}</td>
                  <td>
                    <a
                      href="/api/reports/exams/${s.exam.id}${reportQuery({ ...p, format: 'xlsx' })}"
                      download
                      aria-label="${s.exam.title} Excel"
                      >Excel</a
                    >
                    ·
                    <a
                      href="/api/reports/exams/${s.exam.id}${reportQuery({ ...p, format: 'csv' })}"
                      download
                      aria-label="${s.exam.title} CSV"
                      >CSV</a
                    >
                  </td>
                </tr>`,
            )}
      </tbody>
    </table>
  </div>`;
}

const unavailable = (what: string) => html`<p class="flash error" role="alert">${what}暂不可用。</p>`;

export function dashboardPage(d: DashboardData): SafeHtml {
  const report = d.report;
  const base = { asOf: d.asOf, unitId: d.unitId };
  const dashHref = (unitId: number | null) => `/app/dashboard${reportQuery({ unit: unitId, asOf: d.asOf })}`;
  const current = d.trail.length ? d.trail[d.trail.length - 1] : null;
  // The API roots byUnit at the unit asked for (or the caller's top unit): its children are the rows.
  const root = report && report.byUnit.length === 1 ? report.byUnit[0] : null;
  const rows = report ? (root ? (root.children ?? []) : report.byUnit) : [];
  const unitHref = (r: ShareRow) => (r.unitId !== undefined ? dashHref(r.unitId) : null);
  const scopeName = current?.name ?? root?.name ?? '全局';
  const picker = html`<form method="get" action="/app/dashboard" class="inline-form" aria-label="统计日期">
    ${d.unitId !== null ? html`<input type="hidden" name="unit" value="${d.unitId}" />` : ''}
    <label for="as-of">统计日期（截至）</label>
    <input id="as-of" name="asOf" type="date" value="${d.asOf ?? report?.asOf ?? ''}" />
    <button type="submit">查看</button>
    ${d.asOf ? html`<a href="${dashHref(d.unitId)}">回到今天</a>` : ''}
  </form>`;
  const crumbs = html`<nav aria-label="层级" class="breadcrumb">
    ${d.trail.length
      ? html`<a href="${dashHref(null)}">全局</a>`
      : html`<span aria-current="page">全局</span>`}
    ${d.trail.map((t, i) =>
      i === d.trail.length - 1
        ? html` › <span aria-current="page">${t.name}</span>`
        : html` › <a href="${dashHref(t.id)}">${t.name}</a>`,
    )}
  </nav>`;
  return html`<h1>行政执法资格持证率</h1>
    ${crumbs} ${picker}
    ${report
      ? html`<section class="kpis" aria-label="总体">
            <div class="kpi">
              <span class="kpi-label">${scopeName}持证率</span>
              <strong id="certified-share">${fmtPercent(report.share)}</strong>
            </div>
            <div class="kpi">
              <span class="kpi-label">持证人数</span><strong id="certified-count">${report.certified}</strong>
            </div>
            <div class="kpi">
              <span class="kpi-label">执法岗位人数</span
              ><strong id="enforcement-count">${report.enforcementStaff}</strong>
            </div>
            <div class="kpi"><span class="kpi-label">统计日期</span><strong>${report.asOf}</strong></div>
          </section>
          ${downloads('持证率', '/api/reports/certification', base)}
          <section aria-labelledby="units-h">
            <h2 id="units-h">${current ? `${current.name}及下级单位` : '各单位'}</h2>
            ${rows.length
              ? html`${barChart(`${scopeName}下属单位持证率`, rows, unitHref)}
                ${shareTable('各单位持证情况（点击单位名称查看下级）', rows, unitHref, 'units-table')}`
              : html`<p class="muted">该单位没有下级单位。</p>`}
          </section>
          ${report.byStationLevel?.length
            ? html`<section aria-labelledby="levels-h">
                <h2 id="levels-h">各级服务站</h2>
                ${barChart('各级服务站持证率', report.byStationLevel)}
                ${shareTable('各级服务站持证情况', report.byStationLevel, undefined, 'levels-table')}
              </section>`
            : ''}
          ${report.byLine?.length
            ? html`<section aria-labelledby="lines-h">
                <h2 id="lines-h">各业务条线</h2>
                ${barChart('各业务条线持证率', report.byLine)}
                ${shareTable('各业务条线持证情况', report.byLine, undefined, 'lines-table')}
              </section>`
            : ''}`
      : unavailable('持证率统计')}
    <section aria-labelledby="trend-h">
      <h2 id="trend-h">月度趋势</h2>
      ${d.trend
        ? html`${trendChart(d.trend)}${trendTableHtml(d.trend)}
          ${downloads('趋势', '/api/reports/certification/trend', { year: d.year, unitId: d.unitId })}`
        : unavailable('趋势')}
    </section>
    <section aria-labelledby="uncertified-h">
      <h2 id="uncertified-h">未持证人员</h2>
      ${d.uncertified
        ? html`${uncertifiedTableHtml(d.uncertified)}
          ${downloads('未持证名单', '/api/reports/certification/uncertified', base)}`
        : unavailable('未持证名单')}
    </section>
    <section aria-labelledby="expiring-h">
      <h2 id="expiring-h">90 天内到期的证书</h2>
      ${d.expiring
        ? html`${expiringTableHtml(d.expiring)}
          ${downloads('到期名单', '/api/reports/certification/expiring', { ...base, days: 90 })}`
        : unavailable('到期名单')}
    </section>
    <section aria-labelledby="hours-h">
      <h2 id="hours-h">学时未达标</h2>
      ${d.atRisk
        ? html`${atRiskTableHtml(d.atRisk)}
          ${downloads('学时未达标名单', '/api/reports/study-hours/at-risk', {
            year: d.year,
            unitId: d.unitId,
          })}`
        : unavailable('学时统计')}
    </section>
    <section aria-labelledby="exams-h">
      <h2 id="exams-h">考试参考率与合格率</h2>
      ${examStatsTable(d.exams, { unitId: d.unitId })}
    </section>
    <section aria-labelledby="annual-h">
      <h2 id="annual-h">${d.year}年度报告摘要</h2>
      ${d.summary !== null
        ? html`<div class="field">
              <label for="annual-summary">可直接复制到年度报告的文字</label>
              <textarea id="annual-summary" rows="10" readonly>${d.summary}</textarea>
            </div>
            <div class="actions">
              <button type="button" data-copy="annual-summary">复制全文</button>
              <span class="muted" role="status" aria-live="polite" data-copy-status="annual-summary"></span>
            </div>
            ${downloads('年度统计表', '/api/reports/annual', {
              year: d.year,
              unitId: d.unitId,
              asOf: d.asOf,
            })}`
        : unavailable('年度报告摘要')}
    </section>`;
}
