import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError } from '../common/errors';
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
    if (member.id === user.id || this.isAdmin(user)) return true;
    if (member.unitId == null) return false;
    const unit = await this.units.findOne({ where: { id: member.unitId }, select: { id: true, path: true } });
    return unit ? this.canSeeUnit(user, unit) : false;
  }
}
