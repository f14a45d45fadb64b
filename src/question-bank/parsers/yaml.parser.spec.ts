import fc from 'fast-check';
import type { BankMeta, QuestionDraft } from '../question.types';
import { bankArb, draftsArb } from '../../../test/factories/question-files';
import { exportBankYaml, parseYamlBank } from './yaml.parser';

const sut = parseYamlBank;

/** The example of question-banks/README.md, with real content in place of the ellipses. */
const README_BANK = `bank:
  code: common-veterans-protection      # unique, stable, [a-z0-9-]
  title: 退役军人保障法
  curriculum: common
  regulations: [veterans-protection-law]
  description: 《中华人民共和国退役军人保障法》共同科目题库
  note: 可选：历史说明
questions:
  - id: vpl-001
    type: single
    stem: 退役军人保障法自（ ）起施行。
    options: { A: 2020年11月11日, B: 2021年1月1日, C: 2021年8月1日, D: 2022年1月1日 }
    answer: B
    explanation: 《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。
    difficulty: 1
    cite: { regulation: veterans-protection-law, article: 85 }
    tags: [附则]
    status: approved
  - id: vpl-002
    type: multiple
    stem: 制定退役军人保障法是为了（ ）。
    options: { A: 加强退役军人保障工作, B: 维护退役军人合法权益, C: 减少退役军人数量, D: 让军人成为全社会尊崇的职业 }
    answer: [D, A, B]
    cite: { regulation: veterans-protection-law, article: 1, paragraph: 1 }
  - id: vpl-003
    type: true-false
    stem: 退役军人保障法自2021年1月1日起施行。
    answer: true
    status: draft
  - id: vpl-004
    type: fill-blank
    stem: 退役军人保障法自____起施行。     # each blank is a run of 3+ underscores
    answer: [[2021年1月1日, 2021-01-01]]
`;

const EXAMPLE_BANK: BankMeta = {
  code: 'common-veterans-protection',
  title: '退役军人保障法',
  curriculum: 'common',
  regulations: ['veterans-protection-law'],
  description: '《中华人民共和国退役军人保障法》共同科目题库',
  note: '可选：历史说明',
};

const EXAMPLE_QUESTIONS: QuestionDraft[] = [
  {
    key: 'vpl-001',
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
    citation: { regulation: 'veterans-protection-law', article: 85 },
    tags: ['附则'],
    status: 'approved',
  },
  {
    key: 'vpl-002',
    type: 'multiple',
    stem: '制定退役军人保障法是为了（ ）。',
    options: [
      { key: 'A', text: '加强退役军人保障工作' },
      { key: 'B', text: '维护退役军人合法权益' },
      { key: 'C', text: '减少退役军人数量' },
      { key: 'D', text: '让军人成为全社会尊崇的职业' },
    ],
    answer: ['A', 'B', 'D'],
    difficulty: 3,
    citation: { regulation: 'veterans-protection-law', article: 1, paragraph: 1 },
    tags: [],
    status: 'approved',
  },
  {
    key: 'vpl-003',
    type: 'true-false',
    stem: '退役军人保障法自2021年1月1日起施行。',
    options: [],
    answer: true,
    difficulty: 3,
    tags: [],
    status: 'draft',
  },
  {
    key: 'vpl-004',
    type: 'fill-blank',
    stem: '退役军人保障法自____起施行。',
    options: [],
    answer: [['2021年1月1日', '2021-01-01']],
    difficulty: 3,
    tags: [],
    status: 'approved',
  },
];

function bankWith(questions: string): string {
  return `bank:\n  code: b\n  title: 题库\n  curriculum: common\n  regulations: []\nquestions:\n${questions}`;
}

describe('parseYamlBank', () => {
  it('reads the README example: bank meta, defaults, sorted multiple answers, lines', () => {
    const result = sut(README_BANK);
    expect(result.errors).toEqual([]);
    expect(result.bank).toEqual(EXAMPLE_BANK);
    expect(result.questions.map((q) => q.question)).toEqual(EXAMPLE_QUESTIONS);
    expect(result.questions.map((q) => q.line)).toEqual([9, 19, 25, 30]);
    expect(result.format).toBe('yaml');
  });

  it('reads the same bank written as JSON', () => {
    const json = JSON.stringify({
      bank: EXAMPLE_BANK,
      questions: [{ id: 'j1', type: 'true-false', stem: '判断题干。', answer: false, difficulty: 2 }],
    });
    const result = sut(json, 'json');
    expect(result).toEqual({
      format: 'json',
      bank: EXAMPLE_BANK,
      questions: [
        {
          question: {
            key: 'j1',
            type: 'true-false',
            stem: '判断题干。',
            options: [],
            answer: false,
            difficulty: 2,
            tags: [],
            status: 'approved',
          },
          line: 1,
        },
      ],
      errors: [],
      warnings: [],
    });
  });

  it('gives the line of a YAML syntax error', () => {
    const text = bankWith('  - id: a\n    type: single\n    options: [A, B\n    answer: A\n');
    expect(sut(text).errors).toEqual([{ line: 10, message: 'YAML 语法错误：缩进不正确' }]);
  });

  it('gives the line of a JSON syntax error', () => {
    const text = '{\n  "bank": {"code": "x"},\n  "questions": [\n    {"id": "a",\n  ]\n}';
    const errors = sut(text, 'json').errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].line).toBe(5);
    expect(errors[0].message).toMatch(/^JSON 语法错误：/);
  });

  it('reports a duplicate mapping key with its line', () => {
    expect(
      sut(bankWith('  - id: a\n    type: true-false\n    stem: 甲\n    answer: true\n    stem: 乙\n')).errors,
    ).toEqual([{ line: 11, message: 'YAML 语法错误：同一层级中出现了重复的字段名' }]);
  });

  it('reports unknown fields with their line and field', () => {
    const text = bankWith(
      '  - id: a\n    type: true-false\n    stem: 甲\n    answr: true\n    answer: true\n    citation: x\n',
    );
    expect(sut(text).errors).toEqual([
      {
        line: 10,
        field: 'answr',
        message:
          '未知字段“answr”，题目只允许：id、type、stem、options、answer、explanation、difficulty、cite、tags、status、rubric、questions',
      },
      {
        line: 12,
        field: 'citation',
        message:
          '未知字段“citation”，题目只允许：id、type、stem、options、answer、explanation、difficulty、cite、tags、status、rubric、questions',
      },
    ]);
  });

  it('reports unknown bank and top-level fields', () => {
    const text = 'bank:\n  code: b\n  title: t\n  curriculum: common\n  owner: 张三\nquestion: []\n';
    expect(sut(text).errors).toEqual([
      { line: 1, field: 'questions', message: '缺少题目列表“questions”' },
      {
        line: 5,
        field: 'owner',
        message:
          '未知字段“owner”，题库信息 bank 只允许：code、title、curriculum、regulations、description、note',
      },
      { line: 6, field: 'question', message: '未知字段“question”，文件顶层只允许：bank、questions' },
    ]);
  });

  it('reports duplicate ids at the second one', () => {
    const q = (stem: string) =>
      `  - id: vpl-001\n    type: true-false\n    stem: ${stem}\n    answer: true\n`;
    const result = sut(bankWith(q('甲') + q('乙')));
    expect(result.errors).toEqual([{ line: 11, field: 'id', message: '编号“vpl-001”重复（第7行已使用）' }]);
    expect(result.questions).toHaveLength(1);
  });

  it('checks every question against the rules, pointing at the offending field', () => {
    const text = bankWith(
      [
        '  - id: a',
        '    type: single',
        '    stem: 题干',
        '    options: { A: 甲, B: 乙 }',
        '    answer: E',
        '  - id: b',
        '    type: fill-blank',
        '    stem: 自___起，共___条',
        '    answer: [[甲]]',
        '    difficulty: 6',
        '  - id: c',
        '    type: essay',
        '    stem: 论述',
        '    answer: x',
        '  - id: d',
        '    stem: 缺题型',
        '  - id: e',
        '    type: multiple',
        '    stem: 多选',
        '    options: { A: 甲, B: 乙, C: 丙 }',
        '    answer: [A, Z]',
        '    cite: { regulation: 退役军人保障法, article: 第零条 }',
        '    status: deleted',
        '',
      ].join('\n'),
    );
    expect(sut(text).errors).toEqual([
      { line: 11, field: 'answer', message: '答案“E”不在选项A–B中' },
      { line: 15, field: 'answer', message: '题干有2个空，但答案有1组' },
      { line: 16, field: 'difficulty', message: '难度应为1到5的整数，当前为“6”' },
      {
        line: 18,
        field: 'type',
        message: '题型“essay”无效，应为：single、multiple、true-false、fill-blank、short-answer、case',
      },
      { line: 21, field: 'type', message: '缺少字段“type”' },
      { line: 21, field: 'answer', message: '缺少字段“answer”' },
      { line: 27, field: 'answer', message: '答案“A,Z”中的“Z”不是有效选项，选项只能是A–H' },
      { line: 28, field: 'article', message: '条号应为正整数，当前为“第零条”' },
      { line: 29, field: 'status', message: '状态“deleted”无效，应为：draft、approved、retired' },
    ]);
  });

  it('accepts lenient spellings: a citation string, a tag string, Chinese type and true-false words, option lists', () => {
    const text = bankWith(
      [
        '  - id: a',
        '    type: 判断题',
        '    stem: 题干',
        '    answer: 错',
        '    cite: 《退役军人保障法》第二十二条第二款',
        '    tags: 总则、权益',
        '  - id: 7',
        '    type: single',
        '    stem: 单选',
        '    options: [2021, 甲]',
        '    answer: a',
        '',
      ].join('\n'),
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual([
      {
        key: 'a',
        type: 'true-false',
        stem: '题干',
        options: [],
        answer: false,
        difficulty: 3,
        citation: { regulation: '退役军人保障法', article: 22, paragraph: 2 },
        tags: ['总则', '权益'],
        status: 'approved',
      },
      {
        key: '7',
        type: 'single',
        stem: '单选',
        options: [
          { key: 'A', text: '2021' },
          { key: 'B', text: '甲' },
        ],
        answer: 'A',
        difficulty: 3,
        tags: [],
        status: 'approved',
      },
    ]);
  });

  it('refuses aliases (no billion laughs)', () => {
    const text = 'bank: &b\n  code: x\nquestions:\n  - *b\n';
    expect(sut(text).errors).toEqual([{ line: 4, message: 'YAML 中不支持别名引用（*），请直接写出内容' }]);
  });

  it('reports an empty document and a wrong top level', () => {
    expect(sut('# 只有注释\n').errors).toEqual([{ line: 1, message: '文件中没有内容' }]);
    expect(sut('- a\n- b\n').errors).toEqual([
      { line: 1, message: '文件顶层应包含“bank”（题库信息）和“questions”（题目列表）' },
    ]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.json()), (s) => {
        const result = sut(s);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated bank files', () => {
    fc.assert(
      fc.property(
        fc.nat(README_BANK.length),
        fc.nat(README_BANK.length),
        fc.string({ maxLength: 5 }),
        (a, b, insert) => {
          const [from, to] = a < b ? [a, b] : [b, a];
          const text = README_BANK.slice(0, from) + insert + README_BANK.slice(to);
          expect(Array.isArray(sut(text).questions)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('exportBankYaml', () => {
  it('round-trips the README example', () => {
    const text = exportBankYaml(EXAMPLE_BANK, EXAMPLE_QUESTIONS);
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.bank).toEqual(EXAMPLE_BANK);
    expect(result.questions.map((q) => q.question)).toEqual(EXAMPLE_QUESTIONS);
  });

  it('writes the README layout', () => {
    const text = exportBankYaml(EXAMPLE_BANK, [EXAMPLE_QUESTIONS[0]]);
    expect(text).toContain('  regulations: [ veterans-protection-law ]\n');
    expect(text).toContain(
      '    options: { A: 2020年11月11日, B: 2021年1月1日, C: 2021年8月1日, D: 2022年1月1日 }\n',
    );
    expect(text).toContain('    cite: { regulation: veterans-protection-law, article: 85 }\n');
  });

  it('invents ids for questions without a key', () => {
    const [, , tf] = EXAMPLE_QUESTIONS;
    const text = exportBankYaml(EXAMPLE_BANK, [
      { ...tf, key: undefined },
      { ...tf, key: 'q001', stem: '另一题' },
    ]);
    expect(sut(text).questions.map((q) => q.question.key)).toEqual(['q002', 'q001']);
  });

  it('round-trips generated banks: parse(export(x)) deep-equals x', () => {
    fc.assert(
      fc.property(bankArb, draftsArb(6), (bank, questions) => {
        const result = sut(exportBankYaml(bank, questions));
        expect(result.errors).toEqual([]);
        expect(result.bank).toStrictEqual(bank);
        expect(result.questions.map((q) => q.question)).toStrictEqual(questions);
      }),
      { numRuns: 200 },
    );
  });
});
