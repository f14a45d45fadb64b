/** What 题库体检 (GET /api/question-banks/:id/health) answers: see bank-health.ts. */

export class HealthSingleResponse {
  /** @example 24 */
  count: number;
  /** Correct keys by position among the options as authored. @example {"A":6,"B":6,"C":6,"D":6} */
  byPosition: Record<string, number>;
}

export class HealthTrueFalseResponse {
  /** @example 10 */
  count: number;
  /** @example 5 */
  trueCount: number;
}

export class HealthMultipleResponse {
  /** @example 8 */
  count: number;
  /** Questions whose every option is correct. @example 1 */
  allCorrect: number;
  /** Questions whose key contains the first option. @example 4 */
  withFirstOption: number;
}

export class FlaggedQuestionResponse {
  /** @example 101 */
  id: number;
  /** @example 退役军人保障法自何时起施行？ */
  stem: string;
  /** Times answered. @example 40 */
  n?: number;
  /** Mean share of the points earned. @example 0.98 */
  facility?: number;
}

export class BankHealthResponse {
  /** @example 3 */
  bankId: number;
  /** @example 退役军人保障法 */
  title: string;
  /** Approved questions. @example 52 */
  approved: number;
  single: HealthSingleResponse;
  trueFalse: HealthTrueFalseResponse;
  multiple: HealthMultipleResponse;
  neverShown: FlaggedQuestionResponse[];
  /** Nearly everyone right (≥ 95 % over at least 10 answers). */
  tooEasy: FlaggedQuestionResponse[];
  /** Nearly nobody right (≤ 10 % over at least 10 answers). */
  tooHard: FlaggedQuestionResponse[];
  /** @example ["判断题答案偏向“正确”（8/10，80%）"] */
  warnings: string[];
}
