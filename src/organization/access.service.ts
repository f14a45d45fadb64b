import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AppError } from '../common/errors';
import { yieldToEventLoop } from '../common/event-loop';
import type { AuthUser } from '../common/roles';
import { Unit } from './unit.entity';

/**
 * The one place for object-level access: which units a caller may see. Admins see everything; everyone else
 * sees the subtree of their own unit (a manager of the bureau sees the whole bureau, a station manager their
 * station and the stations below it).
 */
@Injectable()
export class AccessService {
  constructor(@InjectRepository(Unit) private readonly units: Repository<Unit>) {}

  isAdmin(user: AuthUser): boolean {
    return user.roles.includes('admin');
  }

  /** The path prefix of the caller's scope, or null for unlimited (admins). '' matches nothing. */
  async scopeRootPath(user: AuthUser): Promise<string | null> {
    if (this.isAdmin(user)) return null;
    if (user.unitId == null) return '\u0000';
    const unit = await this.units.findOne({ where: { id: user.unitId }, select: { id: true, path: true } });
    return unit?.path ?? '\u0000';
  }

  /**
   * The units an exam's audience may name: trainers and administrators build exams bureau-wide (README "Exam
   * integrity"), so the whole tree (null); anyone else their own subtree.
   */
  async audienceRootPath(user: AuthUser): Promise<string | null> {
    if (user.roles.includes('trainer')) return null;
    return this.scopeRootPath(user);
  }

  async canSeeUnit(user: AuthUser, unit: Pick<Unit, 'path'>): Promise<boolean> {
    const root = await this.scopeRootPath(user);
    return root === null || unit.path.startsWith(root);
  }

  async requireUnit(user: AuthUser, unit: Pick<Unit, 'path'>): Promise<void> {
    if (!(await this.canSeeUnit(user, unit))) throw AppError.forbidden('该单位不在您的管辖范围内');
  }

  async requireUnitId(user: AuthUser, unitId: number): Promise<Unit> {
    const unit = await this.units.findOne({ where: { id: unitId } });
    if (!unit) throw AppError.notFound('单位不存在');
    await this.requireUnit(user, unit);
    return unit;
  }

  /** Whether the caller may see a person of this unit (their own record always). */
  async canSeeMember(user: AuthUser, member: { id: number; unitId: number | null }): Promise<boolean> {
    return (await this.visibleMembers(user, [member])).has(member.id);
  }

  /** canSeeMember for many people at once (one read of the units): the ids the caller may see. */
  async visibleMembers(
    user: AuthUser,
    members: { id: number; unitId: number | null }[],
  ): Promise<Set<number>> {
    const root = await this.scopeRootPath(user);
    if (root === null) return new Set(members.map((m) => m.id));
    const unitIds = [...new Set(members.map((m) => m.unitId).filter((id): id is number => id != null))];
    const paths = new Map<number, string>();
    for (let i = 0; i < unitIds.length; i += 500) {
      if (i > 0) await yieldToEventLoop();
      const units = await this.units.find({
        where: { id: In(unitIds.slice(i, i + 500)) },
        select: { id: true, path: true },
      });
      for (const u of units) paths.set(u.id, u.path);
    }
    return new Set(
      members
        .filter(
          (m) => m.id === user.id || (m.unitId != null && (paths.get(m.unitId) ?? '\u0000').startsWith(root)),
        )
        .map((m) => m.id),
    );
  }
}
