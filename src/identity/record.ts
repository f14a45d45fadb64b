/** What an action on someone's attempt, certificate or account reads like on their record. Pure. */
import type { RecordEntryResponse as RecordEntry } from './record.response';

export const RECORD_ACTION_LABELS: Record<string, string> = {
  'attempt.extend': '延长作答时间',
  'attempt.reopen': '重新开放答卷',
  'attempt.invalidate': '作废答卷',
  'certificate.issue': '考试合格，签发证书',
  'certificate.register': '登记证书',
  'certificate.renew': '换发证书',
  'certificate.suspend': '暂停证书',
  'certificate.revoke': '吊销证书',
  'certificate.reinstate': '恢复证书',
  'user.create': '创建账号',
  'user.update': '修改账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.reset-password': '重置密码',
};

export function toRecordEntry(
  row: { at: Date; action: string; actorId: number | null; detail: unknown },
  actorName: (id: number) => string | undefined,
): RecordEntry {
  const d = (row.detail ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    at: row.at,
    action: row.action,
    actionLabel: RECORD_ACTION_LABELS[row.action] ?? row.action,
    actorName: row.actorId === null ? '系统' : (actorName(row.actorId) ?? `账号 ${row.actorId}`),
    reason: text(d.reason),
    subject: text(d.examTitle) ?? text(d.number),
    minutes: typeof d.minutes === 'number' ? d.minutes : null,
  };
}
