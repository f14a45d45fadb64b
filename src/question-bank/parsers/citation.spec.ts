import fc from 'fast-check';
import { citationFromParts, formatCitation, parseArticleRef, parseCitation } from './citation';

describe('parseCitation', () => {
  const sut = parseCitation;

  it.each([
    [
      '《中华人民共和国退役军人保障法》第二十二条',
      { regulation: '中华人民共和国退役军人保障法', article: 22 },
    ],
    ['《退役军人保障法》第22条第二款', { regulation: '退役军人保障法', article: 22, paragraph: 2 }],
    ['退役军人保障法 第二十二条', { regulation: '退役军人保障法', article: 22 }],
    ['退役军人保障法第八十五条', { regulation: '退役军人保障法', article: 85 }],
    ['《退役军人保障法》第八十五条规定。', { regulation: '退役军人保障法', article: 85 }],
    ['《 军人抚恤优待条例 》 第一百零五条', { regulation: '军人抚恤优待条例', article: 105 }],
    ['《烈士褒扬条例》第十条第一款第（二）项', { regulation: '烈士褒扬条例', article: 10, paragraph: 1 }],
    ['veterans-protection-law 第２２条', { regulation: 'veterans-protection-law', article: 22 }],
  ])('%s', (text, citation) => {
    expect(sut(text)).toEqual({ ok: true, citation });
  });

  it.each([
    ['第二十二条', 'regulation', '缺少法规名称'],
    ['《退役军人保障法第二十二条', 'regulation', '书名号“《”没有闭合：“《退役军人保障法第二十二条”'],
    ['《退役军人保障法》第零条', 'article', '无法识别条款“第零条”，应写成“第二十二条”或“22”'],
    ['《宪法》序言', 'article', '无法识别条款“序言”，应写成“第二十二条”或“22”'],
    ['', 'regulation', '法规为空'],
  ])('rejects %s', (text, field, message) => {
    expect(sut(text)).toEqual({ ok: false, field, message });
  });

  it.each(['《退役军人保障法》', '退役军人保障法', '《退役军人保障法》。'])(
    'takes %s for the whole document, with a warning',
    (text) => {
      expect(sut(text)).toEqual({
        ok: true,
        citation: { regulation: '退役军人保障法' },
        warning:
          '法规“退役军人保障法”没有写条款，将按引用整部法规导入；建议写明条号，如“《退役军人保障法》第二十二条”',
      });
    },
  );

  it('refuses a document without an article where one is required', () => {
    expect(sut('《退役军人保障法》', { requireArticle: true })).toEqual({
      ok: false,
      field: 'article',
      message: '缺少条号，如“《退役军人保障法》第二十二条”',
    });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void sut(s)));
  });

  it('reads back what formatCitation writes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('退役军人保障法', '中华人民共和国英雄烈士保护法', '军人抚恤优待条例'),
        fc.integer({ min: 1, max: 9999 }),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        (regulation, article, paragraph) => {
          const citation =
            paragraph === undefined ? { regulation, article } : { regulation, article, paragraph };
          expect(sut(formatCitation(citation))).toEqual({ ok: true, citation });
          expect(sut(formatCitation({ regulation }))).toMatchObject({ ok: true, citation: { regulation } });
        },
      ),
    );
  });
});

describe('parseArticleRef', () => {
  it.each([
    ['第二十二条', { article: 22 }],
    ['22', { article: 22 }],
    ['22条', { article: 22 }],
    ['第二十二条第二款', { article: 22, paragraph: 2 }],
    ['第22条第2款', { article: 22, paragraph: 2 }],
    ['二十二', { article: 22 }],
  ])('%s', (text, ref) => {
    expect(parseArticleRef(text)).toEqual(ref);
  });

  it.each(['第二十二款', 'abc', '第条', '0', '二三'])('rejects %s', (text) => {
    expect(parseArticleRef(text)).toBeUndefined();
  });
});

describe('citationFromParts (法规 + 条款 cells)', () => {
  const sut = citationFromParts;

  it('gives nothing when both cells are empty', () => {
    expect(sut(' ', '')).toBeUndefined();
  });

  it('combines a regulation cell and an article cell', () => {
    expect(sut('《退役军人保障法》', '第二十二条第二款')).toEqual({
      ok: true,
      citation: { regulation: '退役军人保障法', article: 22, paragraph: 2 },
    });
    expect(sut('退役军人保障法', '22')).toEqual({
      ok: true,
      citation: { regulation: '退役军人保障法', article: 22 },
    });
  });

  it('accepts a whole citation in the regulation cell', () => {
    expect(sut('《退役军人保障法》第二十二条', '')).toEqual({
      ok: true,
      citation: { regulation: '退役军人保障法', article: 22 },
    });
  });

  it('names the cell that is wrong', () => {
    expect(sut('', '第二十二条')).toEqual({
      ok: false,
      field: 'regulation',
      message: '填写了条款，但缺少法规名称',
    });
    expect(sut('退役军人保障法', '第二十二')).toEqual({
      ok: true,
      citation: { regulation: '退役军人保障法', article: 22 },
    });
    expect(sut('退役军人保障法', '第二十二款')).toEqual({
      ok: false,
      field: 'article',
      message: '无法识别条款“第二十二款”，应写成“第二十二条”或“22”',
    });
  });
});
