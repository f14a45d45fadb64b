import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { TxService } from '../database/tx.service';
import type {
  ExtendedAttemptResponse,
  InvalidatedAttemptResponse,
  ReopenedAttemptResponse,
  StaffAttemptResponse,
} from './attempt.response';
import { AttemptAccessService } from './attempt-access.service';
import { Attempt } from './attempt.entity';
import { AttemptsService } from './attempts.service';
import { extendDeadline } from './deadline';
import { Exam } from './exam.entity';
import { REFRESH_GRADE, runGradeSql } from './exam-grades';
import { ExamsService } from './exams.service';

/**
 * What staff do with someone else's attempt: read it, extend its time, invalidate it, reopen it. One access rule
 * for all of them (AttemptAccessService), every action audited, and nobody acts on their own attempt. The candidate's
 * own path (start, save, submit, review) is AttemptsService's.
 */
@Injectable()
export class AttemptActionsService {
  constructor(
    @InjectRepository(Attempt) private readonly attempts: Repository<Attempt>,
    private readonly attemptsService: AttemptsService,
    private readonly exams: ExamsService,
    private readonly staffAccess: AttemptAccessService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {}

  /** Staff: an attempt within reach, to read or to act on. */
  private async within(
    actor: AuthUser,
    id: number,
    purpose: 'read' | 'act',
  ): Promise<{ a: Attempt; exam: Exam }> {
    const a = await this.attempts.findOne({ where: { id } });
    if (!a) throw AppError.notFound('答卷不存在');
    const exam = await this.exams.findExam(a.examId);
    await this.staffAccess.require(actor, a, exam, purpose);
    return { a, exam };
  }

  /** One action on the attempt and its audit record, in one transaction. */
  private async audited(
    actor: AuthUser,
    { a, exam }: { a: Attempt; exam: Exam },
    action: 'extend' | 'invalidate' | 'reopen',
    detail: Record<string, unknown>,
    change: (m: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.tx.run(async (m) => {
      await change(m);
      await this.audit.record(m, {
        actorId: actor.id,
        subjectId: a.userId,
        action: `attempt.${action}`,
        entity: 'attempt',
        entityId: a.id,
        detail: { ...detail, examId: exam.id, examTitle: exam.title },
      });
    });
  }

  async readForStaff(user: AuthUser, id: number): Promise<StaffAttemptResponse> {
    const { a, exam } = await this.within(user, id, 'read');
    const view = await this.attemptsService.paperView(a, exam);
    return {
      ...view,
      userId: a.userId,
      result:
        a.status === 'submitted' || a.status === 'awaiting-marking'
          ? this.attemptsService.resultOf(a, exam)
          : null,
      invalidReason: a.invalidReason,
    };
  }

  async extend(
    actor: AuthUser,
    id: number,
    minutes: number,
    reason: string,
  ): Promise<ExtendedAttemptResponse> {
    const found = await this.within(actor, id, 'act');
    const { a } = found;
    if (a.status !== 'in-progress') throw AppError.conflict('只能为作答中的答卷延长时间');
    const extensionMinutes = a.extensionMinutes + minutes;
    const deadline = extendDeadline(a.deadline, minutes);
    await this.audited(actor, found, 'extend', { minutes, reason }, async (m) => {
      await m.getRepository(Attempt).update(id, { extensionMinutes, deadline });
    });
    return { id, deadline, extensionMinutes };
  }

  async invalidate(actor: AuthUser, id: number, reason: string): Promise<InvalidatedAttemptResponse> {
    const found = await this.within(actor, id, 'act');
    const { a } = found;
    if (a.status === 'invalidated') return { id, status: 'invalidated' };
    await this.audited(actor, found, 'invalidate', { reason }, async (m) => {
      await m.getRepository(Attempt).update(id, { status: 'invalidated', invalidReason: reason });
      await runGradeSql(m, this.tx, REFRESH_GRADE, [a.examId, a.userId]);
    });
    return { id, status: 'invalidated', reason };
  }

  /** Reopens a submitted attempt for the candidate (e.g. after a power cut), with extra minutes. */
  async reopen(
    actor: AuthUser,
    id: number,
    minutes: number,
    reason: string,
  ): Promise<ReopenedAttemptResponse> {
    const found = await this.within(actor, id, 'act');
    const { a } = found;
    if (a.status !== 'submitted') throw AppError.conflict('只能重新开放已交卷的答卷');
    const open = await this.attempts.findOne({
      where: { examId: a.examId, userId: a.userId, status: 'in-progress' },
    });
    if (open) throw AppError.conflict('该考生已有作答中的答卷');
    const deadline = new Date(Date.now() + minutes * 60000);
    await this.audited(actor, found, 'reopen', { minutes, reason }, async (m) => {
      await m.getRepository(Attempt).update(id, {
        status: 'in-progress',
        deadline,
        submittedAt: null,
        submittedBy: null,
        score: null,
        passed: null,
        parts: null,
      });
      await runGradeSql(m, this.tx, REFRESH_GRADE, [a.examId, a.userId]);
    });
    return { id, status: 'in-progress', deadline };
  }
}
