import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Like, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { TxService } from '../database/tx.service';
import { AccessService } from './access.service';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { buildTree, childPath, unitShapeProblem } from './unit-tree';
import { Unit } from './unit.entity';
import { toUnitResponse, UnitNodeResponse, type UnitResponse } from './unit.response';

@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly tx: TxService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  findAll(): Promise<Unit[]> {
    return this.units.find({ order: { path: 'ASC' } });
  }

  findById(id: number): Promise<Unit | null> {
    return this.units.findOne({ where: { id } });
  }

  /** The tree the caller may see: everything for admins, their own subtree for everyone else. */
  async tree(user: AuthUser): Promise<UnitNodeResponse[]> {
    return this.treeUnder(await this.access.scopeRootPath(user));
  }

  /** The units an exam's audience may name (AccessService.audienceRootPath): the whole tree for trainers. */
  async audienceTree(user: AuthUser): Promise<UnitNodeResponse[]> {
    return this.treeUnder(await this.access.audienceRootPath(user));
  }

  private async treeUnder(root: string | null): Promise<UnitNodeResponse[]> {
    const rows =
      root === null ? await this.findAll() : await this.units.find({ where: { path: Like(`${root}%`) } });
    const visible = rows.map(toUnitResponse);
    const ids = new Set(visible.map((u) => u.id));
    // buildTree keeps every field of a unit (leaderId included) and adds its children.
    return buildTree(
      visible.map((u) => (u.parentId != null && !ids.has(u.parentId) ? { ...u, parentId: null } : u)),
    ) as UnitNodeResponse[];
  }

  async get(user: AuthUser, id: number): Promise<UnitResponse> {
    const unit = await this.findById(id);
    if (!unit) throw AppError.notFound('单位不存在');
    await this.access.requireUnit(user, unit);
    return toUnitResponse(unit);
  }

  /** Ids of a unit and every unit below it. */
  async subtreeIds(unitId: number): Promise<number[]> {
    const unit = await this.findById(unitId);
    if (!unit) return [];
    const rows = await this.units.find({ select: { id: true }, where: { path: Like(`${unit.path}%`) } });
    return rows.map((r) => r.id);
  }

  async create(actor: AuthUser, dto: CreateUnitDto): Promise<UnitResponse> {
    const parent = dto.parentId != null ? await this.findById(dto.parentId) : null;
    if (dto.parentId != null && !parent) throw AppError.badRequest('上级单位不存在');
    const problem = unitShapeProblem(dto.kind, dto.level ?? null, parent?.kind ?? null);
    if (problem) throw AppError.badRequest(problem);
    if (!parent && (await this.units.count()) > 0 && dto.kind === 'bureau')
      throw AppError.badRequest('已存在根单位（局）');
    const unit = await this.tx.run(async (m) => {
      const repo = m.getRepository(Unit);
      const saved = await repo.save(
        repo.create({
          name: dto.name,
          kind: dto.kind,
          level: dto.level ?? null,
          parentId: parent?.id ?? null,
          sortOrder: dto.sortOrder ?? 0,
          path: '',
        }),
      );
      saved.path = childPath(parent?.path ?? null, saved.id);
      await repo.update(saved.id, { path: saved.path });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'unit.create',
        entity: 'unit',
        entityId: saved.id,
        detail: dto,
      });
      return saved;
    });
    return toUnitResponse(unit);
  }

  /** Updates a unit; a new parent moves the whole subtree with it. */
  async update(actor: AuthUser, id: number, dto: UpdateUnitDto): Promise<UnitResponse> {
    const unit = await this.findById(id);
    if (!unit) throw AppError.notFound('单位不存在');
    const moving = dto.parentId !== undefined && dto.parentId !== unit.parentId;
    const parent = moving
      ? await this.findById(dto.parentId as number)
      : unit.parentId
        ? await this.findById(unit.parentId)
        : null;
    if (moving && !parent) throw AppError.badRequest('上级单位不存在');
    if (moving && parent && parent.path.startsWith(unit.path))
      throw AppError.badRequest('不能把单位移到它自己的下级单位之下');
    const kind = dto.kind ?? unit.kind;
    const level = dto.level !== undefined ? dto.level : kind === 'station' ? unit.level : null;
    const problem = unitShapeProblem(kind, level ?? null, parent?.kind ?? null);
    if (problem) throw AppError.badRequest(problem);
    if (dto.leaderId != null) await this.checkLeader(unit, dto.leaderId);
    await this.tx.run(async (m) => {
      const repo = m.getRepository(Unit);
      await repo.update(id, {
        name: dto.name ?? unit.name,
        kind,
        level: level ?? null,
        sortOrder: dto.sortOrder ?? unit.sortOrder,
        parentId: parent?.id ?? null,
        ...(dto.leaderId !== undefined ? { leaderId: dto.leaderId } : {}),
      });
      if (moving && parent) {
        const newPath = childPath(parent.path, unit.id);
        // Rewrite the prefix of the unit's path and all its descendants' paths in one statement.
        await m.query(
          ...this.tx.sql('UPDATE unit SET path = $1 || substr(path, $2) WHERE path LIKE $3', [
            newPath,
            unit.path.length + 1,
            `${unit.path}%`,
          ]),
        );
      }
      await this.audit.record(m, {
        actorId: actor.id,
        action: moving ? 'unit.move' : 'unit.update',
        entity: 'unit',
        entityId: id,
        detail: dto,
      });
    });
    return toUnitResponse((await this.findById(id)) as Unit);
  }

  /** A unit's leader is an enabled account of the unit or a unit below it. */
  private async checkLeader(unit: Unit, leaderId: number): Promise<void> {
    const rows = (await this.units.query(
      ...this.tx.sql(
        'SELECT u.disabled AS disabled, unit.path AS path FROM "user" u LEFT JOIN unit ON unit.id = u."unitId" WHERE u.id = $1',
        [leaderId],
      ),
    )) as { disabled: boolean | number; path: string | null }[];
    const leader = rows[0];
    const message = !leader
      ? `账号 ${leaderId} 不存在`
      : leader.disabled === true || Number(leader.disabled) === 1
        ? '该账号已停用，不能担任负责人'
        : !(leader.path ?? '').startsWith(unit.path)
          ? `负责人须是“${unit.name}”或其下级单位的人员`
          : null;
    if (message) throw AppError.badRequest(message, [{ field: 'leaderId', message }]);
  }

  async remove(actor: AuthUser, id: number): Promise<void> {
    const unit = await this.findById(id);
    if (!unit) throw AppError.notFound('单位不存在');
    if ((await this.units.count({ where: { parentId: id } })) > 0)
      throw AppError.conflict('该单位下还有下级单位，不能删除');
    await this.tx.run(async (m) => {
      try {
        await m.getRepository(Unit).delete(id);
      } catch {
        throw AppError.conflict('该单位下还有人员，不能删除');
      }
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'unit.delete',
        entity: 'unit',
        entityId: id,
        detail: { name: unit.name },
      });
    });
  }

  /** Finds units by exact name (for roster import); more than one is ambiguous. */
  findByName(name: string): Promise<Unit[]> {
    return this.units.find({ where: { name } });
  }

  /** Creates a unit without an actor (demo data and first start). Idempotent by name under the same parent. */
  async ensure(
    name: string,
    kind: Unit['kind'],
    parent: Unit | null,
    level: Unit['level'] = null,
    sortOrder = 0,
  ): Promise<Unit> {
    const existing = await this.units.findOne({ where: { name, parentId: parent ? parent.id : IsNull() } });
    if (existing) return existing;
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Unit);
      const saved = await repo.save(
        repo.create({ name, kind, level, parentId: parent?.id ?? null, sortOrder, path: '' }),
      );
      saved.path = childPath(parent?.path ?? null, saved.id);
      await repo.update(saved.id, { path: saved.path });
      return saved;
    });
  }
}
