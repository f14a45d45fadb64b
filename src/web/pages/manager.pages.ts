import { escapeHtml, fmtPercent, html, raw, SafeHtml } from '../html';

export interface ShareRow {
  unitId?: number;
  name?: string;
  label?: string;
  level?: string | null;
  line?: string;
  enforcementStaff: number;
  certified: number;
  share: number | null;
  children?: ShareRow[];
}

export interface CertificationReport {
  asOf: string;
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
): SafeHtml {
  return html`<div class="table-wrap">
    <table class="table">
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

export interface ExamStat {
  id: number;
  title: string;
  shouldSit: number;
  sat: number;
  passed: number;
  participationRate: number;
  passRate: number;
}

export function examStatsTable(stats: ExamStat[]): SafeHtml {
  return html`<div class="table-wrap">
    <table class="table">
      <caption>
        考试参考率与合格率
      </caption>
      <thead>
        <tr>
          <th scope="col">考试</th>
          <th scope="col">应考</th>
          <th scope="col">实考</th>
          <th scope="col">参考率</th>
          <th scope="col">合格</th>
          <th scope="col">合格率</th>
        </tr>
      </thead>
      <tbody>
        ${stats.map(
          (s) =>
            html`<tr>
              <th scope="row"><a href="/app/exams/${s.id}">${s.title}</a></th>
              <td>${s.shouldSit}</td>
              <td>${s.sat}</td>
              <td>${fmtPercent(s.participationRate)}</td>
              <td>${s.passed}</td>
              <td>${fmtPercent(s.passRate)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function findUnit(
  rows: ShareRow[],
  id: number,
  trail: ShareRow[] = [],
): { node: ShareRow; trail: ShareRow[] } | null {
  for (const r of rows) {
    if (r.unitId === id) return { node: r, trail };
    const found = findUnit(r.children ?? [], id, [...trail, r]);
    if (found) return found;
  }
  return null;
}

export function dashboardPage(
  report: CertificationReport | null,
  unitId: number | null,
  stats: ExamStat[],
  unavailable: string | null,
): SafeHtml {
  const exports = html`<p class="downloads">
    下载： <a href="/api/reports/certification?format=xlsx" download>持证率 Excel（XLSX）</a> ·
    <a href="/api/reports/certification?format=csv" download>持证率 CSV</a>
  </p>`;
  if (!report)
    return html`<h1>行政执法资格持证率</h1>
      <p class="flash error" role="alert">${unavailable ?? '持证率统计暂不可用。'}</p>
      ${examStatsTable(stats)}`;
  const drill = unitId !== null ? findUnit(report.byUnit, unitId) : null;
  const current = drill?.node ?? null;
  const rows = current ? (current.children ?? []) : report.byUnit;
  const unitHref = (r: ShareRow) =>
    r.unitId !== undefined && (r.children ?? []).length ? `/app/dashboard?unit=${r.unitId}` : null;
  const head = current ?? report;
  return html`<h1>行政执法资格持证率</h1>
    <nav aria-label="层级" class="breadcrumb">
      <a href="/app/dashboard">全局</a>
      ${drill
        ? drill.trail.map((t) => html` › <a href="/app/dashboard?unit=${t.unitId}">${rowLabel(t)}</a>`)
        : ''}
      ${current ? html` › <span aria-current="page">${rowLabel(current)}</span>` : ''}
    </nav>
    <section class="kpis" aria-label="总体">
      <div class="kpi">
        <span class="kpi-label">${current ? rowLabel(current) : '全局'}持证率</span>
        <strong id="certified-share">${fmtPercent(head.share)}</strong>
      </div>
      <div class="kpi"><span class="kpi-label">持证人数</span><strong>${head.certified}</strong></div>
      <div class="kpi">
        <span class="kpi-label">执法岗位人数</span><strong>${head.enforcementStaff}</strong>
      </div>
      <div class="kpi"><span class="kpi-label">统计日期</span><strong>${report.asOf}</strong></div>
    </section>
    ${exports}
    ${rows.length
      ? html`${barChart(current ? `${rowLabel(current)}下属单位持证率` : '各单位持证率', rows, unitHref)}
        ${shareTable('各单位持证情况（点击单位名称查看下级）', rows, unitHref)}`
      : html`<p class="muted">该单位没有下级单位。</p>`}
    ${!current && report.byStationLevel?.length
      ? html`${barChart('各级服务站持证率', report.byStationLevel)}${shareTable(
          '各级服务站持证情况',
          report.byStationLevel,
        )}`
      : ''}
    ${!current && report.byLine?.length
      ? html`${barChart('各业务条线持证率', report.byLine)}${shareTable('各业务条线持证情况', report.byLine)}`
      : ''}
    ${examStatsTable(stats)}`;
}
