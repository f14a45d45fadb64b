/**
 * The Word and Excel files of the import corpus (test/fixtures/import-corpus), built the way Word and Excel write
 * them: Word's automatic numbering, soft line breaks (Shift+Enter) and option tables; several worksheets, a title
 * row above the header, other systems' headers, options in one cell and one row per option. The committed files
 * are the output of this script:
 *
 *   TS_NODE_PROJECT=tsconfig.json TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register test/factories/import-corpus.ts
 *
 * Their hand-counted truth is in test/fixtures/import-corpus/truth.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook } from 'exceljs';
import { buildWordDocx } from './question-files';

export const CORPUS_DIR = path.join(__dirname, '..', 'fixtures', 'import-corpus');

/** Questions numbered by Word (1. 2. …) with options numbered by Word (A. B. …) one level below. */
function wordNumbering(): Buffer {
  const q = (text: string) => ({ text, list: 1, level: 0 });
  const o = (text: string) => ({ text, list: 1, level: 1 });
  return buildWordDocx(
    [
      '退役军人保障法学习测试题',
      '一、单项选择题',
      q('退役军人保障法自（ ）起施行。'),
      o('2020年11月11日'),
      o('2021年1月1日'),
      o('2021年8月1日'),
      o('2022年1月1日'),
      '答案：B',
      q('退役军人保障法所称退役军人，是指从中国人民解放军依法退出现役的军官、军士和（ ）。'),
      o('文职人员'),
      o('义务兵等人员'),
      o('民兵'),
      '答案：B',
      '解析：《退役军人保障法》第二条。',
      '二、多项选择题',
      q('退役军人保障工作坚持的原则有（ ）。'),
      o('以人为本'),
      o('分类保障'),
      o('服务优先'),
      o('依法管理'),
      '答案：ABCD',
      q('对退役的军官，国家采取的安置方式有（ ）。'),
      o('退休'),
      o('转业'),
      o('逐月领取退役金'),
      o('复员'),
      o('供养'),
      '答案：ABCD',
      '三、判断题',
      q('国家建立参战退役军人特别优待机制。'),
      '答案：对',
      q('退役军人事务部门只负责退役军人的就业工作。'),
      '答案：错',
    ],
    {
      lists: [
        {
          numId: 1,
          levels: [
            { format: 'decimal', text: '%1.' },
            { format: 'upperLetter', text: '%2.' },
          ],
        },
      ],
    },
  );
}

/** Each question one paragraph, its lines separated by Shift+Enter; 判断题 answered in the stem. */
function softBreaks(): Buffer {
  return buildWordDocx([
    '英雄烈士保护法测试题（每题一段，行间为手动换行）',
    '一、单选题',
    '1. 每年（ ）为烈士纪念日。\nA. 8月1日\nB. 9月3日\nC. 9月30日\nD. 10月1日\n答案：C\n解析：《英雄烈士保护法》第六条。',
    '2. 英雄烈士纪念设施应当（ ）向社会开放。\nA. 收费\nB. 免费\nC. 预约收费\nD. 在节假日\n答案：B',
    '3. 侵害英雄烈士的姓名、肖像、名誉、荣誉，损害社会公共利益的，（ ）依法对侵害行为提起诉讼。\nA. 任何个人\nB. 检察机关\nC. 英雄烈士的同事\nD. 纪念设施保护单位\n答案：B',
    '二、判断题',
    '4. 英雄烈士事迹和精神是中华民族的共同历史记忆和宝贵精神财富。（√）',
    '5. 英雄烈士没有近亲属的，任何人都不得对侵害其名誉的行为提起诉讼。（×）\n解析：检察机关依法对侵害行为提起诉讼。',
  ]);
}

/** Sections numbered by Word (一、二、), options laid out in a 2×2 table under each stem. */
function optionTable(): Buffer {
  const h = (text: string) => ({ text, list: 2, level: 0 });
  return buildWordDocx(
    [
      '宪法知识测试',
      h('单项选择题'),
      '1. 中华人民共和国的根本制度是（ ）。',
      {
        table: [
          ['A. 社会主义制度', 'B. 人民代表大会制度'],
          ['C. 民族区域自治制度', 'D. 基层群众自治制度'],
        ],
      },
      '答案：A',
      '2. 中华人民共和国的国家机构实行（ ）原则。',
      {
        table: [
          ['A', '民主集中制'],
          ['B', '三权分立'],
          ['C', '议行合一'],
          ['D', '分权制衡'],
        ],
      },
      '答案：A',
      h('多项选择题'),
      '3. 下列属于宪法规定的公民基本义务的有（ ）。',
      {
        table: [
          ['A. 依法服兵役', 'B. 依法纳税'],
          ['C. 维护国家统一', 'D. 宗教信仰'],
        ],
      },
      '答案：ABC',
      h('判断题'),
      '4. 宪法规定，国家尊重和保障人权。',
      '答案：正确',
    ],
    { lists: [{ numId: 2, levels: [{ format: 'chineseCounting', text: '%1、' }] }] },
  );
}

async function xlsx(build: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '政策法规科';
  wb.created = new Date(Date.UTC(2026, 10, 1));
  wb.modified = wb.created;
  build(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

const TEMPLATE = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '法规', '条款'];

/** The platform's template split over two worksheets (one per type), plus a notes sheet. */
function templateTwoSheets(): Promise<Buffer> {
  return xlsx((wb) => {
    const single = wb.addWorksheet('单选题');
    single.addRow(TEMPLATE);
    single.addRow([
      '单选题',
      '退役军人保障法自（ ）起施行。',
      '2020年11月11日',
      '2021年1月1日',
      '2021年8月1日',
      '2022年1月1日',
      'B',
      '第八十五条规定。',
      '退役军人保障法',
      '第八十五条',
    ]);
    single.addRow([
      '单选题',
      '对退役的义务兵，国家采取的安置方式不包括（ ）。',
      '自主就业',
      '安排工作',
      '逐月领取退役金',
      '供养',
      'C',
      '',
      '退役军人保障法',
      '',
    ]);
    const judge = wb.addWorksheet('判断题');
    judge.addRow(TEMPLATE);
    judge.addRow([
      '判断题',
      '退役军人保障法所称退役军人包括军士。',
      '',
      '',
      '',
      '',
      '对',
      '',
      '退役军人保障法',
      '第二条',
    ]);
    judge.addRow(['判断题', '烈士褒扬金由烈士生前所在单位发放。', '', '', '', '', '错', '', '', '']);
    judge.addRow(['判断题', '国家建立参战退役军人特别优待机制。', '', '', '', '', '√', '', '', '']);
    const notes = wb.addWorksheet('出题说明');
    notes.addRow(['本表由政策法规科整理，单选、判断分表填写。']);
    notes.addRow(['审核人：周培训']);
  });
}

/** An export of another exam system: a title row, 试题类型 as codes with the legend in the header, extra columns. */
function otherSystem(): Promise<Buffer> {
  return xlsx((wb) => {
    const ws = wb.addWorksheet('试题导出');
    ws.addRow(['2026年度行政处罚法试题导出（共6题）']);
    ws.mergeCells('A1:J1');
    ws.addRow([
      '序号',
      '试题类型（1单选 2多选 3判断 4填空 5简答）',
      '试题内容',
      'A',
      'B',
      'C',
      'D',
      '正确答案',
      '试题解析',
      '分值',
    ]);
    ws.addRow([
      1,
      1,
      '执法人员在调查或者进行检查时，不得少于（ ）人。',
      '1',
      '2',
      '3',
      '4',
      'B',
      '第四十二条。',
      2,
    ]);
    ws.addRow([2, 2, '行政处罚的种类包括（ ）。', '警告', '罚款', '行政拘留', '记过', 'ABC', '', 2]);
    ws.addRow([
      3,
      3,
      '行政机关可以因当事人陈述、申辩而给予更重的处罚。',
      '',
      '',
      '',
      '',
      '错误',
      '第四十五条。',
      1,
    ]);
    ws.addRow([4, 3, '不满十四周岁的未成年人有违法行为的，不予行政处罚。', '', '', '', '', '正确', '', 1]);
    ws.addRow([
      5,
      4,
      '违法行为在___内未被发现的，不再给予行政处罚，法律另有规定的除外。',
      '',
      '',
      '',
      '',
      '二年|两年',
      '',
      2,
    ]);
    ws.addRow([6, 5, '简述行政处罚的原则。', '', '', '', '', '略', '', 10]);
  });
}

/** Options in one cell (one sheet) and one row per option marked 是否正确 (another sheet). */
function optionCells(): Promise<Buffer> {
  return xlsx((wb) => {
    const cell = wb.addWorksheet('选项在一格');
    cell.addRow(['题型', '题干', '选项', '答案']);
    cell.addRow([
      '单选题',
      '有权解释宪法的机关是（ ）。',
      'A.全国人大\nB.全国人大常委会\nC.最高人民法院\nD.国务院',
      'B',
    ]);
    cell.addRow([
      '多选题',
      '下列属于国家机构的有（ ）。',
      'A、国务院 B、最高人民法院 C、村民委员会 D、中央军事委员会',
      'ABD',
    ]);
    cell.addRow(['单选题', '全国人民代表大会每届任期（ ）。', '3年|4年|5年|6年', 'C']);
    const rows = wb.addWorksheet('每个选项一行');
    rows.addRow(['题干', '选项', '是否正确']);
    rows.addRow(['中华人民共和国国歌是（ ）。', '《歌唱祖国》', '否']);
    rows.addRow(['', '《义勇军进行曲》', '是']);
    rows.addRow(['', '《东方红》', '否']);
    rows.addRow(['宪法规定的公民基本权利有（ ）。', '选举权和被选举权', '是']);
    rows.addRow(['', '宗教信仰自由', '是']);
    rows.addRow(['', '罢工自由', '否']);
    rows.addRow(['', '受教育的权利', '是']);
  });
}

export const OFFICE_FILES: Record<string, () => Buffer | Promise<Buffer>> = {
  '26-docx-word-numbering.docx': wordNumbering,
  '27-docx-soft-line-breaks.docx': softBreaks,
  '28-docx-options-in-a-table.docx': optionTable,
  '29-xlsx-template-two-sheets.xlsx': templateTwoSheets,
  '30-xlsx-other-system-export.xlsx': otherSystem,
  '31-xlsx-options-in-one-cell-and-per-row.xlsx': optionCells,
};

async function main(): Promise<void> {
  for (const [name, build] of Object.entries(OFFICE_FILES)) {
    fs.writeFileSync(path.join(CORPUS_DIR, name), await build());
    console.log(`wrote ${name}`);
  }
}

if (require.main === module) void main();
