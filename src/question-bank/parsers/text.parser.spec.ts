import fc from 'fast-check';
import type { QuestionDraft } from '../question.types';
import { buildDocx, buildWordDocx, buildZip } from '../../../test/factories/question-files';
import { parseDocx, parseNumberedText } from './text.parser';

const sut = parseNumberedText;

function lines(...text: string[]): string {
  return text.join('\n');
}

const MISSING = '（请在题后加一行“答案：B”，或在文末加答案表如“参考答案：1-5 ABCDA”）';

const OPTIONS_85 = [
  { key: 'A', text: '2020年11月11日' },
  { key: 'B', text: '2021年1月1日' },
  { key: 'C', text: '2021年8月1日' },
  { key: 'D', text: '2022年1月1日' },
];

describe('parseNumberedText', () => {
  it('reads the numbered Word style with sections and its common variants', () => {
    const text = lines(
      '2023年度学法用法考试题库', // 1
      '', // 2
      '一、单选题（每题1分）', // 3
      '1. 退役军人保障法自（ ）起施行。', // 4
      'A. 2020年11月11日', // 5
      'B. 2021年1月1日', // 6
      'C. 2021年8月1日  D. 2022年1月1日', // 7
      '答案：B', // 8
      '解析：《退役军人保障法》第八十五条规定，', // 9
      '本法自2021年1月1日起施行。', // 10
      '法规：《退役军人保障法》第八十五条', // 11
      '难度：1', // 12
      '', // 13
      '2、退役军人保障法的立法目的', // 14
      '包括（ ）。', // 15
      'A、加强退役军人保障工作 B、维护退役军人合法权益', // 16
      '', // 17
      'C、让军人成为全社会尊崇的职业 D、限制退役军人就业', // 18
      '正确答案：A', // 19
      '二、多选题', // 20
      '（1）下列属于退役军人保障法章名的有（ ）。', // 21
      'A．移交接收 B．退役安置 C．教育培训 D．就业创业', // 22
      '【答案】ABCD【解析】见第二章至第五章。', // 23
      '依据：退役军人保障法 第一条', // 24
      '三、判断题', // 25
      '1．退役军人保障法自2021年1月1日起施行。', // 26
      '【答案】√', // 27
      '四、填空题', // 28
      '1. 退役军人保障法自（　）起施行，共（ ）条。', // 29
      '答案:2021年1月1日|2021-01-01；八十五|85', // 30
      '出处：《退役军人保障法》第八十五条', // 31
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { line: 1, message: '已忽略题目之外的内容：“2023年度学法用法考试题库”' },
    ]);
    expect(result.format).toBe('txt');
    expect(result.questions).toEqual([
      {
        line: 4,
        question: {
          type: 'single',
          stem: '退役军人保障法自（ ）起施行。',
          options: OPTIONS_85,
          answer: 'B',
          // A hard line break inside a sentence is joined: the explanation stays one sentence.
          explanation: '《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。',
          difficulty: 1,
          citation: { regulation: '退役军人保障法', article: 85 },
          tags: [],
          status: 'approved',
        },
      },
      {
        line: 14,
        question: {
          type: 'single',
          stem: '退役军人保障法的立法目的包括（ ）。',
          options: [
            { key: 'A', text: '加强退役军人保障工作' },
            { key: 'B', text: '维护退役军人合法权益' },
            { key: 'C', text: '让军人成为全社会尊崇的职业' },
            { key: 'D', text: '限制退役军人就业' },
          ],
          answer: 'A',
          difficulty: 3,
          tags: [],
          status: 'approved',
        },
      },
      {
        line: 21,
        question: {
          type: 'multiple',
          stem: '下列属于退役军人保障法章名的有（ ）。',
          options: [
            { key: 'A', text: '移交接收' },
            { key: 'B', text: '退役安置' },
            { key: 'C', text: '教育培训' },
            { key: 'D', text: '就业创业' },
          ],
          answer: ['A', 'B', 'C', 'D'],
          explanation: '见第二章至第五章。',
          difficulty: 3,
          citation: { regulation: '退役军人保障法', article: 1 },
          tags: [],
          status: 'approved',
        },
      },
      {
        line: 26,
        question: {
          type: 'true-false',
          stem: '退役军人保障法自2021年1月1日起施行。',
          options: [],
          answer: true,
          difficulty: 3,
          tags: [],
          status: 'approved',
        },
      },
      {
        line: 29,
        question: {
          type: 'fill-blank',
          stem: '退役军人保障法自___起施行，共___条。',
          options: [],
          answer: [
            ['2021年1月1日', '2021-01-01'],
            ['八十五', '85'],
          ],
          difficulty: 3,
          citation: { regulation: '退役军人保障法', article: 85 },
          tags: [],
          status: 'approved',
        },
      },
    ]);
  });

  it('infers the type without sections', () => {
    const text = lines(
      '1. 单选推断（ ）。',
      '(A) 甲',
      '(B) 乙',
      '答案：A',
      '',
      '2) 多选推断（ ）。',
      'A．2020年11月11日B．2021年1月1日C．丙',
      '答案：A,C',
      '第3题 判断推断。',
      '答案：错',
      '4. 填空推断___。',
      '答案：十八',
      '标签：总则、权益',
      '状态：草稿',
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.question.type, q.question.answer])).toEqual([
      [1, 'single', 'A'],
      [6, 'multiple', ['A', 'C']],
      [9, 'true-false', false],
      [11, 'fill-blank', [['十八']]],
    ]);
    expect(result.questions[1].question.options.map((o) => o.text)).toEqual([
      '2020年11月11日',
      '2021年1月1日',
      '丙',
    ]);
    expect(result.questions[3].question).toMatchObject({ tags: ['总则', '权益'], status: 'draft' });
  });

  it('turns 对/错 options under 判断题 into a true-false answer', () => {
    const result = sut(lines('判断题', '1. 题干。', 'A. 正确', 'B. 错误', '答案：B'));
    expect(result.questions.map((q) => q.question)).toEqual<QuestionDraft[]>([
      {
        type: 'true-false',
        stem: '题干。',
        options: [],
        answer: false,
        difficulty: 3,
        tags: [],
        status: 'approved',
      },
    ]);
  });

  it('reports each problem with the line where the question starts or the offending line, and the field', () => {
    const text = lines(
      '一、单选题', // 1
      '1. 第一题缺答案（ ）。', // 2
      'A. 甲', // 3
      'B. 乙', // 4
      '2. 第二题答案越界（ ）。', // 5
      'A. 甲', // 6
      'B. 乙', // 7
      'C. 丙', // 8
      'D. 丁', // 9
      '答案：E', // 10
      '3. 单选多答案（ ）。', // 11
      'A. 甲 B. 乙', // 12
      '答案：AB', // 13
      '4. 法规写错（ ）。', // 14
      'A. 甲 B. 乙', // 15
      '答案：A', // 16
      '法规：《退役军人保障法》', // 17
      '难度：9', // 18
      '答案：B', // 19
      '5.', // 20
      '答案：A', // 21
      '二、判断题', // 22
      '1. 判断答案不对。', // 23
      '答案：也许', // 24
      '三、简答题', // 25
      '1. 简述退役军人保障法的意义。', // 26
      '答案：略', // 27
      '四、填空题', // 28
      '1. 空数不对___和___。', // 29
      '答案：甲', // 30
      '2. 选项重复（ ）。', // 31
      'A. 甲 A. 乙', // 32
      'A. 丙', // 33
      '答案：A', // 34
    );
    const result = sut(text);
    // A written question without its rubric is neither skipped nor given a guessed rubric: it comes in as a
    // draft, with a warning at its line, and cannot be approved until a rubric is written (issue #18).
    expect(result.skipped).toBeUndefined();
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        line: 26,
        field: '评分要点',
        message: expect.stringContaining('已作为草稿导入'),
      }),
    );
    expect(result.questions.find((q) => q.line === 26)?.question).toMatchObject({
      type: 'short-answer',
      status: 'draft',
      answer: { reference: '略', rubric: [] },
    });
    expect(result.errors).toEqual([
      { line: 2, field: '答案', message: `第1题缺少“答案”${MISSING}` },
      { line: 10, field: '答案', message: '答案“E”不在选项A–D中' },
      { line: 13, field: '答案', message: '单选题只能有一个答案，当前为“AB”' },
      { line: 18, field: '难度', message: '难度应为1到5的整数，当前为“9”' },
      { line: 19, field: '答案', message: '第4题有重复的“答案”' },
      { line: 20, field: '题干', message: '第5题缺少“题干”' },
      {
        line: 20,
        field: '选项',
        message: '第5题是单选题，但没有找到选项：选项应写成“A. …”“B. …”（可以写在一行）',
      },
      { line: 24, field: '答案', message: '判断题的答案应为“对”或“错”，当前为“也许”' },
      { line: 30, field: '答案', message: '题干有2个空，但答案有1组' },
      { line: 32, field: '选项', message: '填空题不应有选项' },
      { line: 33, field: '选项A', message: '第2题的选项A重复' },
    ]);
  });

  it('reports fields and options outside a question and unlabelled lines after the answer', () => {
    const text = lines(
      '答案：A', // 1
      'A. 孤立选项', // 2
      '1. 题干（ ）。', // 3
      'A. 甲', // 4
      'B. 乙', // 5
      '答案：A', // 6
      '这一行没有标签', // 7
      '2. 第二题（ ）。', // 8
      'A. 丙 B. 丁', // 9
      '答案：B', // 10
      '上一篇：行政处罚法练习题（一）', // 11: a web page's footer after the last question
    );
    const result = sut(text);
    expect(result.errors).toEqual([
      { line: 1, field: '答案', message: '“答案”前面没有题目（题目应以“1.”这样的题号开头）' },
      { line: 2, field: '选项', message: '选项前面没有题目（题目应以“1.”这样的题号开头）' },
      {
        line: 7,
        message:
          '无法识别这一行：它在第1题的“答案”之后，但不是解析、法规等字段；解析请以“解析：”开头，新的一题请以题号（如“2.”）开头',
      },
    ]);
    expect(result.questions.map((q) => q.line)).toEqual([8]);
    expect(result.warnings).toEqual([
      { line: 11, message: '已忽略最后一题之后的内容：“上一篇：行政处罚法练习题（一）”' },
    ]);
  });

  it('keeps numbered lists inside stems and explanations', () => {
    const text = lines(
      '1. 下列说法：', // 1
      '1. 甲说法；', // 2
      '2. 乙说法。', // 3
      '正确的是（ ）。', // 4
      'A. 1 B. 2 C. 1和2', // 5
      '答案：C', // 6
      '解析：理由如下：', // 7
      '1. 第一点；', // 8
      '2. 第二点；', // 9
      '3. 第三点。', // 10
      '2. 第二题（ ）。', // 11
      'A. 丙 B. 丁', // 12
      '答案：B', // 13
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.question.stem, q.question.explanation])).toEqual([
      [
        1,
        '下列说法：\n1. 甲说法；\n2. 乙说法。\n正确的是（ ）。',
        '理由如下：\n1. 第一点；\n2. 第二点；\n3. 第三点。',
      ],
      [11, '第二题（ ）。', undefined],
    ]);
  });

  it('reads a 依据： run into an explanation’s words as its text, and a 法规： after a full stop as the field', () => {
    const result = sut(
      lines(
        '1. 信访处理意见书应当载明（ ）。',
        'A. 处理意见  B. 个人爱好',
        '答案：A',
        '解析：应当载明处理意见及其法律依据：“请求事实清楚的，予以支持”。法规：《信访工作条例》第三十二条',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions[0].question).toMatchObject({
      explanation: '应当载明处理意见及其法律依据：“请求事实清楚的，予以支持”。',
      citation: { regulation: '信访工作条例', article: 32 },
    });
  });

  it('warns about a gap in the numbering but still starts the question when options follow', () => {
    const text = lines(
      '1. 第一题（ ）。',
      'A. 甲 B. 乙',
      '答案：A',
      '解析：见法条。',
      '3. 第三题（ ）。',
      'A. 丙 B. 丁',
      '答案：B',
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ line: 5, message: '题号不连续：上一题是第1题，这一题是第3题' }]);
    expect(result.questions.map((q) => q.line)).toEqual([1, 5]);
  });

  it('ignores topic headings that precede a question', () => {
    const text = lines('一、单选题', '（一）退役军人保障法', '1. 题干（ ）。', 'A. 甲 B. 乙', '答案：B');
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ line: 2, message: '已忽略标题“（一）退役军人保障法”' }]);
    expect(result.questions[0].question.type).toBe('single');
  });

  it('removes watermark and page-header noise first, keeping the original line numbers', () => {
    const text = lines(
      '1. 退役军人保障法自（ ）起施行。笔杆儿网www.bgzjy.cn', // 1
      'A. 2020年11月11日 B. 2021年1月1日笔杆儿网www.bgzjy.cn', // 2
      '第 1 页 共 3 页', // 3
      '答案：B笔杆儿网www.bgzjy.cn', // 4
      '2. 判断题干。', // 5
      '第 2 页 共 3 页', // 6
      '答案：对', // 7
      '第 3 页 共 3 页', // 8
    );
    const result = sut(text);
    expect(result.questions.map((q) => [q.line, q.question.stem])).toEqual([
      [1, '退役军人保障法自（ ）起施行。'],
      [5, '判断题干。'],
    ]);
    expect(result.questions[0].question.options[1].text).toBe('2021年1月1日');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { line: 1, message: '已删除重复出现的水印“笔杆儿网www.bgzjy.cn”（共3处，第1、2、4行）' },
      {
        line: 3,
        message: '已删除重复出现的页眉页脚“第 1 页 共 3 页”（第 N 页 共 M 页）（共3处，第3、6、8行）',
      },
    ]);
  });

  it('reads options written “A 文本 B 文本” (letter, space) as options, not as a fill-blank stem', () => {
    const result = sut(
      lines('1. 行政机关在调查或者进行检查时，执法人员不得少于（ ）人。', 'A 一 B 两 C 三 D 四', '答案：B'),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual([
      {
        type: 'single',
        stem: '行政机关在调查或者进行检查时，执法人员不得少于（ ）人。',
        options: [
          { key: 'A', text: '一' },
          { key: 'B', text: '两' },
          { key: 'C', text: '三' },
          { key: 'D', text: '四' },
        ],
        answer: 'B',
        difficulty: 3,
        tags: [],
        status: 'approved',
      },
    ]);
  });

  it('never takes a bare option letter for a fill-blank answer', () => {
    const result = sut(lines('1. 行政处罚的种类不包括（ ）。', '答案：B'));
    expect(result.questions).toEqual([]);
    expect(result.errors).toEqual([
      {
        line: 2,
        field: '答案',
        message: expect.stringMatching(/^答案“B”是选项字母，但第1题没有找到选项/),
      },
    ]);
  });

  describe('the layouts trainers paste (issue #16)', () => {
    const OPT = 'A. 甲 B. 乙 C. 丙 D. 丁';
    const keys = (text: string) =>
      sut(text).questions.map((q) => [q.question.type, q.question.answer, q.question.explanation ?? null]);

    it.each([
      [
        '答案:B。解析:… on one line',
        lines('1. 题干（ ）', OPT, '答案:B。解析:见第二条。'),
        'B',
        '见第二条。',
      ],
      ['【答案】', lines('1. 题干（ ）', OPT, '【答案】B'), 'B', null],
      ['【答案】:答案:C', lines('1. 题干（ ）', OPT, '【答案】:答案:C'), 'C', null],
      ['正确答案：', lines('1. 题干（ ）', OPT, '正确答案：D'), 'D', null],
      [
        '参考答案 with 参考解析:',
        lines('1. 题干（ ）', OPT, '参考答案 A', '参考解析:见法条。'),
        'A',
        '见法条。',
      ],
      ['分析:', lines('1. 题干（ ）', OPT, '答案：B', '分析:见法条。'), 'B', '见法条。'],
      [
        '本题解释: repeating the key',
        lines('1. 题干（ ）', OPT, '参考答案: B', '本题解释:', '参考答案:B 【解析】见法条。'),
        'B',
        '见法条。',
      ],
      ['【详细解析】', lines('1. 题干（ ）', OPT, '【参考答案】C【详细解析】见法条。'), 'C', '见法条。'],
      [
        'the answer only inside 【解析】A、D。',
        lines('1. 题干（ ）', OPT, '【解析】A、D。见法条。'),
        ['A', 'D'],
        'A、D。见法条。',
      ],
      ['（ B ） in the stem', lines('1. 题干（ B ）。', OPT), 'B', null],
      ['(B) in the stem', lines('1. 题干(B)。', OPT), 'B', null],
      ['a trailing lower-case letter', lines('1. 题干（ ）。   c', OPT), 'C', null],
    ])('reads the answer written %s', (_, text, answer, explanation) => {
      const [q] = keys(text);
      expect(q).toEqual([Array.isArray(answer) ? 'multiple' : 'single', answer, explanation]);
    });

    it('never takes a letter for the answer where it may mean something else', () => {
      // A stem line that starts with `A 级` is stem when no B follows it.
      const [grade] = sut(lines('1. 下列属于', 'A 级风险的是（ ）', 'A. 甲 B. 乙', '答案：A')).questions;
      expect(grade.question).toMatchObject({ stem: '下列属于A 级风险的是（ ）', answer: 'A' });
      expect(grade.question.options.map((o) => o.text)).toEqual(['甲', '乙']);
      const missing = (text: string) => sut(text).errors.map((e) => e.message.replace(/（请在题后.*$/, ''));
      // （A） beside an empty answer slot is part of the stem.
      expect(missing(lines('1. 甲公司属于（A）类企业，应当（ ）。', 'A. 甲 B. 乙'))).toEqual([
        '第1题缺少“答案”',
      ]);
      // `A项错误` in the explanation says A is wrong.
      expect(missing(lines('1. 题干（ ）。', 'A. 甲 B. 乙', '解析：A项错误，B项正确。'))).toEqual([
        '第1题缺少“答案”',
      ]);
      // A word at the end of a stem, one space away, is a word.
      expect(missing(lines('1. The protocol is ( ), e.g. bad', 'A. x B. y'))).toEqual(['第1题缺少“答案”']);
    });

    it.each([
      ['(√) after the stem', lines('判断题', '1. 题干。(√)'), true],
      ['（×） after the stem', lines('判断题', '1. 题干。（×）'), false],
      ['对', lines('1. 题干。', '答案：对'), true],
      ['错误', lines('1. 题干。', '答案：错误'), false],
      ['A、正确 B、错误', lines('判断题', '1. 题干。', 'A、正确 B、错误', '答案：B'), false],
    ])('reads a true-false answer written %s', (_, text, answer) => {
      expect(keys(text)).toEqual([['true-false', answer, null]]);
    });

    it('reads an answer key at the end, per section, with numbers starting again in each section', () => {
      const text = lines(
        '一、单项选择题',
        '1. 第一题（ ）。',
        OPT,
        '2. 第二题（ ）。',
        OPT,
        '二、判断题',
        '1. 第三题。',
        '2. 第四题。',
        '参考答案',
        '一、单项选择题 1-2 CA',
        '二、判断题 1.√ 2.×',
      );
      expect(keys(text)).toEqual([
        ['single', 'C', null],
        ['single', 'A', null],
        ['true-false', true, null],
        ['true-false', false, null],
      ]);
      expect(keys(lines('1. 第一题（ ）。', OPT, '2. 第二题（ ）。', OPT, '参考答案：1.B 2.D'))).toEqual([
        ['single', 'B', null],
        ['single', 'D', null],
      ]);
    });

    it('refuses a key that contradicts the answer after the question, and one that names a missing question', () => {
      const result = sut(
        lines('1. 第一题（ ）。', OPT, '答案：A', '2. 第二题（ ）。', OPT, '答案：B', '参考答案：1-3 BBC'),
      );
      expect(result.questions.map((q) => q.line)).toEqual([4]);
      expect(result.errors).toEqual([
        { line: 7, field: '答案', message: '第1题（第1行）题后写的答案“A”与答案表中的“B”不一致，请改成一致' },
        { line: 7, field: '答案', message: '答案表中的第3题在前面没有找到对应的题目，请检查题号' },
      ]);
    });

    it.each([
      ['1.', '1. 题干（ ）'],
      ['1、', '1、题干（ ）'],
      ['1．', '1．题干（ ）'],
      ['(1)', '(1) 题干（ ）'],
      ['第1题', '第1题 题干（ ）'],
      ['【题干1】', '【题干1】题干（ ）'],
      ['1、单选题 (a type word after the number)', '1、单选题 题干（ ）'],
      ['1.(单选)', '1.(单选)题干（ ）'],
    ])('reads the question number %s', (_, first) => {
      expect(
        sut(lines(first, OPT, '答案：B')).questions.map((q) => [q.question.stem, q.question.answer]),
      ).toEqual([['题干（ ）', 'B']]);
    });

    it('reads 1.2021年… as a question when 1 is the number expected next, and 2.5 in a stem as text', () => {
      const text = lines(
        '1. 第一题（ ）。',
        OPT,
        '答案：A',
        '2.2021年1月1日起施行的法律是（ ）。',
        OPT,
        '答案：B',
      );
      expect(sut(text).questions.map((q) => q.question.stem)).toEqual([
        '第一题（ ）。',
        '2021年1月1日起施行的法律是（ ）。',
      ]);
    });

    it.each([
      ['一、单项选择题'],
      ['单选题（每题1分）'],
      ['第一部分 单选题(50题)'],
      ['【单选题】'],
      ['一、单项选择题(在每小题的四个备选答案中，选出一个正确答案)'],
    ])('reads the section heading %s', (heading) => {
      expect(keys(lines(heading, '1. 题干（ ）', OPT, '答案：B'))).toEqual([['single', 'B', null]]);
      // A single-choice section refuses two letters.
      expect(sut(lines(heading, '1. 题干（ ）', OPT, '答案：BC')).errors[0].message).toBe(
        '单选题只能有一个答案，当前为“BC”',
      );
    });

    it('reads a first question glued to a heading and its instructions', () => {
      expect(
        keys(
          '一、单项选择题:(本题包括 2 小题，每题 0.5 分，共 1 分)1、题干一（ ）A 甲 B 乙 答案:A 2、题干二（ ）A 丙 B 丁 答案:B',
        ),
      ).toEqual([
        ['single', 'A', null],
        ['single', 'B', null],
      ]);
      expect(keys(lines('单选题：1. 题干（ ）', OPT, '答案：C'))).toEqual([['single', 'C', null]]);
    });

    it.each([
      ['A.', 'A.甲', 'B.乙'],
      ['A、', 'A、甲', 'B、乙'],
      ['A．', 'A．甲', 'B．乙'],
      ['A:', 'A:甲', 'B:乙'],
      ['(A)', '(A)甲', '(B)乙'],
      ['A 文本', 'A 甲', 'B 乙'],
      ['A . 文本', 'A . 甲', 'B . 乙'],
    ])('reads options written %s, one per line and several on one line', (_, a, b) => {
      const oneEach = sut(lines('1. 题干（ ）', a, b, '答案：B')).questions[0].question.options;
      const together = sut(lines('1. 题干（ ）', `${a} ${b}`, '答案：B')).questions[0].question.options;
      const expected = [
        { key: 'A', text: '甲' },
        { key: 'B', text: '乙' },
      ];
      expect({ oneEach, together }).toEqual({ oneEach: expected, together: expected });
    });

    it('keeps the style the first option set: after A. a “B 族” is text', () => {
      const [q] = sut(lines('1. 下列属于矿物质的是（ ）', 'A.维生素 B 族 B.钙', '答案：B')).questions;
      expect(q.question.options).toEqual([
        { key: 'A', text: '维生素 B 族' },
        { key: 'B', text: '钙' },
      ]);
    });

    it('reads glued options (A.1949B.1950) and options on the stem line', () => {
      const [glued] = sut(
        lines('1. 第一部宪法是（ ）年制定的。', 'A.1949B.1950C.1952D.1954', '答案：D'),
      ).questions;
      expect(glued.question.options.map((o) => o.text)).toEqual(['1949', '1950', '1952', '1954']);
      const [inline] = sut('1.下列属于行政处罚的是( ) A 罚金 B 罚款 C 记过 D 申诉 答案：B').questions;
      expect(inline.question).toMatchObject({ stem: '下列属于行政处罚的是( )', answer: 'B' });
      expect(inline.question.options.map((o) => o.text)).toEqual(['罚金', '罚款', '记过', '申诉']);
    });

    it('reads several questions run together on one line', () => {
      const text =
        '一、单选题1.甲是()。A.一B.二答案:A解析:见法条。2.乙是()。A.三B.四答案:B二、判断题1.丙是对的。()答案:正确';
      expect(keys(text)).toEqual([
        ['single', 'A', '见法条。'],
        ['single', 'B', null],
        ['true-false', true, null],
      ]);
    });

    it('splits run-together questions after an answer glued to the next number, or after (√) in the stem', () => {
      expect(keys('1.题干一()A.甲B.乙答案:A2.题干二()A.丙B.丁答案:B')).toEqual([
        ['single', 'A', null],
        ['single', 'B', null],
      ]);
      expect(keys(lines('判断题', '1. 甲是对的。(√) 2. 乙是错的。(×) 3. 丙是对的。（√）'))).toEqual([
        ['true-false', true, null],
        ['true-false', false, null],
        ['true-false', true, null],
      ]);
      // A list inside the stem is not the next question.
      const [list] = sut(
        '1. 下列说法（ ）：1.甲；2.乙。A. 1 B. 2 答案：B 2. 第二题（ ）A. x B. y 答案：A',
      ).questions;
      expect(list.question.stem).toBe('下列说法（ ）：1.甲；2.乙。');
    });

    it('reads every question of a whole test pasted as one line', () => {
      const text = Array.from({ length: 3000 }, (_, i) => `${i + 1}.题干${i}()A.甲${i}B.乙${i}答案:B`).join(
        '',
      );
      const result = sut(text);
      expect(result.errors).toEqual([]);
      expect(result.questions).toHaveLength(3000);
      expect(result.questions[2999].question).toMatchObject({ stem: '题干2999()', answer: 'B' });
    });

    it('joins hard line breaks inside a stem, and drops page numbers and a repeated header', () => {
      const text = lines(
        '退役军人保障法试题汇编', // 1
        '1. 退役军人保障法所称退役军人，是指从中国人民解放军依法退出现役的军官、', // 2
        '军士和义务兵等人员。（ ）', // 3
        '第 1 页', // 4
        '退役军人保障法试题汇编', // 5
        '答案：对', // 6
        '2. 退役军人保障法自2021年1月1日', // 7
        '起施行。（ ）', // 8
        '第 2 页', // 9
        '退役军人保障法试题汇编', // 10
        '答案：对', // 11
        '第 3 页', // 12
      );
      const result = sut(text);
      expect(result.errors).toEqual([]);
      expect(result.questions.map((q) => q.question.stem)).toEqual([
        '退役军人保障法所称退役军人，是指从中国人民解放军依法退出现役的军官、军士和义务兵等人员。',
        '退役军人保障法自2021年1月1日起施行。',
      ]);
      expect(result.warnings.map((w) => w.line)).toEqual([1, 4]);
    });

    it('quotes an ignored line in full, or ends it with …', () => {
      const long =
        '本试卷由某某单位政策法规科于二〇二六年十一月编写，供全区退役军人事务系统干部职工学习使用，请勿外传';
      const result = sut(lines('短的说明', long, '1. 题干。', '答案：对'));
      expect(result.warnings.map((w) => w.message)).toEqual([
        '已忽略题目之外的内容：“短的说明”',
        `已忽略题目之外的内容：“${[...long].slice(0, 40).join('')}…”`,
      ]);
    });
  });

  it('never throws on arbitrary text or on shuffled question fragments', () => {
    fc.assert(fc.property(fc.string(), (s) => void sut(s)));
    const fragment = fc.constantFrom(
      '一、单选题',
      '三、简答题',
      '1. 题干（ ）',
      '2、题干',
      '（3）题干',
      'A. 甲 B. 乙',
      'C．丙',
      '答案：B',
      '【答案】√【解析】x',
      '答案：甲；乙|丙',
      '解析：',
      '法规：《退役军人保障法》第二十二条',
      '难度：二',
      '',
      '继续',
      '笔杆儿网www.bgzjy.cn',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, fc.string({ maxLength: 8 })), { maxLength: 40 }), (parts) => {
        const result = sut(parts.join('\n'));
        for (const issue of result.errors) expect(issue.line).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDocx', () => {
  it('reads a .docx through mammoth; line numbers are paragraph numbers', async () => {
    const data = buildDocx([
      '一、判断题', // 1
      '', // 2
      '1. 退役军人保障法自2021年1月1日起施行。', // 3
      '答案：正确', // 4
      '2. 第二题。', // 5
      '答案：不知道', // 6
    ]);
    const result = await parseDocx(data);
    expect(result.format).toBe('docx');
    expect(result.questions.map((q) => [q.line, q.question.answer])).toEqual([[3, true]]);
    expect(result.errors).toEqual([
      { line: 6, field: '答案', message: '判断题的答案应为“对”或“错”，当前为“不知道”' },
    ]);
  });

  it('keeps Word soft line breaks (Shift+Enter) as separate lines', async () => {
    const data = buildWordDocx([
      '一、单选题', // paragraph 1
      '1. 退役军人保障法自（ ）起施行。\nA. 2020年11月11日\nB. 2021年1月1日\n答案：B', // paragraph 2
      '2. 退役军人保障法所称退役军人包括（ ）。\nA. 军官\nB. 文职人员\n答案：A\n解析：《退役军人保障法》第二条。', // 3
    ]);
    const result = await parseDocx(data);
    expect(result.errors).toEqual([]);
    expect(
      result.questions.map((q) => [q.line, q.question.stem, q.question.options.length, q.question.answer]),
    ).toEqual([
      [2, '退役军人保障法自（ ）起施行。', 2, 'B'],
      [3, '退役军人保障法所称退役军人包括（ ）。', 2, 'A'],
    ]);
    expect(result.questions[1].question.explanation).toBe('《退役军人保障法》第二条。');
  });

  it('writes out Word numbering: options restarted at A for each question, as Word restarts a list', async () => {
    const opt = (list: number) => (text: string) => ({ text, list });
    const a = opt(11);
    const b = opt(12);
    const data = buildWordDocx(
      [
        '1. 退役军人保障法自（ ）起施行。',
        a('2020年11月11日'),
        a('2021年1月1日'),
        '答案：B',
        '2. 烈士纪念日是每年的（ ）。',
        b('9月3日'),
        b('9月30日'),
        '答案：B',
      ],
      {
        lists: [
          { numId: 11, levels: [{ format: 'upperLetter', text: '%1.' }] },
          { numId: 12, sameAs: 11, restartAt: 1, levels: [] },
        ],
      },
    );
    const result = await parseDocx(data);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question.options.map((o) => `${o.key}:${o.text}`))).toEqual([
      ['A:2020年11月11日', 'B:2021年1月1日'],
      ['A:9月3日', 'B:9月30日'],
    ]);
  });

  it('keeps the text of a paragraph holding a text box, and the text box once', async () => {
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const box = (t: string) =>
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>' +
      `<w:p>${run(t)}</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p>${run(t)}</w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>` +
      '</mc:AlternateContent></w:r>';
    const document =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>' +
      `<w:p>${run('1. 退役军人保障法自（ ）起施行。')}${box('（图）')}</w:p>` +
      `<w:p>${run('A. 2020年11月11日 B. 2021年1月1日')}</w:p><w:p>${run('答案：B')}</w:p>` +
      '</w:body></w:document>';
    const data = buildZip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
      { name: 'word/document.xml', data: document },
    ]);
    const result = await parseDocx(data);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.question.stem, q.question.answer])).toEqual([
      ['退役军人保障法自（ ）起施行。', 'B'],
    ]);
    // The text box comes before its paragraph, once (Word's fallback copy of it is not read).
    expect(result.warnings).toEqual([{ line: 1, message: '已忽略题目之外的内容：“（图）”' }]);
  });

  it('turns a garbage or truncated .docx into an error instead of throwing', async () => {
    const notDocx =
      '文件不是有效的 Word（.docx）文件（可能已损坏，或只是改了扩展名），请用 Office/WPS 重新保存后上传';
    expect((await parseDocx(Buffer.from('随便什么'))).errors).toEqual([{ message: notDocx }]);
    const docx = buildDocx(['1. 题干', '答案：对']);
    expect((await parseDocx(docx.subarray(0, 100))).errors).toEqual([{ message: notDocx }]);
  });
});
