/**
 * Splits a Chinese law text (as pasted from an official source or extracted from a .docx) into articles (条),
 * paragraphs (款) and headings (编/分编/章/节). Pure functions; see question-banks/README.md, "Text file".
 *
 * Shape of an accepted text, top to bottom:
 *  - up to {@link MAX_TITLE_LINES} title lines (the first one is the title); lines in parentheses, such as
 *    "（2020年11月11日第十三届全国人民代表大会常务委员会第二十三次会议通过）", are notes (题注) and do not count;
 *  - an optional table of contents: from a "目录" line (or, without that line, from the first heading) up to
 *    the last repetition of its first heading before the first article; everything in it is skipped;
 *  - the body: headings and articles. An article starts a line with 第N条 (Chinese or Arabic numerals), the rest
 *    of that line is its first paragraph, each further line is a paragraph, except lines that start with an item
 *    marker — （一） or 1． — which are appended (after a line break) to the paragraph they belong to.
 *
 * Heading rules: 章 need no 编 (most laws have none), but 分编 must sit inside a 编 and 节 inside a 章; once a
 * text has 编, nothing may come before its first 编. The bare line "附则" (as in 民法典) is a heading at the top
 * level used by the text (编 if there are 编, otherwise 章). "第N条之一" (inserted articles, as in 刑法) are refused,
 * because an article number is an integer here.
 */
import { articleLabel, parseChineseNumber, toChineseNumber } from '../common/chinese-numerals';

export type HeadingLevel = 'part' | 'subpart' | 'chapter' | 'section';

export interface Heading {
  level: HeadingLevel;
  /** undefined for the unnumbered "附则" */
  number?: number;
  /** '移交接收' (all whitespace removed, so '总\u3000\u3000则' → '总则') */
  title: string;
  /** '第二章 移交接收' (numerals written in Chinese) */
  text: string;
  line: number;
}

export interface LawArticle {
  number: number;
  /** '第二十二条' */
  label: string;
  /** heading texts, e.g. '第一编 总则' */
  part?: string;
  /** '第一分编 通则' (民法典-shaped texts only) */
  subpart?: string;
  /** '第二章 移交接收' */
  chapter?: string;
  /** '第一节 一般规定' */
  section?: string;
  /** 款; items （一）（二） are further lines of their paragraph */
  paragraphs: string[];
  /** paragraphs joined with '\n' */
  text: string;
}

export interface LawTextError {
  line: number;
  message: string;
}

export interface SplitLawTextOptions {
  /** the text holds only some articles: numbers must increase but may have gaps */
  excerpt?: boolean;
}

export type SplitLawTextResult =
  | { ok: true; title?: string; articles: LawArticle[]; headings: Heading[] }
  | { ok: false; errors: LawTextError[] };

/** Non-note lines allowed before the table of contents / first heading / first article. */
export const MAX_TITLE_LINES = 3;
/** A longer "heading" is a sentence that happens to start with 第N章, not a heading. */
const MAX_HEADING_TITLE_LENGTH = 40;

const NUM = '[零〇一二两三四五六七八九十百千0-9０-９]+';
const ARTICLE_RE = new RegExp(`^第(${NUM})条(.*)$`);
const INSERTED_ARTICLE_RE = new RegExp(`^第(${NUM})条之([一二三四五六七八九十]+)`);
const HEADING_RE = new RegExp(`^第(${NUM})(分编|编|章|节)(.*)$`);
/**
 * 第N条 followed directly (no space) by one of these is a cross-reference opening a sentence ("第一条第二款所称…",
 * "第五条规定的…"), not a new article. Kept narrow: a glued article such as "第一条中华人民共和国…" must still split.
 */
const REFERENCE_CONTINUATION_RE =
  /^(?:第|、|，|,|；|至第|和第|或者第|或第|及第|与第|的|中的|之规定|规定|所称|所列|所规定|所指|所述)/;
const ITEM_RE = /^(?:[（(][一二三四五六七八九十]+[）)]|[0-9０-９]+[.．、])/;
const SENTENCE_PUNCTUATION_RE = /[。；;，,：:]/;
const WHITESPACE_RE = /[\s\u3000]+/g;
const PAGE_NUMBER_RE = /(?:[\s\u3000]*[.…·．_\-—]{2,}[\s\u3000]*|[\s\u3000]+)[0-9０-９]+$/;

const LEVEL_OF_UNIT: Record<string, HeadingLevel> = {
  编: 'part',
  分编: 'subpart',
  章: 'chapter',
  节: 'section',
};
const UNIT_OF_LEVEL: Record<HeadingLevel, string> = {
  part: '编',
  subpart: '分编',
  chapter: '章',
  section: '节',
};
const LEVELS: HeadingLevel[] = ['part', 'subpart', 'chapter', 'section'];

type Classified =
  | { kind: 'heading'; heading: Omit<Heading, 'line'>; key: string }
  | { kind: 'article'; number: number; rest: string }
  | { kind: 'inserted'; label: string }
  | { kind: 'toc' }
  | { kind: 'text' };

interface Line {
  no: number;
  text: string;
  c: Classified;
}

/** Splits a law text into articles; refuses with line-numbered messages (Simplified Chinese) when malformed. */
export function splitLawText(text: string, opts: SplitLawTextOptions = {}): SplitLawTextResult {
  const lines: Line[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const t = raw.replace(/[\uFEFF\u200B]/g, '').trim();
      if (t !== '') lines.push({ no: i + 1, text: t, c: classify(t) });
    });

  const firstArticle = lines.findIndex((l) => l.c.kind === 'article' || l.c.kind === 'inserted');
  if (firstArticle < 0) {
    return fail([{ line: 1, message: '第1行：未找到任何条文（每条应另起一行，以"第一条"或"第1条"开头）' }]);
  }
  const errors: LawTextError[] = [];

  // Title area: everything before the table of contents / first heading / first article.
  const tocMarker = indexIn(lines, 0, firstArticle, (l) => l.c.kind === 'toc');
  const firstHeading = indexIn(lines, 0, firstArticle, (l) => l.c.kind === 'heading');
  const titleEnd = Math.min(...[tocMarker, firstHeading, firstArticle].filter((i) => i >= 0));
  const title = readTitle(lines.slice(0, titleEnd), errors);

  // Table of contents: skipped up to the last repetition of its first heading (the real one).
  let bodyStart = titleEnd;
  const tocFirstHeading =
    titleEnd === tocMarker
      ? indexIn(lines, tocMarker + 1, firstArticle, (l) => l.c.kind === 'heading')
      : firstHeading;
  if (tocFirstHeading >= 0) {
    const key = headingKey(lines[tocFirstHeading]);
    let last = -1;
    for (let i = tocFirstHeading + 1; i < firstArticle; i++) if (headingKey(lines[i]) === key) last = i;
    bodyStart = last >= 0 ? last : titleEnd === tocMarker ? firstArticle : tocFirstHeading;
  } else if (titleEnd === tocMarker) {
    bodyStart = firstArticle;
  }

  const body = lines.slice(bodyStart);
  const hasParts = body.some(
    (l) => l.c.kind === 'heading' && l.c.heading.level === 'part' && l.c.heading.number,
  );
  const headings: Heading[] = [];
  const articles: LawArticle[] = [];
  const current: Partial<Record<HeadingLevel, Heading>> = {};
  const seen = new Map<number, number>(); // article number → line
  let previous: number | undefined;
  let open:
    | { number: number; line: number; context: Partial<Record<HeadingLevel, Heading>>; paragraphs: string[] }
    | undefined;
  let swallowing = false; // text of a refused article is not reported again

  const close = () => {
    if (open) {
      if (open.paragraphs.length === 0) {
        errors.push({
          line: open.line,
          message: `第${open.line}行：${articleLabel(open.number)}没有条文内容`,
        });
      } else {
        articles.push(buildArticle(open.number, open.context, open.paragraphs));
      }
    }
    open = undefined;
    swallowing = false;
  };

  for (const line of body) {
    const c = line.c;
    if (c.kind === 'heading') {
      close();
      const heading: Heading = { ...c.heading, line: line.no };
      if (heading.number === undefined) heading.level = hasParts ? 'part' : 'chapter';
      const problem = headingProblem(heading, current, hasParts);
      if (problem) errors.push({ line: line.no, message: `第${line.no}行：${problem}` });
      current[heading.level] = heading;
      for (const lower of LEVELS.slice(LEVELS.indexOf(heading.level) + 1)) delete current[lower];
      headings.push(heading);
    } else if (c.kind === 'article') {
      close();
      const n = c.number;
      const label = articleLabel(n);
      const before = seen.get(n);
      if (before !== undefined) {
        errors.push({ line: line.no, message: `第${line.no}行：重复的条文：${label}已在第${before}行出现` });
        swallowing = true;
        continue;
      }
      if (opts.excerpt) {
        if (previous !== undefined && n < previous) {
          errors.push({
            line: line.no,
            message: `第${line.no}行：条文编号倒退：${articleLabel(previous)}之后出现${label}`,
          });
        }
      } else {
        const expected = (previous ?? 0) + 1;
        if (n !== expected) {
          const hint = previous === undefined ? '（如只收录部分条文，请按节选导入）' : '';
          errors.push({
            line: line.no,
            message: `第${line.no}行：条文编号不连续：应为${articleLabel(expected)}，实为${label}${hint}`,
          });
        }
      }
      if (hasParts && !current.part) {
        errors.push({ line: line.no, message: `第${line.no}行：全文分编，但${label}位于第一编之前` });
      }
      seen.set(n, line.no);
      previous = n;
      open = { number: n, line: line.no, context: { ...current }, paragraphs: [] };
      if (c.rest) open.paragraphs.push(c.rest);
    } else if (c.kind === 'inserted') {
      close();
      errors.push({
        line: line.no,
        message: `第${line.no}行：暂不支持"${c.label}"这类插入条文（条文编号须为整数），请按节选导入并删去此条`,
      });
      swallowing = true;
    } else if (swallowing) {
      continue;
    } else if (!open) {
      errors.push({
        line: line.no,
        message: `第${line.no}行：此行不属于任何条文：「${preview(line.text)}」`,
      });
    } else if (ITEM_RE.test(line.text) && open.paragraphs.length > 0) {
      open.paragraphs[open.paragraphs.length - 1] += '\n' + line.text;
    } else {
      open.paragraphs.push(line.text);
    }
  }
  close();

  if (errors.length > 0) return fail(errors);
  return { ok: true, ...(title !== undefined ? { title } : {}), articles, headings };
}

/** '第二章 移交接收 › 第二十二条' (every heading level the article sits under, then its label). */
export function articlePath(article: LawArticle): string {
  return [article.part, article.subpart, article.chapter, article.section, article.label]
    .filter((s): s is string => !!s)
    .join(' › ');
}

function classify(t: string): Classified {
  const squeezed = t.replace(WHITESPACE_RE, '');
  if (squeezed === '目录') return { kind: 'toc' };
  if (squeezed === '附则')
    return { kind: 'heading', heading: { level: 'part', title: '附则', text: '附则' }, key: '附则' };

  const inserted = INSERTED_ARTICLE_RE.exec(t);
  if (inserted && validNumber(inserted[1])) {
    return { kind: 'inserted', label: `第${inserted[1]}条之${inserted[2]}` };
  }
  const article = ARTICLE_RE.exec(t);
  if (article) {
    const n = validNumber(article[1]);
    const rest = article[2];
    if (
      n !== undefined &&
      (rest === '' || /^[\s\u3000]/.test(rest) || !REFERENCE_CONTINUATION_RE.test(rest))
    ) {
      return { kind: 'article', number: n, rest: rest.trim() };
    }
  }
  const heading = HEADING_RE.exec(t);
  if (heading) {
    const n = validNumber(heading[1]);
    const title = heading[3].replace(PAGE_NUMBER_RE, '').replace(WHITESPACE_RE, '');
    if (n !== undefined && title.length <= MAX_HEADING_TITLE_LENGTH && !SENTENCE_PUNCTUATION_RE.test(title)) {
      const level = LEVEL_OF_UNIT[heading[2]];
      const marker = `第${toChineseNumber(n)}${UNIT_OF_LEVEL[level]}`;
      return {
        kind: 'heading',
        heading: { level, number: n, title, text: title ? `${marker} ${title}` : marker },
        // a table of contents may add article ranges: 第一章 总则（第一条至第十条）
        key: `${level}:${n}:${title.replace(/[（(]第[^）)]*条[）)]$/, '')}`,
      };
    }
  }
  return { kind: 'text' };
}

function validNumber(s: string): number | undefined {
  const n = parseChineseNumber(s);
  return n !== undefined && n >= 1 && n <= 9999 ? n : undefined;
}

function headingKey(line: Line): string | undefined {
  return line.c.kind === 'heading' ? line.c.key : undefined;
}

function indexIn(lines: Line[], from: number, to: number, pred: (l: Line) => boolean): number {
  for (let i = from; i < to; i++) if (pred(lines[i])) return i;
  return -1;
}

/** Title lines: notes in parentheses (possibly over several lines) do not count; more than MAX_TITLE_LINES is refused. */
function readTitle(lines: Line[], errors: LawTextError[]): string | undefined {
  let title: string | undefined;
  let count = 0;
  let inNote = false;
  for (const line of lines) {
    if (!inNote && /^[（(]/.test(line.text)) inNote = true;
    if (inNote) {
      if (/[）)]$/.test(line.text)) inNote = false;
      continue;
    }
    count++;
    if (count === 1) title = line.text;
    if (count === MAX_TITLE_LINES + 1) {
      errors.push({
        line: line.no,
        message:
          `第${line.no}行：第一条之前的文字过多，无法识别为标题（标题最多${MAX_TITLE_LINES}行，括号内的题注不计），` +
          '请删除公布令、说明等非条文内容',
      });
    }
  }
  return title;
}

function headingProblem(
  heading: Heading,
  current: Partial<Record<HeadingLevel, Heading>>,
  hasParts: boolean,
): string | undefined {
  if (heading.level === 'subpart' && !current.part) return `分编标题"${heading.text}"不在任何编之下`;
  if (heading.level === 'section' && !current.chapter) return `节标题"${heading.text}"不在任何章之下`;
  if (heading.level === 'chapter' && hasParts && !current.part)
    return `全文分编，但章标题"${heading.text}"位于第一编之前`;
  return undefined;
}

function buildArticle(
  number: number,
  context: Partial<Record<HeadingLevel, Heading>>,
  paragraphs: string[],
): LawArticle {
  const article: LawArticle = {
    number,
    label: articleLabel(number),
    paragraphs,
    text: paragraphs.join('\n'),
  };
  if (context.part) article.part = context.part.text;
  if (context.subpart) article.subpart = context.subpart.text;
  if (context.chapter) article.chapter = context.chapter.text;
  if (context.section) article.section = context.section.text;
  return article;
}

function preview(text: string): string {
  return text.length > 20 ? text.slice(0, 20) + '…' : text;
}

function fail(errors: LawTextError[]): SplitLawTextResult {
  return { ok: false, errors: [...errors].sort((a, b) => a.line - b.line) };
}
