import { articleLabel, parseChineseNumber, toChineseNumber } from './chinese-numerals';

describe('chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十二', 22],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一千二百六十', 1260],
    ['一千零一', 1001],
    ['22', 22],
    ['２２', 22],
  ])('parses %s as %d', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
  });

  it.each(['', '条', '二三', '十百', 'abc'])('rejects %j', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });

  it('round-trips 1…1300', () => {
    for (let n = 1; n <= 1300; n++) expect(parseChineseNumber(toChineseNumber(n))).toBe(n);
  });

  it('writes article labels', () => {
    expect(articleLabel(22)).toBe('第二十二条');
    expect(articleLabel(105, 2)).toBe('第一百零五条第二款');
    expect(articleLabel(10)).toBe('第十条');
  });
});
