/**
 * Why a question needs review after its document changed: one Chinese reason per previous-version article number,
 * naming the document, the version and the article. Pure.
 */
import { articleLabel } from '../common/chinese-numerals';
import type { ArticleDiff } from '../curriculum/article-diff';

export interface ReviewFlag {
  /** the previous version's article number that questions cite */
  article: number;
  reason: string;
}

/**
 * From a diff between the previous and the new version. `citedArticles` are the article numbers questions of this
 * document cite; those the previous version's text did not hold cannot be compared and are flagged too.
 * `excerpt`: the new text holds only some articles, so an article missing from it is "not included", not removed.
 */
export function reviewFlags(input: {
  title: string;
  versionLabel: string;
  diff: ArticleDiff;
  previousArticles: number[];
  citedArticles: number[];
  excerpt: boolean;
}): ReviewFlag[] {
  const { diff } = input;
  const doc = `《${input.title}》${input.versionLabel}`;
  const flags = new Map<number, string>();
  for (const c of diff.changed) {
    flags.set(
      c.previousNumber,
      c.previousNumber === c.number
        ? `${doc}修改了${articleLabel(c.number)}，请对照新条文复核`
        : `${doc}修改了原${articleLabel(c.previousNumber)}（现为${articleLabel(c.number)}），请对照新条文复核并更新条号`,
    );
  }
  for (const r of diff.renumbered) {
    flags.set(
      r.from,
      `${doc}将${articleLabel(r.from)}调整为${articleLabel(r.to)}（内容未变），请更新引用的条号`,
    );
  }
  for (const n of diff.removed) {
    flags.set(
      n,
      input.excerpt
        ? `${doc}（节选）未收录${articleLabel(n)}，无法确认是否修改，请复核`
        : `${doc}删除了${articleLabel(n)}，请复核或停用`,
    );
  }
  const known = new Set(input.previousArticles);
  for (const n of input.citedArticles) {
    if (!known.has(n) && !flags.has(n))
      flags.set(n, `${doc}发布，原版本未收录${articleLabel(n)}的条文，无法比对，请复核`);
  }
  return [...flags.entries()].sort((a, b) => a[0] - b[0]).map(([article, reason]) => ({ article, reason }));
}

/** Why every question of a repealed document needs review. */
export function repealReason(input: {
  title: string;
  repealedOn: string;
  replacedBy?: string | null;
}): string {
  const by = input.replacedBy ? `，由《${input.replacedBy}》替代` : '';
  return `《${input.title}》自${input.repealedOn}起废止${by}，请复核或停用`;
}
