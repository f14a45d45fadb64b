import { Workbook } from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Stream } from 'node:stream';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

/**
 * Issue #18: written questions (简答题, 案例分析题) through the real upload API in the numbered text format, the
 * spreadsheet template and GIFT, and the seeded written banks through export.xlsx and back.
 */

interface Question {
  id: number;
  key: string | null;
  type: string;
  status: string;
  stem: string;
  options: { key: string; text: string }[];
  answer: unknown;
  explanation: string | null;
  difficulty: number;
  citation: { regulation: string; article?: number; paragraph?: number } | null;
  tags: string[];
}
interface RubricPoint {
  point: string;
  points: number;
  citation?: { regulation: string; article?: number; paragraph?: number };
  keywords: string[];
}

function binary(res: Stream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

const TXT = fs.readFileSync(path.join(__dirname, 'fixtures/written/written-questions.txt'));

describe('written questions through the upload API (issue #18)', () => {
  let t: TestApp;
  let trainer: string;
  let seq = 0;

  beforeAll(async () => {
    t = await bootTestApp();
    trainer = await t.token('trainer');
  });
  afterAll(async () => t.close());

  const newBank = async (title: string): Promise<{ id: number }> =>
    (
      await t
        .http()
        .post('/api/question-banks')
        .set(bearer(trainer))
        .send({ code: `e2e-written-${++seq}`, title, curriculum: 'common' })
        .expect(201)
    ).body;
  const questionsOf = async (bankId: number): Promise<Question[]> =>
    (await t.http().get(`/api/questions?bankId=${bankId}&pageSize=500`).set(bearer(trainer)).expect(200)).body
      .items;
  const upload = (data: Buffer, fileName: string, query: Record<string, string | number>) =>
    t
      .http()
      .post(
        `/api/question-banks/import?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`,
      )
      .set(bearer(trainer))
      .attach('file', data, fileName);

  it('imports a txt file: 简答题 and a 案例分析题 with their rubric points and citations, nothing skipped', async () => {
    const bank = await newBank('主观题 txt');
    const dry = await upload(TXT, '主观题.txt', { bankId: bank.id }).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.skipped).toEqual([]);
    const preview = dry.body.preview as {
      type: string;
      points?: number;
      answer: { rubric?: RubricPoint[] };
    }[];
    expect(preview.map((p) => [p.type, p.points])).toEqual([
      ['single', undefined],
      ['short-answer', 3],
      ['short-answer', 4],
      ['case', 7],
    ]);
    // The preview shows each rubric point's citation as the trainer wrote it.
    expect(preview[1].answer.rubric![0]).toMatchObject({
      points: 2,
      citation: { text: '《行政处罚法》第四十四条' },
    });

    await upload(TXT, '主观题.txt', { bankId: bank.id, dryRun: 'false', approve: 'true' }).expect(200);
    const stored = await questionsOf(bank.id);
    expect(stored.map((q) => [q.type, q.status])).toEqual([
      ['single', 'approved'],
      ['short-answer', 'approved'],
      ['short-answer', 'approved'],
      ['case', 'approved'],
    ]);
    const short = stored[1].answer as { reference: string; rubric: RubricPoint[] };
    expect(short.reference).toContain('陈述、申辩、要求听证等权利');
    expect(short.rubric).toEqual([
      {
        point: '告知拟作出的行政处罚内容及事实、理由、依据',
        points: 2,
        citation: { regulation: '行政处罚法', article: 44 },
        keywords: ['事实', '理由', '依据'],
      },
      {
        point: '告知陈述、申辩、要求听证等权利',
        points: 1,
        citation: { regulation: '行政处罚法', article: 44 },
        keywords: ['陈述', '申辩'],
      },
    ]);
    const subs = (stored[3].answer as { questions: { type: string; points: number }[] }).questions;
    expect(subs.map((s) => [s.type, s.points])).toEqual([
      ['single', 2],
      ['true-false', 2],
      ['short-answer', 3],
    ]);
  });

  it('imports the spreadsheet template: a 简答题 row, a 案例分析题 row and its 小题 rows', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('题目');
    ws.addRow(['题型', '题干', '选项A', '选项B', '答案', '评分要点', '法规', '条款']);
    ws.addRow([
      '简答题',
      '简述回避申请由谁决定。',
      '',
      '',
      '由行政机关负责人决定，决定作出之前不停止调查。',
      '1. 由行政机关负责人决定（1.5分）【第四十三条第三款】 关键词：负责人\n2. 决定作出之前不停止调查（1分）【第四十三条第三款】',
      '行政处罚法',
      '第四十三条',
    ]);
    ws.addRow(['案例分析题', '张某拒绝回避。', '', '', '', '', '行政处罚法', '第四十三条']);
    ws.addRow(['小题-判断题', '回避决定作出之前，调查应当停止。（1分）', '', '', '错', '', '', '']);
    ws.addRow([
      '小题-简答题',
      '张某的理由能否成立？',
      '',
      '',
      '不能成立，可能影响公正执法的应当回避。',
      '可能影响公正执法的应当回避（2分）【依据】《行政处罚法》第四十三条第一款',
      '',
      '',
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const bank = await newBank('主观题 xlsx');
    const res = await upload(data, '主观题.xlsx', { bankId: bank.id, dryRun: 'false' }).expect(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.skipped).toEqual([]);
    const stored = await questionsOf(bank.id);
    expect(stored.map((q) => [q.type, q.status])).toEqual([
      ['short-answer', 'draft'],
      ['case', 'draft'],
    ]);
    expect((stored[0].answer as { rubric: RubricPoint[] }).rubric[0]).toEqual({
      point: '由行政机关负责人决定',
      points: 1.5,
      citation: { regulation: '行政处罚法', article: 43, paragraph: 3 },
      keywords: ['负责人'],
    });
    const subs = (stored[1].answer as { questions: { type: string; points: number; answer: unknown }[] })
      .questions;
    expect(subs.map((s) => [s.type, s.points])).toEqual([
      ['true-false', 1],
      ['short-answer', 2],
    ]);
  });

  it('imports a GIFT essay as a draft without rubric, and refuses to approve it until the rubric is written', async () => {
    const gift = Buffer.from(
      [
        '::《行政处罚法》第四十四条:: 简述行政处罚决定前的告知义务。{}',
        '',
        '::《行政处罚法》第四十三条:: 当事人提出回避申请的，由行政机关负责人决定。{T}',
      ].join('\n'),
    );
    const bank = await newBank('主观题 GIFT');
    const res = await upload(gift, '问答.gift', { bankId: bank.id, dryRun: 'false', approve: 'true' }).expect(
      200,
    );
    expect(res.body.errors).toEqual([]);
    expect(res.body.skipped).toEqual([]);
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        line: 1,
        field: '评分要点',
        message: expect.stringContaining('按简答题导入为草稿'),
      }),
    ]);
    const stored = await questionsOf(bank.id);
    expect(stored.map((q) => [q.type, q.status])).toEqual([
      ['short-answer', 'draft'],
      ['true-false', 'approved'],
    ]);
    expect(stored[0].answer).toEqual({ reference: '', rubric: [] });
    const refused = await t
      .http()
      .post(`/api/questions/${stored[0].id}/approve`)
      .set(bearer(trainer))
      .expect(400);
    expect(refused.body.message).toContain('还没有评分要点或参考答案，不能审核通过');
    expect((await questionsOf(bank.id))[0].status).toBe('draft');
  });

  it('refuses a bad file at its line and field, and changes nothing', async () => {
    const bank = await newBank('主观题 错误');
    await upload(TXT, '主观题.txt', { bankId: bank.id, dryRun: 'false' }).expect(200);
    const before = await questionsOf(bank.id);
    const bad = Buffer.from(
      TXT.toString('utf8')
        .replace('（1 分）【第四十四条】', '【第四十四条】')
        .replace('解析：《行政处罚法》第四十三条第三款规定，由行政机关负责人决定。', '解析：改过的解析'),
    );
    const res = await upload(bad, '主观题.txt', { bankId: bank.id, dryRun: 'false' }).expect(422);
    expect(res.body.details ?? res.body.errors).toEqual([
      expect.objectContaining({
        line: 15,
        field: '评分要点',
        message: expect.stringContaining('没有写分值'),
      }),
    ]);
    expect(await questionsOf(bank.id)).toEqual(before);
  });

  /** What an export must carry over: a question's content and status (not its id, bank or revision). */
  const content = (q: Question) => ({
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    explanation: q.explanation,
    difficulty: q.difficulty,
    citation: q.citation,
    tags: q.tags,
    status: q.status,
  });

  /** The three seeded written banks. */
  const writtenBanks = async (): Promise<{ id: number; code: string }[]> => {
    const banks: { id: number; code: string }[] = (
      await t.http().get('/api/question-banks').set(bearer(trainer)).expect(200)
    ).body;
    const written = banks.filter((b) => b.code.startsWith('written-'));
    expect(written.map((b) => b.code).sort()).toEqual([
      'written-care',
      'written-common',
      'written-resettlement',
    ]);
    return written;
  };

  /** Exports a bank in `ext`, imports the file into a new bank, and returns the export and the copy's questions. */
  const roundTrip = async (b: { id: number; code: string }, ext: 'xlsx' | 'txt') => {
    const res = await t
      .http()
      .get(`/api/question-banks/${b.id}/export.${ext}`)
      .set(bearer(trainer))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const copy = await newBank(`复制（${ext}） ${b.code}`);
    const imported = await upload(res.body as Buffer, `${b.code}.${ext}`, {
      bankId: copy.id,
      dryRun: 'false',
      approve: 'true',
    }).expect(200);
    expect({ code: b.code, errors: imported.body.errors, skipped: imported.body.skipped }).toEqual({
      code: b.code,
      errors: [],
      skipped: [],
    });
    return { res, imported, copied: await questionsOf(copy.id) };
  };

  it('exports each seeded written bank as xlsx and re-imports it to the same questions', async () => {
    for (const b of await writtenBanks()) {
      const { copied } = await roundTrip(b, 'xlsx');
      expect(copied.map(content)).toEqual((await questionsOf(b.id)).map(content));
    }
  });

  it('exports each seeded written bank as numbered text and re-imports it to the same questions', async () => {
    // The text format groups questions by type: 简答题 first, then 案例分析题.
    const ORDER = ['single', 'multiple', 'true-false', 'fill-blank', 'short-answer', 'case'];
    const byType = (qs: Question[]) =>
      ORDER.flatMap((type) => qs.filter((q) => q.type === type)).map(content);
    for (const b of await writtenBanks()) {
      const { res, imported, copied } = await roundTrip(b, 'txt');
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${b.code}.txt`);
      expect((res.body as Buffer).toString('utf8')).toMatch(/^一、简答题\n1\. /);
      expect(imported.body.format).toBe('txt');
      expect(copied.map(content)).toEqual(byType(await questionsOf(b.id)));
    }
  });

  it('answers a text export of a bank that is not there with 404, and of an id that is not one with 400', async () => {
    const missing = await t
      .http()
      .get('/api/question-banks/987654/export.txt')
      .set(bearer(trainer))
      .expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, message: expect.any(String) });
    const odd = await t.http().get('/api/question-banks/abc/export.txt').set(bearer(trainer)).expect(400);
    expect(odd.body).toMatchObject({ statusCode: 400, message: expect.any(String) });
  });

  it('refuses with 422 naming the question, never a wrong file, when a question cannot be written as text', async () => {
    const bank = await newBank('无法导出文本');
    const csv = [
      '题型,题干,选项A,选项B,答案',
      '单选题,试卷上写着“答案：B”，这一做法（ ）。,正确,错误,B',
    ].join('\n');
    await upload(Buffer.from(csv, 'utf8'), '无法导出.csv', {
      bankId: bank.id,
      dryRun: 'false',
      approve: 'true',
    }).expect(200);
    const [q] = await questionsOf(bank.id);
    const res = await t
      .http()
      .get(`/api/question-banks/${bank.id}/export.txt`)
      .set(bearer(trainer))
      .expect(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: expect.stringContaining(`题目ID ${q.id}`),
    });
    expect(res.body.message).toContain('单选题“试卷上写着“答案：B”，这一做法（ ）。”无法写成文本格式');
  });
});
