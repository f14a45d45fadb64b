import { type ImportOptions, rejectIfInvalid } from '../common/imports';
import { localDay } from '../common/dates';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { readKeyedSheetInWorker, toXlsx } from '../common/sheet';
import type { Upload } from '../common/upload';
import { TxService } from '../database/tx.service';
import type { Attempt } from '../exams/attempt.entity';
import { AttemptsService, type SubmitResult } from '../exams/attempts.service';
import type { Exam } from '../exams/exam.entity';
import { User } from '../identity/user.entity';
import { UsersService } from '../identity/users.service';
import { AccessService } from '../organization/access.service';
import { Unit } from '../organization/unit.entity';
import { UnitsService } from '../organization/units.service';
import { CERTIFICATE_IMPORT_HEADERS, validateCertificateImport } from './certificate-import';
import { renderCertificatePage, renderVerificationPage } from './certificate-page';
import {
  CERTIFICATE_STATUS_LABELS,
  counterKey,
  defaultExpiry,
  formatNumber,
  isDay,
  isoDay,
  randomVerificationCode,
  statusOn,
} from './certificate-rules';
import {
  CERTIFICATE_KIND_LABELS,
  Certificate,
  CertificateKind,
  CertificateSource,
} from './certificate.entity';
import {
  CertificateDetailResponse,
  CertificateImportResponse,
  CertificateListResponse,
  CertificateResponse,
  HolderInfo,
  toCertificateResponse,
  toVerificationResponse,
  VerificationResponse,
} from './certificate.response';
import { CertificationRepository } from './certification.repository';
import { ListCertificatesQuery, RegisterCertificateDto, RenewCertificateDto } from './dto/certificate.dto';
import { recordPostChanges } from '../identity/post-history.recorder';

interface NewCertificate {
  kind: CertificateKind;
  userId: number;
  number?: string;
  issuedOn: string;
  expiresOn?: string;
  source: CertificateSource;
  issuer?: string | null;
  examId?: number | null;
  sourceAttemptId?: number | null;
  renewsId?: number | null;
}

const SELF_CERTIFICATE = '不能登记、换发或变更本人的证书，须由其他负责人办理';

/** Exam kinds whose pass earns a certificate, and which. */
const EARNS: Partial<Record<Exam['kind'], CertificateKind>> = {
  qualification: 'enforcement',
  onboarding: 'training',
  annual: 'training',
};

@Injectable()
export class CertificatesService implements OnModuleInit {
  constructor(
    @InjectRepository(Certificate) private readonly certificates: Repository<Certificate>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CertificationRepository,
    private readonly attempts: AttemptsService,
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly access: AccessService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.attempts.onScored((m, exam, attempt, result) => this.onAttemptScored(m, exam, attempt, result));
  }

  /**
   * Runs inside the scoring transaction, once per attempt: a passed qualification exam (every required part
   * passed) earns an enforcement certificate, a passed onboarding or annual exam a training certificate. The unique
   * sourceAttemptId and the one-per-exam check keep it to exactly one.
   */
  async onAttemptScored(m: EntityManager, exam: Exam, attempt: Attempt, result: SubmitResult): Promise<void> {
    const kind = EARNS[exam.kind];
    if (!kind || !result.passed || result.parts.some((p) => !p.passed)) return;
    const repo = m.getRepository(Certificate);
    if (await repo.exists({ where: { userId: attempt.userId, examId: exam.id, kind } })) return;
    await this.issue(m, null, {
      kind,
      userId: attempt.userId,
      issuedOn: localDay(result.submittedAt ?? new Date()),
      source: 'exam',
      issuer: null,
      examId: exam.id,
      sourceAttemptId: attempt.id,
    });
  }

  /** Inserts a certificate (numbering it when no number is given) and audits it, in the caller's transaction. */
  private async issue(
    m: EntityManager,
    actorId: number | null,
    c: NewCertificate,
  ): Promise<Certificate | null> {
    const number = c.number ?? (await this.nextNumber(m, c.kind, Number(c.issuedOn.slice(0, 4))));
    const values = {
      kind: c.kind,
      userId: c.userId,
      number,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn ?? defaultExpiry(c.issuedOn, this.config.certificates.validityYears),
      status: null,
      statusSince: null,
      statusReason: null,
      source: c.source,
      issuer: c.issuer ?? null,
      examId: c.examId ?? null,
      sourceAttemptId: c.sourceAttemptId ?? null,
      renewsId: c.renewsId ?? null,
      verificationCode: randomVerificationCode(),
    };
    // ON CONFLICT DO NOTHING: a second insert for the same attempt or number is a no-op, never an error.
    await m.createQueryBuilder().insert().into(Certificate).values(values).orIgnore().execute();
    const saved = await m.getRepository(Certificate).findOne({ where: { number } });
    if (!saved || saved.verificationCode !== values.verificationCode) return null;
    await this.audit.record(m, {
      actorId,
      subjectId: c.userId,
      action: `certificate.${c.source === 'renewal' ? 'renew' : c.source === 'exam' ? 'issue' : 'register'}`,
      entity: 'certificate',
      entityId: saved.id,
      detail: {
        number,
        kind: c.kind,
        userId: c.userId,
        issuedOn: c.issuedOn,
        renewsId: c.renewsId ?? undefined,
      },
    });
    return saved;
  }

  /** The next number for a kind and year from the configured pattern; one upsert, so parallel issues never clash. */
  private async nextNumber(m: EntityManager, kind: CertificateKind, year: number): Promise<string> {
    const pattern =
      kind === 'enforcement'
        ? this.config.certificates.enforcementPattern
        : this.config.certificates.trainingPattern;
    const key = counterKey(pattern, year);
    for (;;) {
      const rows: { value: number }[] = await m.query(
        ...this.tx.sql(
          `INSERT INTO certificate_counter (prefix, value) VALUES ($1, 1)
           ON CONFLICT (prefix) DO UPDATE SET value = certificate_counter.value + 1 RETURNING value`,
          [key],
        ),
      );
      const number = formatNumber(pattern, year, Number(rows[0].value));
      // A registered certificate from elsewhere may already carry this number: skip it.
      if (!(await m.getRepository(Certificate).exists({ where: { number } }))) return number;
    }
  }

  // ---- reading -------------------------------------------------------------------------------------------

  private async holderInfo(userIds: number[]): Promise<Map<number, HolderInfo>> {
    return new Map((await this.users.summaries(userIds)).map((u) => [u.id, u]));
  }

  private async respond(list: Certificate[]): Promise<CertificateResponse[]> {
    const holders = await this.holderInfo(list.map((c) => c.userId));
    return list.map((c) => toCertificateResponse(c, holders.get(c.userId)));
  }

  async list(actor: AuthUser, q: ListCertificatesQuery): Promise<CertificateListResponse> {
    const page = q.page ?? 1;
    const pageSize = Math.min(q.pageSize ?? 50, 500);
    const qb = this.certificates
      .createQueryBuilder('c')
      .innerJoin(User, 'u', 'u.id = c.userId')
      .leftJoin(Unit, 'un', 'un.id = u.unitId');
    const root = await this.access.scopeRootPath(actor);
    if (root !== null) qb.andWhere('un.path LIKE :root', { root: `${root}%` });
    if (q.unitId) {
      const unit = await this.access.requireUnitId(actor, q.unitId);
      qb.andWhere('un.path LIKE :sub', { sub: `${unit.path}%` });
    }
    if (q.userId) qb.andWhere('c.userId = :uid', { uid: q.userId });
    if (q.kind) qb.andWhere('c.kind = :kind', { kind: q.kind });
    const [rows, total] = await qb
      .orderBy('c.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { total, page, pageSize, items: await this.respond(rows) };
  }

  async mine(user: AuthUser): Promise<CertificateResponse[]> {
    return this.respond(await this.certificates.find({ where: { userId: user.id }, order: { id: 'DESC' } }));
  }

  /** A certificate the caller may see: their own, or one of a person in their subtree (managers, admins). */
  private async visible(actor: AuthUser, id: number, manage = false): Promise<Certificate> {
    const c = await this.certificates.findOne({ where: { id } });
    if (!c) throw AppError.notFound('证书不存在');
    const isManager = actor.roles.includes('admin') || actor.roles.includes('manager');
    if (c.userId === actor.id) {
      if (!manage) return c;
      // Separation of duties: nobody suspends, revokes, reinstates or renews a certificate of their own.
      throw AppError.forbidden(SELF_CERTIFICATE);
    }
    const holder = await this.users.findById(c.userId);
    if (!isManager || !holder || !(await this.access.canSeeMember(actor, holder)))
      throw AppError.notFound('证书不存在');
    return c;
  }

  async get(actor: AuthUser, id: number): Promise<CertificateDetailResponse> {
    const c = await this.visible(actor, id);
    const [out] = await this.respond([c]);
    const chain = await this.certificates.find({
      where: [{ renewsId: c.id }, ...(c.renewsId ? [{ id: c.renewsId }] : [])],
    });
    return { ...out, renewedById: chain.find((x) => x.renewsId === c.id)?.id ?? null };
  }

  // ---- managing ------------------------------------------------------------------------------------------

  private async requireHolder(actor: AuthUser, dto: { userId?: number; staffNo?: string }): Promise<User> {
    const u = dto.userId
      ? await this.users.findById(dto.userId)
      : dto.staffNo
        ? (await this.users.findByStaffNos([dto.staffNo]))[0]
        : undefined;
    if (!dto.userId && !dto.staffNo)
      throw AppError.badRequest('请指定持证人', [{ field: 'staffNo', message: '请填写工号或账号 id' }]);
    if (!u || !(await this.access.canSeeMember(actor, u)))
      throw AppError.notFound('人员不存在或不在您的管辖范围内');
    if (u.id === actor.id) throw AppError.forbidden(SELF_CERTIFICATE);
    return u;
  }

  /** Registers a certificate obtained elsewhere (a manager, for a person in their subtree). */
  async register(actor: AuthUser, dto: RegisterCertificateDto): Promise<CertificateResponse> {
    const holder = await this.requireHolder(actor, dto);
    const today = localDay();
    if (!isDay(dto.issuedOn))
      throw AppError.badRequest('发证日期无效', [{ field: 'issuedOn', message: '发证日期无效' }]);
    if (dto.issuedOn > today)
      throw AppError.badRequest('发证日期晚于今天', [{ field: 'issuedOn', message: '发证日期晚于今天' }]);
    const expiresOn = dto.expiresOn ?? defaultExpiry(dto.issuedOn, this.config.certificates.validityYears);
    if (!isDay(expiresOn) || expiresOn < dto.issuedOn)
      throw AppError.badRequest('有效期至早于发证日期', [
        { field: 'expiresOn', message: '有效期至早于发证日期' },
      ]);
    const number = dto.number.trim();
    if (await this.certificates.exists({ where: { number } }))
      throw AppError.conflict(`证书编号“${number}”已登记`);
    const saved = await this.tx.run((m) =>
      this.issue(m, actor.id, {
        kind: dto.kind,
        userId: holder.id,
        number,
        issuedOn: dto.issuedOn,
        expiresOn,
        source: 'registered',
        issuer: dto.issuer ?? null,
      }),
    );
    if (!saved) throw AppError.conflict(`证书编号“${number}”已登记`);
    return (await this.respond([saved]))[0];
  }

  /** Suspend, revoke or reinstate: a guarded update from the expected stored status, audited. */
  async changeStatus(
    actor: AuthUser,
    id: number,
    action: 'suspend' | 'revoke' | 'reinstate',
    reason: string,
  ): Promise<CertificateResponse> {
    const c = await this.visible(actor, id, true);
    const from: (string | null)[] =
      action === 'suspend' ? [null] : action === 'revoke' ? [null, 'suspended'] : ['suspended'];
    if (!from.includes(c.status)) {
      const now = CERTIFICATE_STATUS_LABELS[statusOn(c, localDay())];
      const verb = { suspend: '暂停', revoke: '吊销', reinstate: '恢复' }[action];
      throw AppError.conflict(`证书当前状态为“${now}”，不能${verb}`);
    }
    const today = localDay();
    const next = action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : null;
    await this.tx.run(async (m) => {
      const qb = m
        .createQueryBuilder()
        .update(Certificate)
        .set({ status: next, statusSince: next ? today : null, statusReason: reason })
        .where('id = :id', { id });
      if (c.status === null) qb.andWhere('status IS NULL');
      else qb.andWhere('status = :s', { s: c.status });
      const res = await qb.execute();
      if (!res.affected) throw AppError.conflict('证书状态已被他人修改，请刷新后重试');
      await this.audit.record(m, {
        actorId: actor.id,
        subjectId: c.userId,
        action: `certificate.${action}`,
        entity: 'certificate',
        entityId: id,
        detail: { number: c.number, from: c.status ?? 'valid', to: next ?? 'valid', reason },
      });
    });
    return (await this.respond([(await this.certificates.findOne({ where: { id } }))!]))[0];
  }

  /** Renewal: a new certificate for the same holder and kind, linked to the old one (which keeps its history). */
  async renew(actor: AuthUser, id: number, dto: RenewCertificateDto): Promise<CertificateResponse> {
    const old = await this.visible(actor, id, true);
    if (old.status === 'revoked') throw AppError.conflict('已吊销的证书不能换发');
    if (await this.certificates.exists({ where: { renewsId: id } }))
      throw AppError.conflict('该证书已换发过');
    const issuedOn = dto.issuedOn ?? localDay();
    if (!isDay(issuedOn) || issuedOn > localDay())
      throw AppError.badRequest('发证日期无效或晚于今天', [
        { field: 'issuedOn', message: '发证日期无效或晚于今天' },
      ]);
    const expiresOn = dto.expiresOn ?? defaultExpiry(issuedOn, this.config.certificates.validityYears);
    if (expiresOn < issuedOn)
      throw AppError.badRequest('有效期至早于发证日期', [
        { field: 'expiresOn', message: '有效期至早于发证日期' },
      ]);
    if (dto.number && (await this.certificates.exists({ where: { number: dto.number } })))
      throw AppError.conflict(`证书编号“${dto.number}”已登记`);
    const saved = await this.tx.run(async (m) => {
      if (await m.getRepository(Certificate).exists({ where: { renewsId: id } }))
        throw AppError.conflict('该证书已换发过');
      return this.issue(m, actor.id, {
        kind: old.kind,
        userId: old.userId,
        number: dto.number,
        issuedOn,
        expiresOn,
        source: 'renewal',
        issuer: old.issuer,
        renewsId: old.id,
      });
    });
    if (!saved) throw AppError.conflict('换发失败：证书编号冲突，请重试');
    return (await this.respond([saved]))[0];
  }

  template(): Promise<Buffer> {
    return toXlsx('证书登记', CERTIFICATE_IMPORT_HEADERS, [
      ['S0001', '张三', '甲A2024000123', '行政执法资格证', '2024-05-01', '2029-04-30', '区司法局'],
      ['S0002', '李四', 'PX-2025-0088', '培训合格证', '2025-03-15', '', '市退役军人事务局'],
    ]);
  }

  /** Register import: same rules as the roster import (dry run by default, mode=all|valid, row errors). */
  async import(actor: AuthUser, upload: Upload, opts: ImportOptions): Promise<CertificateImportResponse> {
    const parsed = await readKeyedSheetInWorker(upload.fileName, upload.data);
    if (!parsed.ok)
      throw AppError.unprocessable(`${upload.fileName}：${parsed.message}`, [{ message: parsed.message }]);
    const sheet = parsed.sheet;
    const staffNos = [...new Set(sheet.rows.map((r) => (r.cells['工号'] ?? '').trim()).filter(Boolean))];
    const people = new Map((await this.users.findByStaffNos(staffNos)).map((u) => [u.staffNo as string, u]));
    const root = await this.access.scopeRootPath(actor);
    const unitPaths = new Map((await this.units.findAll()).map((u) => [u.id, u.path]));
    const numbers = [...new Set(sheet.rows.map((r) => (r.cells['证书编号'] ?? '').trim()).filter(Boolean))];
    const existing = new Map<string, number>();
    for (let i = 0; i < numbers.length; i += 500) {
      const found = await this.certificates.find({
        where: { number: In(numbers.slice(i, i + 500)) },
        select: { number: true, userId: true },
      });
      for (const c of found) existing.set(c.number, c.userId);
    }
    const { rows, errors, unchanged } = validateCertificateImport(sheet, {
      holder: (staffNo) => {
        const u = people.get(staffNo);
        if (!u) return 'missing';
        if (u.id === actor.id) return 'self';
        if (root !== null && !(unitPaths.get(u.unitId ?? -1) ?? '').startsWith(root)) return 'out-of-scope';
        return { id: u.id, name: u.name };
      },
      numberHolder: (n) => existing.get(n),
      validityYears: this.config.certificates.validityYears,
      today: localDay(),
    });
    const summary = {
      dryRun: opts.dryRun,
      fileName: upload.fileName,
      rows: rows.length + unchanged,
      created: rows.length,
      unchanged,
      errors,
    };
    rejectIfInvalid(upload.fileName, errors, summary, opts);
    if (opts.dryRun || rows.length === 0) return { ...summary, written: false };
    await this.tx.run(async (m) => {
      for (const r of rows) {
        const saved = await this.issue(m, actor.id, {
          kind: r.kind,
          userId: r.userId,
          number: r.number,
          issuedOn: r.issuedOn,
          expiresOn: r.expiresOn,
          source: 'registered',
          issuer: r.issuer,
        });
        if (!saved) throw AppError.conflict(`证书编号“${r.number}”已被登记，请重新导入`);
      }
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'certificate.import',
        entity: 'certificate',
        detail: { fileName: upload.fileName, numbers: rows.map((r) => r.number) },
      });
    });
    return { ...summary, written: true };
  }

  // ---- printing and public verification ------------------------------------------------------------------

  async printPage(actor: AuthUser, id: number, origin: string): Promise<string> {
    const c = await this.visible(actor, id);
    const holder = (await this.holderInfo([c.userId])).get(c.userId);
    const status = statusOn(c, localDay());
    return renderCertificatePage({
      kindLabel: CERTIFICATE_KIND_LABELS[c.kind],
      number: c.number,
      holderName: holder?.name ?? '',
      unitName: holder?.unitName ?? null,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      statusLabel: CERTIFICATE_STATUS_LABELS[status],
      valid: status === 'valid',
      issuer: c.issuer ?? '区退役军人事务局',
      verificationCode: c.verificationCode,
      verifyUrl: `${origin}/verify/${encodeURIComponent(c.number)}?code=${c.verificationCode}`,
    });
  }

  /** Public: a number and its code confirm validity and a masked name; a wrong pair reveals nothing (404). */
  async verify(number: string, code: string): Promise<VerificationResponse> {
    const c = await this.certificates.findOne({ where: { number: number.trim() } });
    const a = Buffer.from((c?.verificationCode ?? '').padEnd(16));
    const b = Buffer.from(code.trim().toUpperCase().padEnd(16).slice(0, 16));
    if (!c || a.length !== b.length || !timingSafeEqual(a, b))
      throw AppError.notFound('证书编号或验证码不正确');
    const holder = await this.users.findById(c.userId);
    return toVerificationResponse(c, holder?.name ?? '');
  }

  async verifyPage(number: string, code: string): Promise<string> {
    try {
      return renderVerificationPage(await this.verify(number, code));
    } catch (e) {
      if (e instanceof AppError) return renderVerificationPage(null);
      throw e;
    }
  }

  // ---- post history and report queries (for the reports module) -----------------------------------------

  /** Start-up: backfill post history for accounts without it and record accounts changed without recording. */
  async reconcilePostHistory(): Promise<void> {
    await this.repo.backfillPostHistory();
    const drifted = await this.repo.driftedPostHistory();
    if (drifted.length === 0) return;
    await this.tx.run(async (m) => {
      for (let i = 0; i < drifted.length; i += 500) {
        const users = await m.getRepository(User).find({ where: { id: In(drifted.slice(i, i + 500)) } });
        await recordPostChanges(m, users);
      }
    });
  }

  countCertifiedByUnit(day: string, rootPath: string) {
    return this.repo.countCertifiedByUnit(day, rootPath);
  }
  headcounts(day: string, rootPath: string) {
    return this.repo.headcounts(day, rootPath);
  }
  uncertifiedStaff(day: string, rootPath: string) {
    return this.repo.uncertifiedStaff(day, rootPath);
  }
  expiring(day: string, until: string, rootPath: string) {
    return this.repo.expiring(day, until, rootPath);
  }
  holders(day: string, rootPath: string) {
    return this.repo.holders(day, rootPath);
  }
  staffIds(day: string, rootPath: string) {
    return this.repo.staffIds(day, rootPath);
  }
  issuedBetween(from: string, to: string, rootPath: string) {
    return this.repo.issuedBetween(from, to, rootPath);
  }

  // ---- demo data -----------------------------------------------------------------------------------------

  /**
   * Demo certificates for the demo enforcement staff: most valid, one expiring within 30 days, one expired, one
   * revoked, a few without. Their posts are dated back to 2020 so that the monthly trend has a history.
   */
  async seedDemo(staffNos: string[]): Promise<number> {
    const people = (await this.users.findByStaffNos(staffNos)).filter(
      (u) => u.enforcementPost && !u.disabled,
    );
    people.sort((a, b) => (a.staffNo ?? '').localeCompare(b.staffNo ?? ''));
    const today = localDay();
    const addDaysTo = (day: string, n: number) => {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + n);
      return isoDay(d);
    };
    let created = 0;
    await this.tx.run(async (m) => {
      await m.query(
        ...this.tx.sql(
          `UPDATE post_history SET "validFrom" = $1 WHERE "validTo" IS NULL AND "userId" IN (${people.map((p) => Number(p.id)).join(',') || '0'})`,
          ['2020-01-01'],
        ),
      );
      for (const [i, u] of people.entries()) {
        // Every fifth person has no certificate at all.
        if (i % 5 === 4) continue;
        const plan =
          i === 0
            ? { issuedOn: addDaysTo(today, -(5 * 365 - 20)), expiresOn: addDaysTo(today, 20) } // expiring soon
            : i === 1
              ? { issuedOn: '2019-03-01', expiresOn: '2024-02-29' } // expired
              : { issuedOn: addDaysTo(today, -(200 + i * 37)), expiresOn: undefined };
        const saved = await this.issue(m, null, {
          kind: 'enforcement',
          userId: u.id,
          issuedOn: plan.issuedOn,
          expiresOn: plan.expiresOn,
          source: 'registered',
          issuer: '区司法局',
        });
        if (!saved) continue;
        created++;
        if (i === 2) {
          await m.getRepository(Certificate).update(saved.id, {
            status: 'revoked',
            statusSince: addDaysTo(today, -30),
            statusReason: '演示数据：违反执法规范被吊销',
          });
          await this.audit.record(m, {
            actorId: null,
            subjectId: u.id,
            action: 'certificate.revoke',
            entity: 'certificate',
            entityId: saved.id,
            detail: { number: saved.number, from: 'valid', to: 'revoked', reason: '演示数据' },
          });
        }
      }
    });
    return created;
  }
}
