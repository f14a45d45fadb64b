import { checkArticle, statedArticleTotal } from './article-check';

describe('statedArticleTotal', () => {
  it('reads the total a catalogue note states', () => {
    expect(statedArticleTotal('自2021年1月1日起施行；共十章八十五条。版本历史只列出…')).toBe(85);
    expect(statedArticleTotal('共七章七十一条。')).toBe(71);
    expect(statedArticleTotal('共一百零五条')).toBe(105);
    expect(statedArticleTotal('节选文本收录题库所引条文')).toBeNull();
    expect(statedArticleTotal(null)).toBeNull();
  });
});

describe('checkArticle', () => {
  const complete = {
    title: '行政处罚法',
    version: { excerpt: false, articleNumbers: Array.from({ length: 86 }, (_, i) => i + 1) },
    statedTotal: null,
  };
  const excerpt = {
    title: '退役军人保障法',
    version: { excerpt: true, articleNumbers: [1, 2, 3, 85] },
    statedTotal: 85,
  };

  it('accepts an article of a complete text and refuses one beyond it', () => {
    expect(checkArticle(complete, 86)).toEqual({ ok: true, note: null });
    expect(checkArticle(complete, 900)).toEqual({
      ok: false,
      message: '《行政处罚法》共86条，没有第900条，请核对条号',
    });
  });

  it('refuses 第九百条 of an 85-article law given as an excerpt, by the total the catalogue states', () => {
    expect(checkArticle(excerpt, 900)).toEqual({
      ok: false,
      message: '《退役军人保障法》共85条，没有第900条，请核对条号',
    });
    expect(checkArticle(excerpt, 86)).toMatchObject({ ok: false });
  });

  it('verifies an article in the excerpt, and accepts one outside it up to the total, saying it was not checked', () => {
    expect(checkArticle(excerpt, 85)).toEqual({ ok: true, note: null });
    expect(checkArticle(excerpt, 40)).toEqual({
      ok: true,
      note: '目录中《退役军人保障法》的条文为节选（收录 4 条），第40条不在节选中，第40条未与条文核对（未超过全文 85 条）',
    });
  });

  it('accepts any article of a document without text or stated total, saying so', () => {
    const sut = checkArticle({ title: '某办法', version: null, statedTotal: null }, 12);
    expect(sut).toEqual({ ok: true, note: '目录中没有《某办法》的条文，第12条未与条文核对' });
  });

  it('refuses a gap in a complete text', () => {
    const gap = { ...complete, version: { excerpt: false, articleNumbers: [1, 2, 4] } };
    expect(checkArticle(gap, 3)).toEqual({
      ok: false,
      message: '《行政处罚法》的条文中没有第3条，请核对条号',
    });
  });
});
