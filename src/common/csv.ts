/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CRLF, line breaks inside quotes) read into the same sheet model as
 * an Excel worksheet, so one spreadsheet parser serves both. Pure.
 */

/** A worksheet as plain text cells: `rows[r][c]` is row r + 1, column c + 1 ('' for an empty cell). */
export interface Sheet {
  name: string;
  rows: string[][];
}

export interface CsvParse {
  rows: string[][];
  /** Set when a quoted field is never closed: the (1-based) row where it opened. */
  unclosedQuoteRow?: number;
}

const DELIMITERS = [',', '\t', ';'];

/** The delimiter of the first line: whichever of `,` tab `;` occurs most often outside quotes (default `,`). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Parses CSV text into rows of fields. A quote that is not at the start of a field is kept literally (as Excel
 * does); a quoted field that never closes runs to the end of the text and is reported.
 */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): CsvParse {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
  let quoteRow: number | undefined;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
      quoteRow = rows.length + 1;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (fieldStarted || field !== '' || row.length > 0) endRow();
  return inQuotes ? { rows, unclosedQuoteRow: quoteRow } : { rows };
}

/** CSV text as a sheet. */
export function csvToSheet(text: string, name = 'CSV'): Sheet & { unclosedQuoteRow?: number } {
  const parsed = parseCsv(text);
  return parsed.unclosedQuoteRow === undefined
    ? { name, rows: parsed.rows }
    : { name, rows: parsed.rows, unclosedQuoteRow: parsed.unclosedQuoteRow };
}

function quoteField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes rows as CSV (CRLF line ends, fields quoted only when needed). */
export function writeCsv(rows: string[][], delimiter = ','): string {
  return rows.map((r) => r.map((v) => quoteField(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
