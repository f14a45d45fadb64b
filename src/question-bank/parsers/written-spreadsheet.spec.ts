import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CaseKey, QuestionDraft, WrittenKey } from '../question.types';
import { writeCsv } from '../../common/csv';
import { exportBankXlsx, parseCsvText, parseXlsx, questionToRows, SHEET_HEADERS } from './spreadsheet.parser';
import { parseYamlBank } from './yaml.parser';

const HEADER = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '答案',
  '评分要点',
  '解析',
  '难度',
  '法规',
  '条款',
];
//               A       B       C        D        E        F        G          H       I       J       K
const row = (fields: Partial<Record<string, string>>) => HEADER.map((h) => fields[h] ?? '');
const sut = (...rows: Partial<Record<string, string>>[]) =>
  parseCsvText(writeCsv([HEADER, ...rows.map(row)]));

const SHORT = {
  题型: '简答题',
  题干: '简述告知义务。',
  答案: '应当告知事实、理由、依据和陈述申辩权利。',
  评分要点:
    '1. 告知事实、理由、依据（2分）【依据】《行政处罚法》第四十四条 关键词：事实、理由\n2. 告知陈述、申辩权利（1.5分）【第四十四条】',
  法规: '行政处罚法',
  条款: '第四十四条',
};
const CASE = { 题型: '案例分析题', 题干: '某服务站以自己名义罚款。', 法规: '行政处罚法', 条款: '38' };
const SUB_SINGLE = {
  题型: '小题-单选题',
  题干: '该决定的效力是（ ）。（3分）',
  选项A: '有效',
  选项B: '无效',
  答案: 'B',
};
const SUB_WRITTEN = {
  题型: '小题：简答题',
  题干: '请说明理由。',
  答案: '服务站不是行政机关。',
  评分要点: '实施主体不具有行政主体资格的处罚无效（2分）【第三十八条第一款】',
};

describe('written questions in the spreadsheet template', () => {
  it('reads a 简答题 row and a 案例分析题 row with its 小题 rows', () => {
    const result = sut(SHORT, CASE, SUB_SINGLE, SUB_WRITTEN);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toBeUndefined();
    expect(result.questions.map((q) => [q.row, q.question.type])).toEqual([
      [2, 'short-answer'],
      [3, 'case'],
    ]);
    expect(result.questions[0].question.answer).toEqual({
      reference: SHORT.答案,
      rubric: [
        {
          point: '告知事实、理由、依据',
          points: 2,
          citation: { regulation: '行政处罚法', article: 44 },
          keywords: ['事实', '理由'],
        },
        {
          point: '告知陈述、申辩权利',
          points: 1.5,
          citation: { regulation: '行政处罚法', article: 44 },
          keywords: [],
        },
      ],
    });
    const subs = (result.questions[1].question.answer as CaseKey).questions;
    expect(subs.map((s) => [s.type, s.stem, s.points])).toEqual([
      ['single', '该决定的效力是（ ）。', 3],
      ['short-answer', '请说明理由。', 2],
    ]);
    // An article-only citation in a sub-question's rubric takes the case's regulation.
    expect((subs[1].answer as WrittenKey).rubric[0].citation).toEqual({
      regulation: '行政处罚法',
      article: 38,
      paragraph: 1,
    });
  });

  it.each([
    [
      'a 评分要点 line without points',
      [{ ...SHORT, 评分要点: '1. 告知事实（2分）\n2. 告知权利' }],
      2,
      'G',
      '评分要点',
      '第2行要点：评分要点“告知权利”没有写分值',
    ],
    [
      'points not a multiple of 0.5',
      [{ ...SHORT, 评分要点: '告知事实（0.3分）' }],
      2,
      'G',
      '评分要点',
      '“0.3分”无效',
    ],
    [
      'a 简答小题 with an empty 评分要点',
      [CASE, SUB_SINGLE, { ...SUB_WRITTEN, 评分要点: '' }],
      4,
      'G',
      '评分要点',
      '简答小题须填写评分要点',
    ],
    ['an empty reference answer', [{ ...SHORT, 答案: '' }], 2, 'F', '答案', '应填写参考答案'],
    [
      'a case with fewer than 2 sub-questions',
      [CASE, SUB_WRITTEN],
      2,
      'A',
      '题型',
      '两道或以上小题（当前1道）',
    ],
    ['a 小题 row with no case before it', [SHORT, SUB_WRITTEN], 3, 'A', '题型', '前面没有案例分析题'],
    [
      'a case whose sub-questions are all objective',
      [CASE, SUB_SINGLE, { ...SUB_SINGLE, 题干: '另一题（ ）。' }],
      2,
      'A',
      '题型',
      '至少要有一道简答小题',
    ],
    [
      'a sub-question whose key is not an option',
      [CASE, { ...SUB_SINGLE, 答案: 'C' }, SUB_WRITTEN],
      3,
      'F',
      '答案',
      '答案“C”不在选项A–B中',
    ],
    [
      'a 小题 with a 难度',
      [CASE, { ...SUB_SINGLE, 难度: '3' }, SUB_WRITTEN],
      3,
      'I',
      '难度',
      '小题不填写“难度”',
    ],
    [
      'an answer on the case row',
      [{ ...CASE, 答案: 'B' }, SUB_SINGLE, SUB_WRITTEN],
      2,
      'F',
      '答案',
      '应留空',
    ],
  ])('refuses %s, naming row, column and field', (_, rows, r, column, field, message) => {
    const result = sut(...rows);
    expect(result.questions.filter((q) => q.row === r)).toEqual([]);
    expect(result.errors).toContainEqual(
      expect.objectContaining({ row: r, column, field, message: expect.stringContaining(message) }),
    );
  });

  it('takes a 简答题 row with its answer and no 评分要点 as a draft with an empty rubric and a warning at the cell', () => {
    const result = sut({ ...SHORT, 评分要点: '' });
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual([
      expect.objectContaining({
        type: 'short-answer',
        status: 'draft',
        answer: { reference: SHORT.答案, rubric: [] },
      }),
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'G',
        field: '评分要点',
        message: expect.stringContaining('已作为草稿导入'),
      }),
    ]);
  });

  it('exports a case as its row and one 小题 row per sub-question', () => {
    const result = sut(CASE, SUB_SINGLE, SUB_WRITTEN);
    const rows = questionToRows(result.questions[0].question);
    expect(rows.map((r) => r[1])).toEqual(['案例分析题', '小题-单选题', '小题-简答题']);
    expect(rows[1][2]).toBe('该决定的效力是（ ）。（3分）');
  });

  it('round-trips every seeded written bank through export.xlsx', async () => {
    const dir = path.join(__dirname, '../../../question-banks/written');
    let count = 0;
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const bank = parseYamlBank(fs.readFileSync(path.join(dir, f), 'utf8'));
      const questions: QuestionDraft[] = bank.questions.map((q) => q.question);
      const again = await parseXlsx(await exportBankXlsx(questions));
      expect({ f, errors: again.errors }).toEqual({ f, errors: [] });
      expect(again.skipped).toBeUndefined();
      expect(again.questions.map((q) => q.question)).toEqual(questions);
      count += questions.length;
    }
    expect(count).toBe(49);
  });

  it('round-trips the seeded written banks through CSV too', () => {
    const dir = path.join(__dirname, '../../../question-banks/written');
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const questions = parseYamlBank(fs.readFileSync(path.join(dir, f), 'utf8')).questions.map(
        (q) => q.question,
      );
      const rows = questions.flatMap(questionToRows).map((r) => r.map(String));
      const again = parseCsvText(writeCsv([[...SHEET_HEADERS], ...rows]));
      expect({ f, errors: again.errors }).toEqual({ f, errors: [] });
      expect(again.questions.map((q) => q.question)).toEqual(questions);
    }
  });
});
