/**
 * The canonical bank file (question-banks/README.md) in YAML, and the same structure in JSON (JSON is YAML 1.2).
 * Works on the YAML syntax tree with a LineCounter so that every problem names the line of the offending node.
 * Pure.
 */
import {
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type ErrorCode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import {
  CURRICULA,
  QUESTION_STATUSES,
  QUESTION_TYPES,
  type AnswerKey,
  type BankMeta,
  type Citation,
  type Curriculum,
  type ImportIssue,
  type OptionKey,
  type ParsedQuestion,
  type ParseResult,
  type QuestionDraft,
  type QuestionStatus,
  type QuestionType,
  type CaseSubQuestion,
  type RubricPoint,
  type WrittenKey,
  type CaseKey,
  isWrittenType,
  rubricMax,
} from '../question.types';
import { parseFillAnswer, parseOptionLetters, parseQuestionType, parseTags, parseTrueFalse } from './answers';
import { parseArticleRef, parseCitation, wholeDocumentWarning } from './citation';
import { isHalfPoints, validateDraft, type DraftField } from './validate';

const ERROR_MESSAGES: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: '缩进不正确',
  TAB_AS_INDENT: '不能用 Tab 键缩进，请改用空格',
  DUPLICATE_KEY: '同一层级中出现了重复的字段名',
  MISSING_CHAR: '缺少配对的符号（如引号、括号“]”“}”）',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  BLOCK_AS_IMPLICIT_KEY: '字段名写法不正确（可能缺少冒号后的空格或缩进有误）',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行（可能缺少冒号后的空格）',
  BAD_DQ_ESCAPE: '双引号字符串中的转义符“\\”使用不正确',
  BAD_SCALAR_START: '取值不能以该符号开头，请给它加上引号',
  BLOCK_IN_FLOW: '方括号或花括号内不能使用多行写法',
  MULTIPLE_DOCS: '一个文件只能包含一个题库（不能有多个“---”分隔的文档）',
  KEY_OVER_1024_CHARS: '字段名过长',
  BAD_ALIAS: '别名（*）引用不正确',
  RESOURCE_EXHAUSTION: '文件结构过于复杂',
};

const BANK_FIELDS = ['code', 'title', 'curriculum', 'regulations', 'description', 'note'] as const;
const QUESTION_FIELDS = [
  'id',
  'type',
  'stem',
  'options',
  'answer',
  'explanation',
  'difficulty',
  'cite',
  'tags',
  'status',
  'rubric',
  'questions',
] as const;
const SUB_FIELDS = ['type', 'stem', 'options', 'answer', 'points', 'explanation', 'cite', 'rubric'] as const;
const RUBRIC_FIELDS = ['point', 'points', 'cite', 'keywords'] as const;
const CITE_FIELDS = ['regulation', 'article', 'paragraph'] as const;

type YNode = unknown;

interface Entry {
  keyLine: number;
  value: YNode;
  valueLine: number;
}

class Ctx {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  constructor(private readonly lc: LineCounter) {}

  line(node: YNode, fallback: number): number {
    const range = (node as { range?: [number, number, number] | null } | null)?.range;
    return range ? this.lc.linePos(range[0]).line : fallback;
  }

  error(line: number, field: string | undefined, message: string): void {
    this.errors.push(field === undefined ? { line, message } : { line, field, message });
  }
}

function isNull(node: YNode): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** A scalar as the author wrote it: strings as parsed, numbers/booleans by their source text. */
function scalarText(node: YNode): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/** Reads a mapping's entries, reporting unknown and non-text keys. */
function entries(ctx: Ctx, map: YAMLMap, allowed: readonly string[], where: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const pair of map.items as Pair[]) {
    const keyLine = ctx.line(pair.key, ctx.line(map, 1));
    const key = scalarText(pair.key);
    if (key === undefined) {
      ctx.error(keyLine, undefined, `${where}中有无法识别的字段名`);
      continue;
    }
    if (!allowed.includes(key)) {
      ctx.error(keyLine, key, `未知字段“${key}”，${where}只允许：${allowed.join('、')}`);
      continue;
    }
    out.set(key, { keyLine, value: pair.value, valueLine: ctx.line(pair.value, keyLine) });
  }
  return out;
}

function text(
  ctx: Ctx,
  fields: Map<string, Entry>,
  name: string,
  startLine: number,
  required: boolean,
): string | undefined {
  const entry = fields.get(name);
  if (!entry || isNull(entry.value)) {
    if (required) ctx.error(entry?.keyLine ?? startLine, name, `缺少字段“${name}”`);
    return undefined;
  }
  const value = scalarText(entry.value);
  if (value === undefined) {
    ctx.error(entry.valueLine, name, `字段“${name}”应为文本`);
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '' && required) {
    ctx.error(entry.valueLine, name, `字段“${name}”不能为空`);
    return undefined;
  }
  return trimmed;
}

function textList(ctx: Ctx, entry: Entry, name: string): string[] | undefined {
  if (isNull(entry.value)) return [];
  if (!isSeq(entry.value)) {
    ctx.error(entry.valueLine, name, `字段“${name}”应为列表，如 [a, b]`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of entry.value.items) {
    const value = scalarText(item);
    if (value === undefined || value.trim() === '') {
      ctx.error(ctx.line(item, entry.valueLine), name, `“${name}”的每一项都应为非空文本`);
      return undefined;
    }
    out.push(value.trim());
  }
  return out;
}

function parseBank(ctx: Ctx, node: YNode, keyLine: number): BankMeta | undefined {
  if (!isMap(node)) {
    ctx.error(ctx.line(node, keyLine), 'bank', '“bank”应为题库信息（code、title、curriculum 等字段）');
    return undefined;
  }
  const before = ctx.errors.length;
  const start = ctx.line(node, keyLine);
  const fields = entries(ctx, node, BANK_FIELDS, '题库信息 bank ');
  const code = text(ctx, fields, 'code', start, true);
  if (code !== undefined && !/^[a-z0-9-]+$/.test(code)) {
    ctx.error(fields.get('code')!.valueLine, 'code', `题库编码“${code}”只能包含小写字母、数字和连字符`);
  }
  const title = text(ctx, fields, 'title', start, true);
  const curriculum = text(ctx, fields, 'curriculum', start, true);
  if (curriculum !== undefined && !(CURRICULA as readonly string[]).includes(curriculum)) {
    ctx.error(
      fields.get('curriculum')!.valueLine,
      'curriculum',
      `科目“${curriculum}”无效，应为：${CURRICULA.join('、')}`,
    );
  }
  const regulationsEntry = fields.get('regulations');
  const regulations = regulationsEntry ? textList(ctx, regulationsEntry, 'regulations') : [];
  const description = text(ctx, fields, 'description', start, false);
  const note = text(ctx, fields, 'note', start, false);
  if (ctx.errors.length > before || !code || !title || !curriculum || !regulations) return undefined;
  const bank: BankMeta = { code, title, curriculum: curriculum as Curriculum, regulations };
  if (description) bank.description = description;
  if (note) bank.note = note;
  return bank;
}

function parseOptions(
  ctx: Ctx,
  entry: Entry | undefined,
  optionLines: Map<string, number>,
): { key: OptionKey; text: string }[] | undefined {
  if (!entry || isNull(entry.value)) return [];
  const out: { key: OptionKey; text: string }[] = [];
  if (isSeq(entry.value)) {
    if (entry.value.items.length > 8) {
      ctx.error(entry.valueLine, 'options', `选项最多8个（A–H），当前有${entry.value.items.length}个`);
      return undefined;
    }
    entry.value.items.forEach((item, i) => {
      const key = 'ABCDEFGH'[i] as OptionKey;
      optionLines.set(key, ctx.line(item, entry.valueLine));
      out.push({ key, text: (scalarText(item) ?? '').trim() });
    });
    return out;
  }
  if (!isMap(entry.value)) {
    ctx.error(entry.valueLine, 'options', '“options”应写成 { A: …, B: … }');
    return undefined;
  }
  let ok = true;
  for (const pair of entry.value.items as Pair[]) {
    const keyLine = ctx.line(pair.key, entry.valueLine);
    const key = scalarText(pair.key)?.trim() ?? '';
    if (!/^[A-H]$/.test(key)) {
      ctx.error(keyLine, 'options', `选项“${key}”无效，选项只能是大写字母A–H`);
      ok = false;
      continue;
    }
    const value = scalarText(pair.value);
    if (value === undefined && !isNull(pair.value)) {
      ctx.error(keyLine, `options.${key}`, `选项${key}应为文本`);
      ok = false;
      continue;
    }
    optionLines.set(key, keyLine);
    out.push({ key: key as OptionKey, text: (value ?? '').trim() });
  }
  out.sort((a, b) => a.key.localeCompare(b.key));
  return ok ? out : undefined;
}

function parseAnswer(ctx: Ctx, type: QuestionType, entry: Entry): AnswerKey | undefined {
  const node = entry.value;
  const line = entry.valueLine;
  switch (type) {
    case 'single': {
      const value = scalarText(node);
      if (value === undefined) {
        ctx.error(line, 'answer', '单选题的答案应为一个选项字母，如 B');
        return undefined;
      }
      const letters = parseOptionLetters(value);
      if (!letters.ok) ctx.error(line, 'answer', letters.message);
      else if (letters.keys.length !== 1) ctx.error(line, 'answer', `单选题只能有一个答案，当前为“${value}”`);
      else return letters.keys[0];
      return undefined;
    }
    case 'multiple': {
      let raw: string | undefined;
      if (isSeq(node)) {
        const items = node.items.map((item) => scalarText(item));
        raw = items.every((i) => i !== undefined) ? items.join(',') : undefined;
      } else {
        raw = scalarText(node);
      }
      if (raw === undefined) {
        ctx.error(line, 'answer', '多选题的答案应为选项字母列表，如 [A, C, D]');
        return undefined;
      }
      const letters = parseOptionLetters(raw);
      if (!letters.ok) {
        ctx.error(line, 'answer', letters.message);
        return undefined;
      }
      return letters.keys;
    }
    case 'true-false': {
      if (isScalar(node) && typeof node.value === 'boolean') return node.value;
      const value = scalarText(node);
      const parsed = value === undefined ? undefined : parseTrueFalse(value);
      if (parsed === undefined)
        ctx.error(line, 'answer', `判断题的答案应为 true 或 false，当前为“${value ?? ''}”`);
      return parsed;
    }
    case 'fill-blank': {
      if (isSeq(node)) {
        const blanks: string[][] = [];
        for (const item of node.items) {
          if (isSeq(item)) {
            const alternatives = item.items.map((a) => scalarText(a));
            if (alternatives.some((a) => a === undefined)) {
              ctx.error(ctx.line(item, line), 'answer', '填空题的每个备选答案都应为文本');
              return undefined;
            }
            blanks.push(alternatives.map((a) => a!.trim()));
          } else {
            const value = scalarText(item);
            if (value === undefined) {
              ctx.error(
                ctx.line(item, line),
                'answer',
                '填空题的答案应写成 [[答案1, 备选答案], [第二个空的答案]]',
              );
              return undefined;
            }
            blanks.push([value.trim()]);
          }
        }
        return blanks;
      }
      const value = scalarText(node);
      if (value === undefined) {
        ctx.error(line, 'answer', '填空题的答案应写成 [[答案1, 备选答案], [第二个空的答案]]');
        return undefined;
      }
      const parsed = parseFillAnswer(value);
      if (!parsed.ok) ctx.error(line, 'answer', parsed.message);
      return parsed.ok ? parsed.blanks : undefined;
    }
  }
}

function positiveInt(ctx: Ctx, node: YNode, line: number, field: string, what: string): number | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 1) {
    return node.value;
  }
  const value = scalarText(node);
  const ref = value === undefined ? undefined : parseArticleRef(value);
  if (ref && ref.paragraph === undefined) return ref.article;
  ctx.error(line, field, `${what}应为正整数，当前为“${value ?? ''}”`);
  return undefined;
}

function parseCite(ctx: Ctx, entry: Entry): Citation | undefined {
  const node = entry.value;
  if (isScalar(node)) {
    const parsed = parseCitation(scalarText(node) ?? '');
    if (!parsed.ok) ctx.error(entry.valueLine, 'cite', parsed.message);
    else if (parsed.warning)
      ctx.warnings.push({ line: entry.valueLine, field: 'cite', message: parsed.warning });
    return parsed.ok ? parsed.citation : undefined;
  }
  if (!isMap(node)) {
    ctx.error(entry.valueLine, 'cite', '“cite”应写成 { regulation: 法规编码, article: 条号 }');
    return undefined;
  }
  const before = ctx.errors.length;
  const fields = entries(ctx, node, CITE_FIELDS, '法规引用 cite ');
  const regulation = text(ctx, fields, 'regulation', entry.valueLine, true);
  const articleEntry = fields.get('article');
  let article: number | undefined;
  const whole = !articleEntry || isNull(articleEntry.value);
  if (!whole) article = positiveInt(ctx, articleEntry.value, articleEntry.valueLine, 'article', '条号');
  const paragraphEntry = fields.get('paragraph');
  let paragraph: number | undefined;
  if (paragraphEntry && !isNull(paragraphEntry.value)) {
    if (whole) ctx.error(paragraphEntry.valueLine, 'paragraph', '写了款号“paragraph”，但缺少条号“article”');
    else paragraph = positiveInt(ctx, paragraphEntry.value, paragraphEntry.valueLine, 'paragraph', '款号');
  }
  if (ctx.errors.length > before || regulation === undefined) return undefined;
  if (whole) {
    ctx.warnings.push({ line: entry.valueLine, field: 'cite', message: wholeDocumentWarning(regulation) });
    return { regulation };
  }
  if (article === undefined) return undefined;
  return paragraph === undefined ? { regulation, article } : { regulation, article, paragraph };
}

function parseRubric(ctx: Ctx, entry: Entry | undefined, start: number): RubricPoint[] | undefined {
  if (!entry || isNull(entry.value) || !isSeq(entry.value) || entry.value.items.length === 0) {
    ctx.error(
      entry?.valueLine ?? start,
      'rubric',
      '简答题须有评分要点“rubric”（至少一条，每条写明 point、points）',
    );
    return undefined;
  }
  const out: RubricPoint[] = [];
  const before = ctx.errors.length;
  for (const item of entry.value.items) {
    const line = ctx.line(item, entry.valueLine);
    if (!isMap(item)) {
      ctx.error(line, 'rubric', '每条评分要点应写成 { point: 要点, points: 分值, cite: …, keywords: […] }');
      continue;
    }
    const f = entries(ctx, item, RUBRIC_FIELDS, '评分要点');
    const point = text(ctx, f, 'point', line, true);
    const pointsEntry = f.get('points');
    const pts = pointsEntry && isScalar(pointsEntry.value) ? Number(pointsEntry.value.value) : NaN;
    if (!isHalfPoints(pts))
      ctx.error(
        pointsEntry?.valueLine ?? line,
        'rubric.points',
        '评分要点的分值应为大于0的整数或半分（如 1.5）',
      );
    const citeEntry = f.get('cite');
    const citation = citeEntry && !isNull(citeEntry.value) ? parseCite(ctx, citeEntry) : undefined;
    const kwEntry = f.get('keywords');
    const keywords = kwEntry ? textList(ctx, kwEntry, 'keywords') : [];
    if (point === undefined || keywords === undefined) continue;
    const r: RubricPoint = { point, points: pts, keywords };
    if (citation) r.citation = citation;
    out.push(r);
  }
  return ctx.errors.length > before ? undefined : out;
}

function parseWrittenKey(
  ctx: Ctx,
  answerEntry: Entry,
  rubricEntry: Entry | undefined,
  start: number,
): WrittenKey | undefined {
  const reference = scalarText(answerEntry.value)?.trim();
  if (!reference) ctx.error(answerEntry.valueLine, 'answer', '简答题的“answer”应为参考答案文本');
  const rubric = parseRubric(ctx, rubricEntry, start);
  return reference && rubric ? { reference, rubric } : undefined;
}

function parseSubQuestions(ctx: Ctx, entry: Entry | undefined, start: number): CaseSubQuestion[] | undefined {
  if (!entry || isNull(entry.value) || !isSeq(entry.value) || entry.value.items.length < 2) {
    ctx.error(entry?.valueLine ?? start, 'questions', '案例分析题须有两道或以上小题“questions”');
    return undefined;
  }
  const before = ctx.errors.length;
  const out: CaseSubQuestion[] = [];
  entry.value.items.forEach((item, i) => {
    const line = ctx.line(item, entry.valueLine);
    const label = `第${i + 1}小题`;
    if (!isMap(item)) {
      ctx.error(line, 'questions', `${label}应为一组字段（type、stem、answer 等）`);
      return;
    }
    const f = entries(ctx, item, SUB_FIELDS, `案例${label}`);
    const typeText = text(ctx, f, 'type', line, true);
    const type =
      typeText === 'short-answer' ? 'short-answer' : typeText ? parseQuestionType(typeText) : undefined;
    if (typeText !== undefined && (!type || (isWrittenType(type) && type !== 'short-answer'))) {
      ctx.error(
        f.get('type')!.valueLine,
        'type',
        `${label}的题型“${typeText}”无效，应为单选、多选、判断、填空或简答`,
      );
      return;
    }
    const stem = text(ctx, f, 'stem', line, true);
    const optionLines = new Map<string, number>();
    const options = parseOptions(ctx, f.get('options'), optionLines);
    const answerEntry = f.get('answer');
    const explanation = text(ctx, f, 'explanation', line, false);
    const citeEntry = f.get('cite');
    const citation = citeEntry && !isNull(citeEntry.value) ? parseCite(ctx, citeEntry) : undefined;
    if (!type || stem === undefined || options === undefined) return;
    if (!answerEntry || isNull(answerEntry.value)) {
      ctx.error(answerEntry?.keyLine ?? line, 'answer', `${label}缺少字段“answer”`);
      return;
    }
    let sub: CaseSubQuestion;
    if (type === 'short-answer') {
      if (f.has('points'))
        ctx.error(
          f.get('points')!.keyLine,
          'points',
          `${label}是简答题，分值为评分要点之和，不能另写“points”`,
        );
      const key = parseWrittenKey(ctx, answerEntry, f.get('rubric'), line);
      if (!key) return;
      sub = { type, stem, options: [], answer: key, points: rubricMax(key.rubric) };
    } else {
      if (f.has('rubric')) ctx.error(f.get('rubric')!.keyLine, 'rubric', `${label}是客观题，不能有评分要点`);
      const key = parseAnswer(ctx, type as Exclude<QuestionType, 'short-answer' | 'case'>, answerEntry);
      const pointsEntry = f.get('points');
      const pts = pointsEntry && isScalar(pointsEntry.value) ? Number(pointsEntry.value.value) : 2;
      if (!isHalfPoints(pts))
        ctx.error(pointsEntry?.valueLine ?? line, 'points', `${label}的分值应为大于0的整数或半分`);
      if (key === undefined) return;
      const draft: QuestionDraft = {
        type,
        stem,
        options,
        answer: key,
        difficulty: 3,
        tags: [],
        status: 'approved',
      };
      const issues = validateDraft(draft, {
        line,
        locate: (field, option) => {
          if (option && optionLines.has(option))
            return { line: optionLines.get(option), field: `options.${option}` };
          return { line: f.get(YAML_FIELD[field])?.valueLine ?? line, field: YAML_FIELD[field] };
        },
      });
      for (const issue of issues) ctx.errors.push({ ...issue, message: `${label}：${issue.message}` });
      sub = {
        type: type as CaseSubQuestion['type'],
        stem,
        options,
        answer: key as CaseSubQuestion['answer'],
        points: pts,
      };
    }
    if (explanation) sub.explanation = explanation;
    if (citation) sub.citation = citation;
    out.push(sub);
  });
  if (ctx.errors.length > before) return undefined;
  if (!out.some((q) => q.type === 'short-answer'))
    ctx.error(entry.valueLine, 'questions', '案例分析题至少要有一道简答小题（否则请写成独立的客观题）');
  return ctx.errors.length > before ? undefined : out;
}

const YAML_FIELD: Record<DraftField, string> = {
  type: 'type',
  stem: 'stem',
  options: 'options',
  answer: 'answer',
  explanation: 'explanation',
  difficulty: 'difficulty',
  citation: 'cite',
  tags: 'tags',
  status: 'status',
};

function parseQuestion(ctx: Ctx, node: YNode, fallbackLine: number): ParsedQuestion | undefined {
  const start = ctx.line(node, fallbackLine);
  if (!isMap(node)) {
    ctx.error(start, undefined, '每道题应为一组字段（id、type、stem、answer 等）');
    return undefined;
  }
  const before = ctx.errors.length;
  const fields = entries(ctx, node, QUESTION_FIELDS, '题目');
  const key = text(ctx, fields, 'id', start, true);
  const typeText = text(ctx, fields, 'type', start, true);
  let type: QuestionType | undefined;
  if (typeText !== undefined) {
    type = isWrittenType(typeText) ? typeText : parseQuestionType(typeText);
    if (!type) {
      ctx.error(
        fields.get('type')!.valueLine,
        'type',
        `题型“${typeText}”无效，应为：${QUESTION_TYPES.join('、')}`,
      );
    }
  }
  const stem = text(ctx, fields, 'stem', start, true);
  const optionLines = new Map<string, number>();
  const options = parseOptions(ctx, fields.get('options'), optionLines);
  let answer: AnswerKey | undefined;
  const answerEntry = fields.get('answer');
  if (type === 'case') {
    if (answerEntry) ctx.error(answerEntry.keyLine, 'answer', '案例分析题的答案写在各小题中，不能有“answer”');
    const subs = parseSubQuestions(ctx, fields.get('questions'), start);
    if (subs) answer = { questions: subs };
  } else {
    if (fields.has('questions'))
      ctx.error(fields.get('questions')!.keyLine, 'questions', '只有案例分析题（case）可以有小题“questions”');
    if (!answerEntry || isNull(answerEntry.value))
      ctx.error(answerEntry?.keyLine ?? start, 'answer', '缺少字段“answer”');
    else if (type === 'short-answer') answer = parseWrittenKey(ctx, answerEntry, fields.get('rubric'), start);
    else if (type) answer = parseAnswer(ctx, type, answerEntry);
  }
  if (type !== 'short-answer' && fields.has('rubric'))
    ctx.error(fields.get('rubric')!.keyLine, 'rubric', '只有简答题（short-answer）可以有评分要点“rubric”');
  const explanation = text(ctx, fields, 'explanation', start, false);
  let difficulty = 3;
  const difficultyEntry = fields.get('difficulty');
  if (difficultyEntry && !isNull(difficultyEntry.value)) {
    const d = difficultyEntry.value;
    if (isScalar(d) && typeof d.value === 'number') difficulty = d.value;
    else
      ctx.error(
        difficultyEntry.valueLine,
        'difficulty',
        `难度应为1到5的整数，当前为“${scalarText(d) ?? ''}”`,
      );
  }
  const citeEntry = fields.get('cite');
  const citation = citeEntry && !isNull(citeEntry.value) ? parseCite(ctx, citeEntry) : undefined;
  const tagsEntry = fields.get('tags');
  let tags: string[] | undefined = [];
  if (tagsEntry && isScalar(tagsEntry.value) && typeof tagsEntry.value.value === 'string') {
    tags = parseTags(tagsEntry.value.value);
  } else if (tagsEntry) {
    tags = textList(ctx, tagsEntry, 'tags');
  }
  const statusText = text(ctx, fields, 'status', start, false);
  let status: QuestionStatus = 'approved';
  if (statusText) {
    if ((QUESTION_STATUSES as readonly string[]).includes(statusText)) status = statusText as QuestionStatus;
    else
      ctx.error(
        fields.get('status')!.valueLine,
        'status',
        `状态“${statusText}”无效，应为：${QUESTION_STATUSES.join('、')}`,
      );
  }
  if (
    ctx.errors.length > before ||
    key === undefined ||
    type === undefined ||
    stem === undefined ||
    options === undefined ||
    answer === undefined ||
    tags === undefined
  ) {
    return undefined;
  }
  const question: QuestionDraft = { key, type, stem, options, answer, difficulty, tags, status };
  if (explanation) question.explanation = explanation;
  if (citation) question.citation = citation;
  const issues = validateDraft(question, {
    line: start,
    locate: (field, option) => {
      const name = YAML_FIELD[field];
      if (option && optionLines.has(option))
        return { line: optionLines.get(option), field: `options.${option}` };
      const entry = fields.get(name);
      return { line: entry?.valueLine ?? start, field: name };
    },
  });
  if (issues.length) {
    ctx.errors.push(...issues);
    return undefined;
  }
  return { question, line: start };
}

/** Parses a bank file (YAML, or JSON with `format: 'json'`). */
export function parseYamlBank(source: string, format: 'yaml' | 'json' = 'yaml'): ParseResult {
  const lc = new LineCounter();
  const result: ParseResult = { format, questions: [], errors: [], warnings: [] };
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const syntax = format === 'json' ? 'JSON' : 'YAML';
  for (const e of doc.errors) {
    const message = ERROR_MESSAGES[e.code] ?? '格式不正确';
    result.errors.push({ line: lc.linePos(e.pos[0]).line, message: `${syntax} 语法错误：${message}` });
  }
  if (result.errors.length) return result;
  const ctx = new Ctx(lc);
  const root = doc.contents;
  let aliasLine: number | undefined;
  const checkAliases = (node: YNode): void => {
    if (aliasLine !== undefined) return;
    if (isAlias(node)) aliasLine = ctx.line(node, 1);
    else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          checkAliases(item.key);
          checkAliases(item.value);
        } else checkAliases(item);
      }
    }
  };
  checkAliases(root);
  if (aliasLine !== undefined) {
    result.errors.push({ line: aliasLine, message: `${syntax} 中不支持别名引用（*），请直接写出内容` });
    return result;
  }
  if (isNull(root)) {
    result.errors.push({ line: 1, message: '文件中没有内容' });
    return result;
  }
  if (!isMap(root)) {
    result.errors.push({
      line: ctx.line(root, 1),
      message: '文件顶层应包含“bank”（题库信息）和“questions”（题目列表）',
    });
    return result;
  }
  const top = entries(ctx, root, ['bank', 'questions'], '文件顶层');
  const bankEntry = top.get('bank');
  if (bankEntry) {
    const bank = parseBank(ctx, bankEntry.value, bankEntry.keyLine);
    if (bank) result.bank = bank;
  }
  const questionsEntry = top.get('questions');
  if (!questionsEntry) {
    ctx.error(ctx.line(root, 1), 'questions', '缺少题目列表“questions”');
  } else if (!isNull(questionsEntry.value)) {
    if (!isSeq(questionsEntry.value)) {
      ctx.error(questionsEntry.valueLine, 'questions', '“questions”应为题目列表（每题以“- id:”开头）');
    } else {
      const ids = new Map<string, number>();
      for (const item of questionsEntry.value.items) {
        const parsed = parseQuestion(ctx, item, questionsEntry.valueLine);
        if (!parsed) continue;
        const id = parsed.question.key!;
        const earlier = ids.get(id);
        if (earlier !== undefined) {
          const idLine = ctx.line((item as YAMLMap).get('id', true), parsed.line!);
          ctx.error(idLine, 'id', `编号“${id}”重复（第${earlier}行已使用）`);
          continue;
        }
        ids.set(id, parsed.line!);
        result.questions.push(parsed);
      }
    }
  }
  result.errors.push(...ctx.errors);
  result.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  result.warnings.push(...ctx.warnings);
  return result;
}

function citeToPlain(c: Citation): Record<string, unknown> {
  const { regulation, article, paragraph } = c;
  return article === undefined
    ? { regulation }
    : paragraph === undefined
      ? { regulation, article }
      : { regulation, article, paragraph };
}

function rubricToPlain(rubric: RubricPoint[]): Record<string, unknown>[] {
  return rubric.map((r) => ({
    point: r.point,
    points: r.points,
    ...(r.citation ? { cite: citeToPlain(r.citation) } : {}),
    ...(r.keywords.length ? { keywords: r.keywords } : {}),
  }));
}

function subToPlain(q: CaseSubQuestion): Record<string, unknown> {
  const out: Record<string, unknown> = { type: q.type, stem: q.stem };
  if (q.options.length) out.options = Object.fromEntries(q.options.map((o) => [o.key, o.text]));
  if (q.type === 'short-answer') {
    const key = q.answer as WrittenKey;
    out.answer = key.reference;
    out.rubric = rubricToPlain(key.rubric);
  } else {
    out.answer =
      Array.isArray(q.answer) && q.type === 'multiple' ? [...(q.answer as string[])].sort() : q.answer;
    out.points = q.points;
  }
  if (q.explanation !== undefined) out.explanation = q.explanation;
  if (q.citation) out.cite = citeToPlain(q.citation);
  return out;
}

function questionToPlain(q: QuestionDraft, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id, type: q.type, stem: q.stem };
  if (q.options.length) out.options = Object.fromEntries(q.options.map((o) => [o.key, o.text]));
  if (q.type === 'short-answer') {
    const key = q.answer as WrittenKey;
    out.answer = key.reference;
    out.rubric = rubricToPlain(key.rubric);
  } else if (q.type === 'case') {
    out.questions = (q.answer as CaseKey).questions.map(subToPlain);
  } else {
    out.answer =
      Array.isArray(q.answer) && q.type === 'multiple' ? [...(q.answer as string[])].sort() : q.answer;
  }
  if (q.explanation !== undefined) out.explanation = q.explanation;
  out.difficulty = q.difficulty;
  if (q.citation) out.cite = citeToPlain(q.citation);
  if (q.tags.length) out.tags = q.tags;
  out.status = q.status;
  return out;
}

/** Writes a bank file in the canonical format; parseYamlBank(exportBankYaml(b, qs)) gives back b and qs. */
export function exportBankYaml(bank: BankMeta, questions: QuestionDraft[]): string {
  const used = new Set(questions.map((q) => q.key).filter((k): k is string => k !== undefined));
  let next = 1;
  const ids = questions.map((q) => {
    if (q.key !== undefined) return q.key;
    let id: string;
    do id = `q${String(next++).padStart(3, '0')}`;
    while (used.has(id));
    used.add(id);
    return id;
  });
  const bankPlain: Record<string, unknown> = {
    code: bank.code,
    title: bank.title,
    curriculum: bank.curriculum,
    regulations: bank.regulations,
  };
  if (bank.description !== undefined) bankPlain.description = bank.description;
  if (bank.note !== undefined) bankPlain.note = bank.note;
  const doc = new Document({
    bank: bankPlain,
    questions: questions.map((q, i) => questionToPlain(q, ids[i])),
  });
  const regulations = doc.getIn(['bank', 'regulations'], true);
  if (isSeq(regulations)) regulations.flow = true;
  const list = doc.get('questions', true);
  if (isSeq(list)) {
    for (const item of list.items) {
      if (!isMap(item)) continue;
      for (const field of ['options', 'answer', 'cite', 'tags']) {
        const value = item.get(field, true);
        if (isMap(value) || isSeq(value)) value.flow = true;
      }
      const flowInside = (list: unknown, fields: string[]) => {
        if (!isSeq(list)) return;
        for (const sub of list.items) {
          if (!isMap(sub)) continue;
          for (const field of fields) {
            const value = sub.get(field, true);
            if (isMap(value) || isSeq(value)) value.flow = true;
          }
          flowInside(sub.get('rubric', true), ['cite', 'keywords']);
        }
      };
      flowInside(item.get('rubric', true), ['cite', 'keywords']);
      flowInside(item.get('questions', true), ['options', 'answer', 'cite']);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
