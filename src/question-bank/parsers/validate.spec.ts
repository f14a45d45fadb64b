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
  writtenKeyIssues,
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

describe('writtenKeyIssues (the rules of a written key, for imports and the question editor alike)', () => {
  const point = (extra: Record<string, unknown> = {}) => ({
    point: '作出处罚决定前告知拟处罚的事实、理由和依据',
    points: 2,
    citation: { regulation: 'administrative-penalty-law', article: 44 },
    keywords: ['告知'],
    ...extra,
  });
  const shortKey = (rubric: unknown[]) => ({ reference: '参考答案', rubric });

  it('accepts a reference answer with whole and half points, citations with or without a paragraph', () => {
    const sut = writtenKeyIssues('short-answer', {
      reference: '参考答案',
      rubric: [
        point(),
        point({ points: 1.5, citation: { regulation: '行政处罚法', article: 45, paragraph: 1 } }),
      ],
    });
    expect(sut).toEqual([]);
  });

  it('names the rubric point and the field in Chinese', () => {
    expect(writtenKeyIssues('short-answer', shortKey([point(), point({ points: 1.3 })]))).toEqual([
      { at: '评分要点第2条', message: '分值必须是0.5的倍数' },
    ]);
    expect(
      writtenKeyIssues(
        'short-answer',
        shortKey([
          point({ point: ' ', points: 0, keywords: ['', '告知'] }),
          point({ citation: { regulation: '行政处罚法', paragraph: 2 } }),
        ]),
      ),
    ).toEqual([
      { at: '评分要点第1条', message: '要点内容不能为空' },
      { at: '评分要点第1条', message: '分值必须是大于0的数' },
      { at: '评分要点第1条', message: '关键词不能为空白' },
      { at: '评分要点第2条', message: '依据写了款号，但缺少条号' },
    ]);
    expect(writtenKeyIssues('short-answer', { reference: '', rubric: [] })).toEqual([
      { at: '', message: '简答题须有参考答案' },
      { at: '', message: '简答题须有评分要点' },
    ]);
  });

  it('checks a case: sub-questions, their rubric, objective keys and points, one written at least', () => {
    const written = {
      type: 'short-answer',
      stem: '应如何处理？',
      options: [],
      answer: shortKey([point()]),
      points: 2,
    };
    const single = {
      type: 'single',
      stem: '哪一项正确？',
      options: [
        { key: 'A', text: '甲' },
        { key: 'B', text: '乙' },
      ],
      answer: 'B',
      points: 2,
    };
    expect(writtenKeyIssues('case', { questions: [single, written] })).toEqual([]);
    expect(
      writtenKeyIssues('case', {
        questions: [
          { ...single, answer: 'C', points: 2.2 },
          { ...written, answer: shortKey([point({ points: 'x' })]) },
        ],
      }),
    ).toEqual([
      { at: '第1小题', message: '分值必须是0.5的倍数' },
      { at: '第1小题', message: '答案“C”不在选项A–B中' },
      { at: '第2小题·评分要点第1条', message: '分值必须是大于0的数' },
    ]);
    expect(writtenKeyIssues('case', { questions: [single, { ...written, points: 5 }] })).toEqual([
      { at: '第2小题', message: '分值应为评分要点之和（2分）' },
    ]);
    expect(writtenKeyIssues('case', { questions: [single, single] })).toEqual([
      { at: '', message: '案例分析题至少要有一道简答小题（否则请写成独立的客观题）' },
    ]);
    expect(writtenKeyIssues('case', { questions: [written] })).toEqual([
      { at: '', message: '案例分析题须有两道或以上小题' },
    ]);
  });

  it('puts the place into the message and the field of a question draft', () => {
    const issues = validateDraft({
      type: 'short-answer',
      stem: '简述告知程序。',
      options: [],
      answer: shortKey([point(), point({ points: 0.7 })]) as never,
      difficulty: 3,
      tags: [],
      status: 'approved',
    });
    expect(issues).toEqual([{ field: '评分要点第2条', message: '评分要点第2条：分值必须是0.5的倍数' }]);
  });
});

describe('a written question without its rubric (a GIFT essay)', () => {
  const essay: QuestionDraft = {
    type: 'short-answer',
    stem: '简述告知义务。',
    options: [],
    answer: { reference: '', rubric: [] },
    difficulty: 3,
    tags: [],
    status: 'draft',
  };

  it('is accepted only as a draft', () => {
    expect(sut(essay)).toEqual([]);
    expect(sut({ ...essay, status: 'approved' }).map((i) => i.message)).toEqual([
      '简答题须有参考答案',
      '简答题须有评分要点',
    ]);
  });

  it('cannot be approved until its reference answer and rubric are written', () => {
    expect(approvalBlocker(essay)).toContain('还没有评分要点或参考答案，不能审核通过');
    const done = {
      ...essay,
      answer: { reference: '应当告知。', rubric: [{ point: '告知事实', points: 2, keywords: [] }] },
    };
    expect(approvalBlocker(done)).toBeUndefined();
    const kase = {
      type: 'case' as const,
      answer: {
        questions: [
          { type: 'single', answer: 'A' },
          { type: 'short-answer', answer: essay.answer },
        ],
      },
    } as unknown as QuestionDraft;
    expect(approvalBlocker(kase)).toContain('第2小题还没有评分要点或参考答案');
  });
});
