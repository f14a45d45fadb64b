/**
 * The text of a .docx as a trainer sees it in Word, line by line: one line per paragraph, a soft line break
 * (Shift+Enter, `<w:br/>`) starts a new line, Word's automatic numbering is written out (`1.`, `（一）`, `A.` — it
 * lives in numbering.xml, not in the text), and a table row is one line with its cells separated by tabs (options
 * laid out in a table). Line numbers are paragraph numbers (a soft break keeps its paragraph's number). Reads the
 * ZIP itself (after checkZip) and the XML with a small tokenizer: pure and synchronous, so it can run in a worker.
 */
import { inflateRawSync } from 'node:zlib';
import type { ImportIssue } from '../question.types';
import { checkZip, readZipEntries, type ZipEntry } from '../../common/zip-guard';
import { toChineseNumber } from '../../common/chinese-numerals';
import { decodeEntities, errorText, type SourceLine } from './common';

function entryText(data: Buffer, entry: ZipEntry): string {
  const at = entry.localHeaderOffset;
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  const out =
    entry.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  return out.toString('utf8');
}

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Numbering {
  /** numId → its abstract definition's levels, with start overrides applied. */
  levels: Map<string, Map<number, Level>>;
  /** numId → the abstractNumId it uses (lists sharing a definition share counters in Word). */
  abstractOf: Map<string, string>;
  /** numId → levels it restarts (w:startOverride: Word's “restart numbering” gives a list a new w:num). */
  restarts: Map<string, Set<number>>;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? decodeEntities(m[1]) : undefined;
}

function readNumbering(xml: string | undefined): Numbering {
  const levels = new Map<string, Map<number, Level>>();
  const abstractOf = new Map<string, string>();
  const restarts = new Map<string, Set<number>>();
  if (!xml) return { levels, abstractOf, restarts };
  const abstracts = new Map<string, Map<number, Level>>();
  for (const a of xml.matchAll(/<w:abstractNum\b([^>]*)>([\s\S]*?)<\/w:abstractNum>/g)) {
    const id = attr(a[1], 'w:abstractNumId') ?? '';
    const lv = new Map<number, Level>();
    for (const l of a[2].matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
      const ilvl = Number(attr(l[1], 'w:ilvl') ?? 0);
      const start = /<w:start\b([^>]*)\/?>/.exec(l[2]);
      const fmt = /<w:numFmt\b([^>]*)\/?>/.exec(l[2]);
      const text = /<w:lvlText\b([^>]*)\/?>/.exec(l[2]);
      lv.set(ilvl, {
        start: Number((start && attr(start[1], 'w:val')) ?? 1),
        format: (fmt && attr(fmt[1], 'w:val')) ?? 'decimal',
        text: (text && attr(text[1], 'w:val')) ?? `%${ilvl + 1}.`,
      });
    }
    abstracts.set(id, lv);
  }
  for (const n of xml.matchAll(/<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g)) {
    const numId = attr(n[1], 'w:numId') ?? '';
    const ref = /<w:abstractNumId\b([^>]*)\/?>/.exec(n[2]);
    const abstractId = (ref && attr(ref[1], 'w:val')) ?? '';
    const base = abstracts.get(abstractId);
    if (!base) continue;
    const lv = new Map([...base].map(([k, v]) => [k, { ...v }]));
    for (const o of n[2].matchAll(/<w:lvlOverride\b([^>]*)>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const ilvl = Number(attr(o[1], 'w:ilvl') ?? 0);
      const so = /<w:startOverride\b([^>]*)\/?>/.exec(o[2]);
      if (so && lv.has(ilvl)) {
        lv.get(ilvl)!.start = Number(attr(so[1], 'w:val') ?? 1);
        restarts.set(numId, (restarts.get(numId) ?? new Set()).add(ilvl));
      }
    }
    levels.set(numId, lv);
    abstractOf.set(numId, abstractId);
  }
  return { levels, abstractOf, restarts };
}

/** Paragraph styles that carry numbering (Word's “List Number”, numbered headings). */
function readStyleNumbering(xml: string | undefined): Map<string, { numId: string; ilvl: number }> {
  const out = new Map<string, { numId: string; ilvl: number }>();
  if (!xml) return out;
  for (const s of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(s[1], 'w:styleId');
    const numId = /<w:numId\b([^>]*)\/?>/.exec(s[2]);
    const ilvl = /<w:ilvl\b([^>]*)\/?>/.exec(s[2]);
    if (id && numId)
      out.set(id, {
        numId: attr(numId[1], 'w:val') ?? '',
        ilvl: Number((ilvl && attr(ilvl[1], 'w:val')) ?? 0),
      });
  }
  return out;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

function letters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** A number in a list level's format (decimal, chineseCounting, upperLetter …). */
function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'ideographTraditional':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return toChineseNumber(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalFullWidth':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Wingdings and Symbol characters Word uses for ticks and crosses in 判断题. */
const SYMBOLS: Record<string, string> = { F0FC: '√', F0FB: '×', F0FE: '√', F0FD: '×', F0D6: '√', F0B4: '×' };

interface Para {
  /** Lines of the paragraph (soft breaks split it). */
  lines: string[];
  numId?: string;
  ilvl: number;
  style?: string;
}

/**
 * The lines of a .docx. Never throws: a file that is not a readable .docx gives one issue saying what to do.
 */
export function readDocxLines(data: Buffer): { lines: SourceLine[] } | { error: ImportIssue } {
  const refused = checkZip(data, 'Word（.docx）');
  if (refused) return { error: { message: refused } };
  let document: string | undefined;
  let numberingXml: string | undefined;
  let stylesXml: string | undefined;
  try {
    for (const entry of readZipEntries(data)) {
      if (entry.name === 'word/document.xml') document = entryText(data, entry);
      else if (entry.name === 'word/numbering.xml') numberingXml = entryText(data, entry);
      else if (entry.name === 'word/styles.xml') stylesXml = entryText(data, entry);
    }
  } catch (e) {
    return {
      error: {
        message: `无法读取 Word 文件，文件可能已损坏（${errorText(e).slice(0, 100)}）。请用 Word/WPS 另存为 .docx 后重新上传`,
      },
    };
  }
  if (document === undefined) {
    return {
      error: { message: '文件中没有 Word 正文（word/document.xml），请确认上传的是 Word 文档（.docx）' },
    };
  }
  const numbering = readNumbering(numberingXml);
  const styles = readStyleNumbering(stylesXml);
  const paragraphs = readBody(document);
  const counters = new Map<string, number[]>();
  /** List instances (numId, level) already used: a restart applies at their first paragraph only. */
  const begun = new Set<string>();
  const lines: SourceLine[] = [];
  let no = 0;
  for (const item of paragraphs) {
    if ('row' in item) {
      no++;
      const first = no;
      no += Math.max(0, item.paragraphs - 1);
      lines.push({ no: first, text: item.row });
      continue;
    }
    no++;
    let prefix = '';
    const styled = item.style ? styles.get(item.style) : undefined;
    const numId = item.numId ?? styled?.numId;
    const ilvl = item.numId !== undefined ? item.ilvl : (styled?.ilvl ?? 0);
    const levels = numId !== undefined ? numbering.levels.get(numId) : undefined;
    if (numId !== undefined && numId !== '0' && levels) {
      const key = numbering.abstractOf.get(numId) ?? numId;
      const count = counters.get(key) ?? [];
      if (numbering.restarts.get(numId)?.has(ilvl) && !begun.has(`${numId}:${ilvl}`)) {
        count.length = ilvl;
      }
      begun.add(`${numId}:${ilvl}`);
      for (let k = 0; k <= ilvl; k++) if (count[k] === undefined) count[k] = (levels.get(k)?.start ?? 1) - 1;
      count[ilvl]++;
      count.length = ilvl + 1;
      counters.set(key, count);
      const level = levels.get(ilvl);
      if (level && level.format !== 'bullet') {
        prefix = level.text.replace(/%([1-9])/g, (_, d: string) => {
          const k = Number(d) - 1;
          return formatNumber(count[k] ?? levels.get(k)?.start ?? 1, levels.get(k)?.format ?? 'decimal');
        });
        if (prefix && !/\s$/.test(prefix)) prefix += ' ';
      }
    }
    item.lines.forEach((text, k) => lines.push({ no, text: k === 0 ? prefix + text : text }));
  }
  return { lines };
}

type BodyItem = Para | { row: string; paragraphs: number };

/** Paragraphs and table rows of document.xml, in order. */
function readBody(xml: string): BodyItem[] {
  const out: BodyItem[] = [];
  const tag =
    /<(\/?)(w:p|w:tbl|w:tr|w:tc|w:t|w:br|w:cr|w:tab|w:numId|w:ilvl|w:pStyle|w:sym|w:delText|w:instrText|mc:Fallback|w:txbxContent)\b([^>]*?)(\/?)>/g;
  let para: Para | undefined;
  const outer: Para[] = [];
  let tableDepth = 0;
  let row: string[] | undefined;
  let cell: string[] | undefined;
  let rowParagraphs = 0;
  let skipDepth = 0;
  let inText = false;
  let textStart = 0;
  const cur = () => para!.lines[para!.lines.length - 1];
  const append = (s: string) => {
    if (para) para.lines[para.lines.length - 1] = cur() + s;
  };
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [whole, close, name, attrs, selfClose] = m;
    if (inText && !(name === 'w:t' && close)) continue;
    if (name === 'mc:Fallback') {
      if (!selfClose) skipDepth += close ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    switch (name) {
      case 'w:t':
        if (close) {
          if (inText) append(decodeEntities(xml.slice(textStart, m.index)));
          inText = false;
        } else if (!selfClose) {
          inText = true;
          textStart = m.index + whole.length;
        }
        break;
      case 'w:delText':
      case 'w:instrText':
        if (!close && !selfClose) {
          const end = xml.indexOf(`</${name}>`, m.index);
          if (end > 0) tag.lastIndex = end;
        }
        break;
      case 'w:br':
      case 'w:cr':
        if (para && !/w:type="page"/.test(attrs)) para.lines.push('');
        break;
      case 'w:tab':
        if (para && !close) append('\t');
        break;
      case 'w:sym':
        if (para) append(SYMBOLS[(attr(attrs, 'w:char') ?? '').toUpperCase()] ?? '');
        break;
      case 'w:numId':
        if (para) para.numId = attr(attrs, 'w:val');
        break;
      case 'w:ilvl':
        if (para) para.ilvl = Number(attr(attrs, 'w:val') ?? 0);
        break;
      case 'w:pStyle':
        if (para) para.style = attr(attrs, 'w:val');
        break;
      case 'w:tbl':
        tableDepth += close ? -1 : selfClose ? 0 : 1;
        break;
      case 'w:tr':
        if (tableDepth > 1) break;
        if (!close && !selfClose) {
          row = [];
          rowParagraphs = 0;
        } else if (close && row) {
          const text = row
            .map((c) => c.trim())
            .filter((c) => c !== '')
            .join('\t');
          out.push({ row: text, paragraphs: Math.max(1, rowParagraphs) });
          row = undefined;
        }
        break;
      case 'w:tc':
        if (tableDepth > 1 || !row) break;
        if (!close && !selfClose) cell = [];
        else if (close && cell) {
          row.push(cell.join(' '));
          cell = undefined;
        }
        break;
      case 'w:p':
        if (selfClose) {
          if (tableDepth === 0) out.push({ lines: [''], ilvl: 0 });
          else rowParagraphs++;
          break;
        }
        if (!close) {
          // A paragraph inside a paragraph (a text box): the outer one goes on after it.
          if (para) outer.push(para);
          para = { lines: [''], ilvl: 0 };
        } else if (para) {
          if (tableDepth > 0 && cell) {
            cell.push(para.lines.join(' '));
            rowParagraphs++;
          } else if (tableDepth === 0) out.push(para);
          para = outer.pop();
        }
        break;
      default:
        break;
    }
  }
  return out;
}
