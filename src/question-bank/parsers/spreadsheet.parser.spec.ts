import { Workbook } from 'exceljs';
import fc from 'fast-check';
import type { QuestionDraft } from '../question.types';
import { writeCsv } from '../../common/csv';
import {
  buildTemplateXlsx,
  canonicalHeader,
  exportBankXlsx,
  parseCsvText,
  parseXlsx,
  SHEET_HEADERS,
  templateExamples,
} from './spreadsheet.parser';
import { buildDocx, draftsArb } from '../../../test/factories/question-files';

const HEADER = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '答案',
  '解析',
  '难度',
  '法规',
  '条款',
  '标签',
  '状态',
];
//               A       B       C        D        E        F        G       H       I       J       K       L       M

function csv(...rows: string[][]): string {
  return writeCsv([HEADER, ...rows]);
}

function row(fields: Partial<Record<string, string>>): string[] {
  return HEADER.map((h) => fields[h] ?? '');
}

const OPTIONS = {
  选项A: '2020年11月11日',
  选项B: '2021年1月1日',
  选项C: '2021年8月1日',
  选项D: '2022年1月1日',
};

async function xlsxOf(
  rows: unknown[][],
  configure?: (ws: import('exceljs').Worksheet) => void,
): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('题目');
  for (const r of rows) ws.addRow(r);
  configure?.(ws);
  return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

describe('spreadsheet parser (CSV)', () => {
  const sut = parseCsvText;

  it('reads one question of each type, with every answer spelling', () => {
    const result = sut(
      csv(
        row({
          题型: '单选',
          题干: '退役军人保障法自（ ）起施行。',
          ...OPTIONS,
          答案: 'b',
          解析: '《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。',
          难度: '1',
          法规: '退役军人保障法',
          条款: '第八十五条',
          标签: '附则、施行,附则',
        }),
        row({
          题型: '多选题',
          题干: '多选题干',
          选项A: '甲',
          选项B: '乙',
          选项C: '丙',
          答案: 'C、A',
          状态: '草稿',
        }),
        row({}),
        row({ 题型: 'true-false', 题干: '判断题干', 答案: '×', 法规: '《退役军人保障法》第二十二条第二款' }),
        row({
          题型: '填空',
          题干: '自（ ）起施行，共（ ）条。',
          答案: '2021年1月1日|2021-01-01；八十五|85',
          难度: '５',
        }),
        row({
          题型: '判断题',
          题干: '写成选择题的判断题',
          选项A: '正确',
          选项B: '错误',
          答案: 'A',
          状态: '已审核',
        }),
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual([
      {
        row: 2,
        question: {
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
          tags: ['附则', '施行'],
          status: 'approved',
        },
      },
      {
        row: 3,
        question: {
          type: 'multiple',
          stem: '多选题干',
          options: [
            { key: 'A', text: '甲' },
            { key: 'B', text: '乙' },
            { key: 'C', text: '丙' },
          ],
          answer: ['A', 'C'],
          difficulty: 3,
          tags: [],
          status: 'draft',
        },
      },
      {
        row: 5,
        question: {
          type: 'true-false',
          stem: '判断题干',
          options: [],
          answer: false,
          difficulty: 3,
          citation: { regulation: '退役军人保障法', article: 22, paragraph: 2 },
          tags: [],
          status: 'approved',
        },
      },
      {
        row: 6,
        question: {
          type: 'fill-blank',
          stem: '自___起施行，共___条。',
          options: [],
          answer: [
            ['2021年1月1日', '2021-01-01'],
            ['八十五', '85'],
          ],
          difficulty: 5,
          tags: [],
          status: 'approved',
        },
      },
      {
        row: 7,
        question: {
          type: 'true-false',
          stem: '写成选择题的判断题',
          options: [],
          answer: true,
          difficulty: 3,
          tags: [],
          status: 'approved',
        },
      },
    ]);
  });

  it('names row, column letter and header of every problem', () => {
    const valid = { 题型: '单选', 题干: '有效的题', ...OPTIONS, 答案: 'B' };
    const result = sut(
      csv(
        row({ ...valid, 题干: '答案不在选项中', 答案: 'E' }), // 2
        row({ ...valid, 题型: '多选', 题干: '多选只选一个', 答案: 'A' }), // 3
        row({ 题型: '判断', 题干: '判断题', 答案: '也许' }), // 4
        row({}), // 5: blank, skipped
        row({ ...valid, 题型: '问答', 题干: '问答题' }), // 6
        row({ 题型: '单选', 题干: '选项有空缺', 选项A: '甲', 选项C: '丙', 答案: 'A' }), // 7
        row({ ...valid, 题干: '难度不对', 难度: '很难' }), // 8
        row({ ...valid, 题干: '条款不对', 法规: '退役军人保障法', 条款: '第二十二款' }), // 9
        row({ ...valid, 题干: '状态不对', 状态: '删除' }), // 10
        row({ ...valid }), // 11
        row({ ...valid, 题干: '有效的题。', 选项A: OPTIONS.选项D, 选项D: OPTIONS.选项A }), // 12: same as 11
        row({ 题型: '填空', 题干: '没有空的填空题', 答案: '甲', 选项A: '多余' }), // 13
        row({ 题型: '单选', 题干: '', 答案: '' }), // 14
      ),
    );
    expect(result.errors).toEqual([
      { row: 2, column: 'G', field: '答案', message: '答案“E”不在选项A–D中' },
      { row: 3, column: 'G', field: '答案', message: '多选题至少要有两个正确选项' },
      { row: 4, column: 'G', field: '答案', message: '判断题的答案应为“对”或“错”，当前为“也许”' },
      // A written question is read now (issue #18), never skipped: options on a 简答题 row are an error.
      { row: 6, column: 'C', field: '选项A', message: '简答题不应填写选项' },
      {
        row: 7,
        column: 'D',
        field: '选项B',
        message: '选项B为空，但后面的选项C有内容；选项应从A开始连续填写',
      },
      { row: 8, column: 'I', field: '难度', message: '难度应为1到5的整数，当前为“很难”' },
      { row: 9, column: 'K', field: '条款', message: '无法识别条款“第二十二款”，应写成“第二十二条”或“22”' },
      {
        row: 10,
        column: 'M',
        field: '状态',
        message: '状态“删除”无效，应为“已审核”或“草稿”（留空即已审核）',
      },
      { row: 12, column: 'B', field: '题干', message: '与第11行的题目重复（题干和选项相同）' },
      { row: 13, column: 'C', field: '选项A', message: '填空题不应填写选项' },
      { row: 14, column: 'B', field: '题干', message: '题干不能为空' },
      { row: 14, column: 'G', field: '答案', message: '答案不能为空' },
    ]);
    expect(result.questions.map((q) => q.row)).toEqual([11]);
    expect(result.skipped).toBeUndefined();
  });

  it('accepts headers in any order and spelled loosely', () => {
    const text = writeCsv([
      ['答案*', ' 题干 ', '选项Ｂ', 'A选项', '题型（必填）', '序号'],
      ['A', '题干', '乙', '甲', '单选题', '1'],
    ]);
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ row: 1, column: 'F', field: '序号', message: '已忽略“序号”列' }]);
    expect(result.questions[0].question.options).toEqual([
      { key: 'A', text: '甲' },
      { key: 'B', text: '乙' },
    ]);
  });

  it('reports unknown, repeated and missing headers, saying what to rename them to', () => {
    const result = sut(
      writeCsv([
        ['题型', '题目', '题干', '分值', '正确的选项', '出题依据说明X'],
        ['单选', 'x', 'y', '2', 'A', ''],
      ]),
    );
    expect(result.errors).toEqual([
      { row: 1, column: 'C', field: '题干', message: '表头“题干”重复（B列已有）' },
      {
        row: 1,
        column: 'E',
        field: '正确的选项',
        message: `无法识别的表头“正确的选项”：如果这一列是答案，请把表头改为“答案”；不需要导入的列请删除（表头只能是：${SHEET_HEADERS.join('、')}）`,
      },
      {
        row: 1,
        column: 'F',
        field: '出题依据说明X',
        message: `无法识别的表头“出题依据说明X”：如果这一列是解析，请把表头改为“解析”；不需要导入的列请删除（表头只能是：${SHEET_HEADERS.join('、')}）`,
      },
      { row: 1, field: '答案', message: '缺少必需的表头“答案”，请把答案所在列的表头改为“答案”' },
    ]);
    // Columns other systems add and that carry nothing to import are ignored, with a warning.
    expect(result.warnings).toEqual([{ row: 1, column: 'D', field: '分值', message: '已忽略“分值”列' }]);
    expect(result.questions).toEqual([]);
  });

  it('reports an empty sheet and an unclosed quote', () => {
    expect(sut('').errors).toEqual([{ row: 1, message: '表格是空的，请使用导入模板填写题目' }]);
    expect(sut('题型,题干,答案\n判断,"未闭合,对\n').errors).toEqual([
      { row: 2, message: '引号没有闭合：从这一行开始的带引号的内容缺少结束的英文双引号“"”' },
      { row: 2, column: 'C', field: '答案', message: '答案不能为空' },
    ]);
  });

  it('reads escaped separators in fill-blank answers', () => {
    const result = sut(csv(row({ 题型: '填空', 题干: '___', 答案: 'a\\;b|c\\|d；\\\\e' })));
    expect(result.errors).toEqual([
      { row: 2, column: 'G', field: '答案', message: '题干有1个空，但答案有2组' },
    ]);
    const ok = sut(csv(row({ 题型: '填空', 题干: '___', 答案: 'a\\;b|c\\|d' })));
    expect(ok.questions[0].question.answer).toEqual([['a;b', 'c|d']]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void sut(s)));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 6 }), { maxLength: 14 }), { maxLength: 5 }),
        (rows) => {
          void sut(csv(...rows));
        },
      ),
    );
  });
});

describe('spreadsheets from other exam systems', () => {
  const sut = parseCsvText;

  it('accepts the common header synonyms and a 题型 code explained in its header', () => {
    const result = sut(
      writeCsv([
        ['试题类型（0单选 1多选 2判断 3填空 4简答）', '题目内容', 'A', 'B', 'C', '正确答案', '答案解析'],
        [
          '0',
          '退役军人保障法自（ ）起施行。',
          '2021年1月1日',
          '2022年1月1日',
          '2020年11月11日',
          'A',
          '第八十五条',
        ],
        ['1', '退役军人保障工作的原则有（ ）。', '以人为本', '分类保障', '属地包干', 'AB', ''],
        ['2', '退役军人保障法自2021年1月1日起施行。', '', '', '', '正确', ''],
        ['3', '退役军人保障法自___起施行。', '', '', '', '2021年1月1日', ''],
        ['4', '简述退役军人保障法的立法目的。', '', '', '', '略', ''],
      ]),
    );
    // 4简答 is a written question: read, and without a 评分要点 column a draft with an empty rubric and a warning.
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ row: 6, field: '评分要点' }));
    expect(result.questions.map((q) => [q.row, q.question.type, q.question.answer])).toEqual([
      [2, 'single', 'A'],
      [3, 'multiple', ['A', 'B']],
      [4, 'true-false', true],
      [5, 'fill-blank', [['2021年1月1日']]],
      [6, 'short-answer', { reference: '略', rubric: [] }],
    ]);
    expect(result.questions[4].question.status).toBe('draft');
    expect(result.questions[0].question.explanation).toBe('第八十五条');
    expect(result.skipped).toBeUndefined();
  });

  it('refuses a 题型 code its header does not explain, saying how to write the legend', () => {
    const result = sut(
      writeCsv([
        ['题型', '题干', '答案'],
        ['2', '甲', '对'],
      ]),
    );
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'A',
        field: '题型',
        message:
          '题型“2”是代码，表头中没有写明它代表哪种题型；请把表头写成“题型（1单选 2多选 3判断 4填空）”这样的对照，或把题型改为单选题、多选题、判断题、填空题',
      },
    ]);
  });

  it('splits options written in one 选项 cell', () => {
    const result = sut(
      writeCsv([
        ['题型', '题干', '选项', '答案'],
        ['单选', '退役军人保障法自（ ）起施行。', 'A.2020年11月11日 B.2021年1月1日 C.2022年1月1日', 'B'],
        ['多选', '安置方式有（ ）。', 'A、退休\nB、转业\nC、复员', 'ABC'],
        ['单选', '烈士纪念日是（ ）。', '9月3日|9月30日|10月1日', 'B'],
        ['单选', '下列属于矿物质的是（ ）。', 'A.维生素 B 族 B.钙', 'B'],
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question.options.map((o) => `${o.key}:${o.text}`))).toEqual([
      ['A:2020年11月11日', 'B:2021年1月1日', 'C:2022年1月1日'],
      ['A:退休', 'B:转业', 'C:复员'],
      ['A:9月3日', 'B:9月30日', 'C:10月1日'],
      ['A:维生素 B 族', 'B:钙'],
    ]);
  });

  it('reads one row per option, marked 是否正确', () => {
    const result = sut(
      writeCsv([
        ['题干', '选项', '是否正确'],
        ['退役军人保障法自（ ）起施行。', '2020年11月11日', '否'],
        ['', '2021年1月1日', '是'],
        ['', '2022年1月1日', '否'],
        ['对退役的军官，国家采取的安置方式有（ ）。', '退休', '是'],
        ['', '转业', '是'],
        ['', '供养', '否'],
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(
      result.questions.map((q) => [q.row, q.question.type, q.question.answer, q.question.options.length]),
    ).toEqual([
      [2, 'single', 'B', 3],
      [5, 'multiple', ['A', 'B'], 3],
    ]);
  });
});

describe('canonicalHeader', () => {
  it.each([
    ['选项ａ', '选项A'],
    ['正确答案', '答案'],
    ['题干（必填）', '题干'],
    ['*题型', '题型'],
    ['H', '选项H'],
    ['选项I', undefined],
    ['分值', undefined],
  ])('%s → %s', (header, canonical) => {
    expect(canonicalHeader(header)).toBe(canonical);
  });
});

describe('spreadsheet parser (.xlsx)', () => {
  const sut = parseXlsx;

  it('reads rich text, formula results, numbers and dates from real cells', async () => {
    const data = await xlsxOf([
      ['题型', '题干', '答案', '难度', '法规', '条款'],
      [
        '填空',
        { richText: [{ text: '退役军人保障法自', font: { bold: true } }, { text: '___起施行。' }] },
        new Date(Date.UTC(2021, 0, 1)),
        { formula: '1+1', result: 2 },
        '退役军人保障法',
        85,
      ],
    ]);
    const result = await sut(data);
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual([
      {
        row: 2,
        question: {
          type: 'fill-blank',
          stem: '退役军人保障法自___起施行。',
          options: [],
          answer: [['2021-01-01']],
          difficulty: 2,
          citation: { regulation: '退役军人保障法', article: 85 },
          tags: [],
          status: 'approved',
        },
      },
    ]);
  });

  it('reads every worksheet with template headers and names the sheet of each question', async () => {
    const wb = new Workbook();
    const single = wb.addWorksheet('单选题');
    single.addRow(['题型', '题干', '选项A', '选项B', '答案']);
    single.addRow(['单选', '退役军人保障法自（ ）起施行。', '2021年1月1日', '2022年1月1日', 'A']);
    const judge = wb.addWorksheet('判断题');
    judge.addRow(['题型', '题干', '答案']);
    judge.addRow(['判断', '退役军人保障法自2021年1月1日起施行。', '对']);
    judge.addRow(['判断', '退役军人保障法自2022年1月1日起施行。', '错']);
    const notes = wb.addWorksheet('出题说明');
    notes.addRow(['本表由政策法规科整理']);
    const result = await sut(Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer));
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.sheet, q.row, q.question.type, q.question.answer])).toEqual([
      ['单选题', 2, 'single', 'A'],
      ['判断题', 2, 'true-false', true],
      ['判断题', 3, 'true-false', false],
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        sheet: '出题说明',
        message: expect.stringContaining('已忽略工作表“出题说明”'),
      }),
    ]);
  });

  it('skips blank rows and keeps the real row numbers', async () => {
    const data = await xlsxOf([
      ['题型', '题干', '答案'],
      [],
      ['判断', '甲', '对'],
      [],
      ['判断', '乙', '错误'],
    ]);
    const result = await sut(data);
    expect(result.questions.map((q) => q.row)).toEqual([3, 5]);
    const bad = await sut(await xlsxOf([['题型', '题干', '答案'], [], [], ['判断', '甲', '也许']]));
    expect(bad.errors).toEqual([
      { row: 4, column: 'C', field: '答案', message: '判断题的答案应为“对”或“错”，当前为“也许”' },
    ]);
  });

  it('turns garbage, truncated and non-Excel ZIP files into an error', async () => {
    const template = await buildTemplateXlsx();
    const notXlsx =
      '文件不是有效的 Excel（.xlsx）文件（可能已损坏，或只是改了扩展名），请用 Office/WPS 重新保存后上传';
    expect((await sut(Buffer.from('这不是 Excel 文件'))).errors).toEqual([{ message: notXlsx }]);
    expect((await sut(template.subarray(0, Math.floor(template.length / 2)))).errors).toEqual([
      { message: notXlsx },
    ]);
    const corrupted = Buffer.from(template);
    corrupted.fill(0x55, 200, 600);
    expect((await sut(corrupted)).errors).toEqual([{ message: notXlsx }]);
    const docx = await sut(buildDocx(['一段文字']));
    expect(docx).toEqual({
      format: 'xlsx',
      questions: [],
      errors: [{ message: 'Excel 文件中没有工作表' }],
      warnings: [],
    });
  });

  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const result = await sut(Buffer.from(bytes));
        expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 50 },
    );
  });
});

describe('buildTemplateXlsx', () => {
  it('has the header row, one example per type that parses cleanly, and a 说明 sheet', async () => {
    const data = await buildTemplateXlsx();
    const result = await parseXlsx(data);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual(templateExamples());
    expect(result.questions.map((q) => q.question.type)).toEqual([
      'single',
      'multiple',
      'true-false',
      'fill-blank',
      'short-answer',
      'case',
    ]);

    const wb = new Workbook();
    await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['题目', '说明']);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...SHEET_HEADERS]);
    const help = wb.worksheets[1].getColumn(1).values.slice(2);
    expect(help).toEqual(
      expect.arrayContaining(['题型', '题干', '答案', '评分要点', '难度', '法规', '条款', '标签', '状态']),
    );
  });
});

describe('exportBankXlsx', () => {
  const fixed: QuestionDraft[] = [
    ...templateExamples(),
    {
      type: 'fill-blank',
      stem: '多个空：___，___。',
      options: [],
      answer: [
        ['a;b', 'c|d'],
        ['反斜杠\\', '全角；分号'],
      ],
      difficulty: 4,
      citation: { regulation: '军人抚恤优待条例', article: 105, paragraph: 3 },
      tags: ['甲', '乙'],
      status: 'retired',
    },
  ];

  it('round-trips a fixed bank, including escaped separators and a question without a key', async () => {
    const result = await parseXlsx(await exportBankXlsx(fixed));
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual(fixed);
  });

  it('round-trips generated banks: parse(export(x)) deep-equals x', async () => {
    await fc.assert(
      fc.asyncProperty(draftsArb(5), async (questions) => {
        const result = await parseXlsx(await exportBankXlsx(questions));
        expect(result.errors).toEqual([]);
        expect(result.questions.map((q) => q.question)).toStrictEqual(questions);
      }),
      { numRuns: 40 },
    );
  });
});
