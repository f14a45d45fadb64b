import fc from 'fast-check';
import type { QuestionDraft } from '../question.types';
import { draftArb } from '../../../test/factories/question-files';
import {
  approvalBlocker,
  bracketsToBlanks,
  countBlanks,
  duplicateIssues,
  normalizeStem,
  validateDraft,
} from './validate';

const sut = validateDraft;

const single: QuestionDraft = {
  type: 'single',
  stem: '退役军人保障法自（ ）起施行。',
  options: [
    { key: 'A', text: '2020年11月11日' },
    { key: 'B', text: '2021年1月1日' },
    { key: 'C', text: '2021年8月1日' },
    { key: 'D', text: '2022年1月1日' },
  ],
  answer: 'B',
  difficulty: 1,
  tags: [],
  status: 'approved',
};

describe('validateDraft', () => {
  it('accepts a valid question of each type', () => {
    expect(sut(single)).toEqual([]);
    expect(sut({ ...single, type: 'multiple', answer: ['A', 'C'] })).toEqual([]);
    expect(sut({ ...single, type: 'true-false', options: [], answer: false })).toEqual([]);
    expect(
      sut({
        ...single,
        type: 'fill-blank',
        stem: '自___起施行，共___条。',
        options: [],
        answer: [['2021年1月1日'], ['八十五', '85']],
      }),
    ).toEqual([]);
  });

  it('accepts every generated valid draft', () => {
    fc.assert(fc.property(draftArb, (q) => expect(sut(q)).toEqual([])));
  });

  it('puts the line and the default Chinese field name on each issue', () => {
    expect(sut({ ...single, answer: 'E' }, { line: 20 })).toEqual([
      { line: 20, field: '答案', message: '答案“E”不在选项A–D中' },
    ]);
  });

  it('lets the caller locate each field (row + column for spreadsheets)', () => {
    const issues = sut(
      { ...single, options: [single.options[0], { key: 'C', text: '' }] },
      { row: 7, locate: (field, option) => ({ column: field === 'options' ? `opt-${option}` : 'X' }) },
    );
    expect(issues).toEqual([
      {
        row: 7,
        column: 'opt-C',
        field: '选项C',
        message: '选项应从A开始按字母顺序连续编号：第2个选项应为“B”，实为“C”',
      },
      { row: 7, column: 'opt-C', field: '选项C', message: '选项C的内容为空' },
      { row: 7, column: 'X', field: '答案', message: '答案“B”不在选项A–C中' },
    ]);
  });

  it.each<[string, Partial<QuestionDraft>, { field: string; message: string }[]]>([
    [
      'an unknown type',
      { type: 'essay' as never },
      [{ field: '题型', message: '题型“essay”无效，应为单选题、多选题、判断题、填空题、简答题或案例分析题' }],
    ],
    ['an empty stem', { stem: '  ' }, [{ field: '题干', message: '题干不能为空' }]],
    [
      'a stem over 2000 characters',
      { stem: '法'.repeat(2001) },
      [{ field: '题干', message: '题干过长（2001字），不能超过2000字' }],
    ],
    [
      'one option',
      { options: [{ key: 'A', text: '甲' }], answer: 'A' },
      [{ field: '选项', message: '选择题需要2至8个选项，当前有1个' }],
    ],
    [
      'two options with the same text',
      {
        options: [
          { key: 'A', text: '甲' },
          { key: 'B', text: ' 甲' },
        ],
        answer: 'A',
      },
      [{ field: '选项B', message: '选项B与选项A的内容相同' }],
    ],
    [
      'a single answer that is a list',
      { answer: ['A', 'B'] },
      [{ field: '答案', message: '单选题的答案应为一个选项字母，如“B”' }],
    ],
    [
      'a multiple answer with one key',
      { type: 'multiple', answer: ['A'] },
      [{ field: '答案', message: '多选题至少要有两个正确选项' }],
    ],
    [
      'a multiple answer with a repeated key',
      { type: 'multiple', answer: ['A', 'A'] },
      [
        { field: '答案', message: '答案中选项“A”重复' },
        { field: '答案', message: '多选题至少要有两个正确选项' },
      ],
    ],
    [
      'a multiple answer with a missing key',
      { type: 'multiple', answer: ['A', 'F'] },
      [{ field: '答案', message: '答案“F”不在选项A–D中' }],
    ],
    [
      'a true-false question with options',
      { type: 'true-false', answer: true },
      [{ field: '选项', message: '判断题不应有选项' }],
    ],
    [
      'a true-false answer that is not a boolean',
      { type: 'true-false', options: [], answer: 'A' },
      [{ field: '答案', message: '判断题的答案应为“对”或“错”，当前为“A”' }],
    ],
    [
      'a fill-blank stem without blanks',
      { type: 'fill-blank', options: [], answer: [['2021年1月1日']] },
      [{ field: '题干', message: '填空题的题干中没有空，请用三个或以上下划线“___”表示填空位置' }],
    ],
    [
      'fewer answer lists than blanks',
      { type: 'fill-blank', stem: '___和____', options: [], answer: [['甲']] },
      [{ field: '答案', message: '题干有2个空，但答案有1组' }],
    ],
    [
      'an empty accepted answer',
      { type: 'fill-blank', stem: '自___起', options: [], answer: [['甲', ' ']] },
      [{ field: '答案', message: '第1个空有空白的备选答案' }],
    ],
    [
      'a blank without answers',
      { type: 'fill-blank', stem: '自___起', options: [], answer: [[]] },
      [{ field: '答案', message: '第1个空没有答案' }],
    ],
    ['difficulty 0', { difficulty: 0 }, [{ field: '难度', message: '难度应为1到5的整数，当前为“0”' }]],
    ['difficulty 2.5', { difficulty: 2.5 }, [{ field: '难度', message: '难度应为1到5的整数，当前为“2.5”' }]],
    [
      'an unknown status',
      { status: 'deleted' as never },
      [{ field: '状态', message: '状态“deleted”无效，应为已审核、草稿或已停用' }],
    ],
    [
      'a citation with article 0',
      { citation: { regulation: '退役军人保障法', article: 0 } },
      [{ field: '法规', message: '条号应为正整数，当前为“0”' }],
    ],
    ['an empty tag', { tags: ['附则', ''] }, [{ field: '标签', message: '标签不能为空白' }]],
  ])('reports %s', (_, change, issues) => {
    expect(sut({ ...single, ...change }, { line: 3 })).toEqual(issues.map((i) => ({ line: 3, ...i })));
  });

  it('never throws, whatever the draft holds', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (type, answer, options) => {
        const draft = {
          ...single,
          type,
          answer,
          options: Array.isArray(options) ? options : [],
        } as unknown as QuestionDraft;
        expect(Array.isArray(sut(draft))).toBe(true);
      }),
    );
  });
});

describe('blanks', () => {
  it('counts runs of three or more underscores', () => {
    expect(countBlanks('a__b___c______d')).toBe(2);
  });

  it('turns empty brackets into blanks only when there are no ___ blanks', () => {
    expect(bracketsToBlanks('自（　）起施行，共(  )条，（）')).toBe('自___起施行，共___条，___');
    expect(bracketsToBlanks('自___起施行（ ）')).toBe('自___起施行（ ）');
    expect(bracketsToBlanks('依照（第二条）')).toBe('依照（第二条）');
  });
});

describe('normalizeStem', () => {
  it('ignores width, case, whitespace and punctuation', () => {
    expect(normalizeStem('退役军人保障法自（ ）起施行。ABC')).toBe(
      normalizeStem('退役军人保障法自() 起施行 abc'),
    );
    expect(normalizeStem('ＡＢＣ１２３，')).toBe('abc123');
  });

  it('ignores the order of the options', () => {
    const a = normalizeStem('题干', [{ text: '甲' }, { text: '乙' }]);
    expect(normalizeStem('题干', [{ text: '乙' }, { text: '甲' }])).toBe(a);
    expect(normalizeStem('题干', [{ text: '乙' }, { text: '丙' }])).not.toBe(a);
    expect(normalizeStem('题干')).not.toBe(a);
  });
});

describe('duplicateIssues', () => {
  it('names both positions and marks the later question', () => {
    const q = (stem: string, line: number) => ({ question: { ...single, stem }, line });
    const questions = [q('甲', 2), q('乙', 9), q('甲。', 15)];
    const { issues, duplicates } = duplicateIssues(questions, (p) => ({
      issue: { line: p.line },
      label: `第${p.line}行`,
    }));
    expect(issues).toEqual([{ line: 15, field: '题干', message: '与第2行的题目重复（题干和选项相同）' }]);
    expect([...duplicates]).toEqual([questions[2]]);
  });
});

describe('written questions (every format gets the same checks)', () => {
  const short: QuestionDraft = {
    type: 'short-answer',
    stem: '简述告知义务。',
    options: [],
    answer: { reference: '应当告知。', rubric: [{ point: '告知事实', points: 2, keywords: [] }] },
    difficulty: 3,
    tags: [],
    status: 'approved',
  };
  const withRubric = (rubric: unknown[]) =>
    ({ ...short, answer: { reference: '应当告知。', rubric } }) as QuestionDraft;

  it('accepts a short-answer question with its rubric', () => {
    expect(sut(short)).toEqual([]);
    expect(approvalBlocker(short)).toBeUndefined();
  });

  it('refuses a rubric point of 0.3 points or without text', () => {
    expect(sut(withRubric([{ point: '甲', points: 0.3, keywords: [] }])).map((i) => i.message)).toEqual([
      '第1条评分要点的分值应为大于0的整数或半分（如 1.5），当前为“0.3”',
    ]);
    expect(sut(withRubric([{ point: ' ', points: 1, keywords: [] }])).map((i) => i.message)).toEqual([
      '第1条评分要点的内容为空',
    ]);
  });

  it('lets an empty rubric through only on a draft, which cannot then be approved', () => {
    expect(sut(withRubric([]))).toEqual([
      expect.objectContaining({ field: '答案', message: expect.stringContaining('只能作为草稿导入') }),
    ]);
    const draft = { ...withRubric([]), status: 'draft' as const };
    expect(sut(draft)).toEqual([]);
    expect(approvalBlocker(draft)).toContain('还没有评分要点或参考答案，不能审核通过');
  });

  it('checks a case: two or more sub-questions, one written, each objective one valid', () => {
    const objective = {
      type: 'single',
      stem: '甲（ ）。',
      options: [
        { key: 'A', text: '子' },
        { key: 'B', text: '丑' },
      ],
      answer: 'C',
      points: 2,
    };
    const written = {
      type: 'short-answer',
      stem: '说明理由。',
      options: [],
      answer: short.answer,
      points: 2,
    };
    const kase = (questions: unknown[]) =>
      ({ ...short, type: 'case', answer: { questions } }) as unknown as QuestionDraft;
    expect(sut(kase([written])).map((i) => i.message)).toEqual(['案例分析题须有两道或以上小题']);
    expect(sut(kase([objective, written])).map((i) => i.message)).toEqual(['第1小题：答案“C”不在选项A–B中']);
    expect(
      sut(
        kase([
          { ...objective, answer: 'A' },
          { ...objective, answer: 'B' },
        ]),
      ).map((i) => i.message),
    ).toEqual(['案例分析题至少要有一道简答小题（否则请写成独立的客观题）']);
    expect(sut(kase([{ ...objective, answer: 'A', points: 1.2 }, written])).map((i) => i.message)).toEqual([
      '第1小题：分值应为大于0的整数或半分，当前为“1.2”',
    ]);
  });
});
