/** The six business lines (业务条线) and the curricula (common + lines). */
export const BUSINESS_LINES = [
  'resettlement',
  'rights',
  'care',
  'employment',
  'retiree',
  'double-support',
] as const;
export type BusinessLine = (typeof BUSINESS_LINES)[number];

export const BUSINESS_LINE_LABELS: Record<BusinessLine, string> = {
  resettlement: '安置',
  rights: '权益维护',
  care: '优抚褒扬',
  employment: '就业创业',
  retiree: '军休',
  'double-support': '双拥',
};

/** The common curriculum plus the six business lines. */
export const CURRICULA = ['common', ...BUSINESS_LINES] as const;
export type Curriculum = (typeof CURRICULA)[number];

export const CURRICULUM_LABELS: Record<Curriculum, string> = {
  common: '共同科目',
  ...BUSINESS_LINE_LABELS,
};

export function isBusinessLine(value: string): value is BusinessLine {
  return (BUSINESS_LINES as readonly string[]).includes(value);
}

/** Accepts a code or its Chinese label ('优抚褒扬', '优抚'). */
export function parseBusinessLine(value: string): BusinessLine | undefined {
  const v = value.trim();
  if (isBusinessLine(v)) return v;
  for (const line of BUSINESS_LINES) {
    const label = BUSINESS_LINE_LABELS[line];
    if (label === v || (v.length >= 2 && label.startsWith(v))) return line;
  }
  return undefined;
}

/** Stored as ',care,rights,' so a line can be matched with LIKE '%,care,%' on every database. */
export function encodeLines(lines: readonly string[]): string {
  const sorted = [...new Set(lines)].sort();
  return sorted.length ? `,${sorted.join(',')},` : '';
}

export function decodeLines(stored: string | null | undefined): BusinessLine[] {
  return (stored ?? '').split(',').filter(isBusinessLine);
}
