import { escapeHtml, fmtPercent, html, raw, type SafeHtml } from './html';

export interface Bar {
  label: string;
  /** 0…1, or null when there is nothing to count. */
  share: number | null;
  /** The text at the end of the bar. */
  value: string;
  /** The bar's <title>: the figures behind it. */
  detail: string;
  href?: string | null;
}

const tone = (share: number) => (share >= 0.9 ? 'good' : share >= 0.6 ? 'mid' : 'low');

/**
 * Horizontal bars as inline SVG, one a row, each with a text label and a <title>; the same figures are in a table
 * beside it, so the chart needs no colour vision.
 */
export function barChart(title: string, bars: Bar[], valueWidth = 90): SafeHtml {
  const rowH = 30;
  const labelW = 150;
  const barW = 180;
  const width = labelW + barW + valueWidth;
  const height = Math.max(bars.length * rowH + 10, 20);
  const svg = bars
    .map((b, i) => {
      const y = i * rowH + 5;
      const share = b.share ?? 0;
      const w = Math.max(0, Math.min(1, share)) * barW;
      const label = escapeHtml(b.label.length > 11 ? b.label.slice(0, 10) + '…' : b.label);
      const bar = `<g><title>${escapeHtml(b.detail)}</title>
        <text x="${labelW - 6}" y="${y + 18}" text-anchor="end" class="bar-label">${label}</text>
        <rect x="${labelW}" y="${y + 4}" width="${barW}" height="18" class="bar-bg"></rect>
        <rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="18" class="bar ${tone(share)}"></rect>
        <text x="${labelW + barW + 6}" y="${y + 18}" class="bar-value">${escapeHtml(b.value)}</text></g>`;
      // A linked bar is named by its label and figures (a screen reader reads the link, not the drawing).
      return b.href
        ? `<a href="${escapeHtml(b.href)}" aria-label="${escapeHtml(`${b.label}：${b.detail}`)}">${bar}</a>`
        : bar;
    })
    .join('');
  // With links inside, the chart is a group of links (role=img would hide them from assistive technology).
  const role = bars.some((b) => b.href) ? 'group' : 'img';
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    ${raw(
      `<svg viewBox="0 0 ${width} ${height}" width="100%" role="${role}" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMinYMin meet">${svg}</svg>`,
    )}
  </figure>`;
}

/** Month-end shares as vertical bars, each with its value. */
export function columnChart(
  id: string,
  title: string,
  columns: { label: string; share: number | null; detail: string }[],
): SafeHtml {
  const colW = 44;
  const h = 150;
  const top = 20;
  const width = Math.max(1, columns.length) * colW + 10;
  const bars = columns
    .map((c, i) => {
      const share = Math.max(0, Math.min(1, c.share ?? 0));
      const bh = share * h;
      const x = i * colW + 10;
      const mid = x + (colW - 14) / 2;
      return `<g><title>${escapeHtml(c.detail)}</title>
        <rect x="${x}" y="${(top + h - bh).toFixed(1)}" width="${colW - 14}" height="${bh.toFixed(1)}" class="bar ${tone(share)}"></rect>
        <text x="${mid}" y="${(top + h - bh - 4).toFixed(1)}" text-anchor="middle" class="bar-value">${escapeHtml(c.share === null ? '—' : String(Math.round(share * 100)))}</text>
        <text x="${mid}" y="${top + h + 16}" text-anchor="middle" class="bar-label">${escapeHtml(c.label)}</text></g>`;
    })
    .join('');
  return html`<figure class="chart" id="${id}">
    <figcaption>${title}</figcaption>
    ${raw(
      `<svg viewBox="0 0 ${width} ${top + h + 26}" width="100%" role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMinYMin meet"><line x1="8" x2="${width}" y1="${top + h}" y2="${top + h}" class="axis"></line>${bars}</svg>`,
    )}
  </figure>`;
}

export { fmtPercent };
