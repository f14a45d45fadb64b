import fc from 'fast-check';
import { looksLikeFormula, neutraliseCell, restoreCell } from './formula-guard';

describe('neutraliseCell', () => {
  it.each([
    '=HYPERLINK("http://evil.example","点我")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '@SUM(1+1)*cmd|"/C calc"!A0',
    '\t=1+1',
    '\r=1+1',
  ])('prefixes %j with a single quote', (text) => {
    expect(neutraliseCell(text)).toBe(`'${text}`);
  });

  it('leaves safe text, numbers (negative ones too), dates, null and empty text alone', () => {
    for (const v of ['王学员', '优抚褒扬科', 'XZZF-2026-00001', '2026-06-30', "'quoted", '', ' =x', 'a=b'])
      expect(neutraliseCell(v)).toBe(v);
    for (const v of [-5, -0.25, 0, 42]) expect(neutraliseCell(v)).toBe(v);
    const d = new Date('2026-06-30T00:00:00Z');
    expect(neutraliseCell(d)).toBe(d);
    expect(neutraliseCell(null)).toBeNull();
  });

  it('never leaves text a spreadsheet would run, and restoreCell gives the text back (property)', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(
            fc.constantFrom('', "'", "''"),
            fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', 'a'),
            fc.string(),
          )
          .map((parts) => parts.join('')),
        (text) => {
          const cell = neutraliseCell(text) as string;
          expect(looksLikeFormula(cell)).toBe(false);
          expect(restoreCell(cell)).toBe(text);
        },
      ),
    );
  });

  it('restoreCell removes only the prefix it added', () => {
    expect(restoreCell("'=1+1")).toBe('=1+1');
    expect(restoreCell("'quoted")).toBe("'quoted");
    expect(neutraliseCell("'=1")).toBe("''=1");
    expect(restoreCell("''=1")).toBe("'=1");
    expect(restoreCell('=1+1')).toBe('=1+1');
  });
});
