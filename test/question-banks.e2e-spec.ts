import { Workbook } from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Stream } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { toCsv } from '../src/common/sheet';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

/** The upload limit this suite boots with: above every seeded bank's export, small enough to exceed cheaply. */
const UPLOAD_LIMIT = 200_000;

const CURRICULA = ['common', 'resettlement', 'rights', 'care', 'employment', 'retiree', 'double-support'];
const COMMON_LAWS = [
  'constitution',
  'civil-code',
  'administrative-penalty-law',
  'veterans-protection-law',
  'servicemen-status-law',
];
const SHEET_HEADERS = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '答案',
  '解析',
  '难度',
  '法规',
  '条款',
  '标签',
];

interface Bank {
  id: number;
  code: string;
  title: string;
  curriculum: string;
  source: string;
  counts: { approved: number; draft: number; retired: number; needsReview: number };
}

interface Question {
  id: number;
  bankId: number;
  key: string | null;
  type: string;
  status: string;
  needsReview: boolean;
  reviewReason: string | null;
  revision: number;
  stem: string;
  options: { key: string; text: string }[];
  answer: unknown;
  explanation: string | null;
  citation: { regulation: string; article: number } | null;
  regulation: { id: number; code: string; title: string } | null;
  article: number | null;
}

interface Issue {
  line?: number;
  row?: number;
  field?: string;
  message: string;
}

/** Collects a binary response body (xlsx) into a Buffer. */
function binary(res: Stream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * GBK bytes for a text, from the platform's own GBK decoder run backwards over the two-byte code space (no iconv
 * needed). ASCII stays one byte.
 */
function gbk(text: string): Buffer {
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gbk');
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(b1, b2));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [b1, b2]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`cannot encode ${ch} in GBK`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

async function xlsx(headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('题目');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const lineOf = (lines: string[], text: string): number => {
  const i = lines.indexOf(text);
  if (i < 0) throw new Error(`no line ${text}`);
  return i + 1;
};

/** The numbered style, five questions of all four types, every one citing an article. */
const GOOD_TXT = [
  '一、单选题',
  '1. 退役军人保障法自（ ）起施行。',
  'A. 2020年11月11日',
  'B. 2021年1月1日',
  'C. 2021年8月1日',
  'D. 2022年1月1日',
  '答案：B',
  '解析：《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。',
  '法规：《退役军人保障法》第八十五条',
  '难度：1',
  '',
  '2. 退役军人保障法所称退役军人，是指从（ ）依法退出现役的军官、军士和义务兵等人员。',
  'A. 中国人民解放军  B. 民兵组织',
  'C. 人民警察队伍  D. 国家综合性消防救援队伍',
  '答案：A',
  '解析：《退役军人保障法》第二条对退役军人的范围作了规定。',
  '法规：《退役军人保障法》第二条',
  '',
  '二、多选题',
  '3. 退役军人保障工作遵循的原则包括（ ）。',
  'A. 以人为本',
  'B. 分类保障',
  'C. 服务优先',
  'D. 属地包干',
  '答案：ABC',
  '解析：《退役军人保障法》第四条规定，遵循以人为本、分类保障、服务优先、依法管理的原则。',
  '法规：《退役军人保障法》第四条',
  '',
  '三、判断题',
  '4. 从中国人民解放军依法退出现役的义务兵属于退役军人保障法所称的退役军人。',
  '答案：对',
  '解析：《退役军人保障法》第二条。',
  '法规：《退役军人保障法》第二条',
  '',
  '四、填空题',
  '5. 《退役军人保障法》的施行日期是____。',
  '答案：2021年1月1日|2021-01-01',
  '解析：《退役军人保障法》第八十五条。',
  '法规：《退役军人保障法》第八十五条',
];

/** Two mistakes: question 1 answers E (options are A–D); question 2 has no 答案 line. */
const BAD_TXT = GOOD_TXT.map((l) => (l === '答案：B' ? '答案：E' : l)).filter((l) => l !== '答案：A');

const csvRows = (prefix: string): (string | number)[][] => [
  [
    '单选题',
    `${prefix}宪法规定，中华人民共和国的一切权力属于（ ）。`,
    '人民',
    '国家机关',
    '全国人民代表大会',
    '中国共产党',
    'A',
    '《宪法》第二条规定，中华人民共和国的一切权力属于人民。',
    1,
    '宪法',
    '第二条',
    '总纲',
  ],
  [
    '判断题',
    `${prefix}退役军人保障法自2021年1月1日起施行。`,
    '',
    '',
    '',
    '',
    '对',
    '《退役军人保障法》第八十五条。',
    1,
    '退役军人保障法',
    '第八十五条',
    '附则',
  ],
  [
    '多选题',
    `${prefix}退役军人保障工作遵循的原则包括（ ）。`,
    '以人为本',
    '分类保障',
    '服务优先',
    '属地包干',
    'ABC',
    '《退役军人保障法》第四条。',
    2,
    'veterans-protection-law',
    '4',
    '总则',
  ],
];

describe('question banks: seeded content, imports, round trips, review lifecycle, limits', () => {
  let t: TestApp;
  let trainer: string;
  let staff: string;
  let bankSeq = 0;

  beforeAll(async () => {
    // One app per file (passport strategies are process-global); its upload limit is small for the 413 case.
    t = await bootTestApp({ MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT) });
    trainer = await t.token('trainer');
    staff = await t.token('staff');
  });
  afterAll(async () => t.close());

  const banks = async (): Promise<Bank[]> =>
    (await t.http().get('/api/question-banks').set(bearer(trainer)).expect(200)).body;

  const newBank = async (title: string, curriculum = 'common'): Promise<Bank> => {
    const res = await t
      .http()
      .post('/api/question-banks')
      .set(bearer(trainer))
      .send({ code: `e2e-bank-${++bankSeq}`, title, curriculum })
      .expect(201);
    return res.body;
  };

  const questionsOf = async (query: string): Promise<Question[]> => {
    const items: Question[] = [];
    for (let page = 1; ; page++) {
      const res = await t
        .http()
        .get(`/api/questions?${query}&pageSize=500&page=${page}`)
        .set(bearer(trainer))
        .expect(200);
      items.push(...res.body.items);
      if (items.length >= res.body.total || res.body.items.length === 0) {
        expect(items).toHaveLength(res.body.total);
        return items;
      }
    }
  };

  const upload = (data: Buffer | string, fileName: string, query: Record<string, string | number> = {}) => {
    const qs = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return t
      .http()
      .post(`/api/question-banks/import${qs ? `?${qs}` : ''}`)
      .set(bearer(trainer))
      .attach('file', typeof data === 'string' ? Buffer.from(data, 'utf8') : data, fileName);
  };

  const exportYaml = async (bankId: number): Promise<string> => {
    const res = await t
      .http()
      .get(`/api/question-banks/${bankId}/export.yaml`)
      .set(bearer(trainer))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('yaml');
    return (res.body as Buffer).toString('utf8');
  };

  describe('the seeded banks', () => {
    it('lists banks for the common curriculum and all six business lines, with at least 400 approved questions', async () => {
      const list = await banks();
      expect(new Set(list.map((b) => b.curriculum))).toEqual(new Set(CURRICULA));
      for (const b of list) {
        expect(b.source).toBe('repo');
        expect(b.counts).toEqual({
          approved: expect.any(Number),
          draft: expect.any(Number),
          retired: expect.any(Number),
          needsReview: expect.any(Number),
        });
      }
      const approved = list.reduce((s, b) => s + b.counts.approved, 0);
      expect(approved).toBeGreaterThanOrEqual(400);
    });

    it('gives every approved question a regulation, an article and an explanation, in all six types', async () => {
      const approved = await questionsOf('status=approved');
      expect(approved.length).toBeGreaterThanOrEqual(400);
      const list = await banks();
      // The bank counts agree with the list (a bank's “approved” count leaves out questions flagged for review).
      expect(approved.length).toBeGreaterThanOrEqual(list.reduce((s, b) => s + b.counts.approved, 0));
      const incomplete = approved.filter(
        (q) =>
          !q.regulation ||
          !q.regulation.code ||
          !(Number(q.article) >= 1) ||
          !q.citation ||
          !q.explanation ||
          q.explanation.trim() === '',
      );
      expect(incomplete.map((q) => `${q.id} ${q.key}`)).toEqual([]);
      expect(new Set(approved.map((q) => q.type))).toEqual(
        new Set(['single', 'multiple', 'true-false', 'fill-blank', 'short-answer', 'case']),
      );
    });

    it('has at least 15 approved questions on each of the five common-curriculum laws', async () => {
      const totals: [string, number][] = [];
      for (const code of COMMON_LAWS) {
        const approved = await questionsOf(`regulation=${code}&status=approved`);
        expect(approved.filter((q) => q.regulation?.code !== code || q.status !== 'approved')).toEqual([]);
        totals.push([code, approved.length]);
      }
      expect(totals.filter(([, n]) => n < 15)).toEqual([]);
      // A title or short title finds the same questions as the code.
      const byTitle = await t
        .http()
        .get(`/api/questions?regulation=${encodeURIComponent('退役军人保障法')}&status=approved&pageSize=1`)
        .set(bearer(trainer))
        .expect(200);
      const byCode = await t
        .http()
        .get('/api/questions?regulation=veterans-protection-law&status=approved&pageSize=1')
        .set(bearer(trainer))
        .expect(200);
      expect(byTitle.body.total).toBe(byCode.body.total);
    });

    it('serves the Excel template with the Chinese headers', async () => {
      const res = await t
        .http()
        .get('/api/question-banks/template.xlsx')
        .set(bearer(trainer))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const header = (wb.worksheets[0].getRow(1).values as unknown[]).filter(Boolean);
      expect(header).toEqual(
        expect.arrayContaining(['题型', '题干', '选项A', '选项H', '答案', '解析', '法规', '条款']),
      );
    });
  });

  describe('import', () => {
    it('dry-runs by default: reports the questions and writes nothing', async () => {
      const bank = await newBank('试运行题库');
      const res = await upload(toCsv(SHEET_HEADERS, csvRows('')), '试运行.csv', { bankId: bank.id }).expect(
        200,
      );
      expect(res.body).toMatchObject({
        dryRun: true,
        format: 'csv',
        fileName: '试运行.csv',
        bankId: bank.id,
        questions: 3,
        imported: 0,
        duplicates: 0,
        errors: [],
      });
      const after = await t.http().get(`/api/questions?bankId=${bank.id}`).set(bearer(trainer)).expect(200);
      expect(after.body.total).toBe(0);
      expect(after.body.items).toEqual([]);
      // The options may also come as form fields next to the file, as a browser form sends them.
      const form = await t
        .http()
        .post('/api/question-banks/import')
        .set(bearer(trainer))
        .field('bankId', String(bank.id))
        .field('dryRun', 'false')
        .attach('file', toCsv(SHEET_HEADERS, csvRows('')), '表单.csv')
        .expect(200);
      expect(form.body).toMatchObject({ dryRun: false, bankId: bank.id, questions: 3, imported: 3 });
      expect((await questionsOf(`bankId=${bank.id}`)).map((q) => q.type)).toEqual([
        'single',
        'true-false',
        'multiple',
      ]);
      // A bank code is unique.
      const taken = await t
        .http()
        .post('/api/question-banks')
        .set(bearer(trainer))
        .send({ code: bank.code, title: '重名', curriculum: 'common' })
        .expect(409);
      expect(taken.body.message).toContain(bank.code);
    });

    it('writes nothing when any question is wrong, naming each mistake by line and field; then imports the fixed file once', async () => {
      const bank = await newBank('全有或全无');
      const bad = await upload(BAD_TXT.join('\n'), '法规题.txt', { bankId: bank.id, dryRun: 'false' }).expect(
        422,
      );
      expect(bad.body).toMatchObject({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: expect.stringContaining('法规题.txt'),
        dryRun: false,
        format: 'txt',
        imported: 0,
      });
      expect(bad.body.message).toMatch(/2 处错误/);
      const details: Issue[] = bad.body.details;
      expect(details).toEqual(bad.body.errors);
      expect(details).toHaveLength(2);
      expect(details[0]).toMatchObject({ line: lineOf(BAD_TXT, '答案：E'), field: '答案' });
      expect(details[0].message).toContain('E');
      // A missing answer is reported at the question's first line (its number).
      const second = BAD_TXT.find((l) => l.startsWith('2. ')) as string;
      expect(details[1]).toMatchObject({ line: lineOf(BAD_TXT, second), field: '答案' });
      expect(details[1].message).toMatch(/缺少.*答案/);
      expect((await t.http().get(`/api/questions?bankId=${bank.id}`).set(bearer(trainer))).body.total).toBe(
        0,
      );

      const good = await upload(GOOD_TXT.join('\n'), '法规题.txt', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(200);
      expect(good.body).toMatchObject({
        dryRun: false,
        format: 'txt',
        bankId: bank.id,
        questions: 5,
        imported: 5,
        duplicates: 0,
        errors: [],
      });
      const stored = await questionsOf(`bankId=${bank.id}`);
      expect(stored.map((q) => q.type)).toEqual(['single', 'single', 'multiple', 'true-false', 'fill-blank']);
      expect(stored[0]).toMatchObject({
        stem: '退役军人保障法自（ ）起施行。',
        answer: 'B',
        // Uploaded questions go to the review queue as drafts unless approved on import.
        status: 'draft',
        revision: 1,
        regulation: { code: 'veterans-protection-law' },
        article: 85,
      });
      expect(stored[1].options.map((o) => o.text)).toEqual([
        '中国人民解放军',
        '民兵组织',
        '人民警察队伍',
        '国家综合性消防救援队伍',
      ]);
      expect(stored[2].answer).toEqual(['A', 'B', 'C']);
      expect(stored[3].answer).toBe(true);
      expect(stored[4].answer).toEqual([['2021年1月1日', '2021-01-01']]);

      const again = await upload(GOOD_TXT.join('\n'), '法规题.txt', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(200);
      expect(again.body).toMatchObject({ questions: 5, imported: 0, duplicates: 5, errors: [] });
      expect(again.body.warnings.filter((w: Issue) => /重复/.test(w.message))).toHaveLength(5);
      expect(await questionsOf(`bankId=${bank.id}`)).toHaveLength(5);
    });

    it('with mode=valid writes the good questions and reports the bad ones', async () => {
      const bank = await newBank('只导入正确题目');
      const rows = csvRows('（部分导入）');
      rows.splice(1, 0, [
        '单选题',
        '（部分导入）答案写错的一道题（ ）。',
        '甲',
        '乙',
        '',
        '',
        'Z',
        '解析',
        3,
        '宪法',
        '第一条',
        '',
      ]);
      const res = await upload(toCsv(SHEET_HEADERS, rows), '部分.csv', {
        bankId: bank.id,
        dryRun: 'false',
        mode: 'valid',
      }).expect(200);
      expect(res.body).toMatchObject({ dryRun: false, questions: 3, imported: 3, duplicates: 0 });
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0]).toMatchObject({ row: 3, field: '答案' });
      const stored = await questionsOf(`bankId=${bank.id}`);
      expect(stored.map((q) => q.stem)).toEqual([rows[0][1], rows[2][1], rows[3][1]]);
    });

    it('refuses an unknown regulation in an xlsx at its row with field 法规', async () => {
      const bank = await newBank('未知法规');
      const file = await xlsx(SHEET_HEADERS, [
        csvRows('（表格）')[0],
        [
          '单选题',
          '（表格）不在法规目录中的法规（ ）。',
          '甲',
          '乙',
          '丙',
          '丁',
          'A',
          '解析',
          2,
          '退役军人幸福促进条例',
          '第三条',
          '',
        ],
      ]);
      const res = await upload(file, '未知法规.xlsx', { bankId: bank.id, dryRun: 'false' }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, format: 'xlsx', questions: 1, imported: 0 });
      expect(res.body.details).toHaveLength(1);
      expect(res.body.details[0]).toMatchObject({ row: 3, field: '法规' });
      expect(res.body.details[0].message).toContain('退役军人幸福促进条例');
      expect((await t.http().get(`/api/questions?bankId=${bank.id}`).set(bearer(trainer))).body.total).toBe(
        0,
      );
    });

    it('asks for a bank when the file carries none', async () => {
      const res = await upload(toCsv(SHEET_HEADERS, csvRows('（无题库）')), '无题库.csv').expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'bankId' })]);
      const missing = await upload(toCsv(SHEET_HEADERS, csvRows('（无题库）')), '无题库.csv', {
        bankId: 999999,
      }).expect(400);
      expect(missing.body.details).toEqual([{ field: 'bankId', message: '题库不存在' }]);
      for (const bankId of ['abc', '1.5', '-3']) {
        const res = await upload(toCsv(SHEET_HEADERS, csvRows('（无题库）')), '无题库.csv', { bankId });
        expect({ bankId, status: res.status }).toEqual({ bankId, status: 400 });
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'bankId' })]);
      }
    });

    it('creates the bank a YAML file names when it does not exist yet', async () => {
      const file = [
        'bank:',
        '  code: e2e-new-yaml-bank',
        '  title: 新建的 YAML 题库',
        '  curriculum: care',
        '  regulations: [servicemen-pension-preferential-regulation]',
        'questions:',
        '  - id: n-001',
        '    type: true-false',
        '    stem: （新题库）宪法是国家的根本法，具有最高的法律效力。',
        '    answer: true',
        '    explanation: 《宪法》序言。',
        '    cite: { regulation: constitution, article: 5 }',
      ].join('\n');
      const dry = await upload(file, 'new.yaml').expect(200);
      expect(dry.body).toMatchObject({ dryRun: true, bankId: null, questions: 1, imported: 0 });
      expect((await banks()).some((b) => b.code === 'e2e-new-yaml-bank')).toBe(false);
      const res = await upload(file, 'new.yaml', { dryRun: 'false' }).expect(200);
      expect(res.body).toMatchObject({ dryRun: false, questions: 1, imported: 1 });
      const created = (await banks()).find((b) => b.code === 'e2e-new-yaml-bank') as Bank;
      expect(created).toMatchObject({
        id: res.body.bankId,
        title: '新建的 YAML 题库',
        curriculum: 'care',
        source: 'upload',
        counts: { approved: 0, draft: 1, retired: 0, needsReview: 0 },
      });
    });

    it('accepts each of the five formats with dryRun=false', async () => {
      const bank = await newBank('五种格式');
      const yamlFile = [
        'bank:',
        '  code: e2e-formats-yaml',
        '  title: 五种格式',
        '  curriculum: common',
        '  regulations: [constitution]',
        'questions:',
        '  - id: y-001',
        '    type: single',
        '    stem: （YAML）中华人民共和国的根本制度是（ ）。',
        '    options: { A: 社会主义制度, B: 人民代表大会制度, C: 民族区域自治制度, D: 基层群众自治制度 }',
        '    answer: A',
        '    explanation: 《宪法》第一条规定，社会主义制度是中华人民共和国的根本制度。',
        '    cite: { regulation: constitution, article: 1 }',
        '  - id: y-002',
        '    type: fill-blank',
        '    stem: （YAML）中华人民共和国的一切权力属于____。',
        '    answer: [[人民]]',
        '    explanation: 《宪法》第二条。',
        '    cite: { regulation: 宪法, article: 2 }',
      ].join('\n');
      const gift = [
        '// 法规：《宪法》第二条',
        '::（GIFT）权力归属::中华人民共和国的一切权力属于（ ）。{=人民 ~国家机关 ~全国人民代表大会}',
        '',
        '（GIFT）宪法是国家的根本法。{T}',
        '',
        '（GIFT）下列属于国家机构的有（ ）。{~%50%全国人民代表大会 ~%50%国务院 ~%-100%村民委员会}',
      ].join('\n');
      const aiken = [
        '（Aiken）退役军人保障法自何时起施行？',
        'A. 2020年11月11日',
        'B. 2021年1月1日',
        'C. 2021年8月1日',
        'ANSWER: B',
        '',
        '（Aiken）退役军人保障工作遵循的原则包括？',
        'A. 以人为本',
        'B. 分类保障',
        'C. 属地包干',
        'ANSWER: A,B',
      ].join('\n');
      const files: [string, Buffer | string, string, number][] = [
        ['格式.yaml', yamlFile, 'yaml', 2],
        ['格式.xlsx', await xlsx(SHEET_HEADERS, csvRows('（Excel）')), 'xlsx', 3],
        ['格式.txt', GOOD_TXT.join('\n').replace(/^(\d)\. /gm, '$1. （文本）'), 'txt', 5],
        ['格式.gift', gift, 'gift', 3],
        ['格式.aiken', aiken, 'aiken', 2],
      ];
      let total = 0;
      for (const [name, data, format, n] of files) {
        const res = await upload(data, name, { bankId: bank.id, dryRun: 'false' });
        expect({ name, status: res.status, errors: res.body.errors }).toEqual({
          name,
          status: 200,
          errors: [],
        });
        expect(res.body).toMatchObject({ format, bankId: bank.id, questions: n, imported: n, duplicates: 0 });
        total += n;
      }
      // A GIFT file and an Aiken file saved as .txt are recognised by their content.
      const asTxt = await upload(aiken.replace(/（Aiken）/g, '（Aiken.txt）'), 'aiken.txt', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(200);
      expect(asTxt.body).toMatchObject({ format: 'aiken', imported: 2 });
      total += 2;
      const stored = await questionsOf(`bankId=${bank.id}`);
      expect(stored).toHaveLength(total);
      const giftTf = stored.find((q) => q.stem.startsWith('（GIFT）宪法是'));
      expect(giftTf).toMatchObject({ type: 'true-false', answer: true });
      const giftMulti = stored.find((q) => q.stem.startsWith('（GIFT）下列'));
      expect(giftMulti).toMatchObject({ type: 'multiple', answer: ['A', 'B'] });
      // The GIFT title is a title, not part of the stem; the `// 法规：` comment is the citation.
      const giftSingle = stored.find((q) => q.stem === '中华人民共和国的一切权力属于（ ）。');
      expect(giftSingle).toMatchObject({ answer: 'A', regulation: { code: 'constitution' }, article: 2 });
      const aikenMulti = stored.find((q) => q.stem === '（Aiken）退役军人保障工作遵循的原则包括？');
      expect(aikenMulti).toMatchObject({ type: 'multiple', answer: ['A', 'B'] });
      expect(stored.find((q) => q.key === 'y-002')).toMatchObject({
        type: 'fill-blank',
        answer: [['人民']],
        regulation: { code: 'constitution' },
      });
      // The YAML file named its own bank, but bankId decides where it goes.
      expect((await banks()).find((b) => b.code === 'e2e-formats-yaml')).toBeUndefined();
    });
  });

  describe('round trips', () => {
    it('re-imports a seeded bank’s YAML export as a no-op: nothing imported, no new revision', async () => {
      const bank = (await banks()).find((b) => b.code === 'common-veterans-protection-law') as Bank;
      expect(bank).toBeDefined();
      const before = await questionsOf(`bankId=${bank.id}`);
      expect(before.length).toBeGreaterThanOrEqual(50);
      const sample = before[0];
      const revisionsBefore = (
        await t.http().get(`/api/questions/${sample.id}/revisions`).set(bearer(trainer)).expect(200)
      ).body;
      const yamlText = await exportYaml(bank.id);
      const res = await upload(yamlText, `${bank.code}.yaml`, { dryRun: 'false' }).expect(200);
      expect(res.body).toMatchObject({
        format: 'yaml',
        bankId: bank.id,
        questions: before.filter((q) => q.status !== 'retired').length,
        imported: 0,
        errors: [],
      });
      const after = await questionsOf(`bankId=${bank.id}`);
      expect(after.map((q) => [q.id, q.revision, q.status])).toEqual(
        before.map((q) => [q.id, q.revision, q.status]),
      );
      const revisionsAfter = (
        await t.http().get(`/api/questions/${sample.id}/revisions`).set(bearer(trainer)).expect(200)
      ).body;
      expect(revisionsAfter).toHaveLength(revisionsBefore.length);
    });

    it('exports a seeded bank as xlsx and imports it into a fresh bank with the same questions', async () => {
      const bank = (await banks()).find((b) => b.code === 'common-constitution') as Bank;
      const original = parseYaml(await exportYaml(bank.id));
      const res = await t
        .http()
        .get(`/api/question-banks/${bank.id}/export.xlsx`)
        .set(bearer(trainer))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      // Back into the bank it came from: nothing changes.
      const same = await upload(res.body as Buffer, 'constitution.xlsx', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(200);
      expect(same.body).toMatchObject({ questions: original.questions.length, imported: 0, errors: [] });
      const fresh = await newBank('宪法（复制）');
      // Approved on import: each question keeps the status its file gives it.
      const imported = await upload(res.body as Buffer, 'constitution.xlsx', {
        bankId: fresh.id,
        dryRun: 'false',
        approve: 'true',
      }).expect(200);
      expect(imported.body).toMatchObject({
        format: 'xlsx',
        questions: original.questions.length,
        imported: original.questions.length,
        duplicates: 0,
        errors: [],
      });
      const copy = parseYaml(await exportYaml(fresh.id));
      expect(copy.questions).toHaveLength(original.questions.length);
      const essentials = (q: Record<string, unknown>) => ({
        id: q.id,
        type: q.type,
        stem: q.stem,
        options: q.options,
        answer: q.answer,
      });
      expect(copy.questions.map(essentials)).toEqual(original.questions.map(essentials));
      // And everything else a trainer wrote survives too: explanation, difficulty, citation, tags, status.
      expect(copy.questions).toEqual(original.questions);
    });
  });

  describe('imports of what trainers really paste (#16)', () => {
    const CORPUS = path.join(__dirname, 'fixtures', 'import-corpus');

    interface TruthQuestion {
      stem: string;
      type: string;
      key: string | boolean | string[][];
    }
    interface TruthFile {
      file: string;
      source: string;
      questions: TruthQuestion[];
      skipped: number;
      unreadable?: { reason: string; ranges: [number, number][] };
      errors?: { reason: string; ranges: [number, number][] };
    }
    interface PreviewItem {
      line?: number;
      row?: number;
      sheet?: string;
      type: string;
      stem: string;
      options: { key: string; text: string }[];
      answer: unknown;
      accepted?: string[][];
      explanation: string | null;
      citation: { regulation: string; article?: number; text: string } | null;
      status: string;
      outcome: string;
      warnings: Issue[];
    }

    /** Stems compared as a trainer reads them: width, spaces, punctuation and blanks do not matter. */
    const norm = (text: string) => text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
    const keyOf = (q: Question): string | boolean | string[][] =>
      q.type === 'multiple' ? (q.answer as string[]).join('') : (q.answer as string | boolean | string[][]);

    it('finds ≥ 95% of the corpus questions, stores every key as the hand count says, and refuses unreadable files at their lines', async () => {
      const truth: { files: TruthFile[] } = JSON.parse(
        fs.readFileSync(path.join(CORPUS, 'truth.json'), 'utf8'),
      );
      // At least 20 files, and every format among them.
      expect(truth.files.length).toBeGreaterThanOrEqual(20);
      const extensions = new Set(truth.files.map((f) => path.extname(f.file)));
      for (const ext of ['.txt', '.docx', '.xlsx', '.gift', '.aiken']) expect(extensions).toContain(ext);
      let expected = 0;
      let found = 0;
      const missed: string[] = [];
      const wrong: string[] = [];
      const unreported: string[] = [];
      for (const f of truth.files) {
        const data = fs.readFileSync(path.join(CORPUS, f.file));
        const bank = await newBank(`语料 ${f.file}`);
        const dry = await upload(data, f.file, { bankId: bank.id, mode: 'valid' });
        expect({ file: f.file, status: dry.status }).toEqual({ file: f.file, status: 200 });
        const res = await upload(data, f.file, { bankId: bank.id, mode: 'valid', dryRun: 'false' });
        expect({ file: f.file, status: res.status }).toEqual({ file: f.file, status: 200 });
        const stored = await questionsOf(`bankId=${bank.id}`);
        const errors: Issue[] = res.body.errors;
        const reported = (ranges: [number, number][]) => {
          for (const [from, to] of ranges) {
            const hit = errors.find((e) => {
              const at = e.line ?? e.row ?? 0;
              return at >= from && at <= to && /[\u4e00-\u9fff]/.test(e.message);
            });
            if (!hit) unreported.push(`${f.file}: no error for lines ${from}–${to}`);
          }
        };
        if (f.unreadable) {
          // Nothing can be imported from a file without keys: anything stored would be a guess.
          if (stored.length)
            wrong.push(`${f.file}: stored ${stored.length} questions from an unreadable file`);
          reported(f.unreadable.ranges);
          continue;
        }
        if (f.errors) reported(f.errors.ranges);
        expect({ file: f.file, skipped: res.body.skipped.length }).toEqual({
          file: f.file,
          skipped: f.skipped,
        });
        expected += f.questions.length;
        const left = [...stored];
        for (const t of f.questions) {
          const i = left.findIndex((q) => norm(q.stem).startsWith(norm(t.stem)));
          if (i < 0) {
            missed.push(`${f.file}: “${t.stem}”`);
            continue;
          }
          const [q] = left.splice(i, 1);
          found++;
          if (q.type !== t.type || JSON.stringify(keyOf(q)) !== JSON.stringify(t.key)) {
            wrong.push(
              `${f.file}: “${t.stem}” stored as ${q.type} ${JSON.stringify(keyOf(q))}, truth ${t.type} ${JSON.stringify(t.key)}`,
            );
          }
        }
        // A stored question the hand count does not know is an invented one.
        for (const q of left) wrong.push(`${f.file}: stored a question that is not in the file: “${q.stem}”`);
        // The dry run showed exactly what was then stored, in the API's answer shapes.
        const preview: PreviewItem[] = dry.body.preview;
        const shown = preview
          .filter((p) => p.outcome === 'new')
          .map((p) => [p.type, p.stem, p.type === 'fill-blank' ? p.accepted : p.answer]);
        expect({ file: f.file, shown }).toEqual({
          file: f.file,
          shown: stored.map((q) => [q.type, q.stem, q.answer]),
        });
      }
      // Every problem at once: keys stored wrong or invented (0 allowed), unreadable lines not reported, and the
      // share of the hand-counted questions found (missed ones listed when it falls under 95%).
      const share = found / expected >= 0.95 ? '≥ 95%' : `${found}/${expected}, missed: ${missed.join('; ')}`;
      expect({ wrong, unreported, share }).toEqual({ wrong: [], unreported: [], share: '≥ 95%' });
      expect(found).toBeGreaterThan(100);
    });

    it('imports drafts by default, which never reach a paper, and approves on import when asked', async () => {
      const code = `e2e-draft-law-${++bankSeq}`;
      await t
        .http()
        .post('/api/regulations')
        .set(bearer(trainer))
        .send({ code, title: `（草稿测试）示例办法${bankSeq}`, kind: 'rule', curriculum: 'common' })
        .expect(201);
      const file = (prefix: string) =>
        [
          '一、单选题',
          `1. ${prefix}示例办法自（ ）起施行。`,
          'A. 2025年1月1日 B. 2026年1月1日',
          '答案：B',
          `法规：${code} 第一条`,
          '二、判断题',
          `2. ${prefix}示例办法适用于全区。`,
          '答案：对',
          `法规：${code} 第二条`,
          '状态：草稿',
        ].join('\n');
      const practice = async () =>
        (
          await t
            .http()
            .post('/api/practice/questions')
            .set(bearer(staff))
            .send({ regulation: code, count: 10 })
            .expect(200)
        ).body.total;

      const bank = await newBank('草稿与审核');
      const drafts = await upload(file('（默认）'), 'drafts.txt', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(200);
      expect(drafts.body).toMatchObject({ approve: false, imported: 2 });
      expect((await questionsOf(`bankId=${bank.id}`)).map((q) => q.status)).toEqual(['draft', 'draft']);
      expect(await practice()).toBe(0);

      const approved = await upload(file('（导入即审核）'), 'approved.txt', {
        bankId: bank.id,
        dryRun: 'false',
        approve: 'true',
      }).expect(200);
      expect(approved.body).toMatchObject({ approve: true, imported: 2 });
      const stored = await questionsOf(`bankId=${bank.id}`);
      // The file's own 状态：草稿 still holds when the file is approved on import.
      expect(stored.map((q) => [q.stem.slice(0, 8), q.status])).toEqual([
        ['（默认）示例办法', 'draft'],
        ['（默认）示例办法', 'draft'],
        ['（导入即审核）示', 'approved'],
        ['（导入即审核）示', 'draft'],
      ]);
      expect(await practice()).toBe(1);
      await upload(file('（错误参数）'), 'x.txt', { bankId: bank.id, approve: 'yes' }).expect(400);
    });

    it('shows a dry-run preview of every question in the API shapes, with its warnings beside it', async () => {
      const bank = await newBank('预览');
      const text = [
        '一、单选题',
        '1. （预览）退役军人保障法自（ ）起施行。',
        'A. 2020年11月11日 B. 2021年1月1日',
        '答案：B。解析：第八十五条。',
        '法规：《退役军人保障法》第八十五条',
        '二、多选题',
        '2. （预览）退役军人保障工作的原则有（ ）。',
        'A. 以人为本 B. 分类保障 C. 属地包干',
        '答案：AB',
        '法规：《退役军人保障法》',
        '三、判断题',
        '3. （预览）退役军人保障法自2021年1月1日起施行。（√）',
        '四、填空题',
        '4. （预览）退役军人保障法自____起施行。',
        '答案：2021年1月1日|2021-01-01',
        '五、简答题',
        '5. 简述退役军人保障法的立法目的。',
        '答：加强退役军人保障工作，维护退役军人合法权益。',
        '评分要点：',
        '1. 加强保障工作，维护合法权益（2分）【依据】《退役军人保障法》第一条 关键词：合法权益',
      ].join('\n');
      const res = await upload(text, '预览.txt', { bankId: bank.id }).expect(200);
      expect(res.body).toMatchObject({ dryRun: true, questions: 5, imported: 0, errors: [] });
      const preview: PreviewItem[] = res.body.preview;
      expect(preview.map((p) => [p.line, p.type, p.answer, p.status, p.outcome])).toEqual([
        [2, 'single', 'B', 'draft', 'new'],
        [7, 'multiple', ['A', 'B'], 'draft', 'new'],
        [12, 'true-false', true, 'draft', 'new'],
        [14, 'fill-blank', ['2021年1月1日'], 'draft', 'new'],
        // A written question (issue #18): its reference answer and rubric, each point's citation with its text.
        [
          17,
          'short-answer',
          {
            reference: '加强退役军人保障工作，维护退役军人合法权益。',
            rubric: [
              {
                point: '加强保障工作，维护合法权益',
                points: 2,
                citation: { regulation: '退役军人保障法', article: 1, text: '《退役军人保障法》第一条' },
                keywords: ['合法权益'],
              },
            ],
          },
          'draft',
          'new',
        ],
      ]);
      expect(preview[0]).toMatchObject({
        stem: '（预览）退役军人保障法自（ ）起施行。',
        options: [
          { key: 'A', text: '2020年11月11日' },
          { key: 'B', text: '2021年1月1日' },
        ],
        explanation: '第八十五条。',
        citation: { regulation: '退役军人保障法', article: 85, text: '《退役军人保障法》第八十五条' },
        warnings: [],
      });
      expect(preview[3].accepted).toEqual([['2021年1月1日', '2021-01-01']]);
      // A 法规 without 条款: a warning beside its question, which cites the whole document.
      expect(preview[1].citation).toEqual({ regulation: '退役军人保障法', text: '《退役军人保障法》' });
      expect(preview[1].warnings).toEqual([
        {
          line: 10,
          field: '法规',
          message:
            '法规“退役军人保障法”没有写条款，将按引用整部法规导入；建议写明条号，如“《退役军人保障法》第二十二条”',
        },
      ]);
      expect(res.body.warnings).toContainEqual(preview[1].warnings[0]);
      expect(res.body.skipped).toEqual([]);
      // The whole-document citation is stored as such.
      const written = await upload(text, '预览.txt', { bankId: bank.id, dryRun: 'false' }).expect(200);
      expect(written.body).toMatchObject({ imported: 5, errors: [] });
      expect(written.body.preview).toBeUndefined();
      const stored = await questionsOf(`bankId=${bank.id}`);
      expect(stored[1]).toMatchObject({ regulation: { code: 'veterans-protection-law' }, article: null });
      // Imported again: each question is shown as a duplicate, with the reason beside it.
      const again = await upload(text, '预览.txt', { bankId: bank.id }).expect(200);
      expect(again.body.preview.map((p: PreviewItem) => p.outcome)).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      expect(again.body.preview[0].warnings[0].message).toMatch(/重复/);
    });

    it('previews a large file a page of 500 at a time, from previewFrom', async () => {
      const bank = await newBank('分页预览');
      const lines = ['一、判断题'];
      for (let i = 1; i <= 1200; i++)
        lines.push(`${i}. （分页预览${i}）退役军人保障法自2021年1月1日起施行。（√）`);
      const text = lines.join('\n');
      const first = await upload(text, '分页.txt', { bankId: bank.id }).expect(200);
      expect(first.body).toMatchObject({ questions: 1200, previewFrom: 1, previewTotal: 1200 });
      expect(first.body.preview).toHaveLength(500);
      expect(first.body.preview[0]).toMatchObject({
        line: 2,
        stem: expect.stringContaining('（分页预览1）'),
      });
      const last = await upload(text, '分页.txt', { bankId: bank.id, previewFrom: 1001 }).expect(200);
      expect(last.body).toMatchObject({ previewFrom: 1001, previewTotal: 1200 });
      expect(last.body.preview).toHaveLength(200);
      expect(last.body.preview[0].stem).toContain('（分页预览1001）');
      expect(last.body.preview[199].stem).toContain('（分页预览1200）');
      const past = await upload(text, '分页.txt', { bankId: bank.id, previewFrom: 5000 }).expect(200);
      expect(past.body.preview).toEqual([]);
      const bad = await upload(text, '分页.txt', { bankId: bank.id, previewFrom: 0 }).expect(400);
      expect(bad.body.message).toContain('previewFrom');
      expect(await questionsOf(`bankId=${bank.id}`)).toEqual([]);
    });

    it('refuses an article beyond the last article of a document whose complete text the catalogue holds', async () => {
      const code = `e2e-short-law-${++bankSeq}`;
      const title = `三条示例规定${bankSeq}`;
      await t
        .http()
        .post('/api/regulations')
        .set(bearer(trainer))
        .send({ code, title, kind: 'rule', curriculum: 'common' })
        .expect(201);
      const law =
        '第一条　为了规范示例工作，制定本规定。\n第二条　本规定适用于示例单位。\n第三条　本规定自2026年1月1日起施行。\n';
      await t
        .http()
        .post(`/api/regulations/${code}/versions`)
        .set(bearer(trainer))
        .field('label', '2026年制定')
        .field('effectiveOn', '2026-01-01')
        .attach('file', Buffer.from(law, 'utf8'), 'law.txt')
        .expect(201);
      const bank = await newBank('条号越界');
      const rows = (article: string): (string | number)[][] => [
        [
          '判断题',
          `（条号${article}）示例规定自2026年1月1日起施行。`,
          '',
          '',
          '',
          '',
          '对',
          '',
          3,
          code,
          article,
          '',
        ],
      ];
      const beyond = await upload(await xlsx(SHEET_HEADERS, rows('第五条')), '越界.xlsx', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(422);
      expect(beyond.body.message).toContain('越界.xlsx');
      expect(beyond.body.details).toEqual([
        { row: 2, field: '法规', message: `《${title}》共3条，没有第五条，请核对条号` },
      ]);
      await upload(await xlsx(SHEET_HEADERS, rows('第三条')), '条号.xlsx', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(200);
      // An excerpt (节选) of a document says nothing about its last article.
      const partial = `e2e-excerpt-law-${++bankSeq}`;
      await t
        .http()
        .post('/api/regulations')
        .set(bearer(trainer))
        .send({ code: partial, title: `节选示例规定${bankSeq}`, kind: 'rule', curriculum: 'common' })
        .expect(201);
      await t
        .http()
        .post(`/api/regulations/${partial}/versions`)
        .set(bearer(trainer))
        .field('label', '2026年制定（节选）')
        .field('effectiveOn', '2026-01-01')
        .field('excerpt', 'true')
        .attach('file', Buffer.from(law, 'utf8'), 'law.txt')
        .expect(201);
      const excerpt = await upload(
        ['1. （节选）示例规定的条文很多。', '答案：对', `法规：${partial} 第一百二十条`].join('\n'),
        '节选.txt',
        { bankId: bank.id, dryRun: 'false' },
      ).expect(200);
      expect(excerpt.body).toMatchObject({ imported: 1, errors: [] });
      expect(await questionsOf(`bankId=${bank.id}`)).toHaveLength(2);
    });
  });

  describe('review lifecycle', () => {
    it('makes an edit a new revision and keeps the old one readable', async () => {
      const [q] = (
        await t
          .http()
          .get('/api/questions?regulation=civil-code&status=approved&type=single&pageSize=1')
          .set(bearer(trainer))
          .expect(200)
      ).body.items as Question[];
      expect(q.revision).toBe(1);
      const explanation = `${q.explanation}（已由培训管理员补充说明）`;
      const edited = await t
        .http()
        .patch(`/api/questions/${q.id}`)
        .set(bearer(trainer))
        .send({ explanation })
        .expect(200);
      expect(edited.body).toMatchObject({
        id: q.id,
        revision: 2,
        status: 'approved',
        explanation,
        stem: q.stem,
      });
      const revs = (await t.http().get(`/api/questions/${q.id}/revisions`).set(bearer(trainer)).expect(200))
        .body;
      expect(revs.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
      expect(revs[0]).toMatchObject({ stem: q.stem, explanation: q.explanation, answer: q.answer });
      expect(revs[1]).toMatchObject({ explanation });
      const current = await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)).expect(200);
      expect(current.body).toMatchObject({ revision: 2, explanation });

      const invalid = await t
        .http()
        .patch(`/api/questions/${q.id}`)
        .set(bearer(trainer))
        .send({ answer: 'H' })
        .expect(400);
      expect(invalid.body.details[0]).toMatchObject({ field: '答案' });
      const unknownLaw = await t
        .http()
        .patch(`/api/questions/${q.id}`)
        .set(bearer(trainer))
        .send({ citation: { regulation: '不存在的法', article: 1 } })
        .expect(400);
      expect(unknownLaw.body.message).toContain('不存在的法');
      expect((await t.http().get(`/api/questions/${q.id}/revisions`).set(bearer(trainer))).body).toHaveLength(
        2,
      );
    });

    it('flags, approves and retires a question, and the lists and counts follow', async () => {
      const bank = (await banks()).find((b) => b.code === 'common-administrative-penalty-law') as Bank;
      const [q] = (
        await t
          .http()
          .get(`/api/questions?bankId=${bank.id}&status=approved&pageSize=1`)
          .set(bearer(trainer))
          .expect(200)
      ).body.items as Question[];
      const flagged = await t
        .http()
        .post(`/api/questions/${q.id}/flag`)
        .set(bearer(trainer))
        .send({ needsReview: true, reason: '法规已修订，待核对' })
        .expect(200);
      expect(flagged.body).toMatchObject({ needsReview: true, reviewReason: '法规已修订，待核对' });
      const review = await questionsOf(`bankId=${bank.id}&needsReview=true`);
      expect(review.map((x) => x.id)).toEqual([q.id]);
      let counts = (await banks()).find((b) => b.id === bank.id)!.counts;
      expect(counts).toMatchObject({ approved: bank.counts.approved - 1, needsReview: 1 });

      const approved = await t.http().post(`/api/questions/${q.id}/approve`).set(bearer(trainer)).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', needsReview: false, reviewReason: null });
      counts = (await banks()).find((b) => b.id === bank.id)!.counts;
      expect(counts).toMatchObject({ approved: bank.counts.approved, needsReview: 0 });

      const retired = await t.http().post(`/api/questions/${q.id}/retire`).set(bearer(trainer)).expect(200);
      expect(retired.body).toMatchObject({ status: 'retired' });
      counts = (await banks()).find((b) => b.id === bank.id)!.counts;
      expect(counts).toMatchObject({ approved: bank.counts.approved - 1, retired: bank.counts.retired + 1 });
      const retiredList = await questionsOf(`bankId=${bank.id}&status=retired`);
      expect(retiredList.map((x) => x.id)).toContain(q.id);
      // A retired question is left out of the export.
      expect(parseYaml(await exportYaml(bank.id)).questions.map((x: { id: string }) => x.id)).not.toContain(
        q.key,
      );

      await t.http().post('/api/questions/99999999/approve').set(bearer(trainer)).expect(404);
    });

    it('forbids staff the question and bank routes', async () => {
      for (const path of ['/api/questions', '/api/question-banks', '/api/questions/1']) {
        const res = await t.http().get(path).set(bearer(staff)).expect(403);
        expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: '无权执行此操作' });
      }
      await t
        .http()
        .post('/api/question-banks')
        .set(bearer(staff))
        .send({ code: 'staff-bank', title: 'x', curriculum: 'common' })
        .expect(403);
      await t
        .http()
        .post('/api/question-banks/import')
        .set(bearer(staff))
        .attach('file', Buffer.from(GOOD_TXT.join('\n')), 'x.txt')
        .expect(403);
      await t.http().get('/api/questions').expect(401);
    });
  });

  describe('limits and odd files', () => {
    it('refuses a file over MAX_UPLOAD_BYTES with 413 in the one error shape', async () => {
      const bank = await newBank('过大文件');
      const big = Buffer.from(`${GOOD_TXT.join('\n')}\n${'#'.repeat(UPLOAD_LIMIT)}\n`, 'utf8');
      const res = await upload(big, '过大.txt', { bankId: bank.id, dryRun: 'false' }).expect(413);
      expect(Object.keys(res.body).sort()).toEqual(['error', 'message', 'statusCode']);
      expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      expect(res.body.message).toMatch(/^文件过大/);
      expect((await t.http().get(`/api/questions?bankId=${bank.id}`).set(bearer(trainer))).body.total).toBe(
        0,
      );
    });

    it('refuses a file with more questions than one upload may hold with 413, naming the limit', async () => {
      const bank = await newBank('题目过多');
      const rows = Array.from({ length: 10_001 }, (_, i) => `判断,q${i},t`).join('\r\n');
      const file = Buffer.from(`题型,题干,答案\r\n${rows}\r\n`, 'utf8');
      expect(file.length).toBeLessThan(UPLOAD_LIMIT);
      const res = await upload(file, '过多.csv', { bankId: bank.id, dryRun: 'false' }).expect(413);
      expect(res.body.message).toBe(
        '过多.csv：题目数量（10001道）超过单个文件的上限（10000道），请拆分后分批导入',
      );
      expect((await t.http().get(`/api/questions?bankId=${bank.id}`).set(bearer(trainer))).body.total).toBe(
        0,
      );
    });

    it('tells the trainer the real upload limit, not “0 MB”', async () => {
      const bank = await newBank('过大文件（提示）');
      const big = Buffer.alloc(UPLOAD_LIMIT + 1, 0x23);
      const res = await upload(big, '过大.txt', { bankId: bank.id }).expect(413);
      // The limit is about 195 KB; rounding it to whole megabytes tells the trainer nothing can be uploaded.
      expect(res.body.message).not.toMatch(/上限为 0 MB/);
    });

    it('refuses a garbage .xlsx with 422 and a Chinese message', async () => {
      const bank = await newBank('损坏表格');
      const res = await upload(Buffer.from('PK\u0003\u0004 this is not a workbook'), '损坏.xlsx', {
        bankId: bank.id,
        dryRun: 'false',
      }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', format: 'xlsx' });
      expect(res.body.details).toHaveLength(1);
      expect(res.body.details[0].message).toMatch(/Excel/);
      expect(res.body.details[0].message).toMatch(/[\u4e00-\u9fff]{4}/);
    });

    it('reads a GBK-encoded .txt', async () => {
      const text = GOOD_TXT.slice(0, 10).join('\r\n').replace('1. ', '1. （GBK）');
      const bytes = gbk(text);
      // Sanity: the hand-checked GBK bytes of 答案 and 单选题 are there, and the file is not valid UTF-8.
      expect(bytes.includes(Buffer.from([0xb4, 0xf0, 0xb0, 0xb8]))).toBe(true);
      expect(bytes.includes(Buffer.from([0xb5, 0xa5, 0xd1, 0xa1, 0xcc, 0xe2]))).toBe(true);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      const bank = await newBank('GBK 编码');
      const res = await upload(bytes, 'gbk.txt', { bankId: bank.id, dryRun: 'false' }).expect(200);
      expect(res.body).toMatchObject({ format: 'txt', questions: 1, imported: 1, errors: [] });
      const [q] = await questionsOf(`bankId=${bank.id}`);
      expect(q).toMatchObject({
        stem: '（GBK）退役军人保障法自（ ）起施行。',
        answer: 'B',
        explanation: '《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。',
        regulation: { code: 'veterans-protection-law' },
        article: 85,
      });
      expect(q.options.map((o) => o.text)).toEqual([
        '2020年11月11日',
        '2021年1月1日',
        '2021年8月1日',
        '2022年1月1日',
      ]);
    });

    it('refuses a .pdf with a clear Chinese message', async () => {
      const bank = await newBank('PDF');
      const res = await upload(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), '题库.pdf', {
        bankId: bank.id,
        dryRun: 'false',
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const said = [res.body.message, ...(res.body.details ?? []).map((d: Issue) => d.message)].join('\n');
      expect(said).toMatch(/不支持的文件格式：\.pdf/);
      expect(said).toMatch(/\.xlsx/);
      expect((await t.http().get(`/api/questions?bankId=${bank.id}`).set(bearer(trainer))).body.total).toBe(
        0,
      );
    });

    it('uses only the base name of a path-traversal file name', async () => {
      const boundary = '----e2e-boundary-7d3f';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd.yaml"\r\n` +
            'Content-Type: application/x-yaml\r\n\r\n',
        ),
        Buffer.from('bank:\n  code: x\nquestions: [ 1\n'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t
        .http()
        .post('/api/question-banks/import?dryRun=false')
        .set(bearer(trainer))
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.message).toContain('passwd.yaml');
      expect(JSON.stringify(res.body)).not.toMatch(/\.\.\/|etc\/|\/etc/);
      if (res.body.fileName !== undefined) expect(res.body.fileName).toBe('passwd.yaml');
      // The app is still up.
      await t.http().get('/api/question-banks').set(bearer(trainer)).expect(200);
    });
  });

  describe('a restart (the repository banks are loaded again)', () => {
    let before: Question[];
    let edited: Question;
    let uploadedKey: string;
    let civilCode: Bank;
    let approvedDraft: Question;
    const explanation = '（培训管理员修改后的解析）';

    it('adds nothing and changes no question a trainer has not touched', async () => {
      const list = await banks();
      civilCode = list.find((b) => b.code === 'common-civil-code') as Bank;
      const status = list.find((b) => b.code === 'common-servicemen-status-law') as Bank;
      [edited] = (
        await t
          .http()
          .get(`/api/questions?bankId=${status.id}&status=approved&pageSize=1`)
          .set(bearer(trainer))
      ).body.items;
      await t
        .http()
        .patch(`/api/questions/${edited.id}`)
        .set(bearer(trainer))
        .send({ explanation: `${edited.explanation}${explanation}` })
        .expect(200);
      // A trainer adds a question of their own to a repository bank by uploading a YAML file naming it.
      uploadedKey = 'e2e-trainer-added';
      const yamlFile = [
        'bank:',
        '  code: common-civil-code',
        '  title: 民法典',
        '  curriculum: common',
        '  regulations: [civil-code]',
        'questions:',
        `  - id: ${uploadedKey}`,
        '    type: true-false',
        '    stem: （培训管理员补充）民法典自2021年1月1日起施行。',
        '    answer: true',
        '    explanation: 《民法典》第一千二百六十条。',
        '    cite: { regulation: civil-code, article: 1260 }',
      ].join('\n');
      const up = await upload(yamlFile, 'civil-code-extra.yaml', { dryRun: 'false', approve: 'true' }).expect(
        200,
      );
      expect(up.body).toMatchObject({ bankId: civilCode.id, imported: 1 });
      // A trainer reviews a draft the repository ships for review and approves it.
      [approvedDraft] = (
        await t.http().get('/api/questions?status=draft&pageSize=1').set(bearer(trainer))
      ).body.items;
      expect(approvedDraft).toBeDefined();
      await t.http().post(`/api/questions/${approvedDraft.id}/approve`).set(bearer(trainer)).expect(200);

      before = await questionsOf('');
      await t.restart();
      const after = await questionsOf('');
      const untouched = (qs: Question[]) =>
        qs
          .filter((q) => ![edited.id, approvedDraft.id].includes(q.id) && q.key !== uploadedKey)
          .map((q) => [q.id, q.revision, q.status, q.needsReview]);
      expect(after).toHaveLength(before.length);
      expect(untouched(after)).toEqual(untouched(before));
    });

    it('keeps a trainer’s edit of a repository question', async () => {
      const q = (await t.http().get(`/api/questions/${edited.id}`).set(bearer(trainer)).expect(200)).body;
      expect(q).toMatchObject({ revision: 2, explanation: `${edited.explanation}${explanation}` });
      const revs = (await t.http().get(`/api/questions/${edited.id}/revisions`).set(bearer(trainer))).body;
      expect(revs).toHaveLength(2);
    });

    it('keeps a question a trainer uploaded into a repository bank', async () => {
      const mine = (await questionsOf(`bankId=${civilCode.id}`)).find((q) => q.key === uploadedKey);
      expect(mine).toMatchObject({ status: 'approved', revision: 1 });
    });

    it('keeps a trainer’s approval of a draft the repository shipped for review', async () => {
      const q = (await t.http().get(`/api/questions/${approvedDraft.id}`).set(bearer(trainer)).expect(200))
        .body;
      expect(q.status).toBe('approved');
    });
  });
});
