/**
 * Test helpers for the parser specs (not used by the application): a tiny ZIP writer to build .docx files and
 * hostile archives, a GBK encoder, and fast-check arbitraries for question drafts.
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import {
  CURRICULA,
  OPTION_KEYS,
  QUESTION_STATUSES,
  type BankMeta,
  type Citation,
  type QuestionDraft,
} from '../../src/question-bank/question.types';
import { normalizeStem } from '../../src/question-bank/parsers/validate';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** Default: deflate. */
  method?: 'store' | 'deflate';
  /** Lie about the uncompressed size in both headers. */
  declaredSize?: number;
}

/** Builds a ZIP archive. */
export function buildZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const method = entry.method === 'store' ? 0 : 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A minimal .docx whose paragraphs are the given strings. */
export function buildDocx(paragraphs: string[]): Buffer {
  const body = paragraphs
    .map((p) =>
      p === '' ? '<w:p/>' : `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`,
    )
    .join('');
  return buildZip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'word/document.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body>${body}</w:body></w:document>`,
    },
  ]);
}

/** A paragraph of a Word document: plain text (a `\n` is a soft line break, Shift+Enter), optionally in a list. */
export interface WordParagraph {
  text: string;
  /** Word's automatic numbering: the w:numId of a list defined in `WordOptions.lists`. */
  list?: number;
  /** The list level (w:ilvl), default 0. */
  level?: number;
}

/** A block of a Word document: a paragraph, or a table whose cells hold plain text (a `\n` starts a new paragraph). */
export type WordBlock = string | WordParagraph | { table: string[][] };

export interface WordList {
  numId: number;
  /** Share the definition (w:abstractNum) of this earlier list, as Word does for a list “restarted at 1”. */
  sameAs?: number;
  /** w:startOverride for level 0: the list starts again at this number. */
  restartAt?: number;
  /** Per level: w:numFmt (decimal, chineseCounting, upperLetter, lowerLetter, decimalEnclosedCircle …) and w:lvlText (`%1.`). */
  levels: { format: string; text: string; start?: number }[];
}

export interface WordOptions {
  lists?: WordList[];
}

function runs(text: string): string {
  return text
    .split('\n')
    .map(
      (part, i) =>
        `${i ? '<w:r><w:br/></w:r>' : ''}<w:r><w:t xml:space="preserve">${escapeXml(part)}</w:t></w:r>`,
    )
    .join('');
}

function paragraphXml(p: string | WordParagraph): string {
  const para = typeof p === 'string' ? { text: p } : p;
  const numbering =
    para.list !== undefined
      ? `<w:pPr><w:numPr><w:ilvl w:val="${para.level ?? 0}"/><w:numId w:val="${para.list}"/></w:numPr></w:pPr>`
      : '';
  return para.text === '' && !numbering ? '<w:p/>' : `<w:p>${numbering}${runs(para.text)}</w:p>`;
}

/**
 * A .docx as Word writes one: paragraphs with soft line breaks (`<w:br/>`), Word's automatic numbering
 * (word/numbering.xml, so the numbers are not in the text) and tables.
 */
export function buildWordDocx(blocks: WordBlock[], options: WordOptions = {}): Buffer {
  const body = blocks
    .map((b) =>
      typeof b === 'object' && 'table' in b
        ? `<w:tbl>${b.table
            .map(
              (row) =>
                `<w:tr>${row
                  .map(
                    (cell) =>
                      `<w:tc>${cell
                        .split('\n')
                        .map((t) => paragraphXml(t))
                        .join('')}</w:tc>`,
                  )
                  .join('')}</w:tr>`,
            )
            .join('')}</w:tbl>`
        : paragraphXml(b),
    )
    .join('');
  const lists = options.lists ?? [];
  const own = lists.filter((l) => l.sameAs === undefined);
  const abstractOf = (l: WordList) => own.findIndex((x) => x.numId === (l.sameAs ?? l.numId));
  const numbering =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    own
      .map(
        (l, i) =>
          `<w:abstractNum w:abstractNumId="${i}">${l.levels
            .map(
              (lvl, k) =>
                `<w:lvl w:ilvl="${k}"><w:start w:val="${lvl.start ?? 1}"/><w:numFmt w:val="${lvl.format}"/><w:lvlText w:val="${escapeXml(lvl.text)}"/></w:lvl>`,
            )
            .join('')}</w:abstractNum>`,
      )
      .join('') +
    lists
      .map(
        (l) =>
          `<w:num w:numId="${l.numId}"><w:abstractNumId w:val="${abstractOf(l)}"/>${
            l.restartAt !== undefined
              ? `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="${l.restartAt}"/></w:lvlOverride>`
              : ''
          }</w:num>`,
      )
      .join('') +
    '</w:numbering>';
  return buildZip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'word/_rels/document.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'word/document.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body>${body}</w:body></w:document>`,
    },
    { name: 'word/numbering.xml', data: numbering },
  ]);
}

let gbkTable: Map<string, number[]> | undefined;

/** Encodes text as GBK (two-byte GBK plus ASCII), built from the platform's own GB18030 decoder. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

const CHARS = [
  ...'退役军人保障法自起施行安置优抚褒扬就业创业双拥模范城县军休干部服务管理办法条例规定权益维护',
  ...'abcXYZ0123456789',
  ...'，。：；（）、？“”-—#&<>=@!%*+/',
  ' ',
];
const TRICKY = [
  'true',
  'false',
  'null',
  '123',
  '001',
  '1e3',
  '- 列表',
  '#注释',
  'a: b',
  '[x]',
  '{y}',
  "'单引号'",
  '"双引号"',
  '=SUM(A1)',
  '@at',
  '~',
];

/** Trimmed, non-empty text with the characters trainers use, plus strings that YAML/Excel like to reinterpret. */
export const textArb = (maxLength = 24): fc.Arbitrary<string> =>
  fc
    .oneof(
      {
        weight: 5,
        arbitrary: fc
          .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength })
          .map((a) => a.join('').trim()),
      },
      { weight: 1, arbitrary: fc.constantFrom(...TRICKY) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...CHARS.slice(0, 20)), fc.constantFrom(...CHARS.slice(0, 20)))
          .map(([a, b]) => `${a}\n${b}`),
      },
    )
    .filter((s) => s.trim() === s && s !== '' && !s.includes('_'));

/** Text allowed inside one fill-blank answer or a tag (no separators). */
const wordArb = textArb(10).filter((s) => !/[;；|｜、,，\\\n]/.test(s));

const citationArb: fc.Arbitrary<Citation> = fc
  .record(
    {
      regulation: textArb(12).filter((s) => !/[《》\n]/.test(s) && !/第.*条/.test(s)),
      article: fc.integer({ min: 1, max: 300 }),
      paragraph: fc.integer({ min: 1, max: 9 }),
    },
    { requiredKeys: ['regulation', 'article'] },
  )
  .map((c) => ({ ...c }));

function withOptional(
  base: QuestionDraft,
  extra: { explanation?: string; citation?: Citation },
): QuestionDraft {
  const q = { ...base };
  if (extra.explanation !== undefined) q.explanation = extra.explanation;
  if (extra.citation !== undefined) q.citation = extra.citation;
  return q;
}

const commonArb = fc.record(
  {
    explanation: textArb(40),
    citation: citationArb,
  },
  { requiredKeys: [] },
);
const metaArb = fc.record({
  difficulty: fc.integer({ min: 1, max: 5 }),
  tags: fc.uniqueArray(wordArb, { maxLength: 3 }),
  status: fc.constantFrom(...QUESTION_STATUSES),
});

const optionsArb = fc
  .uniqueArray(textArb(16), { minLength: 2, maxLength: 8, selector: (s) => s })
  .map((texts) => texts.map((text, i) => ({ key: OPTION_KEYS[i], text })));

/** A valid QuestionDraft of any type (key left undefined). */
export const draftArb: fc.Arbitrary<QuestionDraft> = fc.oneof(
  fc
    .tuple(textArb(60), optionsArb, fc.nat(), metaArb, commonArb)
    .map(([stem, options, pick, meta, extra]) =>
      withOptional(
        { type: 'single', stem, options, answer: options[pick % options.length].key, ...meta },
        extra,
      ),
    ),
  fc
    .tuple(
      textArb(60),
      optionsArb,
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      metaArb,
      commonArb,
    )
    .map(([stem, options, flags, meta, extra]) => {
      let answer = options.filter((_, i) => flags[i]).map((o) => o.key);
      if (answer.length < 2) answer = [options[0].key, options[1].key];
      return withOptional({ type: 'multiple', stem, options, answer, ...meta }, extra);
    }),
  fc
    .tuple(textArb(60), fc.boolean(), metaArb, commonArb)
    .map(([stem, answer, meta, extra]) =>
      withOptional({ type: 'true-false', stem, options: [], answer, ...meta }, extra),
    ),
  fc
    .tuple(
      fc.array(textArb(20), { minLength: 2, maxLength: 4 }),
      fc.array(fc.uniqueArray(wordArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      metaArb,
      commonArb,
    )
    .map(([parts, blanks, meta, extra]) => {
      const answer = blanks.slice(0, parts.length - 1);
      const stem = parts.slice(0, answer.length + 1).join('___');
      return withOptional({ type: 'fill-blank', stem, options: [], answer, ...meta }, extra);
    }),
);

/** A list of drafts with unique keys and distinct stems. */
export const draftsArb = (maxLength = 6): fc.Arbitrary<QuestionDraft[]> =>
  fc
    .uniqueArray(draftArb, { minLength: 1, maxLength, selector: (q) => normalizeStem(q.stem, q.options) })
    .map((qs) => qs.map((q, i) => ({ key: `q-${i + 1}`, ...q })));

export const bankArb: fc.Arbitrary<BankMeta> = fc
  .record(
    {
      code: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/),
      title: textArb(20),
      curriculum: fc.constantFrom(...CURRICULA),
      regulations: fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), { maxLength: 3 }),
      description: textArb(30),
      note: textArb(30),
    },
    { requiredKeys: ['code', 'title', 'curriculum', 'regulations'] },
  )
  .map((b) => ({ ...b }));
