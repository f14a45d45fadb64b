/**
 * The Excel template (.xlsx) and its CSV twin, and the spreadsheets other exam systems export: every worksheet
 * whose header row (one of the first five rows) names the template's columns or their common synonyms (题目/试题 →
 * 题干, 题目类型/试题类型 → 题型, 正确答案/参考答案 → 答案, 答案解析/试题解析 → 解析 …), one question per row — or
 * all options in one 选项 cell (`A.… B.…`), or one row per option (题干 only on the first row, 是否正确 per
 * option). 题型 may be a code explained in its header (`题型（0单选 1多选 2判断）`). A 简答题 row holds its reference
 * answer in 答案 and its rubric in 评分要点 (one point a line, parsers/rubric.ts); a 案例分析题 row is followed by its
 * 小题 rows (`小题-单选题`, `小题-简答题` …). 计算题 and the like are reported as skipped. Every problem names its sheet (when there are several), row, column letter and header.
 * Also writes the template and exports a bank in the same layout (parse(export(x)) gives back x). No Nest or
 * TypeORM imports.
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
  type SkippedBlock,
  type SkippedKind,
  type WrittenKey,
  type CaseKey,
  type CaseSubQuestion,
  type Citation,
  type RubricPoint,
  rubricMax,
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
import { quote } from './common';
import { neutraliseCell } from '../../common/formula-guard';
import { columnLetter, readXlsxSheets } from '../../common/sheet';
import { csvToSheet, type Sheet } from '../../common/csv';
import { bracketsToBlanks, duplicateIssues, isHalfPoints, validateDraft } from './validate';
import { formatRubric, parseRubricLines } from './rubric';

const OPTION_HEADERS = OPTION_KEYS.map((k) => `选项${k}`);
/** The template's columns, in the order the exporter writes them. */
export const SHEET_HEADERS = [
  '编号',
  '题型',
  '题干',
  ...OPTION_HEADERS,
  '答案',
  '评分要点',
  '解析',
  '难度',
  '法规',
  '条款',
  '标签',
  '状态',
] as const;
export const REQUIRED_HEADERS = ['题型', '题干', '答案'] as const;
/** Columns of other exam systems' layouts: all options in one cell or one row per option, and which are right. */
const EXTRA_HEADERS = ['选项', '是否正确'] as const;

const HEADER_ALIASES: Record<string, string> = {
  题目: '题干',
  题目内容: '题干',
  试题: '题干',
  试题内容: '题干',
  问题: '题干',
  题干内容: '题干',
  类型: '题型',
  题目类型: '题型',
  试题类型: '题型',
  题型名称: '题型',
  正确答案: '答案',
  参考答案: '答案',
  标准答案: '答案',
  正确选项: '答案',
  答案解析: '解析',
  评分标准: '评分要点',
  评分细则: '评分要点',
  得分要点: '评分要点',
  试题解析: '解析',
  题目解析: '解析',
  参考解析: '解析',
  法规依据: '法规',
  法律依据: '法规',
  依据: '法规',
  出处: '法规',
  条文: '条款',
  条号: '条款',
  选项内容: '选项',
  答案选项: '选项',
  是否正确答案: '是否正确',
  是否答案: '是否正确',
  正确与否: '是否正确',
  是否为正确答案: '是否正确',
};
/** Columns trainers and other systems often add that carry nothing to import. */
const IGNORED_HEADERS = new Set([
  '序号',
  '题号',
  '备注',
  '分值',
  '分数',
  '试题分数',
  '章节',
  '知识点',
  '出题人',
  '创建人',
  '创建时间',
  '更新时间',
  '试题编号',
  '题目编号',
]);

/** 选项Ａ, ' 答案* ', 题干（必填）, A选项 → the canonical header; undefined when unknown. */
export function canonicalHeader(text: string): string | undefined {
  return headerOf(text)?.name;
}

/** The canonical header and, for 题型, the legend written in it (`题型（0单选 1多选 2判断）`). */
function headerOf(text: string): { name: string; legend?: Map<string, Legend> } | undefined {
  let h = text.normalize('NFKC').replace(/\s+/g, '').replace(/\*+$/, '').replace(/^\*+/, '');
  let note = '';
  const bracket = /^(.+?)[(（[【](.*)[)）\]】]$/.exec(h);
  if (bracket) {
    h = bracket[1];
    note = bracket[2];
  } else {
    const colon = /^(.+?)[:：](.*)$/.exec(h);
    if (colon) {
      h = colon[1];
      note = colon[2];
    }
  }
  h = HEADER_ALIASES[h] ?? h;
  const option = /^(?:选项)?([a-hA-H])(?:选项)?$/.exec(h);
  if (option) h = `选项${option[1].toUpperCase()}`;
  if (
    !(SHEET_HEADERS as readonly string[]).includes(h) &&
    !(EXTRA_HEADERS as readonly string[]).includes(h)
  ) {
    return undefined;
  }
  if (note && h === '题型') {
    const legend = new Map<string, Legend>();
    for (const m of note.matchAll(/(\d{1,2})\s*[-:：=、.．为是]?\s*([^\d,，;；、/|\s]+)/g)) {
      const kind = typeOf(m[2]);
      if (kind) legend.set(m[1], { kind, word: m[2] });
    }
    if (legend.size) return { name: h, legend };
  }
  return { name: h };
}

/** A 题型 code and the type its header says it stands for. */
interface Legend {
  kind: QuestionType | SkippedKind;
  word: string;
}

const WRITTEN: [RegExp, QuestionType | SkippedKind][] = [
  [/^(?:简答题?|问答题?|论述题?|名词解释|主观题)$/, 'short-answer'],
  [/^(?:案例分析题?|案例题|材料分析题?|材料题|分析题)$/, 'case'],
  [/^(?:计算题|综合题|连线题|匹配题|排序题|组合题)$/, 'unsupported'],
];

/** `小题-单选题`, `小题：简答`, `小题（判断题）`: a row holding a sub-question of the 案例分析题 above it. */
const SUB_ROW = /^小题\s*[-－—:：·、（(]?\s*(.*?)\s*[)）]?$/;

/** The type word of a 小题 row, or undefined when the row is not one. */
function subRowWord(typeText: string): string | undefined {
  const m = SUB_ROW.exec(typeText.normalize('NFKC').trim());
  return m ? m[1] : undefined;
}

/** 单选/单选题/单项选择题/single … → the type; 简答题/案例分析题 … → the kind of skipped question. */
function typeOf(text: string): QuestionType | SkippedKind | undefined {
  const type = parseQuestionType(text);
  if (type) return type;
  const key = text.normalize('NFKC').trim();
  const alias: Record<string, QuestionType> = {
    不定项选择题: 'multiple',
    不定项: 'multiple',
    是非题: 'true-false',
    判断正误: 'true-false',
  };
  if (alias[key]) return alias[key];
  return WRITTEN.find(([re]) => re.test(key))?.[1];
}

const isSkipped = (k: QuestionType | SkippedKind): k is SkippedKind => k === 'unsupported';

/** What an unknown header most likely means, for the message that says what to rename it to. */
function suggestHeader(text: string): string | undefined {
  const t = text.normalize('NFKC');
  const option = /选项\s*([a-hA-H一二三四五六七八])|^([a-hA-H])\b/.exec(t);
  if (option) {
    const ch = option[1] ?? option[2];
    const index = '一二三四五六七八'.indexOf(ch);
    return `选项${index >= 0 ? OPTION_KEYS[index] : ch.toUpperCase()}`;
  }
  const rules: [RegExp, string][] = [
    [/解析|解释|分析|说明/, '解析'],
    [/答案|答|正确/, '答案'],
    [/类型|题型|种类/, '题型'],
    [/难/, '难度'],
    [/条|款/, '条款'],
    [/法|规|依据/, '法规'],
    [/标签|分类|知识点|章节/, '标签'],
    [/状态|审核/, '状态'],
    [/编号|id|ID|代码/, '编号'],
    [/题|问|内容|干/, '题干'],
  ];
  return rules.find(([re]) => re.test(t))?.[1];
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

interface Columns {
  at: Map<string, number>;
  legend?: Map<string, Legend>;
  /** Row index (0-based) of the header. */
  headerRow: number;
}

/** The header row among the first five: the first that names 题干 and 答案, 题型 or an option column. */
function findHeaderRow(sheet: Sheet): number | undefined {
  for (let r = 0; r < Math.min(5, sheet.rows.length); r++) {
    const names = new Set((sheet.rows[r] ?? []).map((c) => headerOf(c.trim())?.name).filter(Boolean));
    if (
      names.has('题干') &&
      (names.has('答案') || names.has('题型') || names.has('选项A') || names.has('选项'))
    )
      return r;
  }
  return undefined;
}

function readHeader(sheet: Sheet, headerRow: number, result: ParseResult, where: Where): Columns | undefined {
  const header = sheet.rows[headerRow] ?? [];
  const row = headerRow + 1;
  const columns: Columns = { at: new Map(), headerRow };
  let ok = true;
  header.forEach((raw, c) => {
    const text = raw.trim();
    if (text === '') return;
    const found = headerOf(text);
    const column = columnLetter(c);
    if (!found) {
      if (IGNORED_HEADERS.has(text.normalize('NFKC').replace(/\s+/g, ''))) {
        result.warnings.push({ ...where, row, column, field: text, message: `已忽略“${text}”列` });
        return;
      }
      const guess = suggestHeader(text);
      result.errors.push({
        ...where,
        row,
        column,
        field: text,
        message: guess
          ? `无法识别的表头“${text}”：如果这一列是${guess}，请把表头改为“${guess}”；不需要导入的列请删除（表头只能是：${SHEET_HEADERS.join('、')}）`
          : `无法识别的表头“${text}”，表头只能是：${SHEET_HEADERS.join('、')}；不需要导入的列请删除`,
      });
      ok = false;
      return;
    }
    const name = found.name;
    if (columns.at.has(name)) {
      result.errors.push({
        ...where,
        row,
        column,
        field: name,
        message: `表头“${name}”重复（${columnLetter(columns.at.get(name)!)}列已有）`,
      });
      ok = false;
    } else {
      columns.at.set(name, c);
      if (found.legend) columns.legend = found.legend;
    }
  });
  const required = columns.at.has('选项') ? (['题干'] as const) : REQUIRED_HEADERS;
  for (const name of required) {
    if (!columns.at.has(name)) {
      result.errors.push({
        ...where,
        row,
        field: name,
        message: `缺少必需的表头“${name}”，请把${name}所在列的表头改为“${name}”`,
      });
      ok = false;
    }
  }
  if (columns.at.has('选项') && !columns.at.has('答案') && !columns.at.has('是否正确')) {
    result.errors.push({
      ...where,
      row,
      field: '答案',
      message: '缺少表头“答案”（或每个选项一行时的“是否正确”），请把答案所在列的表头改为“答案”',
    });
    ok = false;
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

/**
 * All options in one cell: `A.甲 B.乙`, one per line (`A、甲⏎B、乙`), or without letters one per line or separated
 * by `|`. Undefined when the cell cannot be split with certainty.
 */
export function splitOptionCell(text: string): { key: OptionKey; text: string }[] | undefined {
  const t = text.trim();
  if (t === '') return [];
  // `A.甲 B.乙` or `A 甲 B 乙`: the first option sets the style the others must keep (`A.维生素 B 族 B.钙`).
  const punct = (k: OptionKey) =>
    new RegExp(`(?:^|(?<=[\\s;；,，|｜]))[（(]?${k}[)）]?\\s?[.．、:：)）]\\s*`, 'g');
  const spaced = (k: OptionKey) => new RegExp(`(?:^|(?<=[\\s;；|｜]))${k}\\s+`, 'g');
  const firstPunct = punct('A').exec(t);
  const marker = firstPunct && firstPunct.index === 0 ? punct : spaced;
  const first = marker('A').exec(t);
  if (first && first.index === 0) {
    const out: { key: OptionKey; text: string }[] = [];
    let from = first[0].length;
    for (let i = 0; i < OPTION_KEYS.length; i++) {
      const next = OPTION_KEYS[i + 1];
      let end = t.length;
      let nextFrom = -1;
      if (next) {
        const re = marker(next);
        re.lastIndex = from;
        const m = re.exec(t);
        if (m) {
          end = m.index;
          nextFrom = m.index + m[0].length;
        }
      }
      out.push({
        key: OPTION_KEYS[i],
        text: t
          .slice(from, end)
          .replace(/[\s;；,，|｜]+$/, '')
          .trim(),
      });
      if (nextFrom < 0) break;
      from = nextFrom;
    }
    return out.length >= 2 ? out : undefined;
  }
  const parts = /[|｜]/.test(t) ? t.split(/[|｜]/) : t.split(/\n/);
  if (parts.length < 2 || parts.length > OPTION_KEYS.length) return undefined;
  return parts.map((p, i) => ({ key: OPTION_KEYS[i], text: p.trim() }));
}

/** Where a sheet's issues are: its name when the workbook has several question sheets. */
type Where = { sheet?: string };

interface RowGroup {
  /** Row number (1-based) of the question's first row. */
  row: number;
  cells: string[];
  /** Rows of further options (one row per option). */
  optionRows: { row: number; cells: string[] }[];
  /** A 案例分析题 row: the 小题 rows under it. */
  subRows?: { row: number; cells: string[] }[];
}

function parseGroup(
  group: RowGroup,
  columns: Columns,
  errors: ImportIssue[],
  skipped: SkippedBlock[],
  where: Where,
  /** A 小题 row's type word (`单选题` of `小题-单选题`). */
  typeOverride?: string,
): ParsedQuestion | undefined {
  const { row: rowNumber, cells } = group;
  const cellOf = (c: string[], name: string): string => {
    const i = columns.at.get(name);
    return i === undefined ? '' : (c[i] ?? '').replace(/\r\n?/g, '\n').trim();
  };
  const get = (name: string) => cellOf(cells, name);
  const at = (name: string, row = rowNumber) => ({
    ...where,
    row,
    column: columnLetter(columns.at.get(name) ?? 0),
    field: name,
  });
  const before = errors.length;
  const fail = (name: string, message: string, row = rowNumber) => errors.push({ ...at(name, row), message });

  const typeText = typeOverride ?? get('题型');
  let type: QuestionType | undefined;
  const legend = columns.legend?.get(typeText.normalize('NFKC').trim());
  const typeWord = legend?.word ?? typeText;
  let kind: QuestionType | SkippedKind | undefined;
  if (typeText === '' && columns.at.has('题型'))
    fail('题型', '题型不能为空，应为单选题、多选题、判断题或填空题');
  else if (typeText !== '') {
    kind = legend?.kind ?? typeOf(typeText);
    if (!kind && /^\d+$/.test(typeText.trim())) {
      fail(
        '题型',
        `题型“${typeText}”是代码，表头中没有写明它代表哪种题型；请把表头写成“题型（1单选 2多选 3判断 4填空）”这样的对照，或把题型改为单选题、多选题、判断题、填空题`,
      );
    } else if (!kind)
      fail('题型', `题型“${typeText}”无效，应为单选题、多选题、判断题、填空题、简答题或案例分析题`);
  }
  if (kind === 'short-answer' || kind === 'case') {
    if (typeOverride !== undefined) {
      fail(
        '题型',
        `小题的题型“${typeText}”无效，应为小题-单选题、小题-多选题、小题-判断题、小题-填空题或小题-简答题`,
      );
      return undefined;
    }
    return kind === 'short-answer'
      ? shortAnswerRow(rowCtx(group.row, cells, columns, errors, where))
      : caseRows(group, columns, errors, where);
  }
  if (kind && isSkipped(kind)) {
    skipped.push({
      ...where,
      row: rowNumber,
      kind,
      label: typeWord,
      raw: [cells, ...group.optionRows.map((r) => r.cells)].map((c) => c.join('\t').trim()).join('\n'),
      message: `第${rowNumber}行是${typeWord}，暂不支持导入，已跳过；其他题目照常导入`,
    });
    return undefined;
  }
  type = kind as QuestionType | undefined;
  let stem = get('题干');
  if (stem === '') fail('题干', '题干不能为空');

  const options: { key: OptionKey; text: string }[] = [];
  let answerText = get('答案');
  if (columns.at.has('选项')) {
    // Options in one cell, or one row per option (the question's own row holds the first).
    const rows = [{ row: rowNumber, cells }, ...group.optionRows];
    if (group.optionRows.length === 0) {
      const split = splitOptionCell(get('选项'));
      if (split === undefined)
        fail('选项', `无法拆分选项“${quote(get('选项'))}”：请写成“A.甲 B.乙 C.丙”，或每个选项一行`);
      else options.push(...split);
    } else {
      const right: OptionKey[] = [];
      rows.forEach((r, i) => {
        const key = OPTION_KEYS[i];
        const text = cellOf(r.cells, '选项').replace(
          new RegExp(`^[（(]?${key}[)）]?\\s?[.．、:：)）]\\s*`),
          '',
        );
        if (!key) fail('选项', '选项超过8个', r.row);
        else options.push({ key, text });
        const flag = cellOf(r.cells, '是否正确');
        if (flag !== '') {
          const yes = flag === '1' ? true : flag === '0' ? false : parseTrueFalse(flag);
          if (yes === undefined)
            fail('是否正确', `“是否正确”应填“是”或“否”（或 对/错、1/0），当前为“${flag}”`, r.row);
          else if (yes && key) right.push(key);
        }
      });
      if (columns.at.has('是否正确')) {
        if (answerText !== '' && right.length && parseOptionLetters(answerText).ok) {
          const own = parseOptionLetters(answerText);
          if (own.ok && own.keys.join('') !== right.join(''))
            fail('答案', `答案“${answerText}”与“是否正确”标出的${right.join('')}不一致，请改成一致`);
        } else if (answerText === '') answerText = right.join('');
      }
    }
  } else {
    const filled = OPTION_KEYS.filter((k) => get(`选项${k}`) !== '');
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
          `选项${columns.at.has(`选项${key}`) ? key : later}`,
          `选项${key}为空，但后面的选项${later}有内容；选项应从A开始连续填写`,
        );
      break;
    }
  }
  const answerColumn = columns.at.has('答案') ? '答案' : '是否正确';
  if (!type && typeText === '' && !columns.at.has('题型')) {
    // No 题型 column (one row per option layouts): the options and the answer tell.
    const letters = parseOptionLetters(answerText);
    type =
      options.length > 0
        ? letters.ok && letters.keys.length > 1
          ? 'multiple'
          : 'single'
        : parseTrueFalse(answerText) !== undefined
          ? 'true-false'
          : 'fill-blank';
  }

  let answer: AnswerKey | undefined;
  if (answerText === '') fail(answerColumn, '答案不能为空');
  else if (type === 'single' || type === 'multiple') {
    const letters = parseOptionLetters(answerText);
    if (!letters.ok) fail(answerColumn, letters.message);
    else if (type === 'single' && letters.keys.length > 1)
      fail(answerColumn, `单选题只能有一个答案，当前为“${answerText}”`);
    else answer = type === 'single' ? letters.keys[0] : letters.keys;
  } else if (type === 'true-false') {
    answer = parseTrueFalse(answerText);
    if (answer === undefined) {
      answer = trueFalseFromOptions(options, answerText);
      if (answer !== undefined) options.length = 0;
    }
    if (answer === undefined) fail(answerColumn, `判断题的答案应为“对”或“错”，当前为“${answerText}”`);
  } else if (type === 'fill-blank') {
    // An upper-case option letter with no options is a choice question that lost its options or its type.
    if (options.length === 0 && /^[A-HＡ-Ｈ]{1,8}$/.test(answerText.replace(/[\s,，、]/g, ''))) {
      fail(
        answerColumn,
        `答案“${answerText}”是选项字母，但这一行没有选项；选择题请把题型写成单选题或多选题并填写选项`,
      );
    } else {
      const parsed = parseFillAnswer(answerText);
      if (!parsed.ok) fail(answerColumn, parsed.message);
      else answer = parsed.blanks;
      stem = bracketsToBlanks(stem);
    }
  }
  if ((type === 'true-false' || type === 'fill-blank') && options.length > 0) {
    fail(
      columns.at.has('选项') ? '选项' : `选项${options[0].key}`,
      `${QUESTION_TYPE_LABELS[type]}不应填写选项`,
    );
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
  const optionRow = (option?: OptionKey) => {
    const i = option ? OPTION_KEYS.indexOf(option) : 0;
    return i > 0 && group.optionRows[i - 1] ? group.optionRows[i - 1].row : rowNumber;
  };
  const issues = validateDraft(question, {
    row: rowNumber,
    locate: (field, option) => {
      const name =
        field === 'options'
          ? columns.at.has('选项')
            ? '选项'
            : `选项${option ?? 'A'}`
          : field === 'citation'
            ? '法规'
            : field === 'answer'
              ? answerColumn
              : (FIELD_HEADER[field] ?? '题干');
      return { column: columnLetter(columns.at.get(name) ?? columns.at.get('题干')!), field: name };
    },
  });
  if (issues.length) {
    errors.push(
      ...issues.map((i) => ({
        ...where,
        ...i,
        row: i.field === '选项' ? optionRow() : i.row,
      })),
    );
    return undefined;
  }
  const parsed: ParsedQuestion = { question, row: rowNumber, ...where };
  if (citation?.ok && citation.warning) {
    parsed.warnings = [{ ...at('法规'), message: citation.warning }];
  }
  return parsed;
}

/** One row's cells by header, and how to report a problem at one of them. */
interface RowCtx {
  row: number;
  has(name: string): boolean;
  get(name: string): string;
  fail(name: string, message: string): void;
  columns: Columns;
  where: Where;
  errors: ImportIssue[];
}

function rowCtx(row: number, cells: string[], columns: Columns, errors: ImportIssue[], where: Where): RowCtx {
  return {
    row,
    columns,
    where,
    errors,
    has: (name) => columns.at.has(name),
    get: (name) => {
      const i = columns.at.get(name);
      return i === undefined ? '' : (cells[i] ?? '').replace(/\r\n?/g, '\n').trim();
    },
    fail: (name, message) =>
      errors.push({
        ...where,
        row,
        ...(columns.at.has(name) ? { column: columnLetter(columns.at.get(name)!) } : {}),
        field: name,
        message,
      }),
  };
}

/** The options of a written row must be empty. */
function noOptions(c: RowCtx, what: string): void {
  const filled = [...OPTION_HEADERS, '选项'].find((h) => c.get(h) !== '');
  if (filled) c.fail(filled, `${what}不应填写选项`);
}

/** 法规 and 条款 of a row; a whole-document citation is a warning. */
function rowCitation(c: RowCtx, warnings: ImportIssue[]): Citation | undefined | null {
  const citation = citationFromParts(c.get('法规'), c.get('条款'));
  if (!citation) return undefined;
  if (!citation.ok) {
    c.fail(citation.field === 'regulation' ? '法规' : '条款', citation.message);
    return null;
  }
  if (citation.warning)
    warnings.push({
      ...c.where,
      row: c.row,
      column: columnLetter(c.columns.at.get('法规') ?? 0),
      field: '法规',
      message: citation.warning,
    });
  return citation.citation;
}

/**
 * 参考答案 (the 答案 cell) and the 评分要点 cell, one point a line. A 简答题 row of a sheet from elsewhere often has its
 * answer and no rubric: with `missingRubric` it comes in with an empty rubric and a warning (the caller makes it a
 * draft, which cannot be approved until the rubric is written); a 小题 row must have its rubric.
 */
function rowWrittenKey(
  c: RowCtx,
  regulation: string | undefined,
  label: string,
  missingRubric?: ImportIssue[],
): WrittenKey | undefined {
  const before = c.errors.length;
  const reference = c.get('答案');
  if (reference === '') c.fail('答案', `${label}的“答案”列应填写参考答案`);
  const cell = c.get('评分要点');
  let rubric: RubricPoint[] = [];
  if (cell === '' && missingRubric) {
    const at = c.columns.at.get('评分要点');
    missingRubric.push({
      ...c.where,
      row: c.row,
      ...(at !== undefined ? { column: columnLetter(at) } : {}),
      field: '评分要点',
      message: `${label}没有填写评分要点，已作为草稿导入；请在题目编辑页补充评分要点（每条写明分值和依据条款）后再审核`,
    });
  } else if (!c.has('评分要点'))
    c.fail(
      '评分要点',
      `${label}需要“评分要点”列：请在表头加一列“评分要点”，每条要点一行，如“1. 告知处罚的事实、理由、依据（2分）”`,
    );
  else if (cell === '')
    c.fail(
      '评分要点',
      `${label}须填写评分要点，每条一行，如“1. 告知处罚的事实、理由、依据（2分）【依据】《行政处罚法》第四十四条”`,
    );
  else {
    const lines = cell.split('\n').map((text, i) => ({ no: i + 1, text }));
    const parsed = parseRubricLines(lines, regulation);
    const several = lines.length > 1;
    for (const e of parsed.errors) c.fail('评分要点', several ? `第${e.no}行要点：${e.message}` : e.message);
    rubric = parsed.rubric;
  }
  return c.errors.length > before ? undefined : { reference, rubric };
}

/** 解析, 难度, 标签, 状态, 编号 of a question row. */
function rowMeta(
  c: RowCtx,
): Pick<QuestionDraft, 'difficulty' | 'tags' | 'status' | 'key' | 'explanation'> | undefined {
  const before = c.errors.length;
  let difficulty = 3;
  const difficultyText = c.get('难度');
  if (difficultyText !== '') {
    const d = parseDifficulty(difficultyText);
    if (d === undefined) c.fail('难度', `难度应为1到5的整数，当前为“${difficultyText}”`);
    else difficulty = d;
  }
  const status = parseStatus(c.get('状态'));
  if (!status) c.fail('状态', `状态“${c.get('状态')}”无效，应为“已审核”或“草稿”（留空即已审核）`);
  if (c.errors.length > before || !status) return undefined;
  const out: Pick<QuestionDraft, 'difficulty' | 'tags' | 'status' | 'key' | 'explanation'> = {
    difficulty,
    tags: parseTags(c.get('标签')),
    status,
  };
  if (c.get('编号')) out.key = c.get('编号');
  if (c.get('解析')) out.explanation = c.get('解析');
  return out;
}

function shortAnswerRow(c: RowCtx): ParsedQuestion | undefined {
  const before = c.errors.length;
  const warnings: ImportIssue[] = [];
  const stem = c.get('题干');
  if (stem === '') c.fail('题干', '题干不能为空');
  noOptions(c, '简答题');
  const citation = rowCitation(c, warnings);
  const key = rowWrittenKey(c, citation?.regulation, '简答题', warnings);
  const meta = rowMeta(c);
  if (c.errors.length > before || !key || !meta || citation === null) return undefined;
  const question: QuestionDraft = { type: 'short-answer', stem, options: [], answer: key, ...meta };
  if (key.rubric.length === 0) question.status = 'draft';
  if (citation) question.citation = citation;
  const parsed: ParsedQuestion = { question, row: c.row, ...c.where };
  if (warnings.length) parsed.warnings = warnings;
  return parsed;
}

/** `（2分）` at the end of an objective sub-question's stem: its points (default 2). */
const SUB_POINTS = /[（(]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]\s*$/;

/** A 案例分析题 row and its 小题 rows. */
function caseRows(
  group: RowGroup,
  columns: Columns,
  errors: ImportIssue[],
  where: Where,
): ParsedQuestion | undefined {
  const c = rowCtx(group.row, group.cells, columns, errors, where);
  const before = errors.length;
  const warnings: ImportIssue[] = [];
  const stem = c.get('题干');
  if (stem === '') c.fail('题干', '案例分析题的题干（案例材料）不能为空');
  noOptions(c, '案例分析题这一行');
  if (c.get('答案') !== '')
    c.fail('答案', '案例分析题这一行的“答案”应留空：各小题的答案写在下面的“小题”行中');
  if (c.get('评分要点') !== '')
    c.fail('评分要点', '案例分析题这一行的“评分要点”应留空：评分要点写在下面的简答小题行中');
  const citation = rowCitation(c, warnings);
  const meta = rowMeta(c);
  const subs: CaseSubQuestion[] = [];
  const subRows = group.subRows ?? [];
  subRows.forEach((r, i) => {
    const sc = rowCtx(r.row, r.cells, columns, errors, where);
    const label = `第${i + 1}小题`;
    for (const name of ['编号', '难度', '标签', '状态'])
      if (sc.get(name) !== '')
        sc.fail(name, `小题不填写“${name}”：编号、难度、标签和状态写在案例分析题那一行`);
    const word = subRowWord(sc.get('题型')) ?? '';
    const kind = typeOf(word);
    if (kind === 'unsupported' || kind === 'case') {
      sc.fail(
        '题型',
        `小题的题型“${word}”无效，应为小题-单选题、小题-多选题、小题-判断题、小题-填空题或小题-简答题`,
      );
      return;
    }
    if (kind === 'short-answer') {
      const subBefore = errors.length;
      const subStem = sc.get('题干');
      if (subStem === '') sc.fail('题干', `${label}的题干不能为空`);
      noOptions(sc, '简答小题');
      const subCitation = rowCitation(sc, warnings);
      const key = rowWrittenKey(sc, (subCitation ?? citation)?.regulation, '简答小题');
      if (errors.length > subBefore || !key || subCitation === null) return;
      const sub: CaseSubQuestion = {
        type: 'short-answer',
        stem: subStem,
        options: [],
        answer: key,
        points: rubricMax(key.rubric),
      };
      if (sc.get('解析')) sub.explanation = sc.get('解析');
      if (subCitation) sub.citation = subCitation;
      subs.push(sub);
      return;
    }
    const parsed = parseGroup(
      { row: r.row, cells: r.cells, optionRows: [] },
      columns,
      errors,
      [],
      where,
      word,
    );
    if (!parsed) return;
    warnings.push(...(parsed.warnings ?? []));
    const q = parsed.question;
    let subStem = q.stem;
    let points = 2;
    const m = SUB_POINTS.exec(subStem);
    if (m) {
      subStem = subStem.slice(0, m.index).trim();
      points = Number(m[1]);
      if (!isHalfPoints(points)) {
        sc.fail('题干', `${label}的分值“${m[1]}分”无效，应为大于0的整数或半分（如1.5分）`);
        return;
      }
    }
    const sub: CaseSubQuestion = {
      type: q.type as CaseSubQuestion['type'],
      stem: subStem,
      options: q.options,
      answer: q.answer as CaseSubQuestion['answer'],
      points,
    };
    if (q.explanation) sub.explanation = q.explanation;
    if (q.citation) sub.citation = q.citation;
    subs.push(sub);
  });
  if (subRows.length < 2)
    c.fail(
      '题型',
      `案例分析题须有两道或以上小题（当前${subRows.length}道）：在这一行下面每道小题占一行，题型写“小题-单选题”“小题-简答题”等`,
    );
  else if (errors.length === before && !subs.some((q) => q.type === 'short-answer'))
    c.fail('题型', '案例分析题至少要有一道简答小题（小题-简答题）；全是客观小题时请写成独立的客观题');
  if (errors.length > before || !meta || citation === null) return undefined;
  const question: QuestionDraft = { type: 'case', stem, options: [], answer: { questions: subs }, ...meta };
  if (citation) question.citation = citation;
  const parsed: ParsedQuestion = { question, row: group.row, ...where };
  if (warnings.length) parsed.warnings = warnings;
  return parsed;
}

/** Reads one sheet whose header row is known. */
function readRows(sheet: Sheet, columns: Columns, result: ParseResult, where: Where): void {
  const skipped: SkippedBlock[] = result.skipped ?? [];
  const rowPerOption = columns.at.has('选项');
  let group: RowGroup | undefined;
  const flush = () => {
    if (!group) return;
    const parsed = parseGroup(group, columns, result.errors, skipped, where);
    if (parsed) {
      result.questions.push(parsed);
      if (parsed.warnings) result.warnings.push(...parsed.warnings);
    }
    group = undefined;
  };
  const col = (cells: string[], name: string) => {
    const i = columns.at.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  for (let r = columns.headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    if (subRowWord(col(cells, '题型')) !== undefined) {
      if (group?.subRows) group.subRows.push({ row: r + 1, cells });
      else {
        flush();
        result.errors.push({
          ...where,
          row: r + 1,
          column: columnLetter(columns.at.get('题型') ?? 0),
          field: '题型',
          message:
            '这一行是“小题”，但前面没有案例分析题：小题应紧跟在所属案例分析题那一行（或上一道小题）的下面',
        });
      }
      continue;
    }
    const continues =
      rowPerOption &&
      group !== undefined &&
      col(cells, '题干') === '' &&
      col(cells, '题型') === '' &&
      (col(cells, '选项') !== '' || col(cells, '是否正确') !== '');
    if (continues) {
      group!.optionRows.push({ row: r + 1, cells });
      continue;
    }
    flush();
    const typeCell = col(cells, '题型');
    const isCase = (columns.legend?.get(typeCell.normalize('NFKC'))?.kind ?? typeOf(typeCell)) === 'case';
    group = { row: r + 1, cells, optionRows: [], ...(isCase ? { subRows: [] } : {}) };
  }
  flush();
  if (skipped.length) result.skipped = skipped;
}

/** Parses a sheet (from .xlsx or .csv) in the template layout or a common other system's layout. */
export function parseSheet(sheet: Sheet, format: 'xlsx' | 'csv', where: Where = {}): ParseResult {
  const result: ParseResult = { format, questions: [], errors: [], warnings: [] };
  if (sheet.rows.every((r) => r.every((c) => c.trim() === ''))) {
    result.errors.push({ ...where, row: 1, message: '表格是空的，请使用导入模板填写题目' });
    return result;
  }
  const columns = readHeader(sheet, findHeaderRow(sheet) ?? 0, result, where);
  if (!columns) return result;
  readRows(sheet, columns, result, where);
  dedupe(result, columns, where);
  return result;
}

function dedupe(result: ParseResult, columns: Columns | undefined, where: Where): void {
  const stemColumn = columns ? columnLetter(columns.at.get('题干')!) : undefined;
  const { issues, duplicates } = duplicateIssues(result.questions, (q) => ({
    issue: {
      ...(q.sheet ? { sheet: q.sheet } : where),
      row: q.row,
      ...(stemColumn ? { column: stemColumn } : {}),
      field: '题干',
    },
    label: q.sheet ? `工作表“${q.sheet}”第${q.row}行` : `第${q.row}行`,
  }));
  result.errors.push(...issues);
  result.questions = result.questions.filter((q) => !duplicates.has(q));
  // One sheet: by row. Several: sheet by sheet in workbook order (stable), then the repeats found across sheets.
  if (columns) result.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
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

/** The template's own 说明 sheet, which holds no questions. */
function isHelpSheet(sheet: Sheet): boolean {
  const header = (sheet.rows[0] ?? []).map((c) => c.trim());
  return header[0] === '列名' && header[1] === '填写说明';
}

/**
 * Parses an .xlsx file: every worksheet with a question header row. Sheets without one are named in a warning
 * (a workbook where no sheet has one is read as one sheet, so its header problems are reported). Never throws.
 */
export async function parseXlsx(data: Buffer): Promise<ParseResult> {
  const read = await readXlsxSheets(data);
  if ('error' in read) return { format: 'xlsx', questions: [], errors: [read.error], warnings: [] };
  const withHeader = read.sheets.filter((s) => findHeaderRow(s) !== undefined);
  if (withHeader.length === 0) return parseSheet(read.sheets[0], 'xlsx');
  // Sheets are named in issues when several hold questions (the template's 说明 sheet does not count).
  const named = withHeader.length > 1;
  const result: ParseResult = { format: 'xlsx', questions: [], errors: [], warnings: [] };
  for (const sheet of read.sheets) {
    const where: Where = named ? { sheet: sheet.name } : {};
    if (!withHeader.includes(sheet)) {
      const empty = sheet.rows.every((r) => r.every((c) => c.trim() === ''));
      if (!empty && !isHelpSheet(sheet)) {
        result.warnings.push({
          sheet: sheet.name,
          row: 1,
          message: `已忽略工作表“${sheet.name}”：没有找到“题干”“答案”等表头。如果这个工作表有题目，请在前五行中放入导入模板的表头（题型、题干、选项A…、答案）`,
        });
      }
      continue;
    }
    const part = parseSheet(sheet, 'xlsx', where);
    result.questions.push(...part.questions);
    result.errors.push(...part.errors);
    result.warnings.push(...part.warnings);
    if (part.skipped) result.skipped = [...(result.skipped ?? []), ...part.skipped];
  }
  if (withHeader.length > 1) dedupe(result, undefined, {});
  return result;
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
    case 'short-answer':
      return (q.answer as WrittenKey).reference;
    case 'case':
      return '';
  }
}

function articleCell(c: Citation | undefined): string {
  return c?.article !== undefined ? articleLabel(c.article, c.paragraph) : '';
}

/** One question as a template row (in SHEET_HEADERS order); a case is its row and one 小题 row per sub-question. */
export function questionToRows(q: QuestionDraft): (string | number)[][] {
  const options = OPTION_KEYS.map((k) => q.options.find((o) => o.key === k)?.text ?? '');
  const rows: (string | number)[][] = [
    [
      q.key ?? '',
      QUESTION_TYPE_LABELS[q.type],
      q.stem,
      ...options,
      answerText(q),
      q.type === 'short-answer' ? formatRubric((q.answer as WrittenKey).rubric) : '',
      q.explanation ?? '',
      q.difficulty,
      q.citation?.regulation ?? '',
      articleCell(q.citation),
      q.tags.join('、'),
      STATUS_LABELS[q.status],
    ],
  ];
  if (q.type === 'case') {
    for (const sub of (q.answer as CaseKey).questions) {
      const written = sub.type === 'short-answer';
      rows.push([
        '',
        `小题-${QUESTION_TYPE_LABELS[sub.type]}`,
        written ? sub.stem : `${sub.stem}（${sub.points}分）`,
        ...OPTION_KEYS.map((k) => sub.options.find((o) => o.key === k)?.text ?? ''),
        answerText({ ...sub, difficulty: 3, tags: [], status: 'approved' } as QuestionDraft),
        written ? formatRubric((sub.answer as WrittenKey).rubric) : '',
        sub.explanation ?? '',
        '',
        sub.citation?.regulation ?? '',
        articleCell(sub.citation),
        '',
        '',
      ]);
    }
  }
  return rows;
}

/** One question that is not a case as a template row. */
export function questionToRow(q: QuestionDraft): (string | number)[] {
  return questionToRows(q)[0];
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
  [
    '题型',
    '必填。单选题、多选题、判断题、填空题（也可写单选、多选、判断、填空）、简答题、案例分析题；' +
      '案例分析题的每道小题在它下面各占一行，题型写“小题-单选题”“小题-多选题”“小题-判断题”“小题-填空题”或“小题-简答题”',
  ],
  [
    '题干',
    '必填。题目内容，不超过2000字；填空题用三个或以上下划线“___”表示每个空；案例分析题那一行填写案例材料；' +
      '客观小题的分值写在题干末尾，如“（2分）”（不写为2分），简答小题的分值为评分要点之和',
  ],
  ['选项A–选项H', '单选题、多选题（含选择小题）填写，至少两个选项，从A开始连续填写；其他题型留空'],
  [
    '答案',
    '必填。单选题：一个字母，如 B；多选题：两个或以上字母，如 ACD 或 A,C,D；判断题：对/错（或 正确/错误、√/×）；' +
      '填空题：多个空用“；”分隔，同一个空的多个可接受答案用“|”分隔，如 十八|18；选举权；' +
      '简答题和简答小题：参考答案（阅卷时参考）；案例分析题那一行留空',
  ],
  [
    '评分要点',
    '简答题和简答小题必填，其他题型留空。每条要点一行（单元格内换行：Alt+Enter），写明分值（整数或半分），可写依据和关键词，如：' +
      '“1. 告知拟作出的行政处罚内容及事实、理由、依据（2分）【依据】《行政处罚法》第四十四条 关键词：事实、理由、依据”；' +
      '依据只写条号时（如“【第四十四条】”）按本行“法规”列的法规（小题还可按案例分析题那一行的法规）',
  ],
  ['解析', '选填。答案解析，建议写明法规条文内容'],
  ['难度', '选填。1（易）到5（难）的整数，留空为3；小题不填'],
  ['法规', '选填。考查的法规名称，如 退役军人保障法；也可整体写成“《退役军人保障法》第二十二条”'],
  ['条款', '选填。条号，如 第二十二条、22 或 第二十二条第二款'],
  ['标签', '选填。多个标签用顿号“、”或逗号分隔；小题不填'],
  ['状态', '选填。已审核（默认）或 草稿；草稿题目不会进入考试；小题不填'],
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
    '每个带表头的工作表都会导入（本说明工作表除外）；表头可调整顺序，但名称不能修改；空行会被跳过；请删除示例题目后再填写',
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
  {
    key: '示例-005',
    type: 'short-answer',
    stem: '简述行政机关在作出行政处罚决定之前应当履行的告知义务。',
    options: [],
    answer: {
      reference:
        '根据《行政处罚法》第四十四条，行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。',
      rubric: [
        {
          point: '告知拟作出的行政处罚内容及事实、理由、依据',
          points: 2,
          citation: { regulation: '行政处罚法', article: 44 },
          keywords: ['事实', '理由', '依据'],
        },
        {
          point: '告知陈述、申辩、要求听证等权利',
          points: 1,
          citation: { regulation: '行政处罚法', article: 44 },
          keywords: ['陈述', '申辩', '听证'],
        },
      ],
    },
    difficulty: 2,
    citation: { regulation: '行政处罚法', article: 44 },
    tags: ['主观题'],
    status: 'approved',
  },
  {
    key: '示例-006',
    type: 'case',
    stem: '某街道退役军人服务站未经委托，以自己的名义对某公司作出罚款2万元的决定。公司以服务站无权处罚为由拒绝缴纳。',
    options: [],
    answer: {
      questions: [
        {
          type: 'single',
          stem: '服务站作出的罚款决定，其效力应当认定为（ ）。',
          options: [
            { key: 'A', text: '有效' },
            { key: 'B', text: '效力待定' },
            { key: 'C', text: '无效' },
          ],
          answer: 'C',
          explanation: '实施主体不具有行政主体资格的，行政处罚无效。',
          citation: { regulation: '行政处罚法', article: 38, paragraph: 1 },
          points: 2,
        },
        {
          type: 'short-answer',
          stem: '公司拒绝缴纳罚款是否有理？请依法说明。',
          options: [],
          answer: {
            reference: '有理。服务站不是行政机关，也未经依法委托，以自己名义作出的罚款决定无效。',
            rubric: [
              {
                point: '实施主体不具有行政主体资格的，行政处罚无效',
                points: 2,
                citation: { regulation: '行政处罚法', article: 38, paragraph: 1 },
                keywords: ['行政主体资格', '无效'],
              },
              {
                point: '受委托组织须经书面委托并以委托机关名义实施',
                points: 1.5,
                citation: { regulation: '行政处罚法', article: 20 },
                keywords: ['书面委托'],
              },
            ],
          },
          points: 3.5,
        },
      ],
    },
    explanation: '本案考查行政处罚的实施主体与委托。',
    difficulty: 3,
    citation: { regulation: '行政处罚法', article: 38 },
    tags: ['主观题'],
    status: 'approved',
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
  addQuestionSheet(wb, TEMPLATE_EXAMPLES.flatMap(questionToRows));
  addHelpSheet(wb);
  return toBuffer(wb);
}

/** A bank in the template layout; parseXlsx(exportBankXlsx(qs)) gives back qs. */
export async function exportBankXlsx(questions: QuestionDraft[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '学法考试平台';
  addQuestionSheet(wb, questions.flatMap(questionToRows));
  addHelpSheet(wb);
  return toBuffer(wb);
}

/** The template's example questions (for tests and the help page). */
export function templateExamples(): QuestionDraft[] {
  return structuredClone(TEMPLATE_EXAMPLES);
}
