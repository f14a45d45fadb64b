import { localDay } from '../common/dates';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { TxService } from '../database/tx.service';
import type { Attempt } from '../exams/attempt.entity';
import { AttemptsService, type SubmitResult } from '../exams/attempts.service';
import type { Exam } from '../exams/exam.entity';
import type { User } from '../identity/user.entity';
import { UsersService } from '../identity/users.service';
import { AccessService } from '../organization/access.service';
import { UnitsService } from '../organization/units.service';
import { renderCertificatePage, renderVerificationPage } from './certificate-page';
import { CERTIFICATE_STATUS_LABELS, defaultExpiry, isDay, isoDay, statusOn } from './certificate-rules';
import { CERTIFICATE_KIND_LABELS, Certificate, CertificateKind } from './certificate.entity';
import {
  CertificateDetailResponse,
  CertificateListResponse,
  CertificateResponse,
  HolderInfo,
  toCertificateResponse,
  toVerificationResponse,
  VerificationResponse,
} from './certificate.response';
import { CertificateIssuer } from './certificate-issuer';
import { CertificationRepository } from './certification.repository';
import { ListCertificatesQuery, RegisterCertificateDto, RenewCertificateDto } from './dto/certificate.dto';

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
    private readonly issuer: CertificateIssuer,
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
    await this.issuer.issue(m, null, {
      kind,
      userId: attempt.userId,
      issuedOn: localDay(result.submittedAt ?? new Date()),
      source: 'exam',
      issuer: null,
      examId: exam.id,
      sourceAttemptId: attempt.id,
    });
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
    const root = await this.access.scopeRootPath(actor);
    const unit = q.unitId ? await this.access.requireUnitId(actor, q.unitId) : null;
    const [rows, total] = await this.repo.page({
      rootPath: root,
      unitPath: unit?.path ?? null,
      userId: q.userId ?? null,
      kind: q.kind ?? null,
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
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
      this.issuer.issue(m, actor.id, {
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
      return this.issuer.issue(m, actor.id, {
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
    await this.users.recordPostsOf(drifted);
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
        const saved = await this.issuer.issue(m, null, {
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
