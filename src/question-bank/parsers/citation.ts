/**
 * Citations as trainers write them: `《中华人民共和国退役军人保障法》第二十二条`, `《退役军人保障法》第22条第二款`,
 * `退役军人保障法 第二十二条`, or a regulation cell plus an article cell (`第二十二条`, `22`, `第二十二条第二款`).
 * The regulation is kept as written (only 《》 are removed); resolving it against the catalogue happens elsewhere.
 */
import { articleLabel, parseChineseNumber } from '../../common/chinese-numerals';
import type { Citation } from '../question.types';

export type CitationField = 'regulation' | 'article';

export type CitationParse =
  | {
      ok: true;
      citation: Citation;
      /** Set when the text names a document but no article: a warning for the trainer, the question cites it whole. */
      warning?: string;
    }
  | { ok: false; field: CitationField; message: string };

/** What a citation without an article means, in the trainer's words. */
export function wholeDocumentWarning(regulation: string): string {
  return `法规“${regulation}”没有写条款，将按引用整部法规导入；建议写明条号，如“《${regulation}》第二十二条”`;
}

function whole(regulation: string): CitationParse {
  return { ok: true, citation: { regulation }, warning: wholeDocumentWarning(regulation) };
}

const NUM = '[0-9０-９零〇一二两三四五六七八九十百千]+';
/** 第二十二条, 第22条第二款, 22, 22条, 二十二; an item (第N项) is accepted and ignored. */
const ARTICLE_RE = new RegExp(
  `^(?:第\\s*)?(${NUM})\\s*(?:条\\s*(?:(?:第\\s*)?(${NUM})\\s*款)?\\s*(?:(?:第\\s*)?[（(]?${NUM}[）)]?\\s*项)?)?$`,
);
const SPLIT_RE = new RegExp(`^(.*?)\\s*(第\\s*${NUM}\\s*条.*)$`);

/** Drops what commonly trails a citation: 的规定, 规定, final punctuation. */
function clean(text: string): string {
  return text
    .trim()
    .replace(/[。；;，,.、\s]+$/, '')
    .replace(/(?:的)?规定$/, '')
    .trim();
}

function positive(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = parseChineseNumber(text);
  return n !== undefined && n >= 1 ? n : undefined;
}

/** `第二十二条第二款` / `22` → article (and paragraph); undefined when not an article reference. */
export function parseArticleRef(text: string): { article: number; paragraph?: number } | undefined {
  const m = ARTICLE_RE.exec(clean(text));
  if (!m) return undefined;
  const article = positive(m[1]);
  if (article === undefined) return undefined;
  if (m[2] === undefined) return { article };
  const paragraph = positive(m[2]);
  return paragraph === undefined ? undefined : { article, paragraph };
}

/** Removes surrounding 《》 (and spaces) from a regulation name. */
export function stripTitleMarks(text: string): string {
  const t = text.trim();
  const m = /^《\s*([^《》]*?)\s*》$/.exec(t);
  return m ? m[1] : t;
}

function withArticle(regulation: string, articleText: string): CitationParse {
  if (regulation === '') return { ok: false, field: 'regulation', message: '缺少法规名称' };
  if (clean(articleText) === '') return whole(regulation);
  const ref = parseArticleRef(articleText);
  if (!ref)
    return {
      ok: false,
      field: 'article',
      message: `无法识别条款“${articleText.trim()}”，应写成“第二十二条”或“22”`,
    };
  return { ok: true, citation: { regulation, ...ref } };
}

/**
 * A whole citation in one string. A document without an article (`《退役军人保障法》`, `退役军人保障法`) cites the
 * whole document: accepted with a warning, unless `requireArticle` (GIFT titles, which are only taken for a
 * citation when they name an article).
 */
export function parseCitation(text: string, opts: { requireArticle?: boolean } = {}): CitationParse {
  const s = clean(text);
  if (s === '') return { ok: false, field: 'regulation', message: '法规为空' };
  let parsed: CitationParse;
  if (s.startsWith('《')) {
    const close = s.indexOf('》');
    if (close < 0) return { ok: false, field: 'regulation', message: `书名号“《”没有闭合：“${text.trim()}”` };
    parsed = withArticle(s.slice(1, close).trim(), s.slice(close + 1));
  } else {
    const m = SPLIT_RE.exec(s);
    parsed = m ? withArticle(stripTitleMarks(m[1]), m[2]) : whole(stripTitleMarks(s));
  }
  if (parsed.ok && parsed.warning && opts.requireArticle) {
    return {
      ok: false,
      field: 'article',
      message: `缺少条号，如“《${parsed.citation.regulation}》第二十二条”`,
    };
  }
  return parsed;
}

/**
 * A citation from separate regulation and article cells. Both empty → undefined (no citation); an empty article
 * cell lets the regulation cell hold the whole citation.
 */
export function citationFromParts(regulation: string, article: string): CitationParse | undefined {
  const reg = regulation.trim();
  const art = article.trim();
  if (reg === '' && art === '') return undefined;
  if (art === '') return parseCitation(reg);
  if (reg === '') return { ok: false, field: 'regulation', message: '填写了条款，但缺少法规名称' };
  return withArticle(stripTitleMarks(reg), art);
}

/** `《退役军人保障法》第二十二条第二款`; `《退役军人保障法》` for the whole document. */
export function formatCitation(citation: Citation): string {
  return citation.article === undefined
    ? `《${citation.regulation}》`
    : `《${citation.regulation}》${articleLabel(citation.article, citation.paragraph)}`;
}
