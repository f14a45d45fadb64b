/** What the regulation catalogue API (and the study and law-version pages) show of a document. */
import { ApiEnum } from '../common/openapi';
import { CURRICULA } from '../common/business-lines';
import { REGULATION_KINDS } from './regulation.entity';
import type { Curriculum } from '../common/business-lines';
import { REGULATION_STATUS_LABELS, statusOn, versionOn, type RegulationStatus } from './catalogue';
import type { Article } from './article.entity';
import { totalArticlesFromNote } from './article-total';
import type { RegulationVersion } from './regulation-version.entity';
import { REGULATION_KIND_LABELS, type Regulation, type RegulationKind } from './regulation.entity';

/** A document by its code and title. */
export class RegulationRefResponse {
  /** @example veterans-protection-law */
  code: string;
  /** @example 中华人民共和国退役军人保障法 */
  title: string;
}

export class RegulationVersionResponse {
  /** Order of the version, 1 = first. @example 1 */
  seq: number;
  /** @example 2020年通过 */
  label: string;
  /** @example 2020-11-11 */
  adoptedOn: string | null;
  /** @example 2021-01-01 */
  effectiveOn: string | null;
  /** @example null */
  note: string | null;
  /** Only some articles are stored. @example false */
  excerpt: boolean;
  /** @example 85 */
  articleCount: number;
}

export class RegulationResponse {
  /** @example 4 */
  id: number;
  /** @example veterans-protection-law */
  code: string;
  /** @example 中华人民共和国退役军人保障法 */
  title: string;
  /** @example 退役军人保障法 */
  shortTitle: string | null;
  @ApiEnum(REGULATION_KINDS)
  kind: RegulationKind;
  /** @example 法律 */
  kindLabel: string;
  /** @example 全国人民代表大会常务委员会 */
  issuer: string | null;
  /** @example 主席令第六十三号 */
  docNumber: string | null;
  /** The business line, null for the common curriculum. @example null */
  businessLine: string | null;
  @ApiEnum(CURRICULA)
  curriculum: Curriculum;
  @ApiEnum(Object.keys(REGULATION_STATUS_LABELS))
  status: RegulationStatus;
  /** @example 现行有效 */
  statusLabel: string;
  /** @example null */
  repealedOn: string | null;
  /** The code of the document that replaced it. @example null */
  replacedBy: string | null;
  /** @example null */
  repealNote: string | null;
  /** @example null */
  note: string | null;
  /** The label of the version in force. @example 2020年通过 */
  currentVersion: string | null;
  /** The text in force holds only some of the articles (节选). @example true */
  excerpt: boolean;
  /** Articles stored of the text in force. @example 53 */
  articleCount: number | null;
  /** Articles of the whole document, where the catalogue states it (its note: 共十章八十五条). @example 85 */
  totalArticles: number | null;
  versions: RegulationVersionResponse[];
}

export class ArticleTextResponse {
  /** @example 85 */
  number: number;
  /** @example 第八十五条 */
  label: string;
  /** @example null */
  part: string | null;
  /** @example 第十章 附则 */
  chapter: string | null;
  /** @example null */
  section: string | null;
  /** @example 本法自2021年1月1日起施行。 */
  text: string;
}

/** A document with the articles of the version in force. */
export class RegulationDetailResponse extends RegulationResponse {
  articles: ArticleTextResponse[];
}

export class ArticleResponse extends ArticleTextResponse {
  /** @example 1201 */
  id: number;
  /** @example 4 */
  regulationId: number;
  /** @example 7 */
  versionId: number;
  /** The document's title. @example 中华人民共和国退役军人保障法 */
  regulation: string;
  /** @example veterans-protection-law */
  code: string;
  /** @example 2020年通过 */
  version?: string;
}

/**
 * A document as of a day: its status and version in force then. `byId` resolves the code of the document that
 * replaced it.
 */
export function toRegulationResponse(
  r: Regulation,
  asOf: string,
  byId: Map<number, Pick<Regulation, 'code'>>,
): RegulationResponse {
  const versions = [...(r.versions ?? [])].sort((a, b) => a.seq - b.seq);
  const status = statusOn(r, versions, asOf);
  const current = versionOn(versions, asOf);
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    shortTitle: r.shortTitle,
    kind: r.kind,
    kindLabel: REGULATION_KIND_LABELS[r.kind],
    issuer: r.issuer,
    docNumber: r.docNumber,
    businessLine: r.curriculum === 'common' ? null : r.curriculum,
    curriculum: r.curriculum as Curriculum,
    status,
    statusLabel: REGULATION_STATUS_LABELS[status],
    repealedOn: r.repealedOn,
    replacedBy: r.replacedById ? (byId.get(r.replacedById)?.code ?? null) : null,
    repealNote: r.repealNote,
    note: r.note,
    currentVersion: current ? current.label : null,
    excerpt: current ? current.excerpt : false,
    articleCount: current ? current.articleCount : null,
    totalArticles: totalArticlesFromNote(r.note),
    versions: versions.map(toRegulationVersionResponse),
  };
}

export const toRegulationVersionResponse = (v: RegulationVersion): RegulationVersionResponse => ({
  seq: v.seq,
  label: v.label,
  adoptedOn: v.adoptedOn,
  effectiveOn: v.effectiveOn,
  note: v.note,
  excerpt: v.excerpt,
  articleCount: v.articleCount,
});

export const toArticleTextResponse = (a: Article): ArticleTextResponse => ({
  number: a.number,
  label: a.label,
  part: a.part,
  chapter: a.chapter,
  section: a.section,
  text: a.text,
});

export const toArticleResponse = (
  r: Pick<Regulation, 'title' | 'code'>,
  version: string | undefined,
  a: Article,
): ArticleResponse => ({
  regulation: r.title,
  code: r.code,
  version,
  id: a.id,
  regulationId: a.regulationId,
  versionId: a.versionId,
  ...toArticleTextResponse(a),
});
