/**
 * Written questions in the numbered text format (.txt/.docx): the lines of a `简答题` or `案例分析题` section, cut
 * out of the document by text.parser.ts.
 *
 *   四、简答题
 *   1. 简述行政机关在作出行政处罚决定之前应当履行的告知义务。（3分）
 *   参考答案：根据《行政处罚法》第四十四条，……（may go on over several lines）
 *   评分要点：
 *   1. 告知拟作出的行政处罚内容及事实、理由、依据（2分）【依据】《行政处罚法》第四十四条 关键词：事实、理由
 *   2. 告知陈述、申辩、要求听证等权利（1分）【第四十四条】
 *   解析：……    法规：《行政处罚法》第四十四条    难度：3    标签：……    状态：草稿
 *
 *   五、案例分析题
 *   1. 2026年4月，某街道退役军人服务站……（the case text; `材料：`/`案情：` may label it）
 *   法规：《行政处罚法》第三十八条        （the case's own fields come before its first sub-question）
 *   （1）服务站作出的罚款决定，其效力应当认定为（ ）。（2分）
 *   A. 有效  B. 效力待定  C. 无效  D. 有效，但可以减免
 *   答案：C
 *   （2）区退役军人事务局如确需委托其他组织实施行政处罚，应当符合哪些法定要求？
 *   参考答案：……
 *   评分要点：
 *   1. 在法定权限内书面委托（1.5分）【依据】《行政处罚法》第二十条第一款
 *
 * An objective sub-question is read by the objective parser itself (options, answers and fields as in the
 * objective sections); its points are a trailing `（2分）` (default 2). A written question whose rubric is missing or
 * whose points cannot be read is an error naming the line, never a guess. Pure: no Nest or TypeORM imports.
 */
import type {
  CaseSubQuestion,
  Citation,
  ImportIssue,
  ParsedQuestion,
  ParseResult,
  QuestionDraft,
  QuestionStatus,
  RubricPoint,
  WrittenKey,
} from '../question.types';
import { rubricMax } from '../question.types';
import { parseDifficulty, parseStatus, parseTags } from './answers';
import { parseCitation } from './citation';
import { quote, type SourceLine } from './common';
import { parseRubricLines } from './rubric';
import { isHalfPoints } from './validate';

export type WrittenKind = 'short-answer' | 'case';

/** The lines of one written section (its heading removed), numbered as in the document. */
export interface WrittenRegion {
  kind: WrittenKind;
  /** The heading's word (简答题, 案例分析题, 问答题 …), for messages. */
  word: string;
  lines: SourceLine[];
}

/** Reads the lines of one objective question (`1. …` first); text.parser's own parser. */
export type ObjectiveParser = (lines: SourceLine[]) => ParseResult;

type Label =
  | 'reference'
  | 'rubric'
  | 'explanation'
  | 'citation'
  | 'difficulty'
  | 'tags'
  | 'status'
  | 'material'
  | 'ignore';

const LABEL_WORDS: [Label, string[]][] = [
  ['rubric', ['评分要点', '评分标准', '评分细则', '得分要点', '答题要点']],
  ['reference', ['参考答案', '答案要点', '标准答案', '正确答案', '答案', '答']],
  ['explanation', ['答案解析', '试题解析', '解析']],
  ['citation', ['法规依据', '法律依据', '依据', '法规', '出处']],
  ['difficulty', ['难度']],
  ['tags', ['标签']],
  ['status', ['状态']],
  ['material', ['案例材料', '背景材料', '案情简介', '案情', '材料', '案例']],
  ['ignore', ['分值', '满分', '得分']],
];
const LABEL_OF = new Map<string, Label>(LABEL_WORDS.flatMap(([k, ws]) => ws.map((w) => [w, k])));
const LABEL_ALT = [...LABEL_OF.keys()].sort((a, b) => b.length - a.length).join('|');
/** `评分要点：`, `【参考答案】`, `评分要点（共3分）：`, or the label alone on its line. */
const LABEL_AT = new RegExp(
  `^(?:【\\s*(${LABEL_ALT})\\s*】\\s*[:：]?|(${LABEL_ALT})\\s*(?:[（(][^（()）]*[）)])?\\s*(?:[:：]|$))\\s*`,
);
const FIELD_NAMES: Record<Label, string> = {
  reference: '参考答案',
  rubric: '评分要点',
  explanation: '解析',
  citation: '法规',
  difficulty: '难度',
  tags: '标签',
  status: '状态',
  material: '材料',
  ignore: '',
};

/** `1.` `1、` `第1题` at the start of a line (a question of the section). */
const QUESTION_AT =
  /^(?:第\s*(\d{1,3})\s*题\s*[.．、:：]?|(\d{1,3})\s*(?:[.．](?![\d.．])|、)|【\s*题干\s*(\d{1,3})\s*】\s*[:：]?)\s*/;
/** `（1）` `(1)` at the start of a line: a sub-question of a case. */
const SUB_AT = /^[（(]\s*(\d{1,2})\s*[）)]\s*/;
/** `（10分）` `(本题10分)` at the end of a stem: the points the question declares. */
const DECLARED_POINTS = /[（(]\s*(?:本题|本小题|共)?\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[）)]\s*$/;

function labelAt(text: string): { label: Label; word: string; rest: string } | undefined {
  const m = LABEL_AT.exec(text);
  if (!m) return undefined;
  const word = m[1] ?? m[2];
  return { label: LABEL_OF.get(word)!, word, rest: text.slice(m[0].length).trim() };
}

/** Whether a line starts with a label of the written format (评分要点：, 材料：, 参考答案： …). */
export function isWrittenLabelLine(text: string): boolean {
  return LABEL_AT.test(text.trim());
}

function questionNumber(text: string): { n: number; rest: string } | undefined {
  const m = QUESTION_AT.exec(text);
  if (!m) return undefined;
  return { n: Number(m[1] ?? m[2] ?? m[3]), rest: text.slice(m[0].length).trim() };
}

/** A value written under a label, over one or more lines. */
interface FieldValue {
  line: number;
  lines: SourceLine[];
}

interface Fields {
  stem: SourceLine[];
  values: Partial<Record<Label, FieldValue>>;
}

type Issues = { errors: ImportIssue[]; warnings: ImportIssue[] };

/** Sorts the lines of a question (or sub-question) into its stem and labelled fields. */
function collect(lines: SourceLine[], issues: Issues, label: string): Fields {
  const out: Fields = { stem: [], values: {} };
  let mode: Label | 'stem' = 'stem';
  for (const l of lines) {
    const text = l.text.trim();
    if (text === '') continue;
    const lab = labelAt(text);
    if (lab) {
      mode = lab.label === 'material' ? 'stem' : lab.label;
      if (lab.label === 'ignore') continue;
      if (lab.label === 'material') {
        if (lab.rest) out.stem.push({ no: l.no, text: lab.rest });
        continue;
      }
      if (out.values[lab.label]) {
        issues.errors.push({
          line: l.no,
          field: FIELD_NAMES[lab.label],
          message: `${label}有重复的“${FIELD_NAMES[lab.label]}”`,
        });
        mode = 'ignore';
        continue;
      }
      out.values[lab.label] = { line: l.no, lines: lab.rest ? [{ no: l.no, text: lab.rest }] : [] };
      continue;
    }
    if (mode === 'ignore') continue;
    if (mode === 'stem') out.stem.push({ no: l.no, text });
    else out.values[mode]!.lines.push({ no: l.no, text });
  }
  return out;
}

const joined = (v: FieldValue | undefined) =>
  v
    ? v.lines
        .map((l) => l.text.trim())
        .filter((t) => t !== '')
        .join('\n')
    : '';

/** The stem without its declared points, and those points. */
function stemOf(f: Fields): { stem: string; declared?: number } {
  const stem = f.stem.map((l) => l.text.trim()).join('\n');
  const m = DECLARED_POINTS.exec(stem);
  return m ? { stem: stem.slice(0, m.index).trim(), declared: Number(m[1]) } : { stem };
}

/** The fields a question and a written sub-question share: citation, explanation. */
function citationOf(f: Fields, issues: Issues, label: string): Citation | undefined {
  const v = f.values.citation;
  const text = joined(v);
  if (!v || text === '') return undefined;
  const parsed = parseCitation(text);
  if (!parsed.ok) {
    issues.errors.push({ line: v.line, field: '法规', message: `${label}：${parsed.message}` });
    return undefined;
  }
  if (parsed.warning) issues.warnings.push({ line: v.line, field: '法规', message: parsed.warning });
  return parsed.citation;
}

/** 参考答案 and 评分要点 of a short-answer question or sub-question. */
function writtenKey(
  f: Fields,
  at: number,
  issues: Issues,
  label: string,
  regulation: string | undefined,
  allowMissingRubric = false,
): WrittenKey | undefined {
  const before = issues.errors.length;
  const reference = joined(f.values.reference);
  if (!f.values.reference)
    issues.errors.push({
      line: at,
      field: '参考答案',
      message: `${label}缺少“参考答案：”，简答题须写明参考答案`,
    });
  else if (reference === '')
    issues.errors.push({
      line: f.values.reference.line,
      field: '参考答案',
      message: `${label}的参考答案为空`,
    });
  const r = f.values.rubric;
  let rubric: RubricPoint[] = [];
  if (!r) {
    // A real question file often has 参考答案 and no rubric: the question comes in as a draft that cannot be
    // approved (approvalBlocker) until a rubric is written in the editor — never a rubric guessed from the answer.
    if (allowMissingRubric)
      issues.warnings.push({
        line: at,
        field: '评分要点',
        message: `${label}没有“评分要点：”，已作为草稿导入；请在题目编辑页补充评分要点（每条写明分值和依据条款）后再审核`,
      });
    else
      issues.errors.push({
        line: at,
        field: '评分要点',
        message: `${label}缺少“评分要点：”，简答题须写明评分要点，每条一行，如“1. 告知处罚的事实、理由、依据（2分）”`,
      });
  } else if (r.lines.length === 0)
    issues.errors.push({
      line: r.line,
      field: '评分要点',
      message: `${label}的“评分要点：”下面没有要点，每条一行，如“1. 告知处罚的事实、理由、依据（2分）”`,
    });
  else {
    const parsed = parseRubricLines(r.lines, regulation);
    for (const e of parsed.errors)
      issues.errors.push({ line: e.no, field: '评分要点', message: `${label}：${e.message}` });
    for (const w of parsed.warnings)
      issues.warnings.push({ line: w.no, field: '评分要点', message: `${label}：${w.message}` });
    rubric = parsed.rubric;
  }
  return issues.errors.length > before ? undefined : { reference, rubric };
}

function declaredCheck(
  declared: number | undefined,
  total: number,
  line: number,
  issues: Issues,
  label: string,
  parts = '评分要点',
): void {
  if (declared !== undefined && Math.abs(declared - total) > 1e-9)
    issues.errors.push({
      line,
      field: '题干',
      message: `${label}题干标注${declared}分，但${parts}合计${total}分，请改成一致`,
    });
}

/** 难度, 标签, 状态 of a question. */
function metaOf(
  f: Fields,
  issues: Issues,
): { difficulty: number; tags: string[]; status: QuestionStatus } | undefined {
  const before = issues.errors.length;
  let difficulty = 3;
  const d = f.values.difficulty;
  if (d && joined(d) !== '') {
    const parsed = parseDifficulty(joined(d));
    if (parsed === undefined)
      issues.errors.push({
        line: d.line,
        field: '难度',
        message: `难度应为1到5的整数，当前为“${joined(d)}”`,
      });
    else difficulty = parsed;
  }
  let status: QuestionStatus = 'approved';
  const s = f.values.status;
  if (s && joined(s) !== '') {
    const parsed = parseStatus(joined(s));
    if (!parsed)
      issues.errors.push({
        line: s.line,
        field: '状态',
        message: `状态“${joined(s)}”无效，应为“已审核”或“草稿”`,
      });
    else status = parsed;
  }
  const tags = parseTags(joined(f.values.tags));
  return issues.errors.length > before ? undefined : { difficulty, tags, status };
}

/** A question with its 解析, 法规 and the warnings raised while reading it. */
function finished(
  question: QuestionDraft,
  f: Fields,
  citation: Citation | undefined,
  at: number,
  warnings: ImportIssue[],
): ParsedQuestion {
  const explanation = joined(f.values.explanation);
  if (explanation) question.explanation = explanation;
  if (citation) question.citation = citation;
  const parsed: ParsedQuestion = { question, line: at };
  if (warnings.length) parsed.warnings = warnings;
  return parsed;
}

function shortAnswer(number: number, lines: SourceLine[], issues: Issues): ParsedQuestion | undefined {
  const at = lines[0].no;
  const label = `第${number}题`;
  const before = issues.errors.length;
  const warningsBefore = issues.warnings.length;
  const f = collect(lines, issues, label);
  const { stem, declared } = stemOf(f);
  if (stem === '') issues.errors.push({ line: at, field: '题干', message: `${label}缺少题干` });
  const citation = citationOf(f, issues, label);
  const key = writtenKey(f, at, issues, label, citation?.regulation, true);
  const meta = metaOf(f, issues);
  if (key && key.rubric.length) declaredCheck(declared, rubricMax(key.rubric), at, issues, label);
  if (issues.errors.length > before || !key || !meta) return undefined;
  const question: QuestionDraft = { type: 'short-answer', stem, options: [], answer: key, ...meta };
  if (key.rubric.length === 0) question.status = 'draft';
  return finished(question, f, citation, at, issues.warnings.slice(warningsBefore));
}

/** One sub-question of a case: written when it has 评分要点, otherwise objective (read by the objective parser). */
function subQuestion(
  lines: SourceLine[],
  label: string,
  caseCitation: Citation | undefined,
  issues: Issues,
  parseObjective: ObjectiveParser,
): CaseSubQuestion | undefined {
  const at = lines[0].no;
  const written = lines.some((l) => labelAt(l.text.trim())?.label === 'rubric');
  const before = issues.errors.length;
  if (written) {
    const f = collect(lines, issues, label);
    const { stem, declared } = stemOf(f);
    if (stem === '') issues.errors.push({ line: at, field: '题干', message: `${label}缺少题干` });
    const citation = citationOf(f, issues, label);
    const key = writtenKey(f, at, issues, label, (citation ?? caseCitation)?.regulation);
    if (key) declaredCheck(declared, rubricMax(key.rubric), at, issues, label);
    if (issues.errors.length > before || !key) return undefined;
    const sub: CaseSubQuestion = {
      type: 'short-answer',
      stem,
      options: [],
      answer: key,
      points: rubricMax(key.rubric),
    };
    const explanation = joined(f.values.explanation);
    if (explanation) sub.explanation = explanation;
    if (citation) sub.citation = citation;
    return sub;
  }
  const result = parseObjective([{ no: at, text: `1. ${lines[0].text}` }, ...lines.slice(1)]);
  for (const e of result.errors) issues.errors.push({ ...e, message: `${label}：${e.message}` });
  for (const w of result.warnings) issues.warnings.push({ ...w, message: `${label}：${w.message}` });
  if (result.errors.length) return undefined;
  if (result.questions.length !== 1) {
    issues.errors.push({
      line: at,
      message: `${label}无法识别：客观小题应有题干、选项（选择题）和“答案：”，简答小题应有“参考答案：”和“评分要点：”`,
    });
    return undefined;
  }
  const q = result.questions[0].question;
  let stem = q.stem;
  let points = 2;
  const m = DECLARED_POINTS.exec(stem);
  if (m) {
    stem = stem.slice(0, m.index).trim();
    points = Number(m[1]);
    if (!isHalfPoints(points)) {
      issues.errors.push({
        line: at,
        field: '题干',
        message: `${label}的分值“${m[1]}分”无效，应为大于0的整数或半分`,
      });
      return undefined;
    }
  }
  const sub: CaseSubQuestion = {
    type: q.type as CaseSubQuestion['type'],
    stem,
    options: q.options,
    answer: q.answer as CaseSubQuestion['answer'],
    points,
  };
  if (q.explanation) sub.explanation = q.explanation;
  if (q.citation) sub.citation = q.citation;
  return sub;
}

function caseQuestion(
  number: number,
  lines: SourceLine[],
  issues: Issues,
  parseObjective: ObjectiveParser,
): ParsedQuestion | undefined {
  const at = lines[0].no;
  const label = `第${number}题`;
  const before = issues.errors.length;
  const warningsBefore = issues.warnings.length;
  // The case's own lines, then one group of lines per sub-question (`（1）` … numbered in order).
  const head: SourceLine[] = [];
  const groups: SourceLine[][] = [];
  for (const l of lines) {
    const text = l.text.trim();
    const sub = SUB_AT.exec(text);
    if (sub && Number(sub[1]) === groups.length + 1) {
      groups.push([{ no: l.no, text: text.slice(sub[0].length) }]);
      continue;
    }
    const lab = labelAt(text);
    // 难度, 标签, 状态 belong to the case wherever they are written.
    if (groups.length === 0 || (lab && ['difficulty', 'tags', 'status'].includes(lab.label))) head.push(l);
    else groups[groups.length - 1].push(l);
  }
  const f = collect(head, issues, label);
  const { stem, declared } = stemOf(f);
  if (stem === '') issues.errors.push({ line: at, field: '题干', message: `${label}缺少案例材料（题干）` });
  for (const name of ['reference', 'rubric'] as const) {
    const v = f.values[name];
    if (v)
      issues.errors.push({
        line: v.line,
        field: FIELD_NAMES[name],
        message: `${label}的“${FIELD_NAMES[name]}”应写在各小题下面（小题以“（1）”“（2）”开头）`,
      });
  }
  const citation = citationOf(f, issues, label);
  const meta = metaOf(f, issues);
  if (groups.length < 2) {
    issues.errors.push({
      line: at,
      field: '小题',
      message: `${label}（案例分析题）须有两道或以上小题，当前有${groups.length}道；小题以“（1）”“（2）”开头，每道单独起一行`,
    });
  }
  const subs: CaseSubQuestion[] = [];
  groups.forEach((g, i) => {
    const sub = subQuestion(g, `${label}第${i + 1}小题`, citation, issues, parseObjective);
    if (sub) subs.push(sub);
  });
  if (issues.errors.length === before && !subs.some((s) => s.type === 'short-answer'))
    issues.errors.push({
      line: at,
      field: '小题',
      message: `${label}（案例分析题）至少要有一道简答小题（带“参考答案：”和“评分要点：”）；全是客观小题时请写成独立的客观题`,
    });
  const total = Math.round(subs.reduce((s, q) => s + q.points, 0) * 100) / 100;
  if (issues.errors.length === before) declaredCheck(declared, total, at, issues, label, '各小题');
  if (issues.errors.length > before || !meta) return undefined;
  const question: QuestionDraft = {
    type: 'case',
    stem,
    options: [],
    answer: { questions: subs },
    ...meta,
  };
  return finished(question, f, citation, at, issues.warnings.slice(warningsBefore));
}

/**
 * Whether a numbered line at index i starts the next question rather than a rubric point or a numbered list in an
 * answer: the first labelled or numbered line after it must be the new question's 参考答案 (简答题) or its case
 * text / first sub-question (案例分析题).
 */
function startsQuestion(lines: SourceLine[], i: number, kind: WrittenKind): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const text = lines[j].text.trim();
    if (text === '') continue;
    const lab = labelAt(text);
    if (lab) return kind === 'short-answer' ? lab.label === 'reference' : lab.label === 'material';
    if (kind === 'case') {
      const sub = SUB_AT.exec(text);
      if (sub) return Number(sub[1]) === 1;
    }
    if (questionNumber(text)) return false;
  }
  return false;
}

/** Whether a question so far has what ends it: its 参考答案 (简答题) or its first sub-question (案例分析题). */
function hasOwnAnswer(lines: SourceLine[], kind: WrittenKind): boolean {
  return lines.some((l) =>
    kind === 'short-answer' ? labelAt(l.text)?.label === 'reference' : SUB_AT.exec(l.text)?.[1] === '1',
  );
}

/** Parses the lines of one written section into questions. */
export function parseWrittenRegion(region: WrittenRegion, parseObjective: ObjectiveParser): ParseResult {
  const issues: Issues = { errors: [], warnings: [] };
  const questions: ParsedQuestion[] = [];
  const chunks: { number: number; lines: SourceLine[] }[] = [];
  const lines = region.lines;
  lines.forEach((l, i) => {
    const text = l.text.trim();
    if (text === '') return;
    const q = questionNumber(text);
    const current = chunks[chunks.length - 1];
    const opens =
      !current ||
      (q !== undefined &&
        q.n > current.number &&
        hasOwnAnswer(current.lines, region.kind) &&
        startsQuestion(lines, i, region.kind));
    if (q && opens) {
      if (current && q.n !== current.number + 1)
        issues.warnings.push({
          line: l.no,
          message: `题号不连续：上一题是第${current.number}题，这一题是第${q.n}题`,
        });
      chunks.push({ number: q.n, lines: [{ no: l.no, text: q.rest }] });
      return;
    }
    if (!current) {
      issues.warnings.push({ line: l.no, message: `已忽略题目之外的内容：“${quote(text)}”` });
      return;
    }
    current.lines.push({ no: l.no, text });
  });
  for (const c of chunks) {
    const parsed =
      region.kind === 'short-answer'
        ? shortAnswer(c.number, c.lines, issues)
        : caseQuestion(c.number, c.lines, issues, parseObjective);
    if (parsed) questions.push(parsed);
  }
  return { format: 'txt', questions, errors: issues.errors, warnings: issues.warnings };
}
