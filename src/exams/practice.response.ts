/** Practice (刷题) with immediate feedback, the wrong-answer notebook (错题本) and item statistics. */
import { ApiProperty } from '@nestjs/swagger';
import { ANSWER_SCHEMA, ApiEnum, ApiNullable } from '../common/openapi';
import { QUESTION_STATUSES, QUESTION_TYPES } from '../question-bank/question.types';
import type { AnswerKey, QuestionStatus, QuestionType } from '../question-bank/question.types';
import { CitationResponse, OptionResponse } from '../question-bank/question.response';

export class PracticeQuestionResponse {
  /** @example 101 */
  id: number;
  /** The revision to answer against. @example 230 */
  revisionId: number;
  /** This hand-out: answering it reveals the key, once. @example 5012 */
  practiceItemId: number;
  @ApiEnum(QUESTION_TYPES)
  type: QuestionType;
  /** @example 退役军人保障法自何时起施行？ */
  stem: string;
  options: OptionResponse[];
  /** @example 2 */
  blanks?: number;
}

export class PracticeQuestionsResponse {
  /** Questions in the pool. @example 120 */
  total: number;
  questions: PracticeQuestionResponse[];
}

export class PracticeAnswerResponse {
  /** @example false */
  correct: boolean;
  /** correct, wrong, partial or unanswered. @example wrong */
  state: string;
  /** Practice time credited as study hours. @example 45 */
  studySeconds: number;
  /** @example B */
  @ApiProperty(ANSWER_SCHEMA)
  answer: AnswerKey;
  /** @example 《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。 */
  explanation: string | null;
  @ApiNullable(() => CitationResponse)
  citation: CitationResponse | null;
}

export class NotebookEntryResponse {
  /** @example 101 */
  questionId: number;
  /** @example 2 */
  timesMissed: number;
  /** Right answers in a row; two take the question out. @example 1 */
  correctStreak: number;
  lastMissedAt: Date;
  /** @example 退役军人保障法自何时起施行？ */
  stem?: string;
}

/** Facility and discrimination of one question (Moodle's quiz statistics). */
export class ItemStatResponse {
  /** @example 101 */
  questionId: number;
  @ApiEnum(QUESTION_TYPES, { required: false })
  type?: QuestionType;
  /** @example 退役军人保障法自何时起施行？ */
  stem?: string;
  @ApiEnum(QUESTION_STATUSES, { required: false })
  status?: QuestionStatus;
  /** @example 中华人民共和国退役军人保障法 */
  regulation: string | null;
  /** @example 85 */
  article: number | null;
  /** Times scored. @example 40 */
  timesShown: number;
  /** Mean score fraction, 0…1. @example 0.85 */
  facility: number | null;
  /** Correlation of the item's score with the paper's, −1…1 (null when n < 2). @example 0.31 */
  discrimination: number | null;
}
