/**
 * Whether a question may cite article N of a document, checked against what the catalogue holds: the complete text
 * (N must be one of its articles), an excerpt (an article in it is verified; one beyond the law's total — as the
 * catalogue's note states it, 共十章八十五条 — is refused; any other is accepted and said to be unchecked), or no
 * text at all. Shared by the question editor (page and API). Pure: no Nest or TypeORM.
 */
import { parseChineseNumber } from '../common/chinese-numerals';

export interface ArticleSource {
  /** The document's title, for the messages. */
  title: string;
  /** The version in force: whether its text is an excerpt and the article numbers it holds (none: no text). */
  version: { excerpt: boolean; articleNumbers: number[] } | null;
  /** The law's total number of articles as the catalogue states it, or null when it does not. */
  statedTotal: number | null;
}

export type ArticleCheck = { ok: true; note: string | null } | { ok: false; message: string };

const NUMERAL = '[一二三四五六七八九十百千零〇两0-9０-９]+';
const STATED = new RegExp(`共(?:${NUMERAL}章)?(?:${NUMERAL}节)?(${NUMERAL})条`);

/** The article total a catalogue note states (…共十章八十五条 → 85), or null. */
export function statedArticleTotal(note: string | null | undefined): number | null {
  const m = note ? STATED.exec(note) : null;
  return m ? (parseChineseNumber(m[1]) ?? null) : null;
}

const label = (n: number) => `第${n}条`;

export function checkArticle(source: ArticleSource, article: number): ArticleCheck {
  const { title, version, statedTotal } = source;
  const numbers = version?.articleNumbers ?? [];
  if (version && !version.excerpt && numbers.length) {
    if (numbers.includes(article)) return { ok: true, note: null };
    const last = Math.max(...numbers);
    return {
      ok: false,
      message:
        article > last
          ? `《${title}》共${numbers.length}条，没有${label(article)}，请核对条号`
          : `《${title}》的条文中没有${label(article)}，请核对条号`,
    };
  }
  if (numbers.includes(article)) return { ok: true, note: null };
  if (statedTotal !== null && article > statedTotal)
    return { ok: false, message: `《${title}》共${statedTotal}条，没有${label(article)}，请核对条号` };
  const why = numbers.length
    ? `目录中《${title}》的条文为节选（收录 ${numbers.length} 条），${label(article)}不在节选中`
    : `目录中没有《${title}》的条文`;
  return {
    ok: true,
    note: `${why}，${label(article)}未与条文核对${statedTotal !== null ? `（未超过全文 ${statedTotal} 条）` : ''}`,
  };
}
