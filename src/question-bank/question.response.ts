/** What the question-bank API (and the bank and question pages) show of banks, questions and revisions. */
import { ApiProperty } from '@nestjs/swagger';
import { ANSWER_SCHEMA, ApiEnum, ApiNullable } from '../common/openapi';
import { CURRICULA } from '../common/business-lines';
import { OPTION_KEYS, QUESTION_STATUSES, QUESTION_TYPES } from './question.types';
import type { Curriculum } from '../common/business-lines';
import type { QuestionBank } from './question-bank.entity';
import type { AnswerKey, Citation, OptionKey, QuestionStatus, QuestionType } from './question.types';

export class OptionResponse {
  @ApiEnum(OPTION_KEYS)
  key: OptionKey;
  /** @example 2021年1月1日 */
  text: string;
}

export class CitationResponse implements Citation {
  /** @example 退役军人保障法 */
  regulation: string;
  /** Absent when the question cites the whole document. @example 85 */
  article?: number;
  /** @example 1 */
  paragraph?: number;
}

export class BankCountsResponse {
  /** Approved and not waiting for review. @example 40 */
  approved: number;
  /** @example 3 */
  draft: number;
  /** @example 1 */
  retired: number;
  /** Flagged for review (not retired). @example 2 */
  needsReview: number;
}

export class BankResponse {
  /** @example 1 */
  id: number;
  /** @example common-constitution */
  code: string;
  /** @example 宪法题库 */
  title: string;
  @ApiEnum(CURRICULA)
  curriculum: Curriculum;
  /** The regulations it covers (catalogue codes). @example ["constitution"] */
  regulations: string[];
  /** @example null */
  description: string | null;
  /** @example null */
  note: string | null;
  /** Where it came from: question-banks/ or an upload. @example upload */
  source: string;
  counts: BankCountsResponse;
}

export function toBankResponse(b: QuestionBank, counts: BankCountsResponse): BankResponse {
  return {
    id: b.id,
    code: b.code,
    title: b.title,
    curriculum: b.curriculum as Curriculum,
    regulations: b.regulations.split(',').filter(Boolean),
    description: b.description,
    note: b.note,
    source: b.source,
    counts,
  };
}

export class QuestionRegulationResponse {
  /** @example 4 */
  id: number;
  /** @example veterans-protection-law */
  code: string;
  /** @example 中华人民共和国退役军人保障法 */
  title: string;
}

/** A question with its current revision, answer key included (trainers only). */
export class QuestionResponse {
  /** @example 101 */
  id: number;
  /** @example 1 */
  bankId: number;
  /** Its key inside the bank (YAML id). @example vpl-001 */
  key: string | null;
  @ApiEnum(QUESTION_STATUSES)
  status: QuestionStatus;
  /** @example false */
  needsReview: boolean;
  /** @example null */
  reviewReason: string | null;
  /** How many revisions it has. @example 1 */
  revision: number;
  /** @example 230 */
  revisionId: number | null;
  @ApiEnum(QUESTION_TYPES)
  type: QuestionType;
  /** @example 退役军人保障法自何时起施行？ */
  stem: string;
  options: OptionResponse[];
  /** 'B', ['A','C'], true, [['答案','同义答案']]. @example B */
  @ApiProperty(ANSWER_SCHEMA)
  answer: AnswerKey;
  /** @example 《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。 */
  explanation: string | null;
  /** 1 (easy) … 5 (hard). @example 3 */
  difficulty: number;
  @ApiNullable(() => CitationResponse)
  citation: CitationResponse | null;
  /** @example ["施行日期"] */
  tags: string[];
  @ApiNullable(() => QuestionRegulationResponse)
  regulation: QuestionRegulationResponse | null;
  /** @example 85 */
  article: number | null;
}

/** A question after an edit, with what the trainer should know about it (a citation that could not be checked). */
export class EditedQuestionResponse extends QuestionResponse {
  /** @example ["目录中《中华人民共和国退役军人保障法》的条文为节选（收录 53 条），第40条不在节选中，第40条未与条文核对（未超过全文 85 条）"] */
  notes: string[];
}

export class QuestionListResponse {
  /** @example 587 */
  total: number;
  /** @example 1 */
  page: number;
  /** @example 20 */
  pageSize: number;
  items: QuestionResponse[];
}

export class QuestionRevisionResponse {
  /** @example 230 */
  id: number;
  /** @example 1 */
  revision: number;
  createdAt: Date;
  /** @example 2 */
  createdBy: number | null;
  @ApiEnum(QUESTION_TYPES)
  type: QuestionType;
  /** @example 退役军人保障法自何时起施行？ */
  stem: string;
  options: OptionResponse[];
  /** @example B */
  @ApiProperty(ANSWER_SCHEMA)
  answer: AnswerKey;
  explanation: string | null;
  /** @example 3 */
  difficulty: number;
  @ApiNullable(() => CitationResponse)
  citation: CitationResponse | null;
  tags: string[];
}
