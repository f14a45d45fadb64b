import type { EntityManager } from 'typeorm';
import type { TxService } from '../database/tx.service';

/**
 * The SQL that keeps `exam_grade` (see ExamGrade): for each person, the submitted attempt that counts, chosen
 * exactly as gradedAttempt chooses it — 'highest': the best score, a tie going to the later attempt; 'last': the
 * latest submission, a tie going to the later attempt. Written with PostgreSQL placeholders (TxService.sql maps
 * them for SQLite); also run by the ReportSummaries migration and the benchmark's data generator.
 */
export function gradeInsertSql(where: string): string {
  return `INSERT INTO exam_grade ("examId", "userId", "attemptId", score, passed)
    SELECT "examId", "userId", id, score, passed FROM (
      SELECT a."examId", a."userId", a.id, COALESCE(a.score, 0) AS score, COALESCE(a.passed, FALSE) AS passed,
        ROW_NUMBER() OVER (PARTITION BY a."examId", a."userId" ORDER BY
          CASE WHEN e.grading = 'highest' THEN COALESCE(a.score, 0) ELSE 0 END DESC,
          CASE WHEN e.grading = 'highest' THEN NULL ELSE a."submittedAt" END DESC,
          a."attemptNo" DESC) AS rn
      FROM attempt a JOIN exam e ON e.id = a."examId"
      WHERE ${where} AND a.status = 'submitted' AND a."submittedAt" IS NOT NULL) t
    WHERE rn = 1`;
}

/** Recomputes one person's grade in one exam ($1 exam, $2 user). */
export const REFRESH_GRADE = [
  'DELETE FROM exam_grade WHERE "examId" = $1 AND "userId" = $2',
  gradeInsertSql('a."examId" = $1 AND a."userId" = $2'),
];

/** Recomputes every grade of one exam ($1), e.g. after its grading method changed. */
export const REFRESH_EXAM_GRADES = [
  'DELETE FROM exam_grade WHERE "examId" = $1',
  gradeInsertSql('a."examId" = $1'),
];

/** Runs one of the statement lists above inside the caller's transaction. */
export async function runGradeSql(
  m: EntityManager,
  tx: TxService,
  statements: string[],
  params: unknown[],
): Promise<void> {
  for (const s of statements) await tx.execute(m, s, params);
}
