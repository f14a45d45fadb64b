/**
 * A bank's questions in the numbered text format (`GET /api/question-banks/:id/export.txt`), the inverse of
 * text.parser.ts + written-text.ts:
 *
 *   一、单选题
 *   1. 退役军人保障法自（ ）起施行。
 *   A. 2020年11月11日
 *   B. 2021年1月1日
 *   答案：B
 *   解析：……
 *   法规：《veterans-protection-law》第八十五条
 *
 * Sections in the parser's order (单选 多选 判断 填空 简答 案例分析, only those present), questions numbered from 1 in
 * each. 难度, 标签 and 状态 are written where they differ from the defaults (3, none, 已审核); the citation as stored.
 * The text format has no question id (YAML `id`, Excel 编号), so keys do not travel.
 *
 * Nothing is left to chance: the document is read back with the import parser (as an upload is: GIFT/Aiken sniffing,
 * noise and page-header stripping included), and a question that would come back different (a stem holding
 * `答案：`, an option holding the next option's marker) makes the export throw TextExportError naming it, never a
 * file that imports something else. 5,000 questions take about 0.7 s. Pure: no Nest or TypeORM imports.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  rubricMax,
  type CaseKey,
  type CaseSubQuestion,
  type Citation,
  type OptionKey,
  type QuestionDraft,
  type QuestionType,
  type WrittenKey,
} from '../question.types';
import { toChineseNumber } from '../../common/chinese-numerals';
import { formatFillAnswer, STATUS_LABELS } from './answers';
import { formatCitation } from './citation';
import { sniffTextFormat } from './index';
import { formatRubricLine } from './rubric';
import { parseNumberedText } from './text.parser';

/** A question that cannot be written so that it reads back the same; `index` is its 0-based place in the input. */
export class TextExportError extends Error {
  constructor(
    readonly index: number,
    readonly question: QuestionDraft,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'TextExportError';
  }
}

/** The objective answer as the text format writes it: `B`, `ACD`, `对`, `十八|18；选举权`. */
function answerText(type: QuestionType, answer: unknown): string {
  switch (type) {
    case 'single':
      return answer as OptionKey;
    case 'multiple':
      return (answer as OptionKey[]).join('');
    case 'true-false':
      return answer ? '对' : '错';
    case 'fill-blank':
      return formatFillAnswer(answer as string[][]);
    default:
      throw new Error(`not an objective type: ${type}`);
  }
}

/** `解析：` and its further lines. */
function labelled(label: string, text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const [first, ...rest] = text.split('\n');
  return [`${label}：${first}`, ...rest];
}

function citationLine(c: Citation | undefined): string[] {
  return c ? [`法规：${formatCitation(c)}`] : [];
}

function metaLines(q: QuestionDraft): string[] {
  const out: string[] = [];
  if (q.difficulty !== 3) out.push(`难度：${q.difficulty}`);
  if (q.tags.length) out.push(`标签：${q.tags.join('、')}`);
  if (q.status !== 'approved') out.push(`状态：${STATUS_LABELS[q.status]}`);
  return out;
}

/** `（3分）` as the parsers read declared points. */
const points = (n: number) => `（${n}分）`;

/** The stem's first line after its number, the rest as they are. */
function numbered(prefix: string, stem: string, suffix = ''): string[] {
  const lines = `${stem}${suffix}`.split('\n');
  return [`${prefix}${lines[0]}`, ...lines.slice(1)];
}

/** The lines of an objective question or sub-question after its number. */
function objectiveBody(
  q: Pick<QuestionDraft, 'type' | 'options' | 'answer' | 'explanation' | 'citation'>,
): string[] {
  return [
    ...q.options.map((o) => `${o.key}. ${o.text}`),
    `答案：${answerText(q.type, q.answer)}`,
    ...labelled('解析', q.explanation),
    ...citationLine(q.citation),
  ];
}

function writtenBody(key: WrittenKey, explanation?: string, citation?: Citation): string[] {
  return [
    ...labelled('参考答案', key.reference),
    ...(key.rubric.length ? ['评分要点：', ...key.rubric.map(formatRubricLine)] : []),
    ...labelled('解析', explanation),
    ...citationLine(citation),
  ];
}

function subLines(sub: CaseSubQuestion, i: number): string[] {
  const prefix = `（${i + 1}）`;
  if (sub.type === 'short-answer') {
    const key = sub.answer as WrittenKey;
    return [
      ...numbered(prefix, sub.stem, points(rubricMax(key.rubric))),
      ...writtenBody(key, sub.explanation, sub.citation),
    ];
  }
  return [...numbered(prefix, sub.stem, points(sub.points)), ...objectiveBody(sub)];
}

/** One question, numbered `n`, as the lines of its section. */
function questionLines(q: QuestionDraft, n: number): string[] {
  switch (q.type) {
    case 'short-answer': {
      const key = q.answer as WrittenKey;
      // A declared total is checked against the rubric and removed, so a stem's own trailing `（N分）` survives.
      const declared = key.rubric.length ? points(rubricMax(key.rubric)) : '';
      return [
        ...numbered(`${n}. `, q.stem, declared),
        ...writtenBody(key, q.explanation, q.citation),
        ...metaLines(q),
      ];
    }
    case 'case': {
      const subs = (q.answer as CaseKey).questions;
      const total = Math.round(subs.reduce((s, x) => s + x.points, 0) * 100) / 100;
      // `材料：` on its own line after the number: what tells the parser a new case starts here.
      return [
        `${n}.`,
        ...numbered('材料：', q.stem, points(total)),
        ...labelled('解析', q.explanation),
        ...citationLine(q.citation),
        ...metaLines(q),
        ...subs.flatMap(subLines),
      ];
    }
    default:
      return [...numbered(`${n}. `, q.stem), ...objectiveBody(q), ...metaLines(q)];
  }
}

function heading(type: QuestionType, i: number): string {
  return `${toChineseNumber(i + 1)}、${QUESTION_TYPE_LABELS[type]}`;
}

/** What a question reads back as, compared with what was written (keys do not travel in this format). */
function comparable(q: QuestionDraft): QuestionDraft {
  const { key: _key, ...rest } = q;
  return JSON.parse(JSON.stringify(rest)) as QuestionDraft;
}

function readBack(text: string): QuestionDraft[] | string {
  if (sniffTextFormat(text) !== 'txt') return '文本会被识别为GIFT或Aiken格式';
  const parsed = parseNumberedText(text);
  if (parsed.errors.length) return parsed.errors[0].message;
  if (parsed.skipped?.length) return parsed.skipped[0].message;
  return parsed.questions.map((p) => comparable(p.question));
}

function describe(q: QuestionDraft): string {
  const stem = [...q.stem.replace(/\s+/g, ' ').trim()];
  return `${QUESTION_TYPE_LABELS[q.type]}“${stem.length > 30 ? `${stem.slice(0, 30).join('')}…` : stem.join('')}”`;
}

/** Throws TextExportError for a question that does not read back as itself on its own. */
function checkOne(q: QuestionDraft, index: number, lines: string[]): void {
  const back = readBack([heading(q.type, 0), ...lines, ''].join('\n'));
  if (typeof back === 'string')
    throw new TextExportError(index, q, `${describe(q)}无法写成文本格式：重新导入时会报错（${back}）`);
  if (back.length !== 1 || !isDeepStrictEqual(back[0], comparable(q)))
    throw new TextExportError(
      index,
      q,
      `${describe(q)}无法写成文本格式：重新导入后内容会不同（如题干、选项或解析中的换行、编号或标签会被读成别的内容）`,
    );
}

/**
 * The questions in the numbered text format, sections in type order, numbered from 1 in each. Throws
 * TextExportError for the first question that would not import back as itself.
 */
export function exportBankText(drafts: QuestionDraft[]): string {
  const out: string[] = [];
  const written: { q: QuestionDraft; index: number; lines: string[] }[] = [];
  let section = 0;
  for (const type of QUESTION_TYPES) {
    const inType = drafts.map((q, index) => ({ q, index })).filter(({ q }) => q.type === type);
    if (!inType.length) continue;
    out.push(heading(type, section++));
    inType.forEach(({ q, index }, i) => {
      const lines = questionLines(q, i + 1);
      out.push(...lines);
      written.push({ q, index, lines });
    });
    out.push('');
  }
  const text = out.join('\n');
  // The file is what counts: when the whole document reads back as the questions, it is right.
  const back = readBack(text);
  if (
    typeof back !== 'string' &&
    back.length === written.length &&
    written.every(({ q }, i) => isDeepStrictEqual(back[i], comparable(q)))
  )
    return text;
  // Otherwise name the question: the first that does not read back alone, or the first that differs in the whole
  // (a line repeated across questions may be taken for a page header, say).
  for (const { q, index, lines } of written) checkOne(q, index, lines);
  const diff =
    typeof back === 'string'
      ? 0
      : written.findIndex(({ q }, i) => !isDeepStrictEqual(back[i], comparable(q)));
  const { q, index } = written[diff >= 0 ? diff : written.length - 1];
  throw new TextExportError(
    index,
    q,
    `${describe(q)}无法写成文本格式：与其他题目一起重新导入后内容会不同${typeof back === 'string' ? `（${back}）` : ''}`,
  );
}
