/**
 * Limits an uploaded file must meet before a parser opens it, so the largest file a parser ever sees has a known
 * memory cost: how much an .xlsx/.docx unpacks to, and how large a spreadsheet's grid is (rows × columns: the
 * readers build a dense row of every column up to the last one used). Measured without building the grid: the
 * worksheet XML is inflated as a stream and only its `<row>` and `<c r="…">` tags are looked at. Messages are
 * Chinese and name the limit.
 */
import { createInflateRaw } from 'node:zlib';
import { detectDelimiter } from './csv';
import { AppError } from './errors';
import { decodeText, DecodeError } from './text-decode';
import { formatBytes } from './upload';
import { entryBytes, readZipEntries, ZipError, type ZipEntry } from './zip-guard';

export interface UploadLimits {
  /** Most cells of a spreadsheet's grid (rows × columns), all worksheets together. */
  maxCells: number;
  /** Most bytes an .xlsx/.docx may unpack to. */
  maxUnpackedBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxCells: 200_000, maxUnpackedBytes: 30 * 1024 * 1024 };

let configured: UploadLimits = DEFAULT_UPLOAD_LIMITS;

/** The limits every upload is held to (IMPORT_MAX_CELLS, IMPORT_MAX_UNPACKED_MB); the app sets them at start. */
export function setUploadLimits(limits: UploadLimits): void {
  configured = limits;
}

export function uploadLimits(): UploadLimits {
  return configured;
}

export interface Grid {
  rows: number;
  columns: number;
  /** Counting stopped once past the limit: the file has at least this many. */
  atLeast?: boolean;
}

const thousands = (n: number) => n.toLocaleString('en-US');

function gridProblem(g: Grid, limits: UploadLimits): string | undefined {
  if (g.rows * g.columns <= limits.maxCells) return undefined;
  return `表格过大：${g.atLeast ? '至少' : '共'} ${thousands(g.rows)} 行 × ${thousands(g.columns)} 列（${thousands(g.rows * g.columns)} 个单元格），超过上限 ${thousands(limits.maxCells)} 个单元格（行数 × 列数），请拆分后分批导入`;
}

function unpackedProblem(entries: ZipEntry[], limits: UploadLimits): string | undefined {
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total <= limits.maxUnpackedBytes) return undefined;
  return `文件解压后为 ${formatBytes(total)}，超过上限 ${formatBytes(limits.maxUnpackedBytes)}，请删除图片等无关内容或拆分后上传`;
}

/** 'A' → 1, 'Z' → 26, 'AA' → 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Tracks rows and the widest row of worksheet XML fed in pieces (tags may be split between pieces). */
export class SheetXmlGrid {
  rows = 0;
  columns = 0;
  private cellsInRow = 0;
  private carry = '';

  feed(text: string): void {
    let s = this.carry + text;
    // Keep an unfinished tag for the next piece.
    const open = s.lastIndexOf('<');
    if (open >= 0 && s.indexOf('>', open) < 0) {
      this.carry = s.slice(open);
      s = s.slice(0, open);
    } else this.carry = '';
    const tags = /<row[\s>/]|<c[\s>/][^>]*/g;
    for (let m = tags.exec(s); m; m = tags.exec(s)) {
      if (m[0].startsWith('<row')) {
        this.rows++;
        this.cellsInRow = 0;
        continue;
      }
      this.cellsInRow++;
      const ref = /\br="([A-Z]{1,3})\d+"/.exec(m[0]);
      this.columns = Math.max(this.columns, ref ? columnNumber(ref[1]) : this.cellsInRow);
    }
  }
}

/** Inflates one worksheet entry as a stream into `grid`; stops early once `over()` says the limit is passed. */
function scanEntry(data: Buffer, entry: ZipEntry, grid: SheetXmlGrid, over: () => boolean): Promise<void> {
  const raw = entryBytes(data, entry);
  if (!raw) return Promise.reject(new ZipError('bad local header'));
  if (entry.method === 0) {
    grid.feed(raw.toString('latin1'));
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    inflate.on('data', (chunk: Buffer) => {
      // latin1 keeps every ASCII byte as itself: tags and cell references are ASCII.
      grid.feed(chunk.toString('latin1'));
      if (over()) {
        inflate.destroy();
        resolve();
      }
    });
    inflate.on('end', () => resolve());
    inflate.on('error', reject);
    inflate.end(raw);
  });
}

/** The grid of every worksheet of an .xlsx: rows summed, the widest column count. */
export async function xlsxGrid(data: Buffer, stopAbove = Infinity): Promise<Grid> {
  const entries = readZipEntries(data).filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));
  const total: Grid = { rows: 0, columns: 0 };
  for (const entry of entries) {
    const grid = new SheetXmlGrid();
    const size = () => (total.rows + grid.rows) * Math.max(total.columns, grid.columns);
    await scanEntry(data, entry, grid, () => size() > stopAbove);
    total.rows += grid.rows;
    total.columns = Math.max(total.columns, grid.columns);
    if (total.rows * total.columns > stopAbove) return { ...total, atLeast: true };
  }
  return total;
}

/** Rows and the widest row of CSV text (quoted line breaks and delimiters do not count). */
export function csvGrid(text: string): Grid {
  const delimiter = detectDelimiter(text);
  let rows = 0;
  let columns = 0;
  let fields = 1;
  let inQuotes = false;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === delimiter) fields++;
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      rows++;
      columns = Math.max(columns, fields);
      fields = 1;
      empty = true;
      continue;
    }
    empty = false;
  }
  if (!empty || fields > 1) {
    rows++;
    columns = Math.max(columns, fields);
  }
  return { rows, columns };
}

const extension = (fileName: string) => (/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();

/**
 * Why an upload is refused before parsing, or undefined. Files that are not what their extension says are left
 * to the parsers, which explain that better.
 */
export async function uploadLimitProblem(
  fileName: string,
  data: Buffer,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<string | undefined> {
  const ext = extension(fileName);
  if (ext === 'xlsx' || ext === 'docx') {
    let entries: ZipEntry[];
    try {
      entries = readZipEntries(data);
    } catch {
      return undefined;
    }
    const unpacked = unpackedProblem(entries, limits);
    if (unpacked || ext === 'docx') return unpacked;
    try {
      return gridProblem(await xlsxGrid(data, limits.maxCells), limits);
    } catch {
      return undefined;
    }
  }
  if (ext === 'csv') {
    try {
      return gridProblem(csvGrid(decodeText(data).text), limits);
    } catch (e) {
      if (e instanceof DecodeError) return undefined;
      throw e;
    }
  }
  return undefined;
}

/** Throws the 413 of an upload over a limit (run in the worker, before the parser). */
export async function checkUploadLimits(fileName: string, data: Buffer, limits: UploadLimits): Promise<void> {
  const problem = await uploadLimitProblem(fileName, data, limits);
  if (problem) throw new AppError(413, `${fileName}：${problem}`, [{ field: 'file', message: problem }]);
}
