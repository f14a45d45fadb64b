/** Pure certificate rules: dates, numbers, derived status, masking. No Nest or TypeORM here. */
import { randomInt } from 'node:crypto';

export type CertificateStatus = 'valid' | 'not-yet-valid' | 'expired' | 'suspended' | 'revoked';
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: '有效',
  'not-yet-valid': '未生效',
  expired: '已过期',
  suspended: '已暂停',
  revoked: '已吊销',
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Date as its UTC calendar day, 'YYYY-MM-DD'. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Reads a calendar day as people type it: 2026-05-01, 2026/5/1, 2026.5.1, 2026年5月1日, 20260501. Returns
 * 'YYYY-MM-DD', or undefined for anything else or a day that does not exist (2026-02-30).
 */
export function parseDay(text: string): string | undefined {
  const t = text.trim();
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return isoDay(date);
}

export function isDay(text: string): boolean {
  return DAY.test(text) && parseDay(text) === text;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** Last valid day of a certificate issued on `issuedOn` for `years` years: 2026-05-12 + 5 → 2031-05-11. */
export function defaultExpiry(issuedOn: string, years: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number);
  // 29 February + n years falls on 1 March in a common year; the day before is 28 February either way.
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return isoDay(anniversary);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A number pattern with `{year}` and `{seq}` / `{seq:5}` (zero-padded). `counterKey` is the pattern with the
 * year filled in: each key counts on its own, so numbering starts again at 1 every year.
 */
export function counterKey(pattern: string, year: number): string {
  return pattern.replace(/\{year\}/g, String(year));
}

export function formatNumber(pattern: string, year: number, seq: number): string {
  return counterKey(pattern, year).replace(/\{seq(?::(\d))?\}/g, (_, width?: string) =>
    String(seq).padStart(width ? Number(width) : 1, '0'),
  );
}

export interface CertificateDates {
  issuedOn: string;
  expiresOn: string;
  status: 'suspended' | 'revoked' | null;
  statusSince: string | null;
}

/** The status on a day: a stored suspension/revocation applies from its day on; otherwise the dates decide. */
export function statusOn(c: CertificateDates, day: string): CertificateStatus {
  if (c.status && (c.statusSince == null || c.statusSince <= day)) return c.status;
  if (day < c.issuedOn) return 'not-yet-valid';
  if (day > c.expiresOn) return 'expired';
  return 'valid';
}

export function isValidOn(c: CertificateDates, day: string): boolean {
  return statusOn(c, day) === 'valid';
}

/** 王小明 → 王**, 李四 → 李*: enough to recognise a certificate, not enough to identify a person. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A verification code printed on the certificate: 10 characters, no look-alikes (0/O, 1/I). */
export function randomVerificationCode(length = 10): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}
