/** What the study API (and the library, search and reading pages) show of materials, search hits and compilations. */
import { ApiEnum, ApiNullable } from '../common/openapi';
import { REGULATION_KINDS } from '../curriculum/regulation.entity';
import { CURRICULA } from '../common/business-lines';
import { REGULATION_STATUS_LABELS } from '../curriculum/catalogue';
import { MATERIAL_KINDS } from './study-material.entity';
import type { Curriculum } from '../common/business-lines';
import type { RegulationKind } from '../curriculum/regulation.entity';
import { RegulationRefResponse } from '../curriculum/regulation.response';
import type { RegulationStatus } from '../curriculum/catalogue';
import type { MaterialKind } from './study-material.entity';

export class MaterialSummaryResponse {
  /** @example 1 */
  id: number;
  @ApiEnum(MATERIAL_KINDS)
  kind: MaterialKind;
  /** @example 案例 */
  kindLabel: string;
  /** @example 退役士兵安置待遇争议案 */
  title: string;
  @ApiEnum(CURRICULA)
  curriculum: Curriculum;
  /** A demo material (示例). @example true */
  sample: boolean;
}

export class MaterialArticleResponse {
  regulation: RegulationRefResponse;
  /** @example 22 */
  article: number;
}

export class MaterialResponse extends MaterialSummaryResponse {
  /** @example 安置 */
  curriculumLabel: string;
  /** @example 某区退役士兵张某…… */
  body: string;
  articles: MaterialArticleResponse[];
  updatedAt: Date;
}

export class LibraryRegulationResponse extends RegulationRefResponse {
  @ApiEnum(REGULATION_KINDS)
  kind: RegulationKind;
  /** @example 法律 */
  kindLabel: string;
  @ApiEnum(Object.keys(REGULATION_STATUS_LABELS))
  status: RegulationStatus;
  /** @example 现行有效 */
  statusLabel: string;
  /** @example 2020年通过 */
  currentVersion: string | null;
  /** The text in force is an excerpt (节选). @example true */
  excerpt: boolean;
  /** Articles stored of the text in force. @example 53 */
  articleCount: number | null;
  /** Articles of the whole document, where the catalogue states it. @example 85 */
  totalArticles: number | null;
  /** @example null */
  repealedOn: string | null;
  /** What replaced a repealed document. */
  @ApiNullable(() => RegulationRefResponse)
  replacedBy: RegulationRefResponse | null;
}

/** Everything to study in one curriculum; the caller's own curricula are `assigned`. */
export class MaterialGroupResponse {
  @ApiEnum(CURRICULA)
  curriculum: Curriculum;
  /** @example 共同科目 */
  label: string;
  /** @example true */
  assigned: boolean;
  regulations: LibraryRegulationResponse[];
  materials: MaterialSummaryResponse[];
}

export class SearchHitResponse {
  @ApiEnum(['regulation', 'article', 'case', 'internal-rule', 'note'])
  kind: 'regulation' | 'article' | 'case' | 'internal-rule' | 'note';
  @ApiNullable(() => RegulationRefResponse)
  regulation: RegulationRefResponse | null;
  /** @example 22 */
  article?: number;
  /** @example 2 */
  materialId?: number;
  /** @example 《退役军人保障法》第二十二条 */
  title: string;
  /** HTML-escaped text with <mark> around the matches. @example 国家建立以扶持就业为主…的<mark>退役军人</mark>安置制度 */
  snippet: string;
}

export class SearchResultResponse {
  /** @example 42 */
  total: number;
  hits: SearchHitResponse[];
}

export class CompilationArticleResponse {
  /** @example 第一条 */
  label: string;
  /** @example 第一章 总则 */
  chapter: string | null;
  /** @example 为了加强退役军人保障工作…… */
  text: string;
}

export class CompilationDocumentResponse {
  /** @example 中华人民共和国退役军人保障法 */
  title: string;
  /** @example 法律 */
  kindLabel: string;
  /** @example 全国人民代表大会常务委员会 */
  issuer: string | null;
  /** @example 主席令第六十三号 */
  docNumber: string | null;
  /** @example 共同科目 */
  curriculumLabel: string;
  /** @example 2020年通过 */
  version: string | null;
  /** @example 2021-01-01 */
  effectiveOn: string | null;
  /** @example false */
  excerpt: boolean;
  articles: CompilationArticleResponse[];
}

/** 政策法规文件选编: the documents in force on a day. */
export class CompilationResponse {
  /** @example 政策法规文件选编 */
  title: string;
  /** @example 2026-06-30 */
  asOf: string;
  /** @example 共同科目及全部业务条线 */
  scopeLabel: string;
  documents: CompilationDocumentResponse[];
  /** @example 22 */
  count: number;
}
