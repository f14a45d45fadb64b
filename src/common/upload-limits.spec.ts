import { Workbook } from 'exceljs';
import { csvGrid, SheetXmlGrid, uploadLimitProblem, xlsxGrid } from './upload-limits';

async function xlsx(rows: number, columns: number, lastColumn?: number): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('表');
  for (let r = 1; r <= rows; r++)
    for (let c = 1; c <= columns; c++) ws.getCell(r, c).value = `第${r}行${c}列`;
  if (lastColumn) ws.getCell(1, lastColumn).value = '远处的一格';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('upload limits', () => {
  it('reads rows and the widest row of worksheet XML fed in pieces, tags split anywhere', () => {
    const xml =
      '<worksheet><cols><col min="1" max="3"/></cols><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>' +
      '<row r="2"><c r="AB2"><v>2</v></c></row>' +
      '<row r="3"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>' +
      '</sheetData></worksheet>';
    for (const size of [1, 2, 3, 7, 1000]) {
      const sut = new SheetXmlGrid();
      for (let i = 0; i < xml.length; i += size) sut.feed(xml.slice(i, i + size));
      expect({ size, rows: sut.rows, columns: sut.columns }).toEqual({ size, rows: 3, columns: 28 });
    }
  });

  it('measures an .xlsx without opening it, including a sheet made wide by one far cell', async () => {
    expect(await xlsxGrid(await xlsx(30, 4))).toEqual({ rows: 30, columns: 4 });
    expect(await xlsxGrid(await xlsx(3, 2, 500))).toEqual({ rows: 3, columns: 500 });
  });

  it('measures CSV text, quoted delimiters and line breaks not counted', () => {
    expect(csvGrid('a,b,c\r\n1,"x,\ny",3\n4\n')).toEqual({ rows: 3, columns: 3 });
    expect(csvGrid('a;b\n1;2')).toEqual({ rows: 2, columns: 2 });
    expect(csvGrid('')).toEqual({ rows: 0, columns: 0 });
  });

  it('refuses a grid over the limit, naming rows × columns and the limit', async () => {
    const limits = { maxCells: 100, maxUnpackedBytes: 10 * 1024 * 1024 };
    expect(await uploadLimitProblem('a.xlsx', await xlsx(10, 10), limits)).toBeUndefined();
    expect(await uploadLimitProblem('a.xlsx', await xlsx(11, 10), limits)).toBe(
      '表格过大：至少 11 行 × 10 列（110 个单元格），超过上限 100 个单元格（行数 × 列数），请拆分后分批导入',
    );
    expect(await uploadLimitProblem('a.xlsx', await xlsx(2, 2, 60), limits)).toMatch(/2 行 × 60 列/);
    const csv = Buffer.from(Array.from({ length: 21 }, () => '1,2,3,4,5').join('\n'));
    expect(await uploadLimitProblem('a.csv', csv, limits)).toMatch(
      /^表格过大：共 21 行 × 5 列（105 个单元格）/,
    );
  });

  it('refuses an archive that unpacks past the limit, naming both sizes', async () => {
    const file = await xlsx(200, 10);
    const problem = await uploadLimitProblem('a.xlsx', file, { maxCells: 1e6, maxUnpackedBytes: 20_000 });
    expect(problem).toMatch(/^文件解压后为 \d+ KB，超过上限 20 KB，/);
    expect(await uploadLimitProblem('a.docx', file, { maxCells: 1e6, maxUnpackedBytes: 20_000 })).toBe(
      problem,
    );
  });

  it('leaves files that are not what their extension says to the parsers', async () => {
    expect(await uploadLimitProblem('a.xlsx', Buffer.from('not a zip'))).toBeUndefined();
    expect(await uploadLimitProblem('a.txt', Buffer.from('x'))).toBeUndefined();
  });
});
