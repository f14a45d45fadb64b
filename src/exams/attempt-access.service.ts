import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { UsersService } from '../identity/users.service';
import { AccessService } from '../organization/access.service';
import { Attempt } from './attempt.entity';
import { Exam } from './exam.entity';
import { ExamsService } from './exams.service';
import { staffMayReadOthers } from './review-policy';

/** Who on the staff may read or act on someone else's attempt (used by reviews and by the attempt actions). */
@Injectable()
export class AttemptAccessService {
  constructor(
    private readonly exams: ExamsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
  ) {}

  /**
   * Staff access to someone else's attempt — the one rule for papers, reviews and attempt actions. Admins reach
   * every attempt; a manager the attempts of people in their subtree; a trainer the attempts of exams they run
   * (created or assigned to). Nobody acts on their own attempt. Reading others' papers is closed to anyone who can
   * still sit the exam themselves.
   */
  async require(actor: AuthUser, a: Attempt, exam: Exam, purpose: 'read' | 'act'): Promise<void> {
    if (a.userId === actor.id) {
      if (purpose === 'act') throw AppError.forbidden('不能对本人的答卷执行此操作，须由其他负责人办理');
      return;
    }
    const isManager = actor.roles.includes('manager') || actor.roles.includes('admin');
    const candidate = isManager ? await this.users.findById(a.userId) : null;
    const reach =
      (candidate !== null && (await this.access.canSeeMember(actor, candidate))) ||
      (actor.roles.includes('trainer') && (await this.exams.runsExam(exam, actor.id)));
    if (!reach) throw AppError.notFound('答卷不存在');
    if (purpose === 'read') {
      const decision = staffMayReadOthers(new Date(), exam, await this.exams.sitting(exam, actor.id));
      if (!decision.open) throw AppError.forbidden(decision.reason);
    }
  }
}
