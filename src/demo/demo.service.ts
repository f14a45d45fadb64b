import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import { CertificatesService } from '../certification/certificates.service';
import { SettingsService } from '../database/settings.service';
import { TxService } from '../database/tx.service';
import { hashPassword } from '../identity/password';
import { UsersService } from '../identity/users.service';
import type { Unit } from '../organization/unit.entity';
import { UnitsService } from '../organization/units.service';
import { ExamsService } from '../exams/exams.service';
import { toAuthUser } from '../identity/user.response';
import { AttemptsService } from '../exams/attempts.service';
import { MarkingService } from '../exams/marking.service';
import {
  DEMO_ACCOUNTS,
  DEMO_EXAMS,
  DEMO_MARKING_CANDIDATES,
  DEMO_MARKING_EXAM,
  DEMO_UNITS,
  DEMO_WRITTEN_ANSWERS,
  demoStaff,
} from './demo-data';

/** Creates the demo bureau once (a marker in `setting` makes a second start a no-op). */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('DemoService');

  constructor(
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
    private readonly exams: ExamsService,
    private readonly certificates: CertificatesService,
    private readonly attempts: AttemptsService,
    private readonly marking: MarkingService,
  ) {}

  /**
   * The demo exam with a written part, sat by four members of staff (written answers only: they fail the 通用
   * part, so no certificate or 持证率 changes); the trainer has marked two attempts, two wait in the queue.
   */
  async seedMarking(): Promise<void> {
    if (await this.settings.get('demo.marking')) return;
    const trainer = await this.users.findByUsername('trainer');
    if (!trainer) return;
    const actor = toAuthUser(trainer);
    const people = [];
    for (const username of DEMO_MARKING_CANDIDATES) {
      const u = await this.users.findByUsername(username);
      if (u) people.push(u);
    }
    const now = Date.now();
    const exam = await this.exams.create(actor, {
      ...DEMO_MARKING_EXAM,
      audience: { userIds: people.map((p) => p.id) },
      opensAt: new Date(now - 24 * 3600_000).toISOString(),
      closesAt: new Date(now + 365 * 24 * 3600_000).toISOString(),
    });
    try {
      await this.exams.publish(actor, exam.id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.logger.warn(`演示考试“${DEMO_MARKING_EXAM.title}”未能发布，保留为草稿：${e.message}`);
      await this.settings.set('demo.marking', new Date().toISOString());
      return;
    }
    let seq = 0;
    const attemptIds: number[] = [];
    for (const [i, person] of people.entries()) {
      const user = toAuthUser(person);
      const { body } = await this.attempts.start(user, exam.id);
      const text = DEMO_WRITTEN_ANSWERS[i % DEMO_WRITTEN_ANSWERS.length];
      for (const q of body.questions) {
        if (q.type === 'short-answer')
          await this.attempts.save(user, body.id, q.id, { response: text, seq: ++seq });
        if (q.type === 'case')
          await this.attempts.save(user, body.id, q.id, {
            response: (q.subQuestions ?? []).map((sub) => (sub.type === 'short-answer' ? text : null)),
            seq: ++seq,
          });
      }
      await this.attempts.submit(user, body.id);
      attemptIds.push(body.id);
    }
    for (const attemptId of attemptIds.slice(0, 2)) {
      for (const a of await this.marking.answersOfAttempt(attemptId)) {
        const awards = a.rubric.map((points, k) => (k % 2 === 0 ? points : Math.floor(points) / 2));
        await this.marking.mark(actor, a.markingId, awards, '要点不全，表述不够准确');
      }
    }
    await this.settings.set('demo.marking', new Date().toISOString());
    this.logger.log(`演示阅卷：${attemptIds.length} 份答卷，已阅 2 份，待阅 ${attemptIds.length - 2} 份`);
  }

  /** Demo certificates (some valid, one expiring soon, one expired, one revoked, some missing), created once. */
  async seedCertificates(): Promise<void> {
    if (await this.settings.get('demo.certificates')) return;
    const created = await this.certificates.seedDemo(demoStaff().map((p) => p.staffNo as string));
    await this.settings.set('demo.certificates', new Date().toISOString());
    this.logger.log(`演示证书已登记：${created} 本`);
  }

  /**
   * An open 学法用法 exam for everyone and an open qualification exam for each business line, created once. An exam
   * its banks cannot fill yet (a line short of approved questions) stays a draft, with the reason in the log, rather
   * than stopping the start; the demo-exam test requires every one of them to be published.
   */
  async seedExams(): Promise<void> {
    if (await this.settings.get('demo.exams')) return;
    const trainer = await this.users.findByUsername('trainer');
    if (!trainer) return;
    const actor = toAuthUser(trainer);
    const now = Date.now();
    const published: string[] = [];
    for (const exam of DEMO_EXAMS) {
      const created = await this.exams.create(actor, {
        ...exam,
        opensAt: new Date(now - 24 * 3600_000).toISOString(),
        closesAt: new Date(now + 365 * 24 * 3600_000).toISOString(),
      });
      try {
        await this.exams.publish(actor, created.id);
        published.push(exam.title);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        this.logger.warn(`演示考试“${exam.title}”未能发布，保留为草稿：${e.message}`);
      }
    }
    await this.settings.set('demo.exams', new Date().toISOString());
    this.logger.log(`演示考试已发布：${published.join('、')}`);
  }

  /** Returns the demo units by key (creating what is missing). */
  async seedOrganisation(demoPassword: string): Promise<Map<string, Unit>> {
    const byKey = new Map<string, Unit>();
    for (const [i, u] of DEMO_UNITS.entries()) {
      byKey.set(
        u.key,
        await this.units.ensure(
          u.name,
          u.kind,
          u.parent ? (byKey.get(u.parent) ?? null) : null,
          u.level ?? null,
          i,
        ),
      );
    }
    if (await this.settings.get('demo.people')) return byKey;
    const hash = await hashPassword(demoPassword);
    const people = [...DEMO_ACCOUNTS, ...demoStaff()];
    const existing = new Set(
      (await this.users.findByStaffNos(people.map((p) => p.staffNo as string))).map((u) => u.staffNo),
    );
    const fresh = people.filter((p) => !existing.has(p.staffNo));
    await this.tx.run(async (m) => {
      await this.users.saveMany(
        m,
        fresh.map((p) =>
          this.users.buildUser(
            {
              username: p.username,
              name: p.name,
              roles: p.roles,
              staffNo: p.staffNo ?? undefined,
              unitId: byKey.get(p.unit)?.id,
              postTitle: p.postTitle,
              civilServant: p.civilServant,
              enforcementPost: p.enforcementPost,
              businessLines: p.lines,
              leader: p.leader,
            },
            hash,
            // Demo accounts share the published demo password and are never sent to 修改密码.
            false,
          ),
        ),
      );
      await this.audit.record(m, {
        actorId: null,
        action: 'demo.seed',
        entity: 'user',
        detail: { created: fresh.length },
      });
    });
    await this.settings.set('demo.people', new Date().toISOString());
    this.logger.log(`演示数据已创建：${byKey.size} 个单位，${fresh.length} 个账号（密码见 README）`);
    return byKey;
  }
}
