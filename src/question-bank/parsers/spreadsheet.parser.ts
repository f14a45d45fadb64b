/**
 * The Excel template (.xlsx) and its CSV twin: first sheet, header row 1 with Chinese headers in any order, one
 * question per row. Every problem names its row, column letter and header. Also writes the template and exports a
 * bank in the same layout (parse(export(x)) gives back x). No Nest or TypeORM imports.
 */
import { Workbook, type Worksheet } from 'exceljs';
import {
  OPTION_KEYS,
  QUESTION_TYPE_LABELS,
  type AnswerKey,
  type ImportIssue,
  type OptionKey,
  type ParsedQuestion,
  type ParseResult,
  type QuestionDraft,
  type QuestionType,
} from '../question.types';
import { articleLabel } from '../../common/chinese-numerals';
import {
  formatFillAnswer,
  parseDifficulty,
  parseFillAnswer,
  parseOptionLetters,
  parseQuestionType,
  parseStatus,
  parseTags,
  parseTrueFalse,
  STATUS_LABELS,
} from './answers';
import { citationFromParts } from './citation';
import { neutraliseCell } from '../../common/formula-guard';
import { columnLetter, readXlsxSheet } from '../../common/sheet';
import { csvToSheet, type Sheet } from '../../common/csv';
import { bracketsToBlanks, duplicateIssues, validateDraft } from './validate';

const OPTION_HEADERS = OPTION_KEYS.map((k) => `选项${k}`);
/** The template's columns, in the order the exporter writes them. */
export const SHEET_HEADERS = [
  '编号',
  '题型',
  '题干',
  ...OPTION_HEADERS,
  '答案',
  '解析',
  '难度',
  '法规',
  '条款',
  '标签',
  '状态',
] as const;
export const REQUIRED_HEADERS = ['题型', '题干', '答案'] as const;

const HEADER_ALIASES: Record<string, string> = {
  题目: '题干',
  试题: '题干',
  类型: '题型',
  正确答案: '答案',
  参考答案: '答案',
  答案解析: '解析',
  法规依据: '法规',
  法律依据: '法规',
  依据: '法规',
  出处: '法规',
  条文: '条款',
  条号: '条款',
};
/** Columns trainers often add that carry nothing to import. */
const IGNORED_HEADERS = new Set(['序号', '备注']);

/** 选项Ａ, ' 答案* ', 题干（必填）, A选项 → the canonical header; undefined when unknown. */
export function canonicalHeader(text: string): string | undefined {
  let h = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[(（](必填|选填|可选)[)）]$/, '')
    .replace(/\*+$/, '')
    .replace(/^\*+/, '');
  h = HEADER_ALIASES[h] ?? h;
  const option = /^(?:选项)?([a-hA-H])(?:选项)?$/.exec(h);
  if (option) h = `选项${option[1].toUpperCase()}`;
  return (SHEET_HEADERS as readonly string[]).includes(h) ? h : undefined;
}

const FIELD_HEADER: Record<string, string> = {
  type: '题型',
  stem: '题干',
  answer: '答案',
  explanation: '解析',
  difficulty: '难度',
  tags: '标签',
  status: '状态',
};

type Columns = Map<string, number>;

function readHeader(sheet: Sheet, result: ParseResult): Columns | undefined {
  const header = sheet.rows[0] ?? [];
  const columns: Columns = new Map();
  let ok = true;
  header.forEach((raw, c) => {
    const text = raw.trim();
    if (text === '') return;
    const name = canonicalHeader(text);
    const column = columnLetter(c);
    if (!name) {
      if (IGNORED_HEADERS.has(text)) {
        result.warnings.push({ row: 1, column, field: text, message: `已忽略“${text}”列` });
        return;
      }
      result.errors.push({
        row: 1,
        column,
        field: text,
        message: `无法识别的表头“${text}”，表头只能是：${SHEET_HEADERS.join('、')}`,
      });
      ok = false;
    } else if (columns.has(name)) {
      result.errors.push({
        row: 1,
        column,
        field: name,
        message: `表头“${name}”重复（${columnLetter(columns.get(name)!)}列已有）`,
      });
      ok = false;
    } else {
      columns.set(name, c);
    }
  });
  for (const name of REQUIRED_HEADERS) {
    if (!columns.has(name)) {
      result.errors.push({ row: 1, field: name, message: `缺少必需的表头“${name}”` });
      ok = false;
    }
  }
  return ok ? columns : undefined;
}

/** `A`/`B` options of 对/错 with a letter answer: a true-false question written as a choice question. */
function trueFalseFromOptions(
  options: { key: OptionKey; text: string }[],
  answer: string,
): boolean | undefined {
  if (options.length !== 2) return undefined;
  const values = options.map((o) => parseTrueFalse(o.text));
  if (values[0] === undefined || values[1] === undefined || values[0] === values[1]) return undefined;
  const letters = parseOptionLetters(answer);
  if (!letters.ok || letters.keys.length !== 1) return undefined;
  const index = options.findIndex((o) => o.key === letters.keys[0]);
  return index < 0 ? undefined : values[index];
}

function parseRow(
  cells: string[],
  rowNumber: number,
  columns: Columns,
  errors: ImportIssue[],
): ParsedQuestion | undefined {
  const get = (name: string): string => {
    const c = columns.get(name);
    return c === undefined ? '' : (cells[c] ?? '').replace(/\r\n?/g, '\n').trim();
  };
  const at = (name: string) => ({
    row: rowNumber,
    column: columnLetter(columns.get(name) ?? 0),
    field: name,
  });
  const before = errors.length;
  const fail = (name: string, message: string) => errors.push({ ...at(name), message });

  const typeText = get('题型');
  let type: QuestionType | undefined;
  if (typeText === '') fail('题型', '题型不能为空，应为单选题、多选题、判断题或填空题');
  else {
    type = parseQuestionType(typeText);
    if (!type) fail('题型', `题型“${typeText}”无效，应为单选题、多选题、判断题或填空题`);
  }
  let stem = get('题干');
  if (stem === '') fail('题干', '题干不能为空');

  const filled = OPTION_KEYS.filter((k) => get(`选项${k}`) !== '');
  const options: { key: OptionKey; text: string }[] = [];
  for (let i = 0; i < OPTION_KEYS.length; i++) {
    const key = OPTION_KEYS[i];
    const text = get(`选项${key}`);
    if (text !== '') {
      options.push({ key, text });
      continue;
    }
    const later = filled.find((k) => k > key);
    if (later)
      fail(
        `选项${columns.has(`选项${key}`) ? key : later}`,
        `选项${key}为空，但后面的选项${later}有内容；选项应从A开始连续填写`,
      );
    break;
  }

  const answerText = get('答案');
  let answer: AnswerKey | undefined;
  if (answerText === '') fail('答案', '答案不能为空');
  else if (type === 'single' || type === 'multiple') {
    const letters = parseOptionLetters(answerText);
    if (!letters.ok) fail('答案', letters.message);
    else if (type === 'single' && letters.keys.length > 1)
      fail('答案', `单选题只能有一个答案，当前为“${answerText}”`);
    else answer = type === 'single' ? letters.keys[0] : letters.keys;
  } else if (type === 'true-false') {
    answer = parseTrueFalse(answerText);
    if (answer === undefined) {
      answer = trueFalseFromOptions(options, answerText);
      if (answer !== undefined) options.length = 0;
    }
    if (answer === undefined) fail('答案', `判断题的答案应为“对”或“错”，当前为“${answerText}”`);
  } else if (type === 'fill-blank') {
    const parsed = parseFillAnswer(answerText);
    if (!parsed.ok) fail('答案', parsed.message);
    else answer = parsed.blanks;
    stem = bracketsToBlanks(stem);
  }
  if ((type === 'true-false' || type === 'fill-blank') && options.length > 0) {
    fail(`选项${options[0].key}`, `${QUESTION_TYPE_LABELS[type]}不应填写选项`);
  }

  const difficultyText = get('难度');
  let difficulty = 3;
  if (difficultyText !== '') {
    const d = parseDifficulty(difficultyText);
    if (d === undefined) fail('难度', `难度应为1到5的整数，当前为“${difficultyText}”`);
    else difficulty = d;
  }
  const citation = citationFromParts(get('法规'), get('条款'));
  if (citation && !citation.ok) fail(citation.field === 'regulation' ? '法规' : '条款', citation.message);
  const statusText = get('状态');
  const status = parseStatus(statusText);
  if (!status) fail('状态', `状态“${statusText}”无效，应为“已审核”或“草稿”（留空即已审核）`);

  if (errors.length > before || !type || answer === undefined || !status) return undefined;
  const question: QuestionDraft = {
    type,
    stem,
    options,
    answer,
    difficulty,
    tags: parseTags(get('标签')),
    status,
  };
  const key = get('编号');
  if (key) question.key = key;
  const explanation = get('解析');
  if (explanation) question.explanation = explanation;
  if (citation?.ok) question.citation = citation.citation;
  const issues = validateDraft(question, {
    row: rowNumber,
    locate: (field, option) => {
      const name =
        field === 'options'
          ? `选项${option ?? 'A'}`
          : field === 'citation'
            ? '法规'
            : (FIELD_HEADER[field] ?? '题干');
      return { column: columnLetter(columns.get(name) ?? columns.get('题干')!), field: name };
    },
  });
  if (issues.length) {
    errors.push(...issues);
    return undefined;
  }
  return { question, row: rowNumber };
}

/** Parses a sheet (from .xlsx or .csv) in the template layout. */
export function parseSheet(sheet: Sheet, format: 'xlsx' | 'csv'): ParseResult {
  const result: ParseResult = { format, questions: [], errors: [], warnings: [] };
  if (sheet.rows.every((r) => r.every((c) => c.trim() === ''))) {
    result.errors.push({ row: 1, message: '表格是空的，请使用导入模板填写题目' });
    return result;
  }
  const columns = readHeader(sheet, result);
  if (!columns) return result;
  for (let r = 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    const parsed = parseRow(cells, r + 1, columns, result.errors);
    if (parsed) result.questions.push(parsed);
  }
  const stemColumn = columnLetter(columns.get('题干')!);
  const { issues, duplicates } = duplicateIssues(result.questions, (q) => ({
    issue: { row: q.row, column: stemColumn, field: '题干' },
    label: `第${q.row}行`,
  }));
  result.errors.push(...issues);
  result.questions = result.questions.filter((q) => !duplicates.has(q));
  result.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return result;
}

/** Parses CSV text (already decoded) in the template layout. */
export function parseCsvText(text: string): ParseResult {
  const sheet = csvToSheet(text);
  const result = parseSheet(sheet, 'csv');
  if (sheet.unclosedQuoteRow !== undefined) {
    result.errors.unshift({
      row: sheet.unclosedQuoteRow,
      message: '引号没有闭合：从这一行开始的带引号的内容缺少结束的英文双引号“"”',
    });
  }
  return result;
}

/** Parses an .xlsx file in the template layout. Never throws. */
export async function parseXlsx(data: Buffer): Promise<ParseResult> {
  const read = await readXlsxSheet(data);
  if ('error' in read) return { format: 'xlsx', questions: [], errors: [read.error], warnings: [] };
  return parseSheet(read.sheet, 'xlsx');
}

function answerText(q: QuestionDraft): string {
  switch (q.type) {
    case 'single':
      return String(q.answer);
    case 'multiple':
      return [...(q.answer as string[])].sort().join('');
    case 'true-false':
      return q.answer ? '对' : '错';
    case 'fill-blank':
      return formatFillAnswer(q.answer as string[][]);
  }
}

/** One question as a template row (in SHEET_HEADERS order). */
export function questionToRow(q: QuestionDraft): (string | number)[] {
  const options = OPTION_KEYS.map((k) => q.options.find((o) => o.key === k)?.text ?? '');
  return [
    q.key ?? '',
    QUESTION_TYPE_LABELS[q.type],
    q.stem,
    ...options,
    answerText(q),
    q.explanation ?? '',
    q.difficulty,
    q.citation?.regulation ?? '',
    q.citation ? articleLabel(q.citation.article, q.citation.paragraph) : '',
    q.tags.join('、'),
    STATUS_LABELS[q.status],
  ];
}

const COLUMN_WIDTHS: Record<string, number> = { 题干: 50, 解析: 40, 法规: 24, 条款: 16, 标签: 16 };

function addQuestionSheet(wb: Workbook, rows: (string | number)[][]): Worksheet {
  const ws = wb.addWorksheet('题目', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = SHEET_HEADERS.map((header) => ({
    header,
    key: header,
    width: COLUMN_WIDTHS[header] ?? (header.startsWith('选项') ? 18 : 10),
    // Text format, so that Excel keeps 001, 2021-01-01 and the like exactly as typed.
    style: header === '难度' ? {} : { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row.map(neutraliseCell)); // formula text quoted; readXlsxSheet restores it
  return ws;
}

const COLUMN_HELP: [string, string][] = [
  ['编号', '选填。题目在题库中的固定编号，修改题目时用来识别是哪一题；新题可留空'],
  ['题型', '必填。单选题、多选题、判断题、填空题（也可写单选、多选、判断、填空）'],
  ['题干', '必填。题目内容，不超过2000字；填空题用三个或以上下划线“___”表示每个空'],
  ['选项A–选项H', '单选题、多选题填写，至少两个选项，从A开始连续填写；判断题、填空题留空'],
  [
    '答案',
    '必填。单选题：一个字母，如 B；多选题：两个或以上字母，如 ACD 或 A,C,D；判断题：对/错（或 正确/错误、√/×）；' +
      '填空题：多个空用“；”分隔，同一个空的多个可接受答案用“|”分隔，如 十八|18；选举权',
  ],
  ['解析', '选填。答案解析，建议写明法规条文内容'],
  ['难度', '选填。1（易）到5（难）的整数，留空为3'],
  ['法规', '选填。考查的法规名称，如 退役军人保障法；也可整体写成“《退役军人保障法》第二十二条”'],
  ['条款', '选填。条号，如 第二十二条、22 或 第二十二条第二款'],
  ['标签', '选填。多个标签用顿号“、”或逗号分隔'],
  ['状态', '选填。已审核（默认）或 草稿；草稿题目不会进入考试'],
];

function addHelpSheet(wb: Workbook): void {
  const ws = wb.addWorksheet('说明');
  ws.columns = [
    { header: '列名', key: 'name', width: 14 },
    { header: '填写说明', key: 'help', width: 100 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const [name, help] of COLUMN_HELP) ws.addRow([name, help]);
  ws.addRow([]);
  ws.addRow([
    '注意',
    '只导入第一个工作表；表头可调整顺序，但名称不能修改；空行会被跳过；请删除示例题目后再填写',
  ]);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

const TEMPLATE_EXAMPLES: QuestionDraft[] = [
  {
    key: '示例-001',
    type: 'single',
    stem: '退役军人保障法自（ ）起施行。',
    options: [
      { key: 'A', text: '2020年11月11日' },
      { key: 'B', text: '2021年1月1日' },
      { key: 'C', text: '2021年8月1日' },
      { key: 'D', text: '2022年1月1日' },
    ],
    answer: 'B',
    explanation: '《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。',
    difficulty: 1,
    citation: { regulation: '退役军人保障法', article: 85 },
    tags: ['附则'],
    status: 'approved',
  },
  {
    key: '示例-002',
    type: 'multiple',
    stem: '根据《退役军人保障法》第一条，制定本法是为了（ ）。',
    options: [
      { key: 'A', text: '加强退役军人保障工作' },
      { key: 'B', text: '维护退役军人合法权益' },
      { key: 'C', text: '让军人成为全社会尊崇的职业' },
      { key: 'D', text: '减少退役军人数量' },
    ],
    answer: ['A', 'B', 'C'],
    explanation: '《退役军人保障法》第一条规定了本法的立法目的。',
    difficulty: 2,
    citation: { regulation: '退役军人保障法', article: 1 },
    tags: ['总则'],
    status: 'approved',
  },
  {
    key: '示例-003',
    type: 'true-false',
    stem: '退役军人保障法自2021年1月1日起施行。',
    options: [],
    answer: true,
    explanation: '《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。',
    difficulty: 1,
    citation: { regulation: '退役军人保障法', article: 85 },
    tags: ['附则'],
    status: 'approved',
  },
  {
    key: '示例-004',
    type: 'fill-blank',
    stem: '退役军人保障法自___起施行。',
    options: [],
    answer: [['2021年1月1日', '2021-01-01']],
    explanation: '《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。',
    difficulty: 1,
    citation: { regulation: '退役军人保障法', article: 85 },
    tags: ['附则'],
    status: 'draft',
  },
];

async function toBuffer(wb: Workbook): Promise<Buffer> {
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as unknown as ArrayBuffer);
}

/** The import template: a 题目 sheet with the header row and one example per type, and a 说明 sheet. */
export async function buildTemplateXlsx(): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '学法考试平台';
  addQuestionSheet(wb, TEMPLATE_EXAMPLES.map(questionToRow));
  addHelpSheet(wb);
  return toBuffer(wb);
}

/** A bank in the template layout; parseXlsx(exportBankXlsx(qs)) gives back qs. */
export async function exportBankXlsx(questions: QuestionDraft[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '学法考试平台';
  addQuestionSheet(wb, questions.map(questionToRow));
  addHelpSheet(wb);
  return toBuffer(wb);
}

/** The template's example questions (for tests and the help page). */
export function templateExamples(): QuestionDraft[] {
  return structuredClone(TEMPLATE_EXAMPLES);
}
