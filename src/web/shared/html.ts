export { escapeHtml, html, jsonScript, raw, SafeHtml } from '../../common/html';

const pad = (n: number) => String(n).padStart(2, '0');

/** A date-time in China Standard Time (UTC+8), as staff read it. */
export function fmtDateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = new Date(new Date(v).getTime() + 8 * 3600_000);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const fmtPercent = (share: number | null | undefined): string =>
  share === null || share === undefined || Number.isNaN(share) ? '—' : `${(share * 100).toFixed(1)}%`;
