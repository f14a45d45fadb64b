import { diffArticles } from '../curriculum/article-diff';
import { repealReason, reviewFlags } from './review-reasons';

const arts = (...texts: string[]) => texts.map((text, i) => ({ number: i + 1, text }));
const A = '为了加强退役军人保障工作，维护退役军人合法权益，制定本法。';
const B = '本法所称退役军人，是指从中国人民解放军依法退出现役的军官、军士和义务兵等人员。';
const C = '退役军人报到期限，军官、军士为三十日，义务兵为十五日。';
const C2 = '退役军人报到期限，军官、军士为三十日，义务兵为二十日。';
const NEW = '国家建立参战退役军人特别优待机制，在教育、就业、住房等方面给予优先照顾。';

describe('reviewFlags', () => {
  const base = { title: '退役军人保障法', versionLabel: '2026年修正', excerpt: false };

  it('names the document, the version and the article of a changed article', () => {
    const diff = diffArticles(arts(A, B, C), arts(A, B, C2));
    expect(reviewFlags({ ...base, diff, previousArticles: [1, 2, 3], citedArticles: [1, 3] })).toEqual([
      { article: 3, reason: '《退役军人保障法》2026年修正修改了第三条，请对照新条文复核' },
    ]);
  });

  it('flags renumbered and removed articles by their previous number', () => {
    const diff = diffArticles(arts(A, B, C), arts(NEW, A, C));
    expect(reviewFlags({ ...base, diff, previousArticles: [1, 2, 3], citedArticles: [] })).toEqual([
      {
        article: 1,
        reason: '《退役军人保障法》2026年修正将第一条调整为第二条（内容未变），请更新引用的条号',
      },
      { article: 2, reason: '《退役军人保障法》2026年修正删除了第二条，请复核或停用' },
    ]);
  });

  it('says "not included" for an article missing from an excerpt', () => {
    const diff = diffArticles(arts(A, B), arts(A));
    expect(
      reviewFlags({ ...base, excerpt: true, diff, previousArticles: [1, 2], citedArticles: [2] }),
    ).toEqual([
      { article: 2, reason: '《退役军人保障法》2026年修正（节选）未收录第二条，无法确认是否修改，请复核' },
    ]);
  });

  it('flags cited articles the previous text did not hold, since they cannot be compared', () => {
    const diff = diffArticles(arts(A), arts(A));
    expect(reviewFlags({ ...base, diff, previousArticles: [1], citedArticles: [1, 85] })).toEqual([
      {
        article: 85,
        reason: '《退役军人保障法》2026年修正发布，原版本未收录第八十五条的条文，无法比对，请复核',
      },
    ]);
  });

  it('flags nothing when the texts are the same', () => {
    const diff = diffArticles(arts(A, B), arts(A, B));
    expect(reviewFlags({ ...base, diff, previousArticles: [1, 2], citedArticles: [1, 2] })).toEqual([]);
  });
});

describe('repealReason', () => {
  it('names the date and the replacing document', () => {
    expect(
      repealReason({ title: '退役士兵安置条例', repealedOn: '2024-09-01', replacedBy: '退役军人安置条例' }),
    ).toBe('《退役士兵安置条例》自2024-09-01起废止，由《退役军人安置条例》替代，请复核或停用');
    expect(repealReason({ title: '某办法', repealedOn: '2026-01-01' })).toBe(
      '《某办法》自2026-01-01起废止，请复核或停用',
    );
  });
});
