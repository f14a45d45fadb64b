import { Workbook } from 'exceljs';
import {
  cellText,
  columnLetter,
  columnWidths,
  displayWidth,
  readKeyedSheet,
  toCsv,
  toReportXlsx,
  toXlsx,
} from './sheet';

describe('sheet reading', () => {
  it('names columns like Excel', () => {
    expect([0, 25, 26, 51, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('reads CSV and XLSX into the same header-keyed rows, skipping blank rows', async () => {
    const headers = ['姓名', '工号'];
    const rows = [
      ['张三', 'S001'],
      ['', ''],
      ['李四', 'S002'],
    ];
    const expected = {
      ok: true,
      sheet: {
        headers,
        columns: { 姓名: 'A', 工号: 'B' },
        rows: [
          { row: 2, cells: { 姓名: '张三', 工号: 'S001' } },
          { row: 4, cells: { 姓名: '李四', 工号: 'S002' } },
        ],
      },
    };
    await expect(readKeyedSheet('r.csv', toCsv(headers, rows))).resolves.toEqual(expected);
    await expect(readKeyedSheet('r.xlsx', await toXlsx('花名册', headers, rows))).resolves.toEqual(expected);
  });

  it('reads a GBK CSV (as Excel saves it on Chinese Windows)', async () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd]); // 姓名\r\n张三
    await expect(readKeyedSheet('r.csv', gbk)).resolves.toMatchObject({
      ok: true,
      sheet: { rows: [{ row: 2, cells: { 姓名: '张三' } }] },
    });
  });

  it('refuses a corrupt xlsx, binary CSV and an unknown extension with a message', async () => {
    const bad = await readKeyedSheet('bad.xlsx', Buffer.from('not a zip'));
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/Excel|xlsx/) });
    await expect(readKeyedSheet('r.csv', Buffer.from([0x41, 0x00, 0x42]))).resolves.toMatchObject({
      ok: false,
    });
    await expect(readKeyedSheet('x.pdf', Buffer.from(''))).resolves.toMatchObject({ ok: false });
  });
});

describe('cellText', () => {
  it.each<[unknown, string]>([
    [null, ''],
    ['文本', '文本'],
    [3, '3'],
    [0.1 + 0.2, '0.3'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2021, 0, 1)), '2021-01-01'],
    [new Date(Date.UTC(2021, 0, 1, 8, 30)), '2021-01-01 08:30:00'],
    [{ richText: [{ text: '退役' }, { text: '军人' }] }, '退役军人'],
    [{ formula: 'A1&B1', result: '结果' }, '结果'],
    [{ sharedFormula: 'A1', result: 2 }, '2'],
    [{ formula: 'X()', result: { error: '#NAME?' } }, '#NAME?'],
    [{ text: '链接', hyperlink: 'https://example.com' }, '链接'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%p → %s', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('downloads and formula injection', () => {
  const headers = ['姓名', '单位', '差额'];
  const rows = [
    ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", -5],
    ['@SUM(1+1)', '\t=1+1', -0.25],
    ['王学员', '优抚褒扬科', 3],
  ];

  it('quotes formula text in a CSV and leaves numbers, negative ones included, as they are', () => {
    const lines = toCsv(headers, rows)
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""点我"")",'+cmd|' /C calc'!A0,-5`);
    expect(lines[2]).toMatch(/^'@SUM\(1\+1\),"?'\t=1\+1"?,-0\.25$/);
    expect(lines[3]).toBe('王学员,优抚褒扬科,3');
  });

  it('quotes formula text in an XLSX, keeps negative numbers numeric, and reads its own file back unchanged', async () => {
    const wb = new Workbook();
    await wb.xlsx.load((await toXlsx('表', headers, rows)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(ws.getCell('B2').value).toBe("'+cmd|' /C calc'!A0");
    expect(ws.getCell('A3').value).toBe("'@SUM(1+1)");
    expect(ws.getCell('C2').value).toBe(-5);
    expect(ws.getCell('C3').value).toBe(-0.25);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
    const back = await readKeyedSheet('r.xlsx', await toXlsx('表', headers, rows));
    expect(back.ok && back.sheet.rows.map((r) => r.cells['姓名'])).toEqual([
      '=HYPERLINK("http://evil.example","点我")',
      '@SUM(1+1)',
      '王学员',
    ]);
  });
});

describe('report workbooks', () => {
  it('counts a Chinese character as two columns', () => {
    expect(displayWidth('持证率')).toBe(6);
    expect(displayWidth('0.7308')).toBe(6);
    expect(displayWidth('区退役军人服务中心（站）')).toBe(24);
  });

  it('fits each column to its widest entry as shown, within bounds', () => {
    const sut = columnWidths(
      ['名称', '持证率', '有效期至', '备注'],
      [
        ['区退役军人事务局 / 优抚褒扬科', 0.73081234, '2026-06-30', 'x'.repeat(200)],
        ['本级', null, '', ''],
      ],
      ['text', 'percent', 'date', 'text'],
    );
    expect(sut).toEqual([31, 8, 12, 60]);
  });

  it('writes a title row, the scope row, a frozen header, percent and date formats', async () => {
    const body = await toReportXlsx({
      sheetName: '持证率',
      title: '持证率（截至2026-06-30）',
      subtitle: '统计范围：区退役军人事务局　截至：2026-06-30',
      headers: ['名称', '持证率', '有效期至'],
      rows: [['=HYPERLINK("x")', 0.5, '2026-06-30']],
      formats: ['text', 'percent', 'date'],
    });
    const wb = new Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('持证率（截至2026-06-30）');
    expect(String(ws.getCell('A2').value)).toContain('区退役军人事务局');
    expect(ws.getRow(3).values).toEqual([undefined, '名称', '持证率', '有效期至']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getCell('A4').value).toBe('\'=HYPERLINK("x")');
    expect(ws.getCell('B4').value).toBe(0.5);
    expect(ws.getCell('B4').numFmt).toBe('0.0%');
    expect(ws.getCell('C4').value).toEqual(new Date('2026-06-30T00:00:00.000Z'));
    expect(ws.getCell('C4').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getColumn(1).width).toBe(18);
  });
});
