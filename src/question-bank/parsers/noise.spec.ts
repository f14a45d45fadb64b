import fc from 'fast-check';
import { toLines } from './common';
import { stripNoise } from './noise';

const sut = stripNoise;

/** Lines as in /work/shared/seed/2022-annual-rule-of-law-report.txt (copied from 笔杆儿网). */
const REPORT = [
  '区退役军人事务局2022年度法治政府建设总结',
  '',
  '2022年，区退役军人事务局坚持以习近平新时代中国特色社会主义思想为指导。现将有关情况报告如下：笔杆儿网www.bgzjy.cn',
  '一、推进法治政府建设的主要举措和成效笔杆儿网www.bgzjy.cn',
  '（一）全面推进法治政府建设制度化。近年来保障法治建设经费**万元。笔杆儿网www.bgzjy.cn',
  '（四）全面加强制度建设动态化。汇编成《**区退役军人事务部门政策法规文件选编》。',
  '二、推进法治政府建设存在的不足',
  '存在不足：一是法治建设工作发展不平衡、不充分。笔杆儿网www.bgzjy.cn',
  '笔杆儿网www.bgzjy.cn',
].join('\n');

describe('stripNoise', () => {
  it('removes the 笔杆儿网 watermark from the end of real lines and drops lines that were only the watermark', () => {
    const result = sut(toLines(REPORT));
    expect(result.lines).toEqual([
      { no: 1, text: '区退役军人事务局2022年度法治政府建设总结' },
      { no: 2, text: '' },
      {
        no: 3,
        text: '2022年，区退役军人事务局坚持以习近平新时代中国特色社会主义思想为指导。现将有关情况报告如下：',
      },
      { no: 4, text: '一、推进法治政府建设的主要举措和成效' },
      { no: 5, text: '（一）全面推进法治政府建设制度化。近年来保障法治建设经费**万元。' },
      { no: 6, text: '（四）全面加强制度建设动态化。汇编成《**区退役军人事务部门政策法规文件选编》。' },
      { no: 7, text: '二、推进法治政府建设存在的不足' },
      { no: 8, text: '存在不足：一是法治建设工作发展不平衡、不充分。' },
    ]);
    expect(result.warnings).toEqual([
      { line: 3, message: '已删除重复出现的水印“笔杆儿网www.bgzjy.cn”（共5处，第3、4、5、8、9行）' },
    ]);
  });

  it('removes page headers that repeat, keeping the line numbers of everything else', () => {
    const text = ['第 1 页 共 3 页', '1. 题干一', '第 2 页 共 3 页', '答案：A', '第 3 页 共 3 页'].join('\n');
    const result = sut(toLines(text));
    expect(result.lines).toEqual([
      { no: 2, text: '1. 题干一' },
      { no: 4, text: '答案：A' },
    ]);
    expect(result.warnings).toEqual([
      {
        line: 1,
        message: '已删除重复出现的页眉页脚“第 1 页 共 3 页”（第 N 页 共 M 页）（共3处，第1、3、5行）',
      },
    ]);
  });

  it('leaves a fragment that appears on fewer than three lines', () => {
    const text = '见www.mva.gov.cn\n再见www.mva.gov.cn\n其他';
    expect(sut(toLines(text))).toEqual({ lines: toLines(text), warnings: [] });
  });

  it('leaves a domain in the middle of a line alone', () => {
    const lines = toLines('登录www.mva.gov.cn查询\n登录www.mva.gov.cn查询\n登录www.mva.gov.cn查询');
    expect(sut(lines).lines).toEqual(lines);
  });

  it('stops a watermark at punctuation in front of it', () => {
    const text = ['甲。水印网abc.com', '乙。水印网abc.com', '丙：水印网abc.com', '丁。水印网abc.com'].join(
      '\n',
    );
    expect(sut(toLines(text)).lines.map((l) => l.text)).toEqual(['甲。', '乙。', '丙：', '丁。']);
  });

  it('does not eat words that only some of the watermarked lines share', () => {
    const text = [
      '甲的成效水印abc.com',
      '乙的成效水印abc.com',
      '丙的成效水印abc.com',
      '丁水印abc.com',
      '戊水印abc.com',
    ];
    const result = sut(toLines(text.join('\n')));
    expect(result.lines.map((l) => l.text)).toEqual(['甲的成效', '乙的成效', '丙的成效', '丁', '戊']);
    expect(result.warnings).toEqual([
      { line: 1, message: '已删除重复出现的水印“水印abc.com”（共5处，第1、2、3、4、5行）' },
    ]);
  });

  it('never throws and keeps line order and numbering', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('笔杆儿网www.bgzjy.cn', '第 2 页 共 9 页', 'x.com')), {
          maxLength: 30,
        }),
        (texts) => {
          const lines = texts.map((text, i) => ({ no: i + 1, text }));
          const out = sut(lines).lines;
          const numbers = out.map((l) => l.no);
          expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
          for (const l of out) expect(lines[l.no - 1].text.startsWith(l.text)).toBe(true);
        },
      ),
    );
  });
});
