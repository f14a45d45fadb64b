/**
 * How many articles a document has in all, where the catalogue says so: its note states it as 共十章八十五条 /
 * 共11章65条 / 共三十条. Used to label an excerpt (节选：收录 53 条，全文共 85 条). Pure.
 */
import { parseChineseNumber } from '../common/chinese-numerals';

const NUM = '([0-9]+|[零〇一二三四五六七八九十百千]+)';
const TOTAL = new RegExp(`共(?:${NUM}[编章])?${NUM}条`);

export function totalArticlesFromNote(note: string | null | undefined): number | null {
  const m = TOTAL.exec(note ?? '');
  if (!m) return null;
  const raw = m[2];
  const n = /^[0-9]+$/.test(raw) ? Number(raw) : parseChineseNumber(raw);
  return n && n > 0 ? n : null;
}
