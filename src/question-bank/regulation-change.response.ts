/** What a law-version upload (改) and a repeal (废) answer: the article diff and the questions flagged for review. */
import { ApiProperty } from '@nestjs/swagger';
import { ANSWER_SCHEMA } from '../common/openapi';
import { ImportIssueResponse } from '../common/import.response';
import { RegulationDetailResponse, RegulationRefResponse } from '../curriculum/regulation.response';

export class UploadedVersionResponse {
  /** @example 2026年修正 */
  label: string;
  /** @example 2026-06-28 */
  adoptedOn: string | null;
  /** @example 2026-10-01 */
  effectiveOn: string | null;
  /** @example false */
  excerpt: boolean;
  /** @example 85 */
  articleCount: number;
}

export class ChangedArticleResponse {
  /** @example 22 */
  number: number;
  /** @example 22 */
  previousNumber: number;
  /** @example 第二十二条 */
  label: string;
}

export class RenumberedArticleResponse {
  /** @example 30 */
  from: number;
  /** @example 31 */
  to: number;
}

export class ArticleDiffResponse {
  /** How many articles kept their text and number. @example 80 */
  unchanged: number;
  changed: ChangedArticleResponse[];
  /** @example [86] */
  added: number[];
  /** @example [] */
  removed: number[];
  renumbered: RenumberedArticleResponse[];
  /** The previous version's articles whose questions need a look. @example [22, 30] */
  affected: number[];
}

export class ReviewFlagResponse {
  /** @example 22 */
  article: number;
  /** @example 《退役军人保障法》2026年修正：第二十二条已修改 */
  reason: string;
}

export class VersionUploadResponse {
  /** @example true */
  dryRun: boolean;
  regulation: RegulationRefResponse;
  version: UploadedVersionResponse;
  /** @example 2020年通过 */
  previousVersion: string | null;
  diff: ArticleDiffResponse;
  reviews: ReviewFlagResponse[];
  /** Questions flagged for review (0 on a dry run). @example 3 */
  flagged: number;
}

export class RepealResponse {
  regulation: RegulationDetailResponse;
  /** @example 12 */
  flagged: number;
  /** @example 《退役士兵安置条例》已于2024-09-01废止，由《退役军人安置条例》替代 */
  reason: string;
}

/** The answer of a question-bank import: counts, warnings and errors by line or row. */
/** A question of a dry run's preview, in the API's answer shapes. */
export class PreviewItemResponse {
  line?: number;
  row?: number;
  sheet?: string;
  /** @example single */
  type: string;
  stem: string;
  options: { key: string; text: string }[];
  /**
   * single 'B'; multiple ['A','C']; true-false boolean; fill-blank one answer per blank; 简答题 { reference, rubric },
   * 案例分析题 { questions } (each citation with its text).
   */
  @ApiProperty(ANSWER_SCHEMA)
  answer: string | string[] | boolean | Record<string, unknown>;
  /** Written questions: the most points (rubric sum, or the sum of a case's sub-questions). @example 8 */
  points?: number;
  /** Fill-blank only: every accepted answer of each blank. */
  accepted?: string[][];
  explanation: string | null;
  citation: { regulation: string; article?: number; paragraph?: number; item?: number; text: string } | null;
  /** @example draft */
  status: string;
  /** new, update (same key), duplicate or invalid. @example new */
  outcome: string;
  warnings: ImportIssueResponse[];
}

export class BankImportResponse {
  /** @example true */
  dryRun: boolean;
  /** @example xlsx */
  format: string;
  /** @example 题库.xlsx */
  fileName: string;
  /** @example 3 */
  bankId: number | null;
  /** Questions read from the file. @example 40 */
  questions: number;
  /** Questions written (0 on a dry run). @example 0 */
  imported: number;
  /** @example 2 */
  duplicates: number;
  warnings: ImportIssueResponse[];
  errors: ImportIssueResponse[];
  /** Dry run: position (1-based) of the first previewed question. @example 1 */
  previewFrom?: number;
  /** Dry run: questions read in all; `preview` holds at most 500 of them from `previewFrom`. @example 40 */
  previewTotal?: number;
  /** Dry run: each previewed question as it will be stored, with its outcome and warnings. */
  preview?: PreviewItemResponse[];
}
