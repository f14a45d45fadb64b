import fc from 'fast-check';
import { parseGiftText, unescapeGift } from './gift.parser';

const sut = parseGiftText;

function lines(...text: string[]): string {
  return text.join('\n');
}

describe('parseGiftText', () => {
  it('reads single, weighted multiple, true-false, fill-blank and escaped questions', () => {
    const text = lines(
      '// 学法考试 GIFT 题库', // 1
      '$CATEGORY: $course$/退役军人保障法', // 2
      '', // 3
      '// 法规：《退役军人保障法》第八十五条', // 4
      '::Q1:: 退役军人保障法自{', // 5
      '=2021年1月1日#正确', // 6
      '~2020年11月11日#错误', // 7
      '~2022年1月1日', // 8
      '}起施行。', // 9
      '', // 10
      '::《退役军人保障法》第一条::制定退役军人保障法是为了（ ）。{', // 11
      '~%50%维护退役军人合法权益', // 12
      '~%50%加强退役军人保障工作', // 13
      '~%-100%减少退役军人数量', // 14
      '####《退役军人保障法》第一条规定了立法目的。}', // 15
      '', // 16
      '退役军人保障法自2021年1月1日起施行。{T}', // 17
      '', // 18
      '退役军人保障法自{=2021年1月1日 =2021-01-01}起施行，共{=八十五 =85}条。', // 19
      '', // 20
      '下列正确的有{~%50%甲 ~%50%乙 ~%-50%丙}', // 21
      '', // 22
      '转义 \\{大括号\\} 和 a\\=b\\: 测试 {=对\\~错 ~其他 ####说明\\#1}', // 23
      '', // 24
      '[markdown]判断{FALSE#反馈}', // 25
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { line: 2, message: '已忽略分类设置“$CATEGORY: $course$/退役军人保障法”（题目分类请在平台中设置）' },
    ]);
    expect(result.format).toBe('gift');
    const base = { difficulty: 3, tags: [], status: 'approved' };
    expect(result.questions).toEqual([
      {
        line: 5,
        question: {
          type: 'single',
          stem: '退役军人保障法自（ ）起施行。',
          options: [
            { key: 'A', text: '2021年1月1日' },
            { key: 'B', text: '2020年11月11日' },
            { key: 'C', text: '2022年1月1日' },
          ],
          answer: 'A',
          citation: { regulation: '退役军人保障法', article: 85 },
          ...base,
        },
      },
      {
        line: 11,
        question: {
          type: 'multiple',
          stem: '制定退役军人保障法是为了（ ）。',
          options: [
            { key: 'A', text: '维护退役军人合法权益' },
            { key: 'B', text: '加强退役军人保障工作' },
            { key: 'C', text: '减少退役军人数量' },
          ],
          answer: ['A', 'B'],
          explanation: '《退役军人保障法》第一条规定了立法目的。',
          citation: { regulation: '退役军人保障法', article: 1 },
          ...base,
        },
      },
      {
        line: 17,
        question: {
          type: 'true-false',
          stem: '退役军人保障法自2021年1月1日起施行。',
          options: [],
          answer: true,
          ...base,
        },
      },
      {
        line: 19,
        question: {
          type: 'fill-blank',
          stem: '退役军人保障法自___起施行，共___条。',
          options: [],
          answer: [
            ['2021年1月1日', '2021-01-01'],
            ['八十五', '85'],
          ],
          ...base,
        },
      },
      {
        line: 21,
        question: {
          type: 'multiple',
          stem: '下列正确的有',
          options: [
            { key: 'A', text: '甲' },
            { key: 'B', text: '乙' },
            { key: 'C', text: '丙' },
          ],
          answer: ['A', 'B'],
          ...base,
        },
      },
      {
        line: 23,
        question: {
          type: 'single',
          stem: '转义 {大括号} 和 a=b: 测试',
          options: [
            { key: 'A', text: '对~错' },
            { key: 'B', text: '其他' },
          ],
          answer: 'A',
          explanation: '说明#1',
          ...base,
        },
      },
      {
        line: 25,
        question: { type: 'true-false', stem: '判断', options: [], answer: false, ...base },
      },
    ]);
  });

  it('puts a fill-blank block at the end of the text as a trailing blank', () => {
    const result = sut('谁是退役军人事务部门的主管？{=退役军人事务部 =国务院退役军人工作主管部门}');
    expect(result.questions[0].question).toMatchObject({
      type: 'fill-blank',
      stem: '谁是退役军人事务部门的主管？___',
      answer: [['退役军人事务部', '国务院退役军人工作主管部门']],
    });
  });

  it('reports unsupported types and malformed questions with their lines', () => {
    const text = lines(
      '匹配题 {=甲 -> 乙 =丙 -> 丁}', // 1
      '', // 2
      '数字题 {#3:1}', // 3
      '', // 4
      '问答题 {}', // 5
      '', // 6
      '没有答案块', // 7
      '', // 8
      '未闭合 {=甲 ~乙', // 9
      '', // 10
      '::标题未闭合 题干 {T}', // 11
      '', // 12
      '全是错的 {~甲 ~乙}', // 13
      '', // 14
      '两个块 {T} 和 {=甲 ~乙}', // 15
      '', // 16
      '// 法规：退役军人保障法', // 17
      '判断 {F}', // 18
      '', // 19
      '多余的右括号 } {T}', // 20
      '', // 21
      '空白答案 {= ~乙}', // 22
      '', // 23
      '多行', // 24
      '题干{', // 25
      '=甲', // 26
      '~乙', // 27
      '~乙', // 28
      '}', // 29
      '', // 30
      '两个满分 {=甲 =乙 ~丙}', // 31
      '', // 32
      '权重不足 {~%50%甲 ~%30%乙 ~丙}', // 33
    );
    const result = sut(text);
    expect(result.skipped).toEqual([
      expect.objectContaining({ line: 1, kind: 'unsupported', raw: '匹配题 {=甲 -> 乙 =丙 -> 丁}' }),
      expect.objectContaining({ line: 3, kind: 'unsupported', label: 'GIFT 数字题（{#…}）' }),
    ]);
    // An essay is read as a short-answer draft (issue #18), not skipped.
    expect(result.questions.filter((q) => q.line === 5).map((q) => q.question.type)).toEqual([
      'short-answer',
    ]);
    expect(result.errors).toEqual([
      {
        line: 7,
        field: '答案',
        message: '没有找到答案块“{…}”，GIFT 题目的答案应写在花括号中，如 {=正确答案 ~错误答案}',
      },
      { line: 9, field: '答案', message: '答案块缺少结束的“}”（题目之间请用空行分隔）' },
      { line: 11, field: '标题', message: '标题缺少结束的“::”' },
      {
        line: 13,
        field: '答案',
        message: '答案块中没有正确答案（正确答案以“=”开头，或用正的百分比权重如 ~%50%）',
      },
      { line: 15, field: '答案', message: '一道题只能有一个选择或判断答案块（多个答案块只用于多空填空题）' },
      { line: 20, field: '答案', message: '多余的“}”（如果是题目中的文字，请写成“\\}”）' },
      { line: 22, field: '答案', message: '答案块中有空白的答案' },
      { line: 25, field: '选项C', message: '选项C与选项B的内容相同' },
      {
        line: 31,
        field: '答案',
        message:
          '有2个满分答案（A、B），在 Moodle 中答对其中任意一个即得满分，本平台无法这样评分；单选题请只保留一个“=”，多选题请写成“~%50%甲 ~%50%乙 ~丙”',
      },
      {
        line: 33,
        field: '答案',
        message:
          '正确选项的权重之和应为100%，当前为80%（A 50%、B 30%）；多选题请让各正确选项的权重相加为100%，单选题请用“=”标出唯一正确答案',
      },
    ]);
    // A 法规 without an article cites the whole document: a warning, not an error.
    expect(result.questions.map((q) => [q.line, q.question.citation])).toEqual([
      [5, undefined],
      [18, { regulation: '退役军人保障法' }],
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 5, field: '评分要点' }),
      {
        line: 17,
        field: '法规',
        message:
          '法规“退役军人保障法”没有写条款，将按引用整部法规导入；建议写明条号，如“《退役军人保障法》第二十二条”',
      },
    ]);
  });

  it('follows Moodle: one full-credit answer is a single choice, partial credits are dropped with a warning', () => {
    const result = sut('::Q3::Where was Jesus raised? {~Jerusalem ~%25%Bethlehem ~%50%Galilee =Nazareth}');
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question)).toEqual([
      {
        type: 'single',
        stem: 'Where was Jesus raised?',
        options: [
          { key: 'A', text: 'Jerusalem' },
          { key: 'B', text: 'Bethlehem' },
          { key: 'C', text: 'Galilee' },
          { key: 'D', text: 'Nazareth' },
        ],
        answer: 'D',
        difficulty: 3,
        tags: [],
        status: 'approved',
      },
    ]);
    expect(result.warnings).toEqual([
      {
        line: 1,
        field: '答案',
        message: expect.stringContaining('部分得分'),
      },
    ]);
  });

  it('takes =%0% for a wrong answer and skips a question with a * answer', () => {
    const result = sut(
      lines(
        '甲的答案 {=%100%对的 =%0%错的 ~也是错的}', // 1
        '', // 2
        '::Shortanswer::Which is the best animal?{', // 3
        '    =Frog#Good!', // 4
        '    =%50%Cat#What is it with Moodlers and cats?', // 5
        '    =%0%*#Completely wrong', // 6
        '}', // 7
      ),
    );
    expect(result.questions.map((q) => [q.line, q.question.type, q.question.answer])).toEqual([
      [1, 'single', 'A'],
    ]);
    expect(result.skipped).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining('*') }),
    ]);
  });

  it('removes [plain]/[html] markers from options and turns an HTML stem into text', () => {
    const result = sut(
      lines(
        "::Q2:: [html]What's <b>between</b> orange &amp; green?<br />Pick one.{",
        '    =yellow # right; good!',
        "    ~red # [html]wrong, it's yellow",
        "    ~[plain]blue # wrong, it's yellow",
        '}',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions[0].question).toMatchObject({
      type: 'single',
      stem: "What's between orange & green?\nPick one.",
      options: [
        { key: 'A', text: 'yellow' },
        { key: 'B', text: 'red' },
        { key: 'C', text: 'blue' },
      ],
      answer: 'A',
    });
  });

  it('warns about a title that looks like a citation but is not one', () => {
    const result = sut('::《退役军人保障法》::题干{T}');
    expect(result.warnings).toEqual([
      {
        line: 1,
        message:
          '标题“《退役军人保障法》”不是有效的法规引用，已忽略（缺少条号，如“《退役军人保障法》第二十二条”）',
      },
    ]);
    expect(result.questions).toHaveLength(1);
  });

  it('removes watermark noise before parsing', () => {
    const text = lines(
      '甲{T}笔杆儿网www.bgzjy.cn',
      '',
      '乙{F}笔杆儿网www.bgzjy.cn',
      '',
      '丙{TRUE}笔杆儿网www.bgzjy.cn',
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.question.stem, q.question.answer])).toEqual([
      ['甲', true],
      ['乙', false],
      ['丙', true],
    ]);
    expect(result.warnings).toHaveLength(1);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => void sut(s)),
      { numRuns: 300 },
    );
    const fragment = fc.constantFrom(
      '{',
      '}',
      '=',
      '~',
      '#',
      '####',
      '::',
      '\\',
      '->',
      '%50%',
      'T',
      '\n',
      '\n\n',
      '//',
      '甲',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => void sut(parts.join(''))),
      { numRuns: 500 },
    );
  });
});

describe('unescapeGift', () => {
  it('unescapes GIFT special characters and \\n', () => {
    expect(unescapeGift('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni\\x')).toBe('a~b=c#d{e}f:g\\h\ni\\x');
  });

  it('reads an essay {} as a short-answer draft with an empty rubric and a warning naming its line', () => {
    const result = sut(
      lines(
        '::《行政处罚法》第四十四条:: 简述行政处罚决定前的告知义务。{}', // 1
        '', // 2
        '请说明陈述、申辩的处理要求。{', // 3
        '####充分听取意见，成立的应当采纳。', // 4
        '}', // 5
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.skipped).toBeUndefined();
    expect(result.questions.map((q) => q.question)).toEqual([
      {
        type: 'short-answer',
        stem: '简述行政处罚决定前的告知义务。',
        options: [],
        answer: { reference: '', rubric: [] },
        difficulty: 3,
        tags: [],
        status: 'draft',
        citation: { regulation: '行政处罚法', article: 44 },
      },
      {
        type: 'short-answer',
        stem: '请说明陈述、申辩的处理要求。',
        options: [],
        answer: { reference: '充分听取意见，成立的应当采纳。', rubric: [] },
        difficulty: 3,
        tags: [],
        status: 'draft',
      },
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 1,
        field: '评分要点',
        message: expect.stringContaining('没有评分要点和参考答案'),
      }),
      expect.objectContaining({
        line: 3,
        field: '评分要点',
        message: expect.stringContaining('“####”后的内容已作为参考答案'),
      }),
    ]);
  });
});
