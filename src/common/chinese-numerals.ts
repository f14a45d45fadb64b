/** Chinese numerals as used in law texts (第二十二条, 第一百零五条, 第1条). Pure functions. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses '二十二' → 22, '一百零五' → 105, '十' → 10, '1260' → 1260. Returns undefined for anything else. */
export function parseChineseNumber(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^[0-9０-９]+$/.test(s)) {
    return Number(s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  }
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== undefined && digit !== 0 && DIGITS[ch] !== 0) return undefined; // 二三 is not a number
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      if (unit >= lastUnit) return undefined;
      total += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else {
      return undefined;
    }
  }
  return total + (digit ?? 0);
}

/** 22 → '二十二', 105 → '一百零五', 10 → '十', 110 → '一百一十'. Supports 1…9999. */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999)
    throw new RangeError(`cannot write ${n} in Chinese numerals`);
  if (n === 0) return '零';
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const parts: string[] = [];
  const s = String(n);
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i];
    if (d === 0) {
      zero = true;
      continue;
    }
    if (zero && parts.length > 0) parts.push('零');
    zero = false;
    parts.push(digits[d] + unit);
  }
  let out = parts.join('');
  if (n >= 10 && n < 20) out = out.replace(/^一十/, '十');
  return out;
}

/** '第二十二条' style label for an article number. */
export function articleLabel(article: number, paragraph?: number): string {
  return `第${toChineseNumber(article)}条` + (paragraph ? `第${toChineseNumber(paragraph)}款` : '');
}
