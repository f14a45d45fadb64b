import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/roles';
import { RECORD_ACTION_LABELS, toRecordEntry } from './record';
import type { RecordEntryResponse } from './record.response';
import { UsersService } from './users.service';

/**
 * 我的记录: what others did to my attempts, certificates and account — who, when and why. Separation of duties is
 * only as good as its visibility to the person concerned.
 */
@Injectable()
export class RecordService {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async mine(user: AuthUser): Promise<RecordEntryResponse[]> {
    const rows = (await this.audit.forSubject(user.id)).filter((r) => r.action in RECORD_ACTION_LABELS);
    const names = new Map<number, string>();
    for (const id of new Set(rows.map((r) => r.actorId).filter((x): x is number => x !== null))) {
      const u = await this.users.findById(id);
      if (u) names.set(id, u.name);
    }
    return rows.map((r) => toRecordEntry(r, (id) => names.get(id)));
  }
}
