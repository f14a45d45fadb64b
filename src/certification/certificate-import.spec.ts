import { validateCertificateImport } from './certificate-import';

const sheet = (rows: Record<string, string>[]) => ({
  headers: ['工号', '证书编号', '发证日期', '有效期至', '证书类型'],
  columns: { 工号: 'A', 证书编号: 'B', 发证日期: 'C', 有效期至: 'D', 证书类型: 'E' } as Record<
    string,
    string
  >,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
});
const lookup = {
  holder: (n: string) =>
    n === 'S1'
      ? { id: 1, name: '张三' }
      : n === 'S2'
        ? ('out-of-scope' as const)
        : n === 'ME'
          ? ('self' as const)
          : ('missing' as const),
  numberHolder: (n: string) => (n === 'OLD' ? 1 : n === 'TAKEN' ? 2 : undefined),
  validityYears: 5,
  today: '2026-06-01',
};

describe('certificate import validation', () => {
  it('accepts a good row with the default validity and counts a re-import as unchanged', () => {
    const sut = validateCertificateImport(
      sheet([
        { 工号: 'S1', 证书编号: 'N1', 发证日期: '2024-05-01', 有效期至: '', 证书类型: '' },
        { 工号: 'S1', 证书编号: 'OLD', 发证日期: '2024-05-01', 有效期至: '', 证书类型: '执法证' },
      ]),
      lookup,
    );
    expect(sut.errors).toEqual([]);
    expect(sut.rows).toEqual([
      expect.objectContaining({ number: 'N1', kind: 'enforcement', expiresOn: '2029-04-30' }),
    ]);
    expect(sut.unchanged).toBe(1);
  });
  it('reports row, column and field in Chinese', () => {
    const sut = validateCertificateImport(
      sheet([
        { 工号: 'S2', 证书编号: 'N2', 发证日期: '2024-05-01', 有效期至: '', 证书类型: '' },
        { 工号: 'S1', 证书编号: 'TAKEN', 发证日期: '2027-01-01', 有效期至: '2020-01-01', 证书类型: '驾照' },
      ]),
      lookup,
    );
    expect(sut.rows).toEqual([]);
    expect(sut.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [2, 'A', '工号'],
      [3, 'B', '证书编号'],
      [3, 'E', '证书类型'],
      [3, 'C', '发证日期'],
      [3, 'D', '有效期至'],
    ]);
    expect(sut.errors[0].message).toContain('管辖范围');
  });

  it('refuses a row for the importing person themselves', () => {
    const sut = validateCertificateImport(
      sheet([{ 工号: 'ME', 证书编号: 'N9', 发证日期: '2024-05-01', 有效期至: '', 证书类型: '' }]),
      lookup,
    );
    expect(sut.rows).toEqual([]);
    expect(sut.errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: '工号',
        message: expect.stringContaining('不能为本人登记证书'),
      }),
    ]);
  });
});
