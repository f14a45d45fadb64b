import * as fs from 'node:fs';
import * as path from 'node:path';
import type { QuestionDraft } from '../question.types';
import { exportBankText, TextExportError } from './text-export';
import { parseNumberedText } from './text.parser';
import { parseYamlBank } from './yaml.parser';

const sut = exportBankText;
const back = (text: string) => {
  const parsed = parseNumberedText(text);
  expect(parsed.errors).toEqual([]);
  expect(parsed.skipped).toBeUndefined();
  return parsed.questions.map((q) => q.question);
};
const withoutKey = ({ key: _key, ...q }: QuestionDraft) => q;

const base = { options: [], difficulty: 3, tags: [], status: 'approved' as const };
const single = (over: Partial<QuestionDraft>): QuestionDraft => ({
  ...base,
  type: 'single',
  stem: '退役军人保障法自（ ）起施行。',
  options: [
    { key: 'A', text: '2020年11月11日' },
    { key: 'B', text: '2021年1月1日' },
  ],
  answer: 'B',
  ...over,
});

describe('exportBankText', () => {
  it('round-trips every seeded bank (common, specialty, written)', () => {
    const root = path.join(__dirname, '../../../question-banks');
    let count = 0;
    for (const dir of ['common', 'specialty', 'written'])
      for (const f of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.yaml'))) {
        const questions = parseYamlBank(fs.readFileSync(path.join(root, dir, f), 'utf8')).questions.map(
          (q) => q.question,
        );
        const again = parseNumberedText(sut(questions));
        expect({ f, errors: again.errors }).toEqual({ f, errors: [] });
        expect(again.skipped).toBeUndefined();
        // The numbered text groups questions by type and has no question id.
        const order = ['single', 'multiple', 'true-false', 'fill-blank', 'short-answer', 'case'];
        const expected = order.flatMap((t) => questions.filter((q) => q.type === t)).map(withoutKey);
        expect(again.questions.map((q) => q.question)).toEqual(expected);
        count += questions.length;
      }
    expect(count).toBe(933);
  });

  it('writes sections in type order, numbered from 1 in each, with non-default fields only', () => {
    const text = sut([
      { ...base, type: 'true-false', stem: '甲。', answer: false, difficulty: 2, tags: ['总则', '原则'] },
      single({ citation: { regulation: 'veterans-protection-law', article: 85, paragraph: 2 } }),
      { ...base, type: 'true-false', stem: '乙。', answer: true, status: 'draft' },
    ]);
    expect(text.split('\n')).toEqual([
      '一、单选题',
      '1. 退役军人保障法自（ ）起施行。',
      'A. 2020年11月11日',
      'B. 2021年1月1日',
      '答案：B',
      '法规：《veterans-protection-law》第八十五条第二款',
      '',
      '二、判断题',
      '1. 甲。',
      '答案：错',
      '难度：2',
      '标签：总则、原则',
      '2. 乙。',
      '答案：对',
      '状态：草稿',
      '',
    ]);
  });

  it.each<[string, QuestionDraft]>([
    [
      'a fill-blank with alternatives and an escaped separator',
      {
        ...base,
        type: 'fill-blank',
        stem: '对公民处以____元以下、对法人处以____元以下罚款。',
        answer: [
          ['二百', '200'],
          ['三千', '3000', 'a;b'],
        ],
      },
    ],
    [
      'a multi-line explanation',
      single({ explanation: '第一段：本法自2021年1月1日起施行。\n第二段。\n1. 列出的第一点' }),
    ],
    ['a stem that begins with a number', single({ stem: '2021年1月1日起施行的法律是（ ）。' })],
    ['a stem that begins with “1.”', single({ stem: '1.5倍的标准应当由（ ）确定。' })],
    ['a stem that contains “答案” without a colon', single({ stem: '试卷上写着的答案B，这一做法（ ）。' })],
    [
      'options with letters inside',
      single({
        options: [
          { key: 'A', text: 'A级和B级' },
          { key: 'B', text: '仅C类人员' },
          { key: 'C', text: 'E、F两项和A级' },
        ],
        answer: 'C',
      }),
    ],
    [
      'a multiple choice with tags and difficulty',
      {
        ...single({}),
        type: 'multiple',
        options: [
          { key: 'A', text: '甲' },
          { key: 'B', text: '乙' },
          { key: 'C', text: '丙' },
        ],
        answer: ['A', 'C'],
        difficulty: 5,
        tags: ['标签一'],
      },
    ],
  ])('round-trips %s', (_, q) => {
    expect(back(sut([q]))).toEqual([q]);
  });

  it.each<[string, QuestionDraft]>([
    // The parser finds `答案：` and the next option letter anywhere in a line; the format has no escape for them.
    ['a stem that contains “答案：”', single({ stem: '试卷上写着“答案：B”，这一做法（ ）。' })],
    [
      'an option holding the next option marker',
      single({
        options: [
          { key: 'A', text: '甲' },
          { key: 'B', text: '仅C. 类人员' },
          { key: 'C', text: '丙' },
        ],
      }),
    ],
  ])('refuses %s rather than write a file that imports something else', (_, q) => {
    expect(() => sut([q])).toThrow(TextExportError);
  });

  it('throws, naming the question, when a question cannot be written to read back as itself', () => {
    // A line of the stem that is an option marker: the text format has no way to say it is part of the stem.
    const bad = single({ stem: '下列说法正确的是（ ）\nA. 这一行像选项' });
    const good = single({ stem: '另一题（ ）。' });
    let error: unknown;
    try {
      sut([good, bad]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TextExportError);
    expect((error as TextExportError).index).toBe(1);
    expect((error as TextExportError).message).toContain(
      '单选题“下列说法正确的是（ ） A. 这一行像选项”无法写成文本格式',
    );
  });
});

describe('exportBankText on the whole document', () => {
  it('throws when questions read back alone but not together (a line repeated three times reads as a page header)', () => {
    const same = '本题考查退役军人保障法的施行日期规定';
    const qs = ['甲', '乙', '丙'].map((s) =>
      single({ stem: `${s}（ ）。`, explanation: `第一行。\n${same}` }),
    );
    expect(() => exportBankText(qs.slice(0, 2))).not.toThrow();
    let error: unknown;
    try {
      exportBankText(qs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TextExportError);
    expect((error as TextExportError).message).toContain('与其他题目一起重新导入后内容会不同');
  });
});
