/** What markers see: blind (no candidate, unit, attempt or owner id), by opaque marking id. */
import { ApiProperty } from '@nestjs/swagger';
import { ApiNullable } from '../common/openapi';
import { CitationResponse } from '../question-bank/question.response';

export class RubricPointResponse {
  /** @example 告知拟作出的行政处罚内容及事实、理由、依据 */
  point: string;
  /** @example 2 */
  points: number;
  @ApiNullable(() => CitationResponse)
  citation: CitationResponse | null;
  /** @example ["事实", "理由"] */
  keywords: string[];
}

export class HighlightResponse {
  /** @example 事实 */
  text: string;
  /** A rubric key term (marking help only; never scored). @example true */
  term: boolean;
}

/** One written answer to mark. */
export class MarkingItemResponse {
  /** The opaque marking id: the only handle on the answer. @example 3f9c2a6b1e0d4c7a8b5e2f10 */
  markingId: string;
  /** @example 101 */
  questionId: number;
  /** The case's sub-question (0-based), or null for a short-answer question. @example null */
  sub: number | null;
  /** The case text, when the answer is to a case's sub-question. @example null */
  caseText: string | null;
  /** @example 简述行政机关在作出行政处罚决定之前应当履行的告知义务。 */
  stem: string;
  /** @example 根据《行政处罚法》第四十四条…… */
  reference: string;
  rubric: RubricPointResponse[];
  /** @example 6 */
  maxPoints: number;
  /** The candidate's text. @example 应当告知处罚的事实、理由和依据…… */
  text: string;
  /** The text with the rubric's key terms marked. */
  highlighted: HighlightResponse[];
  /** 1 = first marking, 2 = second (double marking), 3 = third (仲裁). @example 1 */
  round: number;
}

export class NextMarkingResponse {
  @ApiNullable(() => MarkingItemResponse)
  item: MarkingItemResponse | null;
  /** Answers of this question still waiting for this marker. @example 4 */
  remaining: number;
}

export class MarkResultResponse {
  /** @example 3f9c2a6b1e0d4c7a8b5e2f10 */
  markingId: string;
  /** open (waiting for another marker), third (a third marker decides) or final. @example final */
  status: string;
  /** The final score, once final. @example 4.5 */
  finalScore: number | null;
}

export class MarkerProgressResponse {
  /** @example 3 */
  markerId: number;
  /** @example 王培训 */
  name: string;
  /** @example 12 */
  marks: number;
}

export class QuestionProgressResponse {
  /** @example 101 */
  questionId: number;
  /** @example null */
  sub: number | null;
  /** @example 简答题：简述行政机关在作出行政处罚决定之前应当履行的告知义务。 */
  label: string;
  /** Answers (non-empty ones need marking). @example 10 */
  answers: number;
  /** @example 6 */
  final: number;
  /** Waiting for a third marker. @example 1 */
  third: number;
  /** Answers this marker may still mark. @example 3 */
  forMe: number;
}

export class MarkingProgressResponse {
  /** @example 7 */
  examId: number;
  /** @example false */
  doubleMarking: boolean;
  /** @example 2 */
  tolerance: number;
  /** @example 40 */
  answers: number;
  /** @example 30 */
  final: number;
  /** Attempts waiting for marking (待阅卷). @example 2 */
  attemptsAwaiting: number;
  /** Every written answer is marked and every result released. @example false */
  complete: boolean;
  questions: QuestionProgressResponse[];
  markers: MarkerProgressResponse[];
}

export class WrittenQuestionStatResponse {
  /** @example 101 */
  questionId: number;
  /** @example null */
  sub: number | null;
  /** @example 简答题：简述…… */
  label: string;
  /** @example 6 */
  maxPoints: number;
  /** Final scores counted. @example 10 */
  n: number;
  /** @example 4.2 */
  mean: number | null;
  /** Standard deviation. @example 1.1 */
  sd: number | null;
}

export class MarkingStatsResponse {
  questions: WrittenQuestionStatResponse[];
  /** Answers with two independent first marks. @example 8 */
  pairs: number;
  /** Share of pairs within the tolerance. @example 0.75 */
  @ApiProperty({ nullable: true, type: Number })
  withinTolerance: number | null;
  /** Mean absolute difference of the two totals. @example 0.8 */
  @ApiProperty({ nullable: true, type: Number })
  meanAbsDiff: number | null;
}
