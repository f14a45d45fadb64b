import type { DataSource } from 'typeorm';
import { TxService } from './tx.service';

const make = (type: string) => new TxService({ options: { type } } as unknown as DataSource);

describe('TxService.sql', () => {
  it('lays out $n placeholders as ? with the parameters in the order they appear, a $n used twice given twice', () => {
    const sut = make('better-sqlite3');
    expect(sut.sql('UPDATE t SET a = $2 WHERE id = $1 AND b < $2', [7, 'x'])).toEqual([
      'UPDATE t SET a = ? WHERE id = ? AND b < ?',
      ['x', 7, 'x'],
    ]);
  });

  it('gives each call its own parameters when the same text comes again (the layout is remembered)', () => {
    const sut = make('better-sqlite3');
    const text = 'SELECT * FROM t WHERE a = $1 AND b = $2';
    sut.sql(text, [1, 2]);
    expect(sut.sql(text, [3, 4])).toEqual(['SELECT * FROM t WHERE a = ? AND b = ?', [3, 4]]);
    expect(sut.sql(text, [5, null])).toEqual(['SELECT * FROM t WHERE a = ? AND b = ?', [5, null]]);
  });

  it('passes PostgreSQL text and parameters through unchanged', () => {
    const sut = make('postgres');
    const params = [1, 2];
    expect(sut.sql('SELECT $2, $1', params)).toEqual(['SELECT $2, $1', params]);
  });
});
