import { columnLetter, decodeText, parseCsv, readSheet, toCsv, toXlsx } from './sheet';

describe('sheet reading', () => {
  it('parses RFC 4180 CSV', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\n"multi\nline",z')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\nline', 'z'],
    ]);
  });

  it('names columns like Excel', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('decodes GBK text', () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]); // 姓名
    expect(decodeText(gbk)).toEqual({ text: '姓名', encoding: 'gb18030' });
    expect(decodeText(Buffer.from('\ufeff姓名', 'utf8'))).toEqual({ text: '姓名', encoding: 'utf-8' });
    expect(decodeText(Buffer.from([0x41, 0x00, 0x42]))).toHaveProperty('error');
  });

  it('reads CSV and XLSX into the same header-keyed rows, skipping blank rows', async () => {
    const headers = ['姓名', '工号'];
    const rows = [
      ['张三', 'S001'],
      ['', ''],
      ['李四', 'S002'],
    ];
    const fromCsv = await readSheet('r.csv', toCsv(headers, rows));
    const fromXlsx = await readSheet('r.xlsx', await toXlsx('花名册', headers, rows));
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
    expect(fromCsv).toEqual(expected);
    expect(fromXlsx).toEqual(expected);
  });

  it('refuses a corrupt xlsx and an unknown extension with a message', async () => {
    await expect(readSheet('bad.xlsx', Buffer.from('not a zip'))).resolves.toEqual({
      ok: false,
      message: '无法读取 .xlsx 文件：文件已损坏或不是 Excel 工作簿',
    });
    await expect(readSheet('x.pdf', Buffer.from(''))).resolves.toMatchObject({ ok: false });
  });
});
