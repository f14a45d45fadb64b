import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { decodeLines, encodeLines } from '../common/business-lines';
import { AppError } from '../common/errors';
import { yieldToEventLoop } from '../common/event-loop';
import { LIKE_ESCAPE, likeContains } from '../common/like';
import type { AuthUser } from '../common/roles';
import { recordPostChanges } from './post-history.recorder';
import { TxService } from '../database/tx.service';
import { AccessService } from '../organization/access.service';
import { UnitsService } from '../organization/units.service';
import { ChangePasswordDto, CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { audienceCondition, type AudienceCriteria } from './audience-sql';
import { hashPassword, passwordProblem, randomPassword, verifyPassword } from './password';
import { User } from './user.entity';
import {
  CreatedUserResponse,
  DirectoryEntryResponse,
  PasswordChangedResponse,
  PasswordResetResponse,
  toAuthUser,
  toUserResponse,
  UserListResponse,
  UserResponse,
} from './user.response';

/** Who an account is, for other features' lists: name, staff number, unit. */
export interface UserSummary {
  id: number;
  name: string;
  staffNo: string | null;
  unitId: number | null;
  unitName: string | null;
}

/** A member of an audience, as findAudience returns it. */
export interface AudienceMember {
  id: number;
  username: string;
  name: string;
  unitId: number | null;
  unitName: string | null;
  unitPath: string | null;
  businessLines: string;
  enforcementPost: boolean;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger('UsersService');
  /** Accounts behind tokens, by user id: see AppConfig.authCacheMs. */
  private readonly authCache = new Map<number, { tv: number; user: AuthUser | undefined; until: number }>();
  private authSql?: [string, unknown[]];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tx: TxService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly units: UnitsService,
  ) {}

  /**
   * The caller behind a token: only while the account is enabled and the token version still matches. Runs on
   * every authenticated request, so it is one raw statement (no query builder) and its answer is kept for
   * AppConfig.authCacheMs; every account change made through this process clears the cache (forgetAuthUsers).
   */
  async findActiveAuthUser(id: number, tokenVersion: number): Promise<AuthUser | undefined> {
    const now = Date.now();
    const hit = this.authCache.get(id);
    if (hit && hit.until > now && hit.tv === tokenVersion) return hit.user;
    this.authSql ??= this.tx.sql(
      'SELECT id, username, name, roles, "unitId" AS "unitId", disabled, "tokenVersion" AS "tokenVersion", "mustChangePassword" AS "mustChangePassword" FROM "user" WHERE id = $1',
      [],
    );
    type Row = {
      id: number;
      username: string;
      name: string;
      roles: string;
      unitId: number | null;
      disabled: boolean | number;
      tokenVersion: number;
      mustChangePassword: boolean | number;
    };
    // SQLite: a prepared statement (sync); TypeORM's query runner costs more than the lookup itself.
    const u = this.tx.isSqlite
      ? (this.tx.prepared(this.authSql[0]).get(id) as Row | undefined)
      : ((await this.users.query(this.authSql[0], [id])) as Row[])[0];
    const user =
      !u || u.disabled === true || Number(u.disabled) === 1 || Number(u.tokenVersion) !== tokenVersion
        ? undefined
        : toAuthUser({
            ...u,
            id: Number(u.id),
            unitId: u.unitId == null ? null : Number(u.unitId),
          } as unknown as User);
    if (this.config.authCacheMs > 0) {
      if (this.authCache.size >= 100_000) this.authCache.clear();
      this.authCache.set(id, { tv: tokenVersion, user, until: now + this.config.authCacheMs });
    }
    return user;
  }

  /** After any change to accounts (disable, roles, password, unit, name): the next request reads them again. */
  forgetAuthUsers(): void {
    this.authCache.clear();
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOne({ where: { username } });
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOne({ where: { id }, relations: { unit: true } });
  }

  async me(user: AuthUser): Promise<UserResponse> {
    const u = await this.findById(user.id);
    if (!u) throw AppError.notFound('账号不存在');
    return toUserResponse(u);
  }

  async list(actor: AuthUser, q: ListUsersQuery): Promise<UserListResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const qb = this.users.createQueryBuilder('u').leftJoinAndSelect('u.unit', 'unit');
    const root = await this.access.scopeRootPath(actor);
    if (root !== null) qb.andWhere('unit.path LIKE :root', { root: `${root}%` });
    if (q.unitId) {
      const unit = await this.access.requireUnitId(actor, q.unitId);
      qb.andWhere('unit.path LIKE :sub', { sub: `${unit.path}%` });
    }
    if (q.role) qb.andWhere("(',' || u.roles || ',') LIKE :role", { role: `%,${q.role},%` });
    if (q.line) qb.andWhere('u.businessLines LIKE :line', { line: `%,${q.line},%` });
    if (q.q) {
      const pattern = likeContains(q.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`u.name LIKE :q ${LIKE_ESCAPE}`, { q: pattern })
            .orWhere(`u.username LIKE :q ${LIKE_ESCAPE}`)
            .orWhere(`u.staffNo LIKE :q ${LIKE_ESCAPE}`),
        ),
      );
    }
    const [rows, total] = await qb
      .orderBy('u.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { total, page, pageSize, items: rows.map(toUserResponse) };
  }

  /**
   * A read-only staff directory for building audiences and attendance lists: every enabled member of staff, with
   * only id, name, staff number, unit name and business lines (no roles, posts or account fields).
   */
  async directory(): Promise<DirectoryEntryResponse[]> {
    const rows = await this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.unit', 'unit')
      .where('u.disabled = :d', { d: false })
      .andWhere("(',' || u.roles || ',') LIKE :staff", { staff: '%,staff,%' })
      .orderBy('unit.path', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
    return rows.map((u) => ({
      id: u.id,
      name: u.name,
      staffNo: u.staffNo,
      unitName: u.unit?.name ?? null,
      businessLines: decodeLines(u.businessLines),
    }));
  }

  /** Enabled trainers, for naming who runs an exam (trainerIds): id, name and unit only. */
  async trainerDirectory(): Promise<DirectoryEntryResponse[]> {
    const rows = await this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.unit', 'unit')
      .where('u.disabled = :d', { d: false })
      .andWhere("(',' || u.roles || ',') LIKE :trainer", { trainer: '%,trainer,%' })
      .orderBy('u.id', 'ASC')
      .getMany();
    return rows.map((u) => ({
      id: u.id,
      name: u.name,
      staffNo: u.staffNo,
      unitName: u.unit?.name ?? null,
      businessLines: decodeLines(u.businessLines),
    }));
  }

  async get(actor: AuthUser, id: number): Promise<UserResponse> {
    const u = await this.findById(id);
    if (!u || !(await this.access.canSeeMember(actor, u))) throw AppError.notFound('账号不存在');
    return toUserResponse(u);
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<CreatedUserResponse> {
    if (await this.findByUsername(dto.username)) throw AppError.conflict(`登录名“${dto.username}”已被使用`);
    if (dto.staffNo && (await this.users.findOne({ where: { staffNo: dto.staffNo } }))) {
      throw AppError.conflict(`工号“${dto.staffNo}”已被使用`);
    }
    if (dto.unitId != null && !(await this.units.findById(dto.unitId)))
      throw AppError.badRequest('单位不存在');
    const password = dto.password ?? randomPassword();
    const problem = passwordProblem(password);
    if (problem) throw AppError.badRequest(problem, [{ field: 'password', message: problem }]);
    const passwordHash = await hashPassword(password);
    const saved = await this.tx.run(async (m) => {
      const u = await m
        .getRepository(User)
        .save(this.buildUser(dto, passwordHash, dto.mustChangePassword ?? true));
      await recordPostChanges(m, [u]);
      await this.audit.record(m, {
        actorId: actor.id,
        subjectId: u.id,
        action: 'user.create',
        entity: 'user',
        entityId: u.id,
        detail: { ...dto, password: undefined },
      });
      return u;
    });
    return { ...toUserResponse(saved), ...(dto.password ? {} : { initialPassword: password }) };
  }

  /** An account to save; `mustChangePassword` for one whose password someone else set (create, roster import). */
  buildUser(
    dto: Omit<CreateUserDto, 'password' | 'mustChangePassword'>,
    passwordHash: string,
    mustChangePassword: boolean,
  ): User {
    return this.users.create({
      mustChangePassword,
      username: dto.username,
      name: dto.name,
      passwordHash,
      roles: [...new Set(dto.roles)].join(','),
      staffNo: dto.staffNo ?? null,
      unitId: dto.unitId ?? null,
      postTitle: dto.postTitle ?? null,
      civilServant: dto.civilServant ?? false,
      enforcementPost: dto.enforcementPost ?? false,
      businessLines: encodeLines(dto.businessLines ?? []),
      leader: dto.leader ?? false,
    });
  }

  async update(actor: AuthUser, id: number, dto: UpdateUserDto): Promise<UserResponse> {
    const u = await this.findById(id);
    if (!u) throw AppError.notFound('账号不存在');
    if (dto.password !== undefined) throw AppError.badRequest('请使用“重置密码”修改密码');
    if (dto.username && dto.username !== u.username && (await this.findByUsername(dto.username))) {
      throw AppError.conflict(`登录名“${dto.username}”已被使用`);
    }
    if (dto.unitId != null && !(await this.units.findById(dto.unitId)))
      throw AppError.badRequest('单位不存在');
    if (id === actor.id && (dto.disabled || (dto.roles && !dto.roles.includes('admin')))) {
      throw AppError.badRequest('不能停用自己的账号或取消自己的管理员角色');
    }
    const patch: Partial<User> = {};
    if (dto.username !== undefined) patch.username = dto.username;
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.roles !== undefined) patch.roles = [...new Set(dto.roles)].join(',');
    if (dto.staffNo !== undefined) patch.staffNo = dto.staffNo;
    if (dto.unitId !== undefined) patch.unitId = dto.unitId;
    if (dto.postTitle !== undefined) patch.postTitle = dto.postTitle;
    if (dto.civilServant !== undefined) patch.civilServant = dto.civilServant;
    if (dto.enforcementPost !== undefined) patch.enforcementPost = dto.enforcementPost;
    if (dto.businessLines !== undefined) patch.businessLines = encodeLines(dto.businessLines);
    if (dto.leader !== undefined) patch.leader = dto.leader;
    if (dto.disabled !== undefined) patch.disabled = dto.disabled;
    if (dto.mustChangePassword !== undefined) patch.mustChangePassword = dto.mustChangePassword;
    // Disabling or changing roles ends existing sessions.
    if (dto.disabled === true || dto.roles !== undefined) patch.tokenVersion = u.tokenVersion + 1;
    await this.tx.run(async (m) => {
      await m.getRepository(User).update(id, patch);
      await recordPostChanges(m, [await m.getRepository(User).findOneByOrFail({ id })]);
      await this.audit.record(m, {
        actorId: actor.id,
        subjectId: id,
        action: dto.disabled !== undefined ? (dto.disabled ? 'user.disable' : 'user.enable') : 'user.update',
        entity: 'user',
        entityId: id,
        detail: dto,
      });
    });
    this.forgetAuthUsers();
    return toUserResponse((await this.findById(id)) as User);
  }

  async resetPassword(actor: AuthUser, id: number): Promise<PasswordResetResponse> {
    const u = await this.findById(id);
    if (!u) throw AppError.notFound('账号不存在');
    const password = randomPassword();
    const passwordHash = await hashPassword(password);
    await this.tx.run(async (m) => {
      await m
        .getRepository(User)
        .update(id, { passwordHash, tokenVersion: u.tokenVersion + 1, mustChangePassword: true });
      await this.audit.record(m, {
        actorId: actor.id,
        subjectId: id,
        action: 'user.reset-password',
        entity: 'user',
        entityId: id,
      });
    });
    this.forgetAuthUsers();
    return { id, username: u.username, newPassword: password };
  }

  async changeOwnPassword(user: AuthUser, dto: ChangePasswordDto): Promise<PasswordChangedResponse> {
    const u = await this.findById(user.id);
    if (!u || !(await verifyPassword(dto.currentPassword, u.passwordHash))) {
      throw AppError.badRequest('当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
    }
    if (dto.newPassword === dto.currentPassword) {
      const same = '新密码不能与当前密码相同';
      throw AppError.badRequest(same, [{ field: 'newPassword', message: same }]);
    }
    const problem = passwordProblem(dto.newPassword);
    if (problem) throw AppError.badRequest(problem, [{ field: 'newPassword', message: problem }]);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.tx.run(async (m) => {
      await m
        .getRepository(User)
        .update(u.id, { passwordHash, tokenVersion: u.tokenVersion + 1, mustChangePassword: false });
      await this.audit.record(m, {
        actorId: u.id,
        action: 'user.change-password',
        entity: 'user',
        entityId: u.id,
      });
    });
    this.forgetAuthUsers();
    return { changed: true };
  }

  /** On first start with no admin account: create `admin` with ADMIN_PASSWORD, or a random one printed once. */
  async ensureAdmin(configured: string | undefined): Promise<void> {
    const exists = await this.users
      .createQueryBuilder('u')
      .where("(',' || u.roles || ',') LIKE :r", { r: '%,admin,%' })
      .getCount();
    if (exists > 0) return;
    const password = configured ?? randomPassword();
    const passwordHash = await hashPassword(password);
    await this.tx.run(async (m) => {
      await m
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          username: 'admin',
          name: '系统管理员',
          passwordHash,
          roles: 'admin',
          // A random password printed in the log is changed at first sign-in; ADMIN_PASSWORD is the operator's own.
          mustChangePassword: !configured,
        })
        .orIgnore()
        .execute();
      await this.audit.record(m, {
        actorId: null,
        action: 'user.create-admin',
        entity: 'user',
        entityId: 'admin',
      });
    });
    if (!configured)
      this.logger.warn(`已创建管理员账号 admin，初始密码：${password}（仅显示这一次，首次登录时须修改）`);
  }

  /** Records the current posts of these accounts in their post history (start-up repair of drifted accounts). */
  async recordPostsOf(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.run(async (m) => {
      for (let i = 0; i < ids.length; i += 500)
        await recordPostChanges(
          m,
          await m.getRepository(User).find({ where: { id: In(ids.slice(i, i + 500)) } }),
        );
    });
  }

  /** Writes a batch of roster users inside the caller's transaction (roster import, demo data). */
  async saveMany(m: EntityManager, users: User[]): Promise<void> {
    for (let i = 0; i < users.length; i += 100) await m.getRepository(User).save(users.slice(i, i + 100));
    await recordPostChanges(m, users);
  }

  /**
   * People an audience names (see audienceCondition). One raw query of the columns callers need, so a
   * 100,000-person audience does not hydrate entities.
   */
  async findAudience(a: AudienceCriteria, onlyUserId?: number): Promise<AudienceMember[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    let where = audienceCondition(a, p, this.tx.isSqlite);
    if (onlyUserId !== undefined) where += ` AND u.id = ${p(onlyUserId)}`;
    const [sql, ordered] = this.tx.sql(
      `SELECT u.id AS id, u.username AS username, u.name AS name, u."unitId" AS "unitId", u."businessLines" AS "businessLines", u."enforcementPost" AS "enforcementPost", unit.name AS "unitName", unit.path AS "unitPath" FROM "user" u LEFT JOIN unit ON unit.id = u."unitId" WHERE ${where} ORDER BY u.id ASC`,
      params,
    );
    const rows = (await this.users.query(sql, ordered)) as (Omit<AudienceMember, 'enforcementPost'> & {
      enforcementPost: unknown;
    })[];
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      unitId: r.unitId === null ? null : Number(r.unitId),
      enforcementPost: Boolean(Number(r.enforcementPost)),
    }));
  }

  /** Name, staff number and unit of these accounts (certificate holders, rosters), by id. */
  async summaries(ids: number[]): Promise<UserSummary[]> {
    if (ids.length === 0) return [];
    const rows = await this.users.find({ where: { id: In([...new Set(ids)]) }, relations: { unit: true } });
    return rows.map((u) => ({
      id: u.id,
      name: u.name,
      staffNo: u.staffNo,
      unitId: u.unitId,
      unitName: u.unit?.name ?? null,
    }));
  }

  /** One query per 500 staff numbers (a 20,000-row roster stays below every database's parameter limit). */
  async findByStaffNos(staffNos: string[]): Promise<User[]> {
    const out: User[] = [];
    for (let i = 0; i < staffNos.length; i += 500) {
      if (i > 0) await yieldToEventLoop();
      out.push(
        ...(await this.users
          .createQueryBuilder('u')
          .where('u.staffNo IN (:...nos)', { nos: staffNos.slice(i, i + 500) })
          .getMany()),
      );
    }
    return out;
  }

  /** Which of these login names are taken: one query per 500, not one per name. */
  async usernamesTaken(usernames: string[]): Promise<Set<string>> {
    const taken = new Set<string>();
    for (let i = 0; i < usernames.length; i += 500) {
      if (i > 0) await yieldToEventLoop();
      const rows = await this.users.find({
        where: { username: In(usernames.slice(i, i + 500)) },
        select: { id: true, username: true },
      });
      for (const r of rows) taken.add(r.username);
    }
    return taken;
  }
}
