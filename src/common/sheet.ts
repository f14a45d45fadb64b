/**
 * Reads the first sheet of an .xlsx or a .csv into header-keyed rows with their 1-based row numbers (the header
 * is row 1), as every roster and question import needs. Pure apart from exceljs; never throws on bad input:
 * problems come back as Chinese messages.
 */
import ExcelJS from 'exceljs';

export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface Sheet {
  headers: string[];
  /** Column letter of each header. */
  columns: Record<string, string>;
  rows: SheetRow[];
}

export type SheetResult = { ok: true; sheet: Sheet } | { ok: false; message: string };

export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Decodes text bytes: BOM-marked UTF-8/UTF-16, strict UTF-8, else GB18030 (GBK is common in Chinese offices). */
export function decodeText(data: Buffer): { text: string; encoding: string } | { error: string } {
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { text: data.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), encoding: 'utf-16le' };
  }
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), encoding: 'utf-16be' };
  }
  if (data.includes(0)) return { error: '文件不是文本文件（含有二进制内容）' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(data), encoding: 'gb18030' };
    } catch {
      return { error: '无法识别文件编码，请另存为 UTF-8 或 GBK 编码的文本' };
    }
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF, newlines inside quotes. Returns rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function csvEscape(value: unknown): string {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a BOM so that Excel opens the Chinese headers correctly. */
export function toCsv(headers: string[], rows: unknown[][]): Buffer {
  const lines = [headers.map(csvEscape).join(','), ...rows.map((r) => r.map(csvEscape).join(','))];
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

function toSheet(matrix: string[][]): SheetResult {
  const [headerRow, ...body] = matrix;
  if (!headerRow || headerRow.every((h) => h.trim() === '')) return { ok: false, message: '第1行：缺少表头' };
  const headers: string[] = [];
  const columns: Record<string, string> = {};
  headerRow.forEach((h, i) => {
    const name = h.trim();
    if (name) {
      headers.push(name);
      columns[name] = columnLetter(i + 1);
    }
  });
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const record: Record<string, string> = {};
    headerRow.forEach((h, j) => {
      if (h.trim()) record[h.trim()] = (cells[j] ?? '').trim();
    });
    rows.push({ row: i + 2, cells: record });
  });
  return { ok: true, sheet: { headers, columns, rows } };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return value.result == null ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

export async function readSheet(fileName: string, data: Buffer): Promise<SheetResult> {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv') {
    const decoded = decodeText(data);
    if ('error' in decoded) return { ok: false, message: decoded.error };
    return toSheet(parseCsv(decoded.text));
  }
  if (ext !== 'xlsx') return { ok: false, message: `不支持的文件格式：.${ext ?? ''}，请上传 .xlsx 或 .csv` };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: '无法读取 .xlsx 文件：文件已损坏或不是 Excel 工作簿' };
  }
  const ws = workbook.worksheets[0];
  if (!ws) return { ok: false, message: '工作簿中没有工作表' };
  const matrix: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    matrix.push(cells);
  }
  return toSheet(matrix);
}

/** Builds an .xlsx with one sheet of Chinese headers and rows. */
export async function toXlsx(sheetName: string, headers: string[], rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheetName);
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v == null ? '' : v)));
  ws.columns.forEach((col) => (col.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
