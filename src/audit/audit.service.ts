import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditLog } from './audit-log.entity';
import type { AuditEntryResponse } from './audit.response';

export interface AuditEntry {
  actorId: number | null;
  /** The person the action concerns (their attempt, certificate or account): it shows on their record. */
  subjectId?: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: unknown;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  /** Records an entry inside the caller's transaction, so the change and its audit row commit together. */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.getRepository(AuditLog).insert({
      actorId: entry.actorId,
      subjectId: entry.subjectId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    });
  }

  /** The entries concerning one person, newest first. */
  async forSubject(subjectId: number, limit = 200) {
    const rows = await this.logs.find({ where: { subjectId }, order: { id: 'DESC' }, take: limit });
    return rows.map((r) => ({ ...r, detail: r.detail ? JSON.parse(r.detail) : null }));
  }

  async list(filter: { entity?: string; entityId?: string; limit?: number }): Promise<AuditEntryResponse[]> {
    const rows = await this.logs.find({
      where: {
        ...(filter.entity ? { entity: filter.entity } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
      },
      order: { id: 'DESC' },
      take: Math.min(filter.limit ?? 100, 500),
    });
    return rows.map((r) => ({ ...r, detail: r.detail ? JSON.parse(r.detail) : null }));
  }
}
