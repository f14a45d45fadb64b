/**
 * The running total of an exam being built: points per part and for the paper, and what a trainer should be told
 * before publishing (a paper that does not add up to 100, a pass mark above what can be scored). Pure; the exam
 * builder page shows it and its script recomputes the same figures as the trainer types (src/web/assets/builder.js).
 */

export interface TotalsPart {
  title: string;
  rules: { count: number; points: number }[];
  passMark?: number | null;
}

export interface ExamTotals {
  /** Points of each part, in order. */
  parts: { title: string; total: number }[];
  /** Points of the whole paper. */
  total: number;
  /** The pass mark as a share of the total (0…1), null when the paper has no points. */
  passShare: number | null;
  /** Sentences for the trainer, empty when the paper adds up to 100 and every pass mark can be reached. */
  warnings: string[];
}

const round = (v: number) => Math.round(v * 100) / 100;

const partName = (p: TotalsPart, i: number) => `第 ${i + 1} 部分${p.title ? `“${p.title}”` : ''}`;

export function examTotals(parts: TotalsPart[], passMark: number | null | undefined): ExamTotals {
  const totals = parts.map((p) => ({
    title: p.title,
    total: round(
      p.rules.reduce(
        (s, r) => s + (Number.isFinite(r.count) && Number.isFinite(r.points) ? r.count * r.points : 0),
        0,
      ),
    ),
  }));
  const total = round(totals.reduce((s, p) => s + p.total, 0));
  const pass = passMark ?? null;
  const warnings: string[] = [];
  if (total === 0) warnings.push('还没有设置题目：满分为 0 分');
  else {
    if (total !== 100)
      warnings.push(
        `满分为 ${total} 分，不是 100 分${pass !== null ? `；及格分 ${pass} 分按满分 ${total} 分计算，占 ${Math.round((pass / total) * 1000) / 10}%` : ''}`,
      );
    if (pass !== null && pass > total) warnings.push(`及格分 ${pass} 分高于满分 ${total} 分，没有人能及格`);
  }
  parts.forEach((p, i) => {
    const mark = p.passMark ?? null;
    if (mark !== null && mark > totals[i].total)
      warnings.push(`${partName(p, i)}的及格分 ${mark} 分高于本部分满分 ${totals[i].total} 分`);
  });
  return { parts: totals, total, passShare: total > 0 && pass !== null ? pass / total : null, warnings };
}
