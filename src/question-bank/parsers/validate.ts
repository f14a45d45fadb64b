/**
 * The rules every question obeys whatever format it came from (question-banks/README.md), and the key used to
 * find the same question twice. Pure.
 */
import {
  OPTION_KEYS,
  QUESTION_STATUSES,
  QUESTION_TYPES,
  type ImportIssue,
  type OptionKey,
  type ParsedQuestion,
  type QuestionDraft,
} from '../question.types';

export const MAX_STEM_LENGTH = 2000;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = OPTION_KEYS.length;

/** A blank in a fill-blank stem: a run of three or more underscores. */
export const BLANK_RE = /_{3,}/g;

export function countBlanks(stem: string): number {
  return (stem.match(BLANK_RE) ?? []).length;
}

/**
 * Text formats write blanks as empty brackets `（ ）`（含全角空格） / `(  )`. When a fill-blank stem has no `___` blank, its
 * empty brackets become `___`.
 */
export function bracketsToBlanks(stem: string): string {
  if (countBlanks(stem) > 0) return stem;
  return stem.replace(/[（(][\s\u3000]*[）)]/g, '___');
}

export type DraftField =
  | 'type'
  | 'stem'
  | 'options'
  | 'answer'
  | 'explanation'
  | 'difficulty'
  | 'citation'
  | 'tags'
  | 'status';

/** Default field names (the Chinese template terms). */
export const FIELD_LABELS: Record<DraftField, string> = {
  type: '题型',
  stem: '题干',
  options: '选项',
  answer: '答案',
  explanation: '解析',
  difficulty: '难度',
  citation: '法规',
  tags: '标签',
  status: '状态',
};

/** Where a question is, so that each issue can point at the exact line, or row and column. */
export interface IssueWhere {
  line?: number;
  row?: number;
  /**
   * Locates one field (for a problem with one option, `option` names it). What it returns overrides the
   * defaults: `field` (default: 题型, 题干, 选项A …), `line` and `column`.
   */
  locate?: (field: DraftField, option?: OptionKey) => Partial<Pick<ImportIssue, 'line' | 'column' | 'field'>>;
}

function issueAt(where: IssueWhere, field: DraftField, message: string, option?: OptionKey): ImportIssue {
  const defaultField = option ? `选项${option}` : FIELD_LABELS[field];
  const located = where.locate?.(field, option) ?? {};
  const issue: ImportIssue = { message };
  const line = located.line ?? where.line;
  if (line !== undefined) issue.line = line;
  if (where.row !== undefined) issue.row = where.row;
  if (located.column !== undefined) issue.column = located.column;
  issue.field = located.field ?? defaultField;
  return issue;
}

function isOptionKey(value: unknown): value is OptionKey {
  return typeof value === 'string' && (OPTION_KEYS as readonly string[]).includes(value);
}

function keyRange(keys: string[]): string {
  if (keys.length === 0) return '（无选项）';
  return keys.length === 1 ? keys[0] : `${keys[0]}–${keys[keys.length - 1]}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function validateOptions(draft: QuestionDraft, where: IssueWhere, out: ImportIssue[]): void {
  const { options } = draft;
  if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
    out.push(
      issueAt(where, 'options', `选择题需要${MIN_OPTIONS}至${MAX_OPTIONS}个选项，当前有${options.length}个`),
    );
  }
  const seenText = new Map<string, OptionKey>();
  options.forEach((option, i) => {
    const expected = OPTION_KEYS[i];
    if (option.key !== expected) {
      out.push(
        issueAt(
          where,
          'options',
          `选项应从A开始按字母顺序连续编号：第${i + 1}个选项应为“${expected ?? '（超出H）'}”，实为“${option.key}”`,
          isOptionKey(option.key) ? option.key : undefined,
        ),
      );
    }
    const text = typeof option.text === 'string' ? option.text.trim() : '';
    if (text === '') {
      out.push(
        issueAt(
          where,
          'options',
          `选项${option.key}的内容为空`,
          isOptionKey(option.key) ? option.key : undefined,
        ),
      );
    } else if (seenText.has(text)) {
      out.push(
        issueAt(
          where,
          'options',
          `选项${option.key}与选项${seenText.get(text)}的内容相同`,
          isOptionKey(option.key) ? option.key : undefined,
        ),
      );
    } else if (isOptionKey(option.key)) {
      seenText.set(text, option.key);
    }
  });
}

function validateAnswer(draft: QuestionDraft, where: IssueWhere, out: ImportIssue[]): void {
  const keys = draft.options.map((o) => o.key);
  const answer: unknown = draft.answer;
  switch (draft.type) {
    case 'single':
      if (typeof answer !== 'string' || answer === '') {
        out.push(issueAt(where, 'answer', '单选题的答案应为一个选项字母，如“B”'));
      } else if (!keys.includes(answer as OptionKey)) {
        out.push(issueAt(where, 'answer', `答案“${answer}”不在选项${keyRange(keys)}中`));
      }
      return;
    case 'multiple': {
      if (!Array.isArray(answer) || !answer.every((a) => typeof a === 'string')) {
        out.push(issueAt(where, 'answer', '多选题的答案应为两个或以上的选项字母，如“ACD”'));
        return;
      }
      const seen = new Set<string>();
      for (const a of answer as string[]) {
        if (seen.has(a)) out.push(issueAt(where, 'answer', `答案中选项“${a}”重复`));
        else if (!keys.includes(a as OptionKey))
          out.push(issueAt(where, 'answer', `答案“${a}”不在选项${keyRange(keys)}中`));
        seen.add(a);
      }
      if (seen.size < 2) out.push(issueAt(where, 'answer', '多选题至少要有两个正确选项'));
      return;
    }
    case 'true-false':
      if (draft.options.length > 0) out.push(issueAt(where, 'options', '判断题不应有选项'));
      if (typeof answer !== 'boolean')
        out.push(issueAt(where, 'answer', `判断题的答案应为“对”或“错”，当前为“${show(answer)}”`));
      return;
    case 'fill-blank': {
      if (draft.options.length > 0) out.push(issueAt(where, 'options', '填空题不应有选项'));
      if (
        !Array.isArray(answer) ||
        !answer.every((b) => Array.isArray(b) && b.every((a) => typeof a === 'string'))
      ) {
        out.push(issueAt(where, 'answer', '填空题的答案应为每个空一组可接受的答案'));
        return;
      }
      const blanks = answer as string[][];
      const count = countBlanks(draft.stem);
      if (count === 0) {
        out.push(issueAt(where, 'stem', '填空题的题干中没有空，请用三个或以上下划线“___”表示填空位置'));
      } else if (count !== blanks.length) {
        out.push(issueAt(where, 'answer', `题干有${count}个空，但答案有${blanks.length}组`));
      }
      blanks.forEach((alternatives, i) => {
        if (alternatives.length === 0) out.push(issueAt(where, 'answer', `第${i + 1}个空没有答案`));
        else if (alternatives.some((a) => a.trim() === '')) {
          out.push(issueAt(where, 'answer', `第${i + 1}个空有空白的备选答案`));
        }
      });
      return;
    }
    case 'short-answer': {
      if (draft.options.length > 0) out.push(issueAt(where, 'options', '简答题不应有选项'));
      for (const w of writtenKeyIssues('short-answer', answer, draft.status === 'draft'))
        out.push(writtenIssue(where, w));
      return;
    }
    case 'case': {
      if (draft.options.length > 0)
        out.push(issueAt(where, 'options', '案例分析题不应有选项（选项写在小题中）'));
      for (const w of writtenKeyIssues('case', answer, draft.status === 'draft'))
        out.push(writtenIssue(where, w));
      return;
    }
  }
}

/** A problem inside a written question's key: where (in Chinese, e.g. 第2小题·评分要点第1条) and what. */
export interface WrittenKeyIssue {
  /** Empty when it concerns the key as a whole. */
  at: string;
  message: string;
}

function writtenIssue(where: IssueWhere, w: WrittenKeyIssue): ImportIssue {
  const issue = issueAt(where, 'answer', w.at ? `${w.at}：${w.message}` : w.message);
  // The field in Chinese (评分要点第2条), unless the format locates the key itself (a line, a column).
  if (w.at && !where.locate) issue.field = w.at;
  return issue;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** Whole or half points, above zero (评分要点、小题的分值). */
export function isHalfPoints(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && Number.isInteger(n * 2);
}

function pointsIssue(points: unknown): string | null {
  if (typeof points !== 'number' || !Number.isFinite(points) || points <= 0) return '分值必须是大于0的数';
  if (!isHalfPoints(points)) return '分值必须是0.5的倍数';
  return null;
}

/** A citation inside a written key (a rubric point's or a sub-question's), as the question's own is checked. */
function citationIssues(c: unknown, at: string, out: WrittenKeyIssue[]): void {
  if (c === undefined || c === null) return;
  if (!isObject(c)) {
    out.push({ at, message: '依据应写明法规和条号' });
    return;
  }
  const { regulation, article, paragraph } = c;
  if (blank(regulation)) out.push({ at, message: '依据的法规名称不能为空' });
  if (article !== undefined && (!Number.isInteger(article) || (article as number) < 1))
    out.push({ at, message: `依据的条号应为正整数，当前为“${show(article)}”` });
  if (article === undefined && paragraph !== undefined) out.push({ at, message: '依据写了款号，但缺少条号' });
  if (paragraph !== undefined && (!Number.isInteger(paragraph) || (paragraph as number) < 1))
    out.push({ at, message: `依据的款号应为正整数，当前为“${show(paragraph)}”` });
}

function shortAnswerIssues(key: unknown, prefix: string, out: WrittenKeyIssue[], draft: boolean): void {
  const at = (s: string) => (prefix ? `${prefix}·${s}` : s);
  const k = isObject(key) ? key : {};
  // A draft may wait for its reference answer and rubric (a GIFT essay arrives without them); it cannot be
  // approved until they are written (approvalBlocker).
  if (typeof k.reference !== 'string' || (!draft && blank(k.reference)))
    out.push({ at: prefix, message: '简答题须有参考答案' });
  if (!Array.isArray(k.rubric) || (!draft && k.rubric.length === 0)) {
    out.push({ at: prefix, message: '简答题须有评分要点' });
    return;
  }
  k.rubric.forEach((r: unknown, i) => {
    const here = at(`评分要点第${i + 1}条`);
    if (!isObject(r)) {
      out.push({ at: here, message: '应写明要点内容和分值' });
      return;
    }
    if (blank(r.point)) out.push({ at: here, message: '要点内容不能为空' });
    const p = pointsIssue(r.points);
    if (p) out.push({ at: here, message: p });
    citationIssues(r.citation, here, out);
    if (!Array.isArray(r.keywords) || r.keywords.some(blank))
      out.push({ at: here, message: '关键词不能为空白' });
  });
}

const SUB_TYPES = ['single', 'multiple', 'true-false', 'fill-blank', 'short-answer'] as const;

/**
 * The rules of a written question's key, the same for every import format and for the question editor: a
 * short-answer's reference answer and rubric (each point with its text, whole or half points, keywords and an
 * optional citation), a case's sub-questions (two or more, one at least written; objective ones checked as any
 * question, with whole or half points; a written one's points are its rubric's sum). Pure; [] when valid.
 */
export function writtenKeyIssues(
  type: 'short-answer' | 'case',
  answer: unknown,
  draft = false,
): WrittenKeyIssue[] {
  const out: WrittenKeyIssue[] = [];
  if (type === 'short-answer') {
    shortAnswerIssues(answer, '', out, draft);
    return out;
  }
  const key = isObject(answer) ? answer : {};
  if (!Array.isArray(key.questions) || key.questions.length < 2) {
    out.push({ at: '', message: '案例分析题须有两道或以上小题' });
    return out;
  }
  key.questions.forEach((q: unknown, i) => {
    const at = `第${i + 1}小题`;
    if (!isObject(q)) {
      out.push({ at, message: '应写明题型、题干和答案' });
      return;
    }
    if (!(SUB_TYPES as readonly unknown[]).includes(q.type)) {
      out.push({ at, message: `题型“${show(q.type)}”无效，应为单选、多选、判断、填空或简答` });
      return;
    }
    if (blank(q.stem)) out.push({ at, message: '题干不能为空' });
    citationIssues(q.citation, at, out);
    if (q.type === 'short-answer') {
      if (Array.isArray(q.options) && q.options.length > 0) out.push({ at, message: '简答小题不应有选项' });
      shortAnswerIssues(q.answer, at, out, draft);
      const rubric = isObject(q.answer) && Array.isArray(q.answer.rubric) ? q.answer.rubric : [];
      const sum = rubric.reduce((s: number, r: unknown) => s + (isObject(r) ? Number(r.points) : 0), 0);
      if (out.length === 0 && rubric.length > 0 && Math.abs(sum - Number(q.points)) > 1e-9)
        out.push({ at, message: `分值应为评分要点之和（${Math.round(sum * 100) / 100}分）` });
      return;
    }
    const p = pointsIssue(q.points);
    if (p) out.push({ at, message: p });
    const sub: QuestionDraft = {
      type: q.type as QuestionDraft['type'],
      stem: typeof q.stem === 'string' ? q.stem : '',
      options: Array.isArray(q.options) ? (q.options as QuestionDraft['options']) : [],
      answer: q.answer as QuestionDraft['answer'],
      difficulty: 3,
      tags: [],
      status: 'approved',
    };
    for (const issue of validateDraft(sub))
      if (issue.field !== '题干') out.push({ at, message: issue.message });
  });
  if (out.length === 0 && !key.questions.some((q: unknown) => isObject(q) && q.type === 'short-answer'))
    out.push({ at: '', message: '案例分析题至少要有一道简答小题（否则请写成独立的客观题）' });
  return out;
}

/**
 * Why a question cannot be approved, or undefined: a short-answer question (or a case's written sub-question)
 * without its reference answer or rubric (评分要点) would reach candidates with nothing to mark it by.
 */
export function approvalBlocker(draft: Pick<QuestionDraft, 'type' | 'answer'>): string | undefined {
  const empty = (key: unknown) =>
    !isObject(key) || !Array.isArray(key.rubric) || key.rubric.length === 0 || blank(key.reference);
  if (draft.type === 'short-answer' && empty(draft.answer))
    return '这道简答题还没有评分要点或参考答案，不能审核通过；请在题目编辑页（或题库文件）中补充后再审核';
  if (draft.type === 'case') {
    const subs =
      isObject(draft.answer) && Array.isArray(draft.answer.questions) ? draft.answer.questions : [];
    const i = subs.findIndex((s: unknown) => isObject(s) && s.type === 'short-answer' && empty(s.answer));
    if (i >= 0)
      return `这道案例分析题的第${i + 1}小题还没有评分要点或参考答案，不能审核通过；请在题目编辑页（或题库文件）中补充后再审核`;
  }
  return undefined;
}

/** Checks one question against the bank rules; returns its problems (empty when valid). */
export function validateDraft(draft: QuestionDraft, where: IssueWhere = {}): ImportIssue[] {
  const out: ImportIssue[] = [];
  if (!(QUESTION_TYPES as readonly string[]).includes(draft.type)) {
    out.push(
      issueAt(
        where,
        'type',
        `题型“${show(draft.type)}”无效，应为单选题、多选题、判断题、填空题、简答题或案例分析题`,
      ),
    );
    return out;
  }
  const stem = typeof draft.stem === 'string' ? draft.stem.trim() : '';
  if (stem === '') out.push(issueAt(where, 'stem', '题干不能为空'));
  else if (stem.length > MAX_STEM_LENGTH) {
    out.push(issueAt(where, 'stem', `题干过长（${stem.length}字），不能超过${MAX_STEM_LENGTH}字`));
  }
  if (draft.type === 'single' || draft.type === 'multiple') validateOptions(draft, where, out);
  validateAnswer(draft, where, out);
  if (!Number.isInteger(draft.difficulty) || draft.difficulty < 1 || draft.difficulty > 5) {
    out.push(issueAt(where, 'difficulty', `难度应为1到5的整数，当前为“${show(draft.difficulty)}”`));
  }
  if (!(QUESTION_STATUSES as readonly string[]).includes(draft.status)) {
    out.push(issueAt(where, 'status', `状态“${show(draft.status)}”无效，应为已审核、草稿或已停用`));
  }
  if (draft.citation) {
    const { regulation, article, paragraph } = draft.citation;
    if (typeof regulation !== 'string' || regulation.trim() === '')
      out.push(issueAt(where, 'citation', '法规名称不能为空'));
    if (article !== undefined && (!Number.isInteger(article) || article < 1))
      out.push(issueAt(where, 'citation', `条号应为正整数，当前为“${show(article)}”`));
    if (article === undefined && paragraph !== undefined)
      out.push(issueAt(where, 'citation', '写了款号，但缺少条号'));
    if (paragraph !== undefined && (!Number.isInteger(paragraph) || paragraph < 1)) {
      out.push(issueAt(where, 'citation', `款号应为正整数，当前为“${show(paragraph)}”`));
    }
  }
  if (!Array.isArray(draft.tags) || draft.tags.some((t) => typeof t !== 'string' || t.trim() === '')) {
    out.push(issueAt(where, 'tags', '标签不能为空白'));
  }
  return out;
}

function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * The duplicate-detection key of a question: NFKC (full-width → half-width), lower case, whitespace and
 * punctuation removed; option texts sorted, so the order of the options does not matter.
 */
export function normalizeStem(stem: string, options: { text: string }[] = []): string {
  const opts = options.map((o) => normalizeText(o.text)).sort();
  return opts.length ? `${normalizeText(stem)}#${opts.join('|')}` : normalizeText(stem);
}

/**
 * Errors for questions that repeat an earlier one in the same file (same normalizeStem). `locate` says where a
 * question is (line, or row and column) and how to name that position in the message.
 */
export function duplicateIssues(
  questions: ParsedQuestion[],
  locate: (q: ParsedQuestion) => { issue: Omit<ImportIssue, 'message'>; label: string },
): { issues: ImportIssue[]; duplicates: Set<ParsedQuestion> } {
  const first = new Map<string, ParsedQuestion>();
  const issues: ImportIssue[] = [];
  const duplicates = new Set<ParsedQuestion>();
  for (const q of questions) {
    const key = normalizeStem(q.question.stem, q.question.options);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, q);
      continue;
    }
    duplicates.add(q);
    const here = locate(q);
    const there = locate(earlier);
    issues.push({
      ...here.issue,
      field: here.issue.field ?? '题干',
      message: `与${there.label}的题目重复（题干和选项相同）`,
    });
  }
  return { issues, duplicates };
}
