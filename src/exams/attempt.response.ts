/**
 * What a candidate (and the exam page) sees of an attempt: the paper without keys, the result, the review with
 * keys when the review policy allows; and what trainers and managers get back from attempt actions.
 */
import { ApiProperty } from '@nestjs/swagger';
import { ANSWER_SCHEMA, ApiEnum, ApiNullable } from '../common/openapi';
import { QUESTION_TYPES } from '../question-bank/question.types';
import { CitationResponse, OptionResponse } from '../question-bank/question.response';
import type { AnswerKey, QuestionType } from '../question-bank/question.types';
import { ExamPartResponse } from './exam.response';

/** One sub-question of a case as the candidate sees it (no key). */
export class CaseSubQuestionResponse {
  @ApiEnum(['single', 'multiple', 'true-false', 'fill-blank', 'short-answer'])
  type: 'single' | 'multiple' | 'true-false' | 'fill-blank' | 'short-answer';
  /** @example 服务站作出的罚款决定效力如何？ */
  stem: string;
  /** In the bank's order (a case's options are not shuffled). */
  options: OptionResponse[];
  /** Fill-blank: how many blanks. @example 1 */
  blanks?: number;
  /** This sub-question's share of the question's points. @example 2 */
  points: number;
}

export class PaperQuestionResponse {
  /** The question's id. @example 101 */
  id: number;
  @ApiEnum(QUESTION_TYPES)
  type: QuestionType;
  /** @example 退役军人保障法自何时起施行？ */
  stem: string;
  /** In the order this candidate sees them. */
  options: OptionResponse[];
  /** Fill-blank questions: how many blanks. @example 2 */
  blanks?: number;
  /** Case questions (案例分析题): the sub-questions; the stem is the case text. */
  subQuestions?: CaseSubQuestionResponse[];
  /** Written answers (简答题, a case's written sub-questions): the most characters accepted. @example 2000 */
  maxLength?: number;
  /** @example 2 */
  points: number;
  /** The blueprint part. @example common */
  part: string;
  /**
   * The saved answer, or null: 'B', ['A','C'], true, ['答案一','答案二']; a short-answer's text; a case's list with
   * one entry per sub-question. @example B
   */
  @ApiProperty(ANSWER_SCHEMA)
  response: unknown;
  /** The sequence number of the saved answer (0 = none). @example 3 */
  seq: number;
}

export class PartResultResponse {
  /** @example common */
  key: string;
  /** @example 共同科目 */
  title: string;
  /** @example 50 */
  score: number;
  /** @example 60 */
  maxScore: number;
  /** @example 36 */
  passMark: number | null;
  /** @example true */
  passed: boolean;
}

/** The result of a submitted attempt. */
export class AttemptResultResponse {
  /** @example 12 */
  attemptId: number;
  /** @example 86 */
  score: number;
  /** @example 100 */
  maxScore: number;
  /** @example true */
  passed: boolean;
  parts: PartResultResponse[];
  submittedAt: Date;
  /** candidate, timer (the deadline passed) or focus-limit (切屏). @example candidate */
  submittedBy: string;
  /**
   * Written answers still to be marked (待阅卷): score is the objective part so far and passed is false until
   * marking completes. @example false
   */
  awaitingMarking: boolean;
}

/** The paper as the candidate sees it: no answer key, explanation or correctness. */
export class PaperViewResponse {
  /** The attempt's id. @example 12 */
  id: number;
  /** @example 1 */
  examId: number;
  /** @example 2026年度学法用法考试 */
  title: string;
  /** @example 1 */
  attemptNo: number;
  @ApiEnum(['in-progress', 'awaiting-marking', 'submitted', 'invalidated'])
  status: 'in-progress' | 'awaiting-marking' | 'submitted' | 'invalidated';
  startedAt: Date;
  /** ISO time; null without a limit. @example 2026-12-05T09:00:00.000Z */
  deadline: string | null;
  /** The server's clock, for the countdown. @example 2026-12-05T08:00:00.000Z */
  serverNow: string;
  /** @example 3600 */
  remainingSeconds: number | null;
  /** @example 5 */
  maxFocusLoss: number | null;
  /** @example 0 */
  focusLossCount: number;
  parts: ExamPartResponse[];
  questions: PaperQuestionResponse[];
}

/** The paper, with the result once submitted. */
export class PaperResponse extends PaperViewResponse {
  result?: AttemptResultResponse;
}

/** An attempt as a trainer or manager reads it. */
export class StaffAttemptResponse extends PaperViewResponse {
  /** @example 5 */
  userId: number;
  @ApiNullable(() => AttemptResultResponse)
  result: AttemptResultResponse | null;
  /** @example null */
  invalidReason: string | null;
}

/** The rubric points one written answer earned (the final marks). */
export class EarnedRubricResponse {
  /** The case's sub-question (0-based), or null for a short-answer question. @example null */
  sub: number | null;
  /** Points per rubric point, in rubric order. @example [2, 0.5, 1] */
  awards: number[];
  /** Out of the rubric's sum. @example 3.5 */
  score: number;
  /** @example 6 */
  maxPoints: number;
}

export class ReviewQuestionResponse {
  /** @example 101 */
  id: number;
  @ApiEnum(QUESTION_TYPES)
  type: QuestionType;
  /** @example common */
  part: string;
  /** @example 退役军人保障法自何时起施行？ */
  stem: string;
  options: OptionResponse[];
  /** @example 2 */
  points: number;
  /** The candidate's answer. @example B */
  @ApiProperty(ANSWER_SCHEMA)
  response: unknown;
  /** The key: 'B', ['A','C'], true, [['答案','同义答案']]. @example B */
  @ApiProperty(ANSWER_SCHEMA)
  answer: AnswerKey;
  /** @example 《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。 */
  explanation: string | null;
  @ApiNullable(() => CitationResponse)
  citation: CitationResponse | null;
  /** @example 2 */
  score: number | null;
  /** correct, wrong, partial or unanswered. @example correct */
  state: string | null;
  /** Written questions: the rubric points earned per written answer (null before marking completes). */
  @ApiProperty({ type: () => [EarnedRubricResponse], nullable: true, required: false })
  earned?: EarnedRubricResponse[] | null;
  /** A case: its sub-questions' points as on the paper (they add up to `points`). @example [2, 2, 6] */
  subPoints?: number[];
}

/** The result with every question, the candidate's answer, the key and the explanation. */
export class ReviewResponse extends AttemptResultResponse {
  questions: ReviewQuestionResponse[];
}

export class SaveAnswerResponse {
  /** false when a newer answer was already saved (a lower or equal seq). @example true */
  saved: boolean;
  /** @example 3 */
  seq: number;
  /** @example 已有更新的答案，本次保存被忽略 */
  message?: string;
}

export class AttemptEventResponse {
  /** @example true */
  recorded: boolean;
  /** @example 1 */
  focusLossCount: number;
  /** @example 5 */
  maxFocusLoss?: number | null;
  /** Submitted by the server: too many focus losses. @example false */
  submitted?: boolean;
  result?: AttemptResultResponse;
}

export class ExtendedAttemptResponse {
  /** @example 12 */
  id: number;
  deadline: Date | null;
  /** @example 15 */
  extensionMinutes: number;
}

export class InvalidatedAttemptResponse {
  /** @example 12 */
  id: number;
  @ApiEnum(['invalidated'])
  status: 'invalidated';
  /** @example 考试期间离开考场 */
  reason?: string;
}

export class ReopenedAttemptResponse {
  /** @example 12 */
  id: number;
  @ApiEnum(['in-progress'])
  status: 'in-progress';
  deadline: Date;
}
