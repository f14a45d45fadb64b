/**
 * 评分要点 (rubric points) as trainers write them in the numbered text format and in a spreadsheet's 评分要点 cell,
 * one point per numbered line:
 *
 *   1. 告知拟作出的行政处罚内容及事实、理由、依据（2分）【依据】《行政处罚法》第四十四条 关键词：事实、理由、依据
 *   2. 不得因陈述、申辩而给予更重的处罚（1分）【第四十五条第二款】
 *
 * Points: `（2分）` `（2 分）` `(1.5分)` or a trailing `2分`; the citation: `【依据】《…》第N条`, `依据：…`, or `【第N条】`
 * (the regulation is then the question's own); keywords: `关键词：a、b` (or `a；b` when a keyword holds 、). A point without readable points is an
 * error, never a guess. Pure: no Nest or TypeORM imports.
 */
import { articleLabel } from '../../common/chinese-numerals';
import type { Citation, RubricPoint } from '../question.types';
import { parseArticleRef, parseCitation } from './citation';
import { quote } from './common';
import { isHalfPoints } from './validate';

/** `1.` `1、` `1．` `①` at the start of a rubric line. */
export const RUBRIC_NUMBER = /^\s*(?:(\d{1,2})\s*(?:[.．](?![\d.．])|、)|([①-⑳]))\s*/;

export function rubricNumber(text: string): number | undefined {
  const m = RUBRIC_NUMBER.exec(text);
  if (!m) return undefined;
  return m[1] !== undefined ? Number(m[1]) : m[2].charCodeAt(0) - 0x2460 + 1;
}

export type RubricLineParse =
  | { ok: true; point: RubricPoint; warning?: string }
  | { ok: false; message: string };

const POINTS_BRACKETED = /[（(]\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分\s*[）)]/g;
const POINTS_TRAILING = /([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分\s*[。；;，,]?\s*$/;

function toNumber(text: string): number {
  return Number(text.normalize('NFKC').replace('．', '.'));
}

/**
 * One rubric point (its number already removed, continuation lines joined). `regulation` is the question's own
 * regulation, used when the point cites an article only (`【第四十四条】`).
 */
export function parseRubricText(raw: string, regulation?: string): RubricLineParse {
  let text = raw.trim();
  let pointsText: string | undefined;
  const bracketed = [...text.matchAll(POINTS_BRACKETED)];
  if (bracketed.length) {
    const last = bracketed[bracketed.length - 1];
    pointsText = last[1];
    text = text.slice(0, last.index) + text.slice(last.index! + last[0].length);
  }
  let keywords: string[] = [];
  const kw = /(?:关键词|关键字)\s*[:：]\s*([^【]*)/.exec(text);
  if (kw) {
    // `a、b、c`; with `；` (or `|`) between them a keyword may itself hold 、 (`配偶、子女；烈士证书`).
    const list = kw[1].trim();
    keywords = list
      .split(/[;；|｜]/.test(list) ? /[;；|｜]+/ : /[、,，/\s]+/)
      .map((k) => k.trim())
      .filter((k) => k !== '');
    text = text.slice(0, kw.index) + text.slice(kw.index + kw[0].length);
  }
  let citeText: string | undefined;
  const labelled =
    /【\s*(?:依据|法规依据|法律依据|法规)\s*】\s*[:：]?\s*([^【]*)|(?:依据|法规依据|法律依据)\s*[:：]\s*([^【]*)$/.exec(
      text,
    );
  if (labelled) {
    citeText = (labelled[1] ?? labelled[2]).trim();
    text = text.slice(0, labelled.index) + text.slice(labelled.index + labelled[0].length);
  } else {
    for (const m of text.matchAll(/【([^】]*)】/g)) {
      if (/第\s*[0-9０-９零〇一二两三四五六七八九十百千]+\s*条/.test(m[1])) {
        citeText = m[1].trim();
        text = text.slice(0, m.index) + text.slice(m.index! + m[0].length);
        break;
      }
    }
  }
  if (pointsText === undefined) {
    const trailing = POINTS_TRAILING.exec(text);
    if (trailing) {
      pointsText = trailing[1];
      text = text.slice(0, trailing.index);
    }
  }
  const point = text.replace(/[\s;；，,。]+$/, '').trim();
  if (point === '') return { ok: false, message: `评分要点“${quote(raw)}”没有内容` };
  if (pointsText === undefined)
    return {
      ok: false,
      message: `评分要点“${quote(point)}”没有写分值，请在要点后写明分值，如“（2分）”`,
    };
  const points = toNumber(pointsText);
  if (!isHalfPoints(points))
    return {
      ok: false,
      message: `评分要点“${quote(point)}”的分值“${pointsText}分”无效，应为大于0的整数或半分（如1.5分）`,
    };
  const out: RubricPoint = { point, points, keywords };
  let warning: string | undefined;
  if (citeText !== undefined && citeText !== '') {
    const ref = parseArticleRef(citeText);
    if (ref) {
      if (!regulation)
        return {
          ok: false,
          message: `评分要点“${quote(point)}”的依据“${citeText}”没有写法规名称，题目也没有写“法规”；请写成“【依据】《行政处罚法》${citeText}”`,
        };
      out.citation = { regulation, ...ref };
    } else {
      const parsed = parseCitation(citeText);
      if (!parsed.ok) return { ok: false, message: `评分要点“${quote(point)}”的依据无效：${parsed.message}` };
      out.citation = parsed.citation;
      warning = parsed.warning;
    }
  }
  return warning ? { ok: true, point: out, warning } : { ok: true, point: out };
}

/** A citation as a rubric line writes it: `《退役军人保障法》第二十二条第二款`. */
function citationText(c: Citation): string {
  return c.article === undefined
    ? `《${c.regulation}》`
    : `《${c.regulation}》${articleLabel(c.article, c.paragraph)}`;
}

/** One rubric point as a line that parseRubricText reads back to the same point. */
export function formatRubricLine(r: RubricPoint, index: number): string {
  let line = `${index + 1}. ${r.point}（${r.points}分）`;
  if (r.citation) line += `【依据】${citationText(r.citation)}`;
  if (r.keywords.length) {
    const plain = r.keywords.every((k) => !/[、,，/\s;；|｜]/.test(k));
    line += ` 关键词：${r.keywords.join(plain ? '、' : '；')}`;
  }
  return line;
}

/** A rubric as the lines of a 评分要点 cell or text block. */
export function formatRubric(rubric: RubricPoint[]): string {
  return rubric.map(formatRubricLine).join('\n');
}

/** One line of a rubric block, numbered as its source numbers it (a text line, or a line of a cell). */
export interface RubricSourceLine {
  no: number;
  text: string;
}

export interface RubricBlockParse {
  rubric: RubricPoint[];
  /** Problems, each with the line (`no`) of the point it is about. */
  errors: { no: number; message: string }[];
  warnings: { no: number; message: string }[];
}

/**
 * The lines of a rubric: a numbered line starts a point, an unnumbered one continues it (when no line is
 * numbered, each line is a point). Numbers must run 1, 2, 3 …
 */
export function parseRubricLines(lines: RubricSourceLine[], regulation?: string): RubricBlockParse {
  const out: RubricBlockParse = { rubric: [], errors: [], warnings: [] };
  const meaningful = lines.filter((l) => l.text.trim() !== '');
  const numbered = meaningful.some((l) => rubricNumber(l.text) !== undefined);
  const points: { no: number; parts: string[] }[] = [];
  for (const l of meaningful) {
    const n = rubricNumber(l.text);
    if (n !== undefined) {
      if (n !== points.length + 1)
        out.errors.push({
          no: l.no,
          message: `评分要点的编号应为${points.length + 1}，实为${n}；请按1.、2.、3.连续编号`,
        });
      points.push({ no: l.no, parts: [l.text.replace(RUBRIC_NUMBER, '')] });
    } else if (!numbered || points.length === 0) points.push({ no: l.no, parts: [l.text] });
    else points[points.length - 1].parts.push(l.text);
  }
  for (const p of points) {
    const parsed = parseRubricText(p.parts.map((t) => t.trim()).join(''), regulation);
    if (!parsed.ok) out.errors.push({ no: p.no, message: parsed.message });
    else {
      out.rubric.push(parsed.point);
      if (parsed.warning) out.warnings.push({ no: p.no, message: parsed.warning });
    }
  }
  return out;
}
