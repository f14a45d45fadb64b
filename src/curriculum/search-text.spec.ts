import {
  containsAll,
  ftsQuery,
  highlightSnippet,
  likePattern,
  searchTerms,
  trigramSearchable,
} from './search-text';

describe('search text', () => {
  it('splits a query into distinct terms, full-width spaces included', () => {
    expect(searchTerms('  退役军人　优待证  优待证 ')).toEqual(['退役军人', '优待证']);
    expect(searchTerms('')).toEqual([]);
  });

  it('uses the trigram index only when every term has three characters or more', () => {
    expect(trigramSearchable(['退役军人', '优待证'])).toBe(true);
    expect(trigramSearchable(['烈士'])).toBe(false);
    expect(trigramSearchable([])).toBe(false);
  });

  it('quotes FTS terms and escapes LIKE wildcards', () => {
    expect(ftsQuery(['优待证', 'a"b'])).toBe('"优待证" "a""b"');
    expect(likePattern('100%_\\')).toBe('%100\\%\\_\\\\%');
  });

  it('marks every match around the first one and escapes the rest', () => {
    const text = '安置地人民政府退役军人工作主管部门在接收退役军人时，向退役军人发放退役军人优待证。<script>';
    const sut = highlightSnippet(text, ['优待证'], 6);
    expect(sut).toBe('…发放退役军人<mark>优待证</mark>。&lt;scri…');
    expect(highlightSnippet('甲乙丙甲乙', ['甲乙'], 10)).toBe('<mark>甲乙</mark>丙<mark>甲乙</mark>');
  });

  it('merges overlapping matches of several terms and cuts long texts on both sides', () => {
    const text = '一二三四五六七八九十' + '退役军人优待证' + '一二三四五六七八九十';
    const sut = highlightSnippet(text, ['军人优待', '优待证'], 3);
    expect(sut).toBe('…十退役<mark>军人优待证</mark>一二三…');
  });

  it('matches case-insensitively and after NFKC (full-width digits), keeping the text as written', () => {
    expect(highlightSnippet('本法自２０２１年１月１日起施行。', ['2021年'], 2)).toBe(
      '…法自<mark>２０２１年</mark>１月…',
    );
    expect(containsAll('GB/T 标准', ['gb/t', '标准'])).toBe(true);
    expect(containsAll('甲乙', ['甲', '丙'])).toBe(false);
  });

  it('keeps Chinese punctuation full-width (no half-width conversion)', () => {
    expect(highlightSnippet('保障其生活，抚恤烈士家属；（一）优待。', ['抚恤'], 20)).toBe(
      '保障其生活，<mark>抚恤</mark>烈士家属；（一）优待。',
    );
    expect(highlightSnippet('退役军人ＡＢＣ，', ['abc'], 10)).toBe('退役军人<mark>ＡＢＣ</mark>，');
  });

  it('shows the start of a text without a match', () => {
    expect(highlightSnippet('甲乙丙丁', ['戊'], 1)).toBe('甲乙…');
  });
});
