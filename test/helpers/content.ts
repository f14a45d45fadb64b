/** Content rules shared by the content test and the demo-exam test: per-line minimums and key-balance bounds. */
import type { BusinessLine } from '../../src/common/business-lines';
import type { QuestionDraft } from '../../src/question-bank/question.types';

/** Approved questions each business line must hold (issue #17): two 50-question forms where it is 100. */
export const LINE_MINIMUMS: Record<BusinessLine, number> = {
  resettlement: 100,
  care: 100,
  rights: 60,
  employment: 60,
  retiree: 60,
  'double-support': 60,
};

/** Key-balance bounds for a bank (issue #12), with a one-question allowance where 5% of a small count is < 1. */
export function keyBalanceProblems(questions: QuestionDraft[]): string[] {
  const problems: string[] = [];
  const singles = questions.filter((q) => q.type === 'single');
  if (singles.length) {
    const n = singles.length;
    for (const k of ['A', 'B', 'C', 'D']) {
      const c = singles.filter((q) => q.answer === k).length;
      if (Math.abs(c - n / 4) > Math.max(1, n / 20))
        problems.push(`单选答案 ${k} 有 ${c}/${n} 道（应在 20%–30% 之间）`);
    }
  }
  const tf = questions.filter((q) => q.type === 'true-false');
  if (tf.length) {
    const n = tf.length;
    const t = tf.filter((q) => q.answer === true).length;
    if (Math.abs(t - n / 2) > Math.max(1, n / 10))
      problems.push(`判断题答案为“正确”的有 ${t}/${n} 道（应在 40%–60% 之间）`);
  }
  const multi = questions.filter((q) => q.type === 'multiple');
  if (multi.length) {
    const n = multi.length;
    const all = multi.filter((q) => (q.answer as string[]).length === q.options.length).length;
    if (all > Math.max(1, Math.floor(n / 4)))
      problems.push(`多选题中全部选项都正确的有 ${all}/${n} 道（不应超过四分之一）`);
    const firstA = multi.filter((q) => (q.answer as string[])[0] === 'A').length;
    if (n >= 2 && firstA === n) problems.push(`多选题答案全部以 A 开头（${n} 道）`);
  }
  return problems;
}
