/** One entry of 我的记录 (GET /api/me/record): an action someone took on my attempt, certificate or account. */
export class RecordEntryResponse {
  at: Date;
  /** @example attempt.extend */
  action: string;
  /** @example 延长作答时间 */
  actionLabel: string;
  /** Who acted: a name, or 系统 for the server itself. @example 周培训 */
  actorName: string;
  /** @example 考场停电二十分钟 */
  reason: string | null;
  /** What it concerned: the exam's title or the certificate's number. @example 2026年度学法用法考试 */
  subject: string | null;
  /** Minutes given (extend, reopen). @example 10 */
  minutes: number | null;
}
