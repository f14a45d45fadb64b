import fc from 'fast-check';
import { parseQuestionFile, sniffTextFormat, SUPPORTED_EXTENSIONS } from './index';
import { buildTemplateXlsx } from './spreadsheet.parser';
import { buildDocx, buildZip, encodeGbk } from '../../../test/factories/question-files';
import { exportBankYaml } from './yaml.parser';

const sut = parseQuestionFile;

const TXT = [
  '一、判断题',
  '1. 退役军人保障法自2021年1月1日起施行。',
  '答案：对',
  '2. 第二题。',
  '答案：错',
].join('\n');

describe('parseQuestionFile', () => {
  it('dispatches by extension', async () => {
    const yaml = exportBankYaml({ code: 'b', title: '题库', curriculum: 'common', regulations: [] }, [
      {
        key: 'a',
        type: 'true-false',
        stem: '题干',
        options: [],
        answer: true,
        difficulty: 3,
        tags: [],
        status: 'approved',
      },
    ]);
    const cases: [string, Buffer, string][] = [
      ['bank.yaml', Buffer.from(yaml), 'yaml'],
      ['bank.YML', Buffer.from(yaml), 'yaml'],
      [
        'bank.json',
        Buffer.from(
          JSON.stringify({ questions: [{ id: 'a', type: 'true-false', stem: '题干', answer: true }] }),
        ),
        'json',
      ],
      ['模板.xlsx', await buildTemplateXlsx(), 'xlsx'],
      ['题目.csv', Buffer.from('题型,题干,答案\n判断,题干,对\n'), 'csv'],
      ['题目.txt', Buffer.from(TXT), 'txt'],
      ['题目.docx', buildDocx(TXT.split('\n')), 'docx'],
      ['题目.gift', Buffer.from('题干{T}'), 'gift'],
      ['题目.aiken', Buffer.from('题干\nA. 甲\nB. 乙\nANSWER: A'), 'aiken'],
    ];
    for (const [name, data, format] of cases) {
      const result = await sut(name, data);
      expect({ name, format: result.format, errors: result.errors }).toEqual({ name, format, errors: [] });
      expect(result.questions.length).toBeGreaterThan(0);
    }
  });

  it('parses a .txt holding GIFT or Aiken as such and says so', async () => {
    expect((await sut('a.txt', Buffer.from('// 注释\n题干{=甲 ~乙}'))).format).toBe('gift');
    expect((await sut('a.txt', Buffer.from('题干\nA) 甲\nB) 乙\nANSWER: B'))).format).toBe('aiken');
    expect(sniffTextFormat(TXT)).toBe('txt');
    expect(sniffTextFormat('题干 {T}')).toBe('gift');
    expect(sniffTextFormat('集合 \\{=x}')).toBe('txt');
  });

  it('refuses an unknown extension with one error listing the supported formats', async () => {
    expect(await sut('题库.pdf', Buffer.from('%PDF-1.4'))).toEqual({
      format: 'txt',
      questions: [],
      errors: [
        {
          message:
            '不支持的文件格式：.pdf，请上传 .yaml、.yml、.json、.xlsx、.csv、.txt、.docx、.gift、.aiken 文件',
        },
      ],
      warnings: [],
    });
    expect((await sut('题库.xls', Buffer.from('x'))).errors[0].message).toBe(
      `不支持的文件格式：.xls，请上传 ${SUPPORTED_EXTENSIONS.join('、')} 文件；旧版 Excel（.xls）文件请用 Excel/WPS 另存为 .xlsx 后上传`,
    );
    expect((await sut('README', Buffer.from('x'))).errors[0].message).toMatch(
      /^不支持的文件格式：（无扩展名）/,
    );
  });

  it('reads GBK and UTF-16 text files', async () => {
    const csv =
      '题型,题干,选项A,选项B,答案\r\n单选,退役军人保障法自（ ）起施行。,2021年1月1日,2022年1月1日,A\r\n';
    const fromGbk = await sut('题目.csv', encodeGbk(csv));
    expect(fromGbk.errors).toEqual([]);
    expect(fromGbk.questions[0].question.stem).toBe('退役军人保障法自（ ）起施行。');
    const fromGbkTxt = await sut('题目.txt', encodeGbk(TXT));
    expect(fromGbkTxt.questions.map((q) => q.question.answer)).toEqual([true, false]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TXT, 'utf16le')]);
    expect((await sut('题目.txt', utf16)).questions).toHaveLength(2);
  });

  it('refuses binary content in a text format and empty files', async () => {
    expect((await sut('题目.txt', Buffer.from([0x00, 0x01, 0x02, 0x41]))).errors).toEqual([
      {
        message:
          '文件不是文本文件（含有二进制内容），请确认上传的是题库文本文件，或另存为 UTF-8 文本后重新上传',
      },
    ]);
    expect((await sut('题目.txt', Buffer.alloc(0))).errors).toEqual([{ message: '文件是空的' }]);
  });

  it('reports a file with no questions', async () => {
    expect((await sut('题目.txt', Buffer.from('只有一行说明文字'))).errors).toEqual([
      { message: '文件中没有找到题目，请对照导入模板检查格式' },
    ]);
  });

  it('reads written questions, and takes one without its rubric as a draft with a warning at its line instead of skipping it', async () => {
    const result = await sut(
      '简答.txt',
      Buffer.from('三、简答题\n1. 简述退役军人保障法的立法目的。\n答：略。'),
    );
    expect(result.questions.map((q) => [q.question.type, q.question.status])).toEqual([
      ['short-answer', 'draft'],
    ]);
    expect(result.skipped).toBeUndefined();
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ line: 2, field: '评分要点' })]);
    const good = await sut(
      '简答.txt',
      Buffer.from(
        '三、简答题\n1. 简述退役军人保障法的立法目的。\n答：略。\n评分要点：\n1. 维护退役军人合法权益（2分）【依据】《退役军人保障法》第一条',
      ),
    );
    expect(good.errors).toEqual([]);
    expect(good.questions.map((q) => q.question.type)).toEqual(['short-answer']);
  });

  it('reports questions repeated within a file, naming both positions', async () => {
    const text = [
      '1. 退役军人保障法自（ ）起施行。', // 1
      'A. 2021年1月1日 B. 2022年1月1日', // 2
      '答案：A', // 3
      '2. 另一题。', // 4
      '答案：对', // 5
      '3. 退役军人保障法自( )起施行', // 6
      'A. 2022年1月1日 B. 2021年1月1日', // 7
      '答案：B', // 8
    ].join('\n');
    const result = await sut('题目.txt', Buffer.from(text));
    expect(result.errors).toEqual([
      { line: 6, field: '题干', message: '与第1行的题目重复（题干和选项相同）' },
    ]);
    expect(result.questions.map((q) => q.line)).toEqual([1, 4]);
  });

  it('reports more questions than allowed', async () => {
    const result = await sut('题目.txt', Buffer.from(TXT), { maxQuestions: 1 });
    expect(result.errors).toEqual([
      { message: '题目数量（2道）超过单个文件的上限（1道），请拆分后分批导入' },
    ]);
  });

  it('lists at most 1000 errors and sums up the rest', async () => {
    const text = Array.from({ length: 1200 }, (_, i) => `${i + 1}. 第${i + 1}题缺答案`).join('\n');
    const { errors } = await sut('题目.txt', Buffer.from(text));
    expect(errors).toHaveLength(1001);
    expect(errors[999]).toEqual({
      line: 1000,
      field: '答案',
      message: '第1000题缺少“答案”（请在题后加一行“答案：B”，或在文末加答案表如“参考答案：1-5 ABCDA”）',
    });
    expect(errors[1000]).toEqual({ message: '另有200条错误未列出，请先修改以上错误后重新上传' });
  });

  it('refuses a zip bomb posing as .docx or .xlsx', async () => {
    const bomb = buildZip([
      { name: 'word/document.xml', data: Buffer.alloc(1024 * 1024, 0x20), declaredSize: 0xfffffff0 },
    ]);
    for (const name of ['炸弹.docx', '炸弹.xlsx']) {
      expect((await sut(name, bomb)).errors).toEqual([
        { message: '文件解压后过大（超过50 MB），已拒绝；请删除图片等无关内容或拆分后上传' },
      ]);
    }
  });

  it('strips the 2022 report watermark from a pasted question file', async () => {
    const text = [
      '一、判断题笔杆儿网www.bgzjy.cn',
      '1. 退役军人保障法自2021年1月1日起施行。笔杆儿网www.bgzjy.cn',
      '答案：对笔杆儿网www.bgzjy.cn',
    ].join('\n');
    const result = await sut('题目.txt', Buffer.from(text));
    expect(result.errors).toEqual([]);
    expect(result.questions[0].question).toMatchObject({
      stem: '退役军人保障法自2021年1月1日起施行。',
      answer: true,
    });
    expect(result.warnings).toEqual([
      { line: 1, message: '已删除重复出现的水印“笔杆儿网www.bgzjy.cn”（共3处，第1、2、3行）' },
    ]);
  });

  it('never throws, for any extension and any bytes', async () => {
    const names = [...SUPPORTED_EXTENSIONS, '.pdf', ''].map((ext) => `f${ext}`);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
          fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => Buffer.from(s)),
        ),
        async (name, data) => {
          const result = await sut(name, data);
          expect(Array.isArray(result.questions)).toBe(true);
          expect(Array.isArray(result.errors)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on mutated .xlsx and .docx files', async () => {
    const xlsx = await buildTemplateXlsx();
    const docx = buildDocx(TXT.split('\n'));
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        async (isXlsx, at, value) => {
          const copy = Buffer.from(isXlsx ? xlsx : docx);
          copy[at % copy.length] = value;
          const result = await sut(isXlsx ? 'a.xlsx' : 'a.docx', copy);
          expect(Array.isArray(result.errors)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
