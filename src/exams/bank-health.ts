/**
 * Bank health (题库体检): where the keys sit, how true/false answers and all-correct multiple-choice questions are
 * balanced, which questions were never shown, and which nearly everyone or nobody gets right. A skewed bank lets a
 * candidate pass by pattern instead of knowledge. Pure functions, no Nest or TypeORM.
 */
import { OPTION_KEYS } from '../question-bank/question.types';

export interface HealthQuestion {
  id: number;
  type: string;
  stem: string;
  /** The bank's key: 'B', ['A','C'], true, [['…']]. */
  answer: unknown;
  /** Option keys in authored order. */
  optionKeys: readonly string[];
}

export interface HealthStat {
  questionId: number;
  /** Times scored. */
  n: number;
  /** Mean share of the points earned (0..1), null before any answer. */
  facility: number | null;
}

export interface FlaggedQuestion {
  id: number;
  stem: string;
  n?: number;
  facility?: number;
}

export interface BankHealth {
  approved: number;
  single: { count: number; byPosition: Record<string, number> };
  trueFalse: { count: number; trueCount: number };
  multiple: { count: number; allCorrect: number; withFirstOption: number };
  neverShown: FlaggedQuestion[];
  /** Nearly everyone right (facility ≥ 0.95 over at least `minAnswers` answers). */
  tooEasy: FlaggedQuestion[];
  /** Nearly nobody right (facility ≤ 0.1 over at least `minAnswers` answers). */
  tooHard: FlaggedQuestion[];
  warnings: string[];
}

export const HEALTH_LIMITS = {
  /** No single-choice position may hold more than this share of keys (with at least 8 questions). */
  maxPositionShare: 0.4,
  /** True/false answers between these shares of "true" (with at least 6 questions). */
  trueShare: [0.35, 0.65] as const,
  /** At most this share of multiple-choice questions with every option correct (with at least 4). */
  maxAllCorrect: 0.25,
  /** At most this share of multiple-choice keys containing the first option (with at least 6). */
  maxWithFirst: 0.8,
  easy: 0.95,
  hard: 0.1,
  minAnswers: 10,
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The key-balance figures and warnings of a set of questions (a bank, or an exam part's pool). */
export function keyBalance(
  questions: readonly HealthQuestion[],
  options: { positions: boolean } = { positions: true },
): Pick<BankHealth, 'single' | 'trueFalse' | 'multiple' | 'warnings'> {
  const single = { count: 0, byPosition: {} as Record<string, number> };
  const trueFalse = { count: 0, trueCount: 0 };
  const multiple = { count: 0, allCorrect: 0, withFirstOption: 0 };
  for (const q of questions) {
    if (q.type === 'single' && typeof q.answer === 'string') {
      const i = q.optionKeys.indexOf(q.answer);
      if (i < 0) continue;
      single.count++;
      single.byPosition[OPTION_KEYS[i]] = (single.byPosition[OPTION_KEYS[i]] ?? 0) + 1;
    } else if (q.type === 'true-false' && typeof q.answer === 'boolean') {
      trueFalse.count++;
      if (q.answer) trueFalse.trueCount++;
    } else if (q.type === 'multiple' && Array.isArray(q.answer)) {
      multiple.count++;
      if (q.answer.length === q.optionKeys.length) multiple.allCorrect++;
      if (q.answer.includes(q.optionKeys[0])) multiple.withFirstOption++;
    }
  }
  const warnings: string[] = [];
  if (options.positions && single.count >= 8) {
    for (const [pos, n] of Object.entries(single.byPosition))
      if (n / single.count > HEALTH_LIMITS.maxPositionShare)
        warnings.push(`单选题的正确答案集中在 ${pos} 项（${n}/${single.count}，${pct(n / single.count)}）`);
  }
  if (trueFalse.count >= 6) {
    const share = trueFalse.trueCount / trueFalse.count;
    if (share > HEALTH_LIMITS.trueShare[1])
      warnings.push(`判断题答案偏向“正确”（${trueFalse.trueCount}/${trueFalse.count}，${pct(share)}）`);
    if (share < HEALTH_LIMITS.trueShare[0])
      warnings.push(
        `判断题答案偏向“错误”（${trueFalse.count - trueFalse.trueCount}/${trueFalse.count}，${pct(1 - share)}）`,
      );
  }
  if (multiple.count >= 4 && multiple.allCorrect / multiple.count > HEALTH_LIMITS.maxAllCorrect)
    warnings.push(
      `多选题中全部选项都正确的占 ${pct(multiple.allCorrect / multiple.count)}（${multiple.allCorrect}/${multiple.count}，应不超过 25%）`,
    );
  if (
    options.positions &&
    multiple.count >= 6 &&
    multiple.withFirstOption / multiple.count > HEALTH_LIMITS.maxWithFirst
  )
    warnings.push(
      `多选题的正确答案几乎都包含第一个选项（${multiple.withFirstOption}/${multiple.count}，${pct(multiple.withFirstOption / multiple.count)}）`,
    );
  return { single, trueFalse, multiple, warnings };
}

/** The whole view of one bank's approved questions and their statistics. */
export function bankHealth(questions: readonly HealthQuestion[], stats: readonly HealthStat[]): BankHealth {
  const balance = keyBalance(questions);
  const byId = new Map(stats.map((s) => [s.questionId, s]));
  const neverShown: FlaggedQuestion[] = [];
  const tooEasy: FlaggedQuestion[] = [];
  const tooHard: FlaggedQuestion[] = [];
  for (const q of questions) {
    const s = byId.get(q.id);
    if (!s || s.n === 0) {
      neverShown.push({ id: q.id, stem: q.stem });
      continue;
    }
    if (s.n < HEALTH_LIMITS.minAnswers || s.facility === null) continue;
    if (s.facility >= HEALTH_LIMITS.easy)
      tooEasy.push({ id: q.id, stem: q.stem, n: s.n, facility: s.facility });
    if (s.facility <= HEALTH_LIMITS.hard)
      tooHard.push({ id: q.id, stem: q.stem, n: s.n, facility: s.facility });
  }
  const warnings = [...balance.warnings];
  if (tooEasy.length) warnings.push(`${tooEasy.length} 道题几乎人人答对（答对率 ≥ 95%），区分度低`);
  if (tooHard.length) warnings.push(`${tooHard.length} 道题几乎无人答对（答对率 ≤ 10%），请核对答案和题干`);
  return { approved: questions.length, ...balance, neverShown, tooEasy, tooHard, warnings };
}
