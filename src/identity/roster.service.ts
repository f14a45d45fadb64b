import { type ImportOptions, rejectIfInvalid } from '../common/imports';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { encodeLines } from '../common/business-lines';
import { AppError, ErrorDetail } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { toXlsx } from '../common/sheet';
import type { Upload } from '../common/upload';
import { recordPostChanges } from './post-history.recorder';
import { TxService } from '../database/tx.service';
import { AccessService } from '../organization/access.service';
import { UnitsService } from '../organization/units.service';
import { hashPassword, randomPassword } from './password';
import { ELEVATED_ROLES, managerRowProblem, ROSTER_HEADERS, RosterRow } from './roster';
import { readRosterInWorker } from './roster-job';
import { User } from './user.entity';
import type { RosterImportResponse } from './user.response';
import { UsersService } from './users.service';

@Injectable()
export class RosterService {
  constructor(
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly access: AccessService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {}

  template(): Promise<Buffer> {
    return toXlsx('花名册', ROSTER_HEADERS, [
      ['张三', 'S0001', '优抚褒扬科', '科员', '是', '是', '优抚褒扬', '学员', '否'],
      [
        '李四',
        'S0002',
        '光明街道退役军人服务站',
        '站长',
        '否',
        '否',
        '就业创业、权益维护',
        '学员、管理者',
        '是',
      ],
    ]);
  }

  /**
   * Dry run by default. With `mode=all` a file with any bad row writes nothing (422); with `mode=valid` the valid
   * rows are written and the bad ones reported. Rows are matched on 工号: re-importing a file changes nothing.
   */
  async import(actor: AuthUser, upload: Upload, opts: ImportOptions): Promise<RosterImportResponse> {
    const allUnits = await this.units.findAll();
    const root = await this.access.scopeRootPath(actor);
    // Read and validated in a worker thread, after the upload limits (see readRosterJob).
    const parsed = await readRosterInWorker(
      upload.fileName,
      upload.data,
      allUnits.map((u) => ({ id: u.id, name: u.name, path: u.path })),
      root,
      upload.progress,
    );
    if (!parsed.ok)
      throw AppError.unprocessable(`${upload.fileName}：${parsed.message}`, [{ message: parsed.message }]);
    const sheet = { columns: parsed.columns };
    const { rows, errors } = parsed;

    const existing = new Map(
      (await this.users.findByStaffNos(rows.map((r) => r.staffNo))).map((u) => [u.staffNo, u]),
    );
    const isAdmin = this.access.isAdmin(actor);
    // Looked up for all rows at once: a query per row kept the event loop busy for seconds on a large roster.
    const taken = await this.users.usernamesTaken(
      rows.filter((r) => !existing.has(r.staffNo)).map((r) => r.staffNo),
    );
    const visible = await this.access.visibleMembers(actor, [...existing.values()]);
    const toCreate: RosterRow[] = [];
    const toUpdate: { row: RosterRow; user: User }[] = [];
    let unchanged = 0;
    for (const row of rows) {
      const rowErrors: ErrorDetail[] = [];
      const user = existing.get(row.staffNo);
      // Only an administrator grants or removes roles and edits the accounts of trainers and managers.
      const problem = isAdmin ? null : managerRowProblem(row, user ?? null, actor.id);
      if (problem) {
        const field = row.roles.some((r) => ELEVATED_ROLES.includes(r)) ? '角色' : '工号';
        rowErrors.push({ row: row.row, column: sheet.columns[field], field, message: problem });
      }
      if (!user) {
        if (taken.has(row.staffNo))
          rowErrors.push({
            row: row.row,
            column: sheet.columns['工号'],
            field: '工号',
            message: `登录名“${row.staffNo}”已被其他账号使用`,
          });
      } else if (root !== null && !visible.has(user.id)) {
        rowErrors.push({
          row: row.row,
          column: sheet.columns['工号'],
          field: '工号',
          message: `工号“${row.staffNo}”属于您管辖范围以外的人员`,
        });
      }
      if (rowErrors.length) {
        errors.push(...rowErrors);
        continue;
      }
      if (!user) toCreate.push(row);
      else if (differs(user, row)) toUpdate.push({ row, user });
      else unchanged++;
    }
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));

    const summary = {
      dryRun: opts.dryRun,
      fileName: upload.fileName,
      rows: toCreate.length + toUpdate.length + unchanged,
      created: toCreate.length,
      updated: toUpdate.length,
      unchanged,
      errors,
    };
    rejectIfInvalid(upload.fileName, errors, summary, opts);
    if (opts.dryRun || (toCreate.length === 0 && toUpdate.length === 0))
      return { ...summary, written: false };

    const initialPassword = toCreate.length ? randomPassword() : undefined;
    upload.progress.writing(0, toCreate.length + toUpdate.length, '人');
    const passwordHash = initialPassword ? await hashPassword(initialPassword) : '';
    await this.tx.run(async (m) => {
      const repo = m.getRepository(User);
      await this.users.saveMany(
        m,
        toCreate.map((r) =>
          this.users.buildUser(
            { username: r.staffNo, ...profile(r), postTitle: r.postTitle ?? undefined },
            passwordHash,
            // The shared initial password of the batch: each person sets their own at first sign-in.
            true,
          ),
        ),
      );
      for (const { row, user } of toUpdate) {
        const p = profile(row);
        const rolesChanged = p.roles.join(',') !== user.roles;
        await repo.update(user.id, {
          ...p,
          roles: p.roles.join(','),
          businessLines: encodeLines(p.businessLines),
          ...(rolesChanged ? { tokenVersion: user.tokenVersion + 1 } : {}),
        });
      }
      if (toUpdate.length)
        await recordPostChanges(m, await repo.findBy({ id: In(toUpdate.map((u) => u.user.id)) }));
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'roster.import',
        entity: 'user',
        detail: {
          fileName: upload.fileName,
          created: toCreate.map((r) => r.staffNo),
          updated: toUpdate.map((u) => u.row.staffNo),
        },
      });
    });
    this.users.forgetAuthUsers();
    return { ...summary, written: true, ...(initialPassword ? { initialPassword } : {}) };
  }
}

function profile(r: RosterRow) {
  return {
    name: r.name,
    staffNo: r.staffNo,
    unitId: r.unitId,
    postTitle: r.postTitle,
    civilServant: r.civilServant,
    enforcementPost: r.enforcementPost,
    businessLines: r.businessLines,
    roles: r.roles,
    leader: r.leader,
  };
}

function differs(u: User, r: RosterRow): boolean {
  return (
    u.name !== r.name ||
    u.unitId !== r.unitId ||
    (u.postTitle ?? null) !== r.postTitle ||
    u.civilServant !== r.civilServant ||
    u.enforcementPost !== r.enforcementPost ||
    u.businessLines !== encodeLines(r.businessLines) ||
    u.roles !== r.roles.join(',') ||
    u.leader !== r.leader
  );
}
