import fc from 'fast-check';
import { csvToSheet, detectDelimiter, parseCsv, writeCsv } from './csv';

const sut = parseCsv;

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields and CRLF rows', () => {
    expect(sut('题型,题干,答案\r\n单选,甲,B\r\n')).toEqual({
      rows: [
        ['题型', '题干', '答案'],
        ['单选', '甲', 'B'],
      ],
    });
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(sut('a,"b,c","他说""对""","多\r\n行"\n')).toEqual({
      rows: [['a', 'b,c', '他说"对"', '多\r\n行']],
    });
  });

  it('keeps empty fields and empty lines', () => {
    expect(sut(',,\n\nx')).toEqual({ rows: [['', '', ''], [''], ['x']] });
  });

  it('accepts LF and lone CR line ends and a missing final line end', () => {
    expect(sut('a\rb\nc')).toEqual({ rows: [['a'], ['b'], ['c']] });
  });

  it('keeps a quote in the middle of a field literally', () => {
    expect(sut('5"寸,x')).toEqual({ rows: [['5"寸', 'x']] });
  });

  it('reports a quote that never closes with the row it opened on', () => {
    expect(sut('a,b\nc,"d\ne,f\n')).toEqual({
      rows: [
        ['a', 'b'],
        ['c', 'd\ne,f\n'],
      ],
      unclosedQuoteRow: 2,
    });
  });

  it('detects semicolon and tab delimited files by their first line', () => {
    expect(detectDelimiter('题型;题干;答案\n单选;a,b;B')).toBe(';');
    expect(detectDelimiter('题型\t题干\t答案')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(csvToSheet('题型;题干\n单选;甲,乙').rows).toEqual([
      ['题型', '题干'],
      ['单选', '甲,乙'],
    ]);
  });

  it('reads back what writeCsv writes', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '甲', ',', '"', '\n', '\r', ' ', ';', '\t') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          expect(sut(writeCsv(rows), ',')).toEqual({ rows });
        },
      ),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void sut(s)));
  });
});
