/**
 * Uploads are parsed in a worker thread within limits on a spreadsheet's grid (rows × columns) and on what an
 * .xlsx/.docx unpacks to: a file over a limit is a 413 naming the limit, in the one error shape, for every import
 * route, and nothing is written. The limits are set small here (IMPORT_MAX_CELLS, IMPORT_MAX_UNPACKED_MB).
 */
import { Workbook } from 'exceljs';
import { toCsv } from '../src/common/sheet';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

const ROSTER = ['姓名', '工号', '单位', '岗位', '是否公务员', '是否执法岗位', '业务条线', '角色', '是否领导'];

async function xlsx(
  headers: string[],
  rows: number,
  cell: (r: number, c: number) => string,
): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (let r = 0; r < rows; r++) ws.addRow(headers.map((_, c) => cell(r, c)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const rosterCell = (r: number, c: number) =>
  [`人员${r}`, `L${String(r).padStart(4, '0')}`, '优抚褒扬科', '科员', '否', '否', '优抚褒扬', '学员', '否'][
    c
  ];

describe('upload limits, enforced in the worker before parsing', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;

  beforeAll(async () => {
    t = await bootTestApp({ IMPORT_MAX_CELLS: '1000', IMPORT_MAX_UNPACKED_MB: '1' });
    admin = await t.token('admin');
    trainer = await t.token('trainer');
  });
  afterAll(async () => t.close());

  const expect413 = (
    body: { statusCode: number; error: string; message: string; details: unknown[] },
    what: RegExp,
  ) => {
    expect(body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(body.message).toMatch(what);
    expect(body.details).toEqual([
      expect.objectContaining({ field: 'file', message: expect.stringMatching(what) }),
    ]);
  };

  it('a roster over rows × columns is refused with 413 naming both, and nothing is written', async () => {
    const file = await xlsx(ROSTER, 111, rosterCell); // 112 rows × 9 columns
    const res = await t
      .http()
      .post('/api/roster/import?dryRun=false&mode=valid')
      .set(bearer(admin))
      .attach('file', file, '花名册.xlsx')
      .expect(413);
    expect413(res.body, /表格过大：(至少|共) 112 行 × 9 列（1,008 个单元格），超过上限 1,000 个单元格/);
    expect(res.body.message).toMatch(/^花名册\.xlsx：/);
    const users = await t.http().get('/api/users?q=L00').set(bearer(admin)).expect(200);
    expect(users.body.total).toBe(0);
  });

  it('a roster within the limits is parsed (in the worker) as before', async () => {
    const file = await xlsx(ROSTER, 50, rosterCell); // 51 × 9
    const res = await t
      .http()
      .post('/api/roster/import')
      .set(bearer(admin))
      .attach('file', file, '花名册.xlsx');
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 201,
      body: { dryRun: true, rows: 50, created: 50 },
    });
  });

  it('a sheet made wide by one far cell counts as its whole grid', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(ROSTER);
    ws.addRow(ROSTER.map((_, c) => rosterCell(1, c)));
    ws.getCell(3, 600).value = '远处';
    const res = await t
      .http()
      .post('/api/roster/import')
      .set(bearer(admin))
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), '花名册.xlsx')
      .expect(413);
    expect413(res.body, /3 行 × 600 列/);
  });

  it('a certificate register CSV over the limit: 413', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [
      `S${i}`,
      '某某',
      `N-${i}`,
      '培训合格证',
      '2026-01-01',
      '',
      '',
    ]);
    const res = await t
      .http()
      .post('/api/certificates/import')
      .set(bearer(admin))
      .attach(
        'file',
        toCsv(['工号', '姓名', '证书编号', '证书类型', '发证日期', '有效期至', '发证机关'], rows),
        '证书.csv',
      )
      .expect(413);
    expect413(res.body, /共 201 行 × 7 列/);
  });

  it('a question bank over the limit: 413; within it, parsed as before', async () => {
    const headers = ['题型', '题干', '选项A', '选项B', '答案', '法规', '条款'];
    const row = (r: number, c: number) =>
      [
        '判断',
        `限额测试第${r}题：退役军人保障法自2021年1月1日起施行。`,
        '',
        '',
        '对',
        '退役军人保障法',
        '第八十五条',
      ][c];
    const big = await xlsx(headers, 150, row); // 151 × 7
    const res = await t
      .http()
      .post('/api/question-banks/import?bankId=1')
      .set(bearer(trainer))
      .attach('file', big, '题库.xlsx')
      .expect(413);
    expect413(res.body, /151 行 × 7 列/);
    const small = await xlsx(headers, 20, row);
    const ok = await t
      .http()
      .post('/api/question-banks/import?bankId=1')
      .set(bearer(trainer))
      .attach('file', small, '题库.xlsx')
      .expect(200);
    expect(ok.body).toMatchObject({ dryRun: true, questions: 20 });
  });

  it('reports an upload’s progress to the person who sent it, done or failed once answered', async () => {
    const headers = ['题型', '题干', '选项A', '选项B', '答案', '法规', '条款'];
    const row = (r: number, c: number) =>
      [
        '判断',
        `进度测试第${r}题：退役军人保障法自2021年1月1日起施行。`,
        '',
        '',
        '对',
        '退役军人保障法',
        '第八十五条',
      ][c];
    const progress = (id: string, token: string) =>
      t.http().get(`/api/imports/progress/${id}`).set(bearer(token));
    expect((await progress('progress-e2e-1', trainer).expect(404)).body.message).toContain(
      '没有这个上传的进度',
    );
    await t
      .http()
      .post('/api/question-banks/import?bankId=1&progressId=progress-e2e-1')
      .set(bearer(trainer))
      .attach('file', await xlsx(headers, 20, row), '题库.xlsx')
      .expect(200);
    const done = await progress('progress-e2e-1', trainer).expect(200);
    expect(done.body).toMatchObject({ stage: 'done', status: 200, label: '处理完成' });
    await progress('progress-e2e-1', admin).expect(404); // nobody reads another's
    // A refused file: failed, with its status; the id may also come as a form field.
    await t
      .http()
      .post('/api/roster/import?dryRun=false')
      .set(bearer(admin))
      .field('progressId', 'progress-e2e-2')
      .attach('file', await xlsx(ROSTER, 111, rosterCell), '花名册.xlsx')
      .expect(413);
    expect((await progress('progress-e2e-2', admin).expect(200)).body).toMatchObject({
      stage: 'failed',
      status: 413,
    });
  });

  it('a document that unpacks past the limit: 413 naming both sizes (law text upload)', async () => {
    const filler = '第一条　退役军人保障法。'.repeat(3000);
    const bloated = await xlsx(['正文'], 20, (r) => `${r}${filler}`); // a small grid, 2 MB of text
    const res = await t
      .http()
      .post('/api/regulations/veterans-protection-law/versions')
      .set(bearer(trainer))
      .field('label', '测试版本')
      .attach('file', bloated, '条文.docx');
    expect(res.status).toBe(413);
    expect413(res.body, /文件解压后为 [\d.]+ MB，超过上限 1 MB/);
  });
});
