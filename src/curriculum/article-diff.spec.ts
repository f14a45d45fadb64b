import fc from 'fast-check';
import { articleLabel } from '../common/chinese-numerals';
import {
  affectedArticleNumbers,
  ArticleDiff,
  diffArticles,
  normaliseArticleText,
  textSimilarity,
} from './article-diff';
import { LawArticle, splitLawText } from './law-text';

function articles(...texts: string[]): LawArticle[] {
  return texts.map((text, i) => ({
    number: i + 1,
    label: articleLabel(i + 1),
    paragraphs: text.split('\n'),
    text,
  }));
}

const A = '为了加强退役军人保障工作，维护退役军人合法权益，让军人成为全社会尊崇的职业，根据宪法，制定本法。';
const B = '本法所称退役军人，是指从中国人民解放军依法退出现役的军官、军士和义务兵等人员。';
const C = '退役军人为国防和军队建设做出了重要贡献，是社会主义现代化建设的重要力量。';
const D = '退役军人报到期限，军官、军士为三十日，义务兵为十五日。';
const E = '本法自2021年1月1日起施行。';
const NEW = '国家建立参战退役军人特别优待机制，在教育、就业、住房等方面给予优先照顾。';

const EMPTY: ArticleDiff = { unchanged: [], changed: [], added: [], removed: [], renumbered: [] };

describe('diffArticles', () => {
  it('finds nothing to review between identical versions', () => {
    const v = articles(A, B, C, D, E);
    const sut = diffArticles(v, v);
    expect(sut).toEqual({ ...EMPTY, unchanged: [1, 2, 3, 4, 5] });
    expect(affectedArticleNumbers(sut)).toEqual([]);
  });

  it('ignores whitespace, line breaks and full-width/half-width differences', () => {
    const prev = articles(
      '本法自２０２１年１月１日起施行。',
      '退役军人应当遵守下列规定：\n（一）遵守宪法；\n（二）遵守法律。',
    );
    const next = articles(
      '本法自 2021年1月1日 起施行。',
      '退役军人应当遵守下列规定：（一）遵守宪法；　（二）遵守法律。',
    );
    expect(diffArticles(prev, next)).toEqual({ ...EMPTY, unchanged: [1, 2] });
  });

  it('reports an amended article under the same number as changed', () => {
    const prev = articles(A, B, D);
    const next = articles(A, B, '退役军人报到期限，军官、军士为三十日，义务兵为二十日。');
    const sut = diffArticles(prev, next);
    expect(sut).toEqual({ ...EMPTY, unchanged: [1, 2], changed: [{ number: 3, previousNumber: 3 }] });
    expect(affectedArticleNumbers(sut)).toEqual([3]);
  });

  it('reports an article added at the start as added, and all the others as renumbered', () => {
    const sut = diffArticles(articles(A, B, C), articles(NEW, A, B, C));
    expect(sut).toEqual({
      ...EMPTY,
      added: [1],
      renumbered: [
        { from: 1, to: 2 },
        { from: 2, to: 3 },
        { from: 3, to: 4 },
      ],
    });
    // the texts are unchanged, but every citation of the old numbers is stale
    expect(affectedArticleNumbers(sut)).toEqual([1, 2, 3]);
  });

  it('reports a removed article, and the articles after it as renumbered', () => {
    const sut = diffArticles(articles(A, B, C, E), articles(A, C, E));
    expect(sut).toEqual({
      ...EMPTY,
      unchanged: [1],
      removed: [2],
      renumbered: [
        { from: 3, to: 2 },
        { from: 4, to: 3 },
      ],
    });
    expect(affectedArticleNumbers(sut)).toEqual([2, 3, 4]);
  });

  it('reports an amended article that also moved as changed with its previous number', () => {
    const amended = '退役军人报到期限，军官、军士为三十日，义务兵为十五日；特殊情况可以延长。';
    const sut = diffArticles(articles(A, B, D, E), articles(NEW, A, B, amended, E));
    expect(sut).toEqual({
      ...EMPTY,
      added: [1],
      changed: [{ number: 4, previousNumber: 3 }],
      renumbered: [
        { from: 1, to: 2 },
        { from: 2, to: 3 },
        { from: 4, to: 5 },
      ],
    });
    expect(affectedArticleNumbers(sut)).toEqual([1, 2, 3, 4]);
  });

  it('treats a rewritten article under the same number as removed + added, not changed', () => {
    const sut = diffArticles(articles(A, B), articles(A, NEW));
    expect(sut).toEqual({ ...EMPTY, unchanged: [1], added: [2], removed: [2] });
  });

  it('pairs repeated identical texts in order when the numbers shifted', () => {
    const prev = articles('删除。', B, '删除。', C);
    const next = articles(NEW, '删除。', B, '删除。', C);
    const sut = diffArticles(prev, next);
    expect(sut.renumbered).toEqual([
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 4 },
      { from: 4, to: 5 },
    ]);
    expect(sut.added).toEqual([1]);
  });

  it('works on texts split by splitLawText', () => {
    const v1 = splitLawText('第一章 总则\n第一条　' + A + '\n第二条　' + B + '\n第二章 附则\n第三条　' + E);
    const v2 = splitLawText(
      '第一章 总则\n第一条　' + A + '\n第二条　' + NEW + '\n第三条　' + B + '\n第二章 附则\n第四条　' + E,
    );
    if (!v1.ok || !v2.ok) throw new Error('split failed');
    expect(affectedArticleNumbers(diffArticles(v1.articles, v2.articles))).toEqual([2, 3]);
  });

  describe('properties', () => {
    const text = fc
      .array(fc.constantFrom(...'退役军人保障工作维护合法权益国家社会法本条例规定应当依照'), {
        minLength: 1,
        maxLength: 40,
      })
      .map((cs) => cs.join(''));

    it('accounts for every article of both versions exactly once', () => {
      fc.assert(
        fc.property(fc.array(text, { maxLength: 12 }), fc.array(text, { maxLength: 12 }), (p, n) => {
          const sut = diffArticles(articles(...p), articles(...n));
          const nextSide = [
            ...sut.unchanged,
            ...sut.changed.map((c) => c.number),
            ...sut.added,
            ...sut.renumbered.map((r) => r.to),
          ].sort((x, y) => x - y);
          const prevSide = [
            ...sut.unchanged,
            ...sut.changed.map((c) => c.previousNumber),
            ...sut.removed,
            ...sut.renumbered.map((r) => r.from),
          ].sort((x, y) => x - y);
          expect(nextSide).toEqual(n.map((_, i) => i + 1));
          expect(prevSide).toEqual(p.map((_, i) => i + 1));
          for (const r of sut.renumbered) expect(r.from).not.toBe(r.to);
        }),
      );
    });

    it('finds nothing to review when only whitespace changed', () => {
      fc.assert(
        fc.property(fc.array(text, { maxLength: 12 }), (p) => {
          const spaced = p.map((t) => [...t].join(' '));
          expect(affectedArticleNumbers(diffArticles(articles(...p), articles(...spaced)))).toEqual([]);
        }),
      );
    });
  });
});

describe('text similarity', () => {
  it('normalises NFKC and removes whitespace', () => {
    expect(normaliseArticleText('第１条　为了 规范\n管理。')).toBe('第1条为了规范管理。');
  });

  it('is 1 for identical texts, 0 for unrelated ones, symmetric in between', () => {
    expect(textSimilarity(A, A)).toBe(1);
    expect(textSimilarity('甲乙丙', '丁戊己')).toBe(0);
    expect(textSimilarity('甲', '甲')).toBe(1);
    expect(textSimilarity(D, NEW)).toBeCloseTo(textSimilarity(NEW, D));
    expect(textSimilarity('甲乙丙丁', '甲乙丙戊')).toBeCloseTo((2 * 2) / (3 + 3));
  });
});
