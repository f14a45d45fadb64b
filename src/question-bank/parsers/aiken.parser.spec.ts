import fc from 'fast-check';
import { parseAikenText } from './aiken.parser';

const sut = parseAikenText;

function lines(...text: string[]): string {
  return text.join('\n');
}

describe('parseAikenText', () => {
  it('reads single-answer questions with A. and A) options, multi-line stems and blank lines', () => {
    const text = lines(
      '退役军人保障法自（ ）起施行。', // 1
      'A. 2020年11月11日', // 2
      'B. 2021年1月1日', // 3
      'C. 2021年8月1日', // 4
      'D. 2022年1月1日', // 5
      'ANSWER: B', // 6
      '', // 7
      '制定退役军人保障法', // 8
      '是为了（ ）。', // 9
      'A) 加强退役军人保障工作', // 10
      'B) 减少退役军人数量', // 11
      'answer：a', // 12
      '下列正确的有（ ）。', // 13
      'A. 甲', // 14
      'B. 乙', // 15
      'C. 丙', // 16
      'ANSWER: A, C', // 17
    );
    const result = sut(text);
    expect(result.errors).toEqual([]);
    expect(result.format).toBe('aiken');
    expect(result.questions).toEqual([
      {
        line: 1,
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
          difficulty: 3,
          tags: [],
          status: 'approved',
        },
      },
      {
        line: 8,
        question: {
          type: 'single',
          stem: '制定退役军人保障法\n是为了（ ）。',
          options: [
            { key: 'A', text: '加强退役军人保障工作' },
            { key: 'B', text: '减少退役军人数量' },
          ],
          answer: 'A',
          difficulty: 3,
          tags: [],
          status: 'approved',
        },
      },
      {
        line: 13,
        question: {
          type: 'multiple',
          stem: '下列正确的有（ ）。',
          options: [
            { key: 'A', text: '甲' },
            { key: 'B', text: '乙' },
            { key: 'C', text: '丙' },
          ],
          answer: ['A', 'C'],
          difficulty: 3,
          tags: [],
          status: 'approved',
        },
      },
    ]);
  });

  it('reports a missing ANSWER and an answer that is not an option, with lines', () => {
    const text = lines(
      '第一题缺答案', // 1
      'A. 甲', // 2
      'B. 乙', // 3
      '第二题答案越界', // 4
      'A. 甲', // 5
      'B. 乙', // 6
      'ANSWER: E', // 7
      'ANSWER: A', // 8
      'A. 没有题干的选项', // 9
      '第三题答案写错', // 10
      'A. 甲', // 11
      'B. 乙', // 12
      'ANSWER: 甲', // 13
      '第四题没有选项', // 14
      'ANSWER: A', // 15
      '最后一题缺答案', // 16
      'A. 甲', // 17
    );
    expect(sut(text).errors).toEqual([
      { line: 1, field: '答案', message: '第1题缺少“ANSWER:”行' },
      { line: 7, field: '答案', message: '答案“E”不在选项A–B中' },
      { line: 8, field: '答案', message: '“ANSWER:”前面没有题目' },
      { line: 9, field: '选项', message: '选项前面没有题干' },
      { line: 13, field: '答案', message: '答案“甲”无法识别，应填写选项字母，如 B 或 ACD' },
      { line: 14, field: '选项', message: '第4题没有选项（选项应写成“A. …”）' },
      { line: 16, field: '答案', message: '第5题缺少“ANSWER:”行' },
    ]);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void sut(s)));
    const fragment = fc.constantFrom(
      '题干',
      'A. 甲',
      'B) 乙',
      'ANSWER: A',
      'ANSWER: AB',
      'ANSWER:',
      '',
      'I. 九',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => void sut(parts.join('\n'))),
      { numRuns: 300 },
    );
  });
});
