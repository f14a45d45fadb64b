/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text starts with = + - @, a tab or a carriage
 * return is run as a formula by Excel and WPS (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`). Every CSV and XLSX download
 * passes its cells through `neutraliseCell`, which prefixes such text with a single quote so it shows as text.
 * Only text is touched: a number — a real negative number included — stays a number. Reading an .xlsx back
 * (`restoreCell`) removes exactly that prefix, so an exported question bank re-imports unchanged. Pure.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** Formula text, or text that already starts with quotes before it (prefixed too, so restoreCell is exact). */
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;

/** Whether a text cell would be taken for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Text that would start a formula gets a leading `'`; every other value (numbers, dates, safe text) is unchanged. */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' && NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/** The inverse for text read back from our own exports: `'=…` becomes `=…`; any other text is unchanged. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && NEEDS_PREFIX.test(text.slice(1)) ? text.slice(1) : text;
}
