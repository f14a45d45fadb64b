import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CaseKey, WrittenKey } from '../question.types';
import { buildDocx } from '../../../test/factories/question-files';
import { parseDocx, parseNumberedText as sut } from './text.parser';
import { formatRubricLine, parseRubricText } from './rubric';

const lines = (...ls: string[]) => ls.join('\n');
const EXAMPLE = fs.readFileSync(
  path.join(__dirname, '../../../test/fixtures/written/written-questions.txt'),
  'utf8',
);

describe('written questions in the numbered text format', () => {
  it('reads the example file: an objective section, two 简答题 and a 案例分析题 with objective and written sub-questions', () => {
    const result = sut(EXAMPLE);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toBeUndefined();
    expect(result.questions.map((q) => [q.line, q.question.type])).toEqual([
      [2, 'single'],
      [10, 'short-answer'],
      [18, 'short-answer'],
      [27, 'case'],
    ]);
    const first = result.questions[1].question;
    expect(first.stem).toBe('简述行政机关在作出行政处罚决定之前应当履行的告知义务。');
    expect(first.difficulty).toBe(2);
    expect((first.answer as WrittenKey).reference).toMatch(/^根据《行政处罚法》第四十四条.*听证等权利。$/s);
    expect((first.answer as WrittenKey).rubric).toEqual([
      {
        point: '告知拟作出的行政处罚内容及事实、理由、依据',
        points: 2,
        citation: { regulation: '行政处罚法', article: 44 },
        keywords: ['事实', '理由', '依据'],
      },
      // `【第四十四条】` takes the question's own regulation.
      {
        point: '告知陈述、申辩、要求听证等权利',
        points: 1,
        citation: { regulation: '行政处罚法', article: 44 },
        keywords: ['陈述', '申辩'],
      },
    ]);
    // `(1.5分)`, a trailing `1分` and a paragraph in the citation.
    expect((result.questions[2].question.answer as WrittenKey).rubric.map((r) => r.points)).toEqual([
      1.5, 1, 1.5,
    ]);
    expect((result.questions[2].question.answer as WrittenKey).rubric[2].citation).toEqual({
      regulation: '行政处罚法',
      article: 45,
      paragraph: 2,
    });
    const kase = result.questions[3].question;
    expect(kase.stem).toContain('拒绝回避。');
    expect(kase.difficulty).toBe(4);
    const subs = (kase.answer as CaseKey).questions;
    expect(subs.map((s) => [s.type, s.points])).toEqual([
      ['single', 2],
      ['true-false', 2],
      ['short-answer', 3],
    ]);
    expect(subs[0]).toMatchObject({ stem: '对该公司提出的回避申请，应当由（ ）决定。', answer: 'A' });
    expect(subs[0].explanation).toContain('第四十三条第三款');
    expect((subs[2].answer as WrittenKey).rubric[0].citation).toEqual({
      regulation: '行政处罚法',
      article: 43,
      paragraph: 1,
    });
  });

  it.each([
    ['（2 分）', 2],
    ['(2分)', 2],
    ['2分', 2],
    ['（0.5分）', 0.5],
  ])('reads the points written %s', (written, points) => {
    const parsed = parseRubricText(`依法告知${written}`);
    expect(parsed).toEqual({ ok: true, point: { point: '依法告知', points, keywords: [] } });
  });

  it('writes a rubric line that reads back to the same point', () => {
    const point = {
      point: '告知陈述、申辩权利',
      points: 1.5,
      citation: { regulation: 'administrative-penalty-law', article: 44, paragraph: 2 },
      keywords: ['陈述', '申辩'],
    };
    const line = formatRubricLine(point, 0);
    expect(line).toBe(
      '1. 告知陈述、申辩权利（1.5分）【依据】《administrative-penalty-law》第四十四条第二款 关键词：陈述、申辩',
    );
    expect(parseRubricText(line.replace(/^1\. /, ''))).toEqual({ ok: true, point });
  });

  const SHORT = [
    '四、简答题', // 1
    '1. 简述告知义务。', // 2
    '参考答案：应当告知。', // 3
    '评分要点：', // 4
    '1. 告知事实、理由、依据（2分）', // 5
    '2. 告知陈述、申辩权利（1分）', // 6
  ];
  it.each([
    ['a point without points', { 5: '1. 告知事实、理由、依据' }, 5, '评分要点', '没有写分值'],
    ['points not a multiple of 0.5', { 6: '2. 告知陈述、申辩权利（0.3分）' }, 6, '评分要点', '“0.3分”无效'],
    ['an empty 评分要点', { 5: '', 6: '' }, 4, '评分要点', '下面没有要点'],
    ['no 参考答案', { 3: '' }, 2, '参考答案', '第1题缺少“参考答案：”'],
    ['points numbered out of order', { 6: '3. 告知陈述、申辩权利（1分）' }, 6, '评分要点', '编号应为2'],
    [
      'an article without a regulation',
      { 6: '2. 告知陈述、申辩权利（1分）【第四十四条】' },
      6,
      '评分要点',
      '没有写法规名称',
    ],
    [
      'declared points that differ from the rubric',
      { 2: '1. 简述告知义务。（5分）' },
      2,
      '题干',
      '题干标注5分，但评分要点合计3分',
    ],
  ])('refuses %s, naming the line and field', (_, change, line, field, message) => {
    const ls = SHORT.map((l, i) => (change as Record<number, string>)[i + 1] ?? l);
    const result = sut(lines(...ls));
    expect(result.questions).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ line, field, message: expect.stringContaining(message) }),
    ]);
  });

  it('takes a question with 参考答案 and no 评分要点 as a draft with an empty rubric and a warning at its line', () => {
    const result = sut(lines(...SHORT.slice(0, 3), '状态：已审核'));
    expect(result.errors).toEqual([]);
    expect(result.questions).toHaveLength(1);
    expect(result.questions[0].question).toMatchObject({
      type: 'short-answer',
      status: 'draft',
      answer: { reference: '应当告知。', rubric: [] },
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 2,
        field: '评分要点',
        message: expect.stringContaining('已作为草稿导入'),
      }),
    ]);
  });

  it('tells a rubric point from the next question by what follows it', () => {
    const result = sut(
      lines(
        '简答题',
        '1. 第一题？',
        '参考答案：甲。',
        '评分要点：',
        '1. 甲（1分）',
        '2. 第二题？',
        '参考答案：乙。',
        '评分要点：',
        '1. 乙（1分）',
        '2. 丙（1分）',
        '3. 第三题？',
        '参考答案：丙。',
        '评分要点：',
        '1. 丁（2分）',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(
      result.questions.map((q) => [q.question.stem, (q.question.answer as WrittenKey).rubric.length]),
    ).toEqual([
      ['第一题？', 1],
      ['第二题？', 2],
      ['第三题？', 1],
    ]);
  });

  const CASE = [
    '【案例分析题】', // 1
    '1. 某服务站以自己名义作出罚款决定。', // 2
    '（1）该决定的效力是（ ）。', // 3
    'A. 有效 B. 无效', // 4
    '答案：B', // 5
    '（2）请说明理由。', // 6
    '参考答案：服务站不是行政机关。', // 7
    '评分要点：', // 8
    '1. 实施主体不具有行政主体资格的处罚无效（2分）【依据】《行政处罚法》第三十八条', // 9
  ];
  it('reads a case under 【案例分析题】', () => {
    const result = sut(lines(...CASE));
    expect(result.errors).toEqual([]);
    expect((result.questions[0].question.answer as CaseKey).questions.map((q) => q.type)).toEqual([
      'single',
      'short-answer',
    ]);
  });

  it.each([
    [
      'a case with one sub-question',
      CASE.slice(0, 2).concat(CASE.slice(5).map((l) => l.replace('（2）', '（1）'))),
      2,
      '两道或以上小题',
    ],
    [
      'a sub-question whose key is not an option',
      CASE.map((l) => (l === '答案：B' ? '答案：D' : l)),
      5,
      '第1题第1小题：答案“D”不在选项A–B中',
    ],
    [
      'a case whose sub-questions are all objective',
      CASE.slice(0, 5).concat(['（2）服务站是行政机关。', '答案：错']),
      2,
      '至少要有一道简答小题',
    ],
    ['a written sub-question without rubric', CASE.slice(0, 8), 8, '下面没有要点'],
  ])('refuses %s, naming the line', (_, ls, line, message) => {
    const result = sut(lines(...ls));
    expect(result.questions).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ line, message: expect.stringContaining(message) }),
    ]);
  });

  it('keeps objective questions after a written section, and an answer key at the end for them', () => {
    const result = sut(
      lines('一、简答题', ...SHORT.slice(1), '二、单选题', '1. 甲（ ）。', 'A. 子 B. 丑', '参考答案', '1.B'),
    );
    expect(result.errors).toEqual([]);
    expect(
      result.questions.map((q) => [
        q.question.type,
        q.question.answer instanceof Object ? 'key' : q.question.answer,
      ]),
    ).toEqual([
      ['short-answer', 'key'],
      ['single', 'B'],
    ]);
  });
});

describe('written questions in a .docx', () => {
  it('reads the same example as the .txt, paragraph numbers as lines', () => {
    const result = parseDocx(buildDocx(EXAMPLE.split('\n')));
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual(sut(EXAMPLE).questions.map((q) => q.question));
  });
});

describe('a written question inside an objective section', () => {
  it('is skipped with its line, saying where written questions go', () => {
    const result = sut(
      lines(
        '一、单选题',
        '1. 甲（ ）。',
        'A. 子 B. 丑',
        '答案：A',
        '2、简答题 简述告知义务。',
        '参考答案：应当告知。',
      ),
    );
    expect(result.skipped).toEqual([
      expect.objectContaining({
        line: 5,
        kind: 'short-answer',
        message: expect.stringContaining('主观题请放在“简答题”标题下面'),
      }),
    ]);
  });
});

describe('lines that repeat from case to case', () => {
  it('are not taken for a page header', () => {
    const one = (n: number) => [
      `${n}. 案例${n}：某服务站以自己名义作出罚款决定。`,
      '（1）该决定的效力是（ ）。',
      'A. 有效 B. 无效',
      '答案：B',
      '（2）请依法说明理由并指出正确做法。',
      '参考答案：服务站不是行政机关，应由主管部门依法处理。',
      '评分要点（每点按给分标准）：',
      '1. 实施主体不具有行政主体资格的处罚无效（2分）【依据】《行政处罚法》第三十八条',
    ];
    const result = sut(lines('案例分析题', ...one(1), ...one(2), ...one(3)));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.questions).toHaveLength(3);
  });
});

describe('a rubric point written in another order', () => {
  it('reads points, citation and keywords wherever they stand', () => {
    expect(parseRubricText('告知权利 关键词：陈述、申辩（1.5分）【依据】《行政处罚法》第四十四条')).toEqual({
      ok: true,
      point: {
        point: '告知权利',
        points: 1.5,
        citation: { regulation: '行政处罚法', article: 44 },
        keywords: ['陈述', '申辩'],
      },
    });
  });
});
