/**
 * Spreadsheets as every import reads them (roster, question banks): the first worksheet of an .xlsx, or a CSV in
 * UTF-8/UTF-16/GBK, as rows of text cells; plus the header-keyed rows the roster import uses and writers for
 * downloads. Never throws on bad input: problems come back as Chinese messages.
 */
import * as path from 'node:path';
import { jobEventsOf, type ProgressReporter } from './import-progress';
import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import { csvToSheet, writeCsv, type Sheet } from './csv';
import { neutraliseCell, restoreCell } from './formula-guard';
import { decodeText, DecodeError } from './text-decode';
import { checkUploadLimits, uploadLimits, type UploadLimits } from './upload-limits';
import { runInWorker } from './worker-pool';
import { checkZip } from './zip-guard';

/** 0 → 'A', 25 → 'Z', 26 → 'AA' (spreadsheet column letters). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function formatNumber(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n);
}

function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** Any exceljs cell value as the text the trainer sees: rich text joined, formula results, dates as YYYY-MM-DD. */
export function cellText(value: CellValue | unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return v.richText.map((part) => cellText((part as { text?: unknown })?.text)).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('error' in v) return String(v.error);
    if ('text' in v) return cellText(v.text);
  }
  return String(value);
}

function worksheetToSheet(ws: Worksheet): Sheet {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      // Text our own exports prefixed against formula injection reads back as it was.
      cells[colNumber - 1] = restoreCell(cellText(cell.value));
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return { name: ws.name, rows: Array.from(rows, (r) => r ?? []) };
}

/** Reads every worksheet of an .xlsx file, in workbook order. Never throws: a bad file gives an issue. */
export async function readXlsxSheets(
  data: Buffer,
): Promise<{ sheets: Sheet[] } | { error: { message: string } }> {
  const refused = checkZip(data, 'Excel（.xlsx）');
  if (refused) return { error: { message: refused } };
  const wb = new Workbook();
  try {
    await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    return {
      error: {
        message: `无法读取 Excel 文件，文件可能已损坏或不是 .xlsx 格式（${errorText(e).slice(0, 100)}）。请用 Excel/WPS 另存为 .xlsx 后重新上传`,
      },
    };
  }
  if (!wb.worksheets.length) return { error: { message: 'Excel 文件中没有工作表' } };
  const sheets: Sheet[] = [];
  for (const ws of wb.worksheets) {
    try {
      sheets.push(worksheetToSheet(ws));
    } catch (e) {
      return { error: { message: `无法读取 Excel 工作表“${ws.name}”（${errorText(e).slice(0, 100)}）` } };
    }
  }
  return { sheets };
}

/** Reads the first worksheet of an .xlsx file. Never throws: a bad file gives an issue. */
export async function readXlsxSheet(
  data: Buffer,
): Promise<{ sheet: Sheet } | { error: { message: string } }> {
  const read = await readXlsxSheets(data);
  return 'error' in read ? read : { sheet: read.sheets[0] };
}

/** A row keyed by header, with its 1-based row number (the header is row 1). */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface KeyedSheet {
  headers: string[];
  /** Column letter of each header. */
  columns: Record<string, string>;
  rows: SheetRow[];
}

export type KeyedSheetResult = { ok: true; sheet: KeyedSheet } | { ok: false; message: string };

function keyed(matrix: string[][]): KeyedSheetResult {
  const [headerRow, ...body] = matrix;
  if (!headerRow || headerRow.every((h) => (h ?? '').trim() === ''))
    return { ok: false, message: '第1行：缺少表头' };
  const headers: string[] = [];
  const columns: Record<string, string> = {};
  headerRow.forEach((h, i) => {
    const name = (h ?? '').trim();
    if (name) {
      headers.push(name);
      columns[name] = columnLetter(i);
    }
  });
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    if (!cells || cells.every((c) => (c ?? '').trim() === '')) return;
    const record: Record<string, string> = {};
    headerRow.forEach((h, j) => {
      if ((h ?? '').trim()) record[h.trim()] = (cells[j] ?? '').trim();
    });
    rows.push({ row: i + 2, cells: record });
  });
  return { ok: true, sheet: { headers, columns, rows } };
}

/** The first sheet of an .xlsx or a .csv as header-keyed rows. */
export async function readKeyedSheet(fileName: string, data: Buffer): Promise<KeyedSheetResult> {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv') {
    try {
      const sheet = csvToSheet(decodeText(data).text);
      if (sheet.unclosedQuoteRow !== undefined) {
        return { ok: false, message: `第${sheet.unclosedQuoteRow}行：引号没有闭合` };
      }
      return keyed(sheet.rows);
    } catch (e) {
      if (e instanceof DecodeError) return { ok: false, message: e.message };
      throw e;
    }
  }
  if (ext !== 'xlsx') return { ok: false, message: `不支持的文件格式：.${ext ?? ''}，请上传 .xlsx 或 .csv` };
  const read = await readXlsxSheet(data);
  return 'error' in read ? { ok: false, message: read.error.message } : keyed(read.sheet.rows);
}

/** Worker side of readKeyedSheetInWorker: the upload limits, then readKeyedSheet. */
export async function readKeyedSheetJob(
  fileName: string,
  data: Buffer,
  limits: UploadLimits,
): Promise<KeyedSheetResult> {
  await checkUploadLimits(fileName, data, limits);
  return readKeyedSheet(fileName, data);
}

/**
 * readKeyedSheet of an upload, in a worker thread (see runInWorker) after the upload limits: a 413 naming the
 * limit for a file over it, the same result as readKeyedSheet otherwise.
 */
export function readKeyedSheetInWorker(
  fileName: string,
  data: Buffer,
  progress?: ProgressReporter,
): Promise<KeyedSheetResult> {
  return runInWorker(
    path.join(__dirname, 'sheet'),
    'readKeyedSheetJob',
    [fileName, data, uploadLimits()],
    jobEventsOf(progress),
  );
}

/** CSV with a BOM so that Excel opens the Chinese headers correctly; text that would run as a formula is quoted. */
export function toCsv(headers: string[], rows: unknown[][]): Buffer {
  const cell = (v: unknown) => (v == null ? '' : String(neutraliseCell(v)));
  const text = writeCsv([headers.map(cell), ...rows.map((r) => r.map(cell))]);
  return Buffer.from('\ufeff' + text, 'utf8');
}

/** An .xlsx with one sheet of Chinese headers and rows; text that would run as a formula is quoted, numbers stay. */
export async function toXlsx(sheetName: string, headers: string[], rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const ws = workbook.addWorksheet(sheetName);
  ws.addRow(headers.map(neutraliseCell)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v == null ? '' : neutraliseCell(v))));
  ws.columns.forEach((col) => (col.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------- desk: formatted report workbooks ----------

/** How a report column shows in Excel: rates as percentages, days as dates. */
export type ColumnFormat = 'text' | 'number' | 'percent' | 'date';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Columns a text takes in a spreadsheet: Chinese characters and full-width punctuation count two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** A cell as Excel will show it under its format (what the column's width must hold). */
function shownText(v: unknown, format: ColumnFormat | undefined): string {
  if (v === null || v === undefined) return '';
  if (format === 'percent' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`;
  if (format === 'date') return String(v).slice(0, 10);
  return String(v);
}

/**
 * Column widths fitted to the header and every cell (in Excel's character units): the widest entry plus a margin,
 * at least `min` and at most `max` (a long text wraps rather than making the sheet unreadable). Pure.
 */
export function columnWidths(
  headers: string[],
  rows: unknown[][],
  formats: (ColumnFormat | undefined)[] = [],
  o: { min?: number; max?: number } = {},
): number[] {
  const min = o.min ?? 6;
  const max = o.max ?? 60;
  return headers.map((h, i) => {
    const widest = rows.reduce(
      (w, r) => Math.max(w, displayWidth(shownText(r[i], formats[i]))),
      displayWidth(h),
    );
    return Math.min(max, Math.max(min, widest + 2));
  });
}

/** 'YYYY-MM-DD' as a Date at UTC midnight (Excel shows it as that calendar day); anything else unchanged. */
function dateCell(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00.000Z`);
  return v;
}

/**
 * A report as an .xlsx: a title row, a row with the scope and the as-of date, then the header row (frozen, so it
 * stays in view while scrolling) and the rows, with rates as percentages, days as real dates and widths fitted to
 * content. Text that would run as a formula is quoted (formula-guard); numbers stay numbers.
 */
export async function toReportXlsx(o: {
  sheetName: string;
  title: string;
  subtitle: string;
  headers: string[];
  rows: unknown[][];
  formats?: (ColumnFormat | undefined)[];
  /** Per row, formats that override `formats` (e.g. the rate rows of a list of figures). */
  rowFormats?: ((ColumnFormat | undefined)[] | undefined)[];
}): Promise<Buffer> {
  const formats = o.formats ?? [];
  const workbook = new Workbook();
  const ws = workbook.addWorksheet(o.sheetName, { views: [{ state: 'frozen', ySplit: 3 }] });
  const span = Math.max(1, o.headers.length);
  ws.addRow([neutraliseCell(o.title)]).font = { bold: true, size: 14 };
  ws.addRow([neutraliseCell(o.subtitle)]);
  ws.mergeCells(1, 1, 1, span);
  ws.mergeCells(2, 1, 2, span);
  ws.addRow(o.headers.map(neutraliseCell)).font = { bold: true };
  const rows = o.rows.map((r) => r.map((v) => (v == null ? '' : neutraliseCell(v))));
  rows.forEach((r, n) => {
    const own = o.rowFormats?.[n];
    const added = ws.addRow(r.map((v, i) => ((own?.[i] ?? formats[i]) === 'date' ? dateCell(v) : v)));
    own?.forEach((f, i) => {
      if (f === 'percent') added.getCell(i + 1).numFmt = '0.0%';
      if (f === 'date') added.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  });
  const widths = columnWidths(o.headers, rows, formats);
  widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    if (formats[i] === 'percent') col.numFmt = '0.0%';
    if (formats[i] === 'date') col.numFmt = 'yyyy-mm-dd';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
