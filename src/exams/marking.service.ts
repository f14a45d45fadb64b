import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { TxService } from '../database/tx.service';
import { UsersService } from '../identity/users.service';
import { readRevision } from '../question-bank/question-content';
import type { QuestionRevision } from '../question-bank/question-revision.entity';
import { QUESTION_TYPE_LABELS, type CaseKey, type Citation } from '../question-bank/question.types';
import { CurriculumService } from '../curriculum/curriculum.service';
import { QuestionsService } from '../question-bank/questions.service';
import { Attempt } from './attempt.entity';
import { AttemptsRepository } from './attempts.repository';
import { AttemptsService } from './attempts.service';
import type { Exam } from './exam.entity';
import { ExamsService } from './exams.service';
import type {
  MarkingItemResponse,
  MarkingProgressResponse,
  MarkingStatsResponse,
  MarkResultResponse,
  NextMarkingResponse,
} from './marking.response';
import { staffMayReadOthers } from './review-policy';
import {
  agreement,
  checkAwards,
  finalMark,
  highlightTerms,
  referenceOf,
  rubricOf,
  spread,
  type MarkingRule,
} from './written';
import { WrittenAnswer } from './written-answer.entity';
import { WrittenMark } from './written-mark.entity';

const groupKey = (w: { questionId: number; sub: number }) => `${w.questionId}:${w.sub}`;

/**
 * Marking written answers (阅卷): blind, one question across all candidates at a time, by the trainers who run the
 * exam; single or double marking with a third marker when two differ; re-marking with a reason in the audit log.
 * When an attempt's last answer is final, AttemptsService.finishMarking scores it and releases the result.
 */
@Injectable()
export class MarkingService {
  constructor(
    @InjectRepository(WrittenAnswer) private readonly answers: Repository<WrittenAnswer>,
    @InjectRepository(WrittenMark) private readonly marks: Repository<WrittenMark>,
    @InjectRepository(Attempt) private readonly attempts: Repository<Attempt>,
    private readonly exams: ExamsService,
    private readonly scoring: AttemptsService,
    private readonly attemptsRepo: AttemptsRepository,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
    private readonly curriculum: CurriculumService,
  ) {}

  /** A rubric citation with the document's title instead of its catalogue code (the code when not catalogued). */
  private async titled(c: Citation | undefined): Promise<Citation | null> {
    if (!c) return null;
    const id = await this.curriculum.resolveRegulationId(c.regulation);
    const reg = id ? (await this.curriculum.findByIds([id]))[0] : undefined;
    return { ...c, regulation: reg?.title ?? c.regulation };
  }

  private rule(exam: Exam): MarkingRule {
    return { double: Boolean(exam.doubleMarking), tolerance: Number(exam.markingTolerance ?? 2) };
  }

  /**
   * Markers are the trainers who run the exam (its creator and the trainers assigned to it), and not while they can
   * still sit it themselves (they would read the reference answers).
   */
  private async requireMarker(user: AuthUser, exam: Exam): Promise<void> {
    if (!user.roles.includes('trainer') || !(await this.exams.runsExam(exam, user.id)))
      throw AppError.forbidden('您不是本场考试的阅卷人：阅卷由负责本场考试的培训管理员进行');
    const decision = staffMayReadOthers(new Date(), exam, await this.exams.sitting(exam, user.id));
    if (!decision.open) throw AppError.forbidden(decision.reason);
  }

  /** Progress and statistics: the markers, and admins. */
  private async requireOverseer(user: AuthUser, exam: Exam): Promise<void> {
    if (user.roles.includes('admin')) return;
    await this.requireMarker(user, exam);
  }

  private async active(answerIds: number[]): Promise<Map<number, WrittenMark[]>> {
    const out = new Map<number, WrittenMark[]>();
    if (!answerIds.length) return out;
    for (let i = 0; i < answerIds.length; i += 500) {
      const rows = await this.marks.find({
        where: { answerId: In(answerIds.slice(i, i + 500)), supersededAt: IsNull() },
        order: { id: 'ASC' },
      });
      for (const r of rows) out.set(r.answerId, [...(out.get(r.answerId) ?? []), r]);
    }
    return out;
  }

  /** Whether this marker may mark this answer now (not their own, not marked by them, still needing a mark). */
  private eligible(
    w: WrittenAnswer,
    marks: WrittenMark[],
    markerId: number,
    owners: Map<number, number>,
  ): boolean {
    if (w.status === 'final') return false;
    if (!owners.has(w.attemptId) || owners.get(w.attemptId) === markerId) return false;
    return !marks.some((m) => m.markerId === markerId);
  }

  /** Owners of these attempts; an invalidated attempt is left out (its answers need no marking). */
  private async owners(attemptIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (let i = 0; i < attemptIds.length; i += 500) {
      const rows = await this.attempts.find({
        where: { id: In(attemptIds.slice(i, i + 500)) },
        select: { id: true, userId: true, status: true },
      });
      for (const r of rows) if (r.status !== 'invalidated') out.set(r.id, r.userId);
    }
    return out;
  }

  private label(rev: QuestionRevision | undefined, sub: number): string {
    if (!rev) return '（题目不存在）';
    const c = readRevision(rev);
    const cut = (t: string) => (Array.from(t).length > 40 ? `${Array.from(t).slice(0, 40).join('')}……` : t);
    if (c.type === 'case') {
      const q = (c.answer as CaseKey).questions[sub];
      return `案例分析题第${sub + 1}小题：${cut(q?.stem ?? '')}（案例：${cut(c.stem)}）`;
    }
    return `${QUESTION_TYPE_LABELS[c.type]}：${cut(c.stem)}`;
  }

  async progress(user: AuthUser, examId: number): Promise<MarkingProgressResponse> {
    const exam = await this.exams.findExam(examId);
    await this.requireOverseer(user, exam);
    const found = await this.answers.find({ where: { examId }, order: { id: 'ASC' } });
    const owners = await this.owners([...new Set(found.map((w) => w.attemptId))]);
    const all = found.filter((w) => owners.has(w.attemptId));
    const marks = await this.active(all.map((w) => w.id));
    const revisions = await this.questions.revisionsByIds([...new Set(all.map((w) => w.revisionId))]);
    const groups = new Map<string, WrittenAnswer[]>();
    for (const w of all) groups.set(groupKey(w), [...(groups.get(groupKey(w)) ?? []), w]);
    const perMarker = new Map<number, number>();
    for (const list of marks.values())
      for (const m of list) perMarker.set(m.markerId, (perMarker.get(m.markerId) ?? 0) + 1);
    const names = new Map((await this.users.summaries([...perMarker.keys()])).map((u) => [u.id, u.name]));
    const attemptsAwaiting = await this.attempts.count({ where: { examId, status: 'awaiting-marking' } });
    const final = all.filter((w) => w.status === 'final').length;
    return {
      examId,
      doubleMarking: this.rule(exam).double,
      tolerance: this.rule(exam).tolerance,
      answers: all.length,
      final,
      attemptsAwaiting,
      complete: final === all.length && attemptsAwaiting === 0,
      questions: [...groups.values()].map((list) => ({
        questionId: list[0].questionId,
        sub: list[0].sub < 0 ? null : list[0].sub,
        label: this.label(revisions.get(list[0].revisionId), list[0].sub),
        answers: list.length,
        final: list.filter((w) => w.status === 'final').length,
        third: list.filter((w) => w.status === 'third').length,
        forMe: list.filter((w) => this.eligible(w, marks.get(w.id) ?? [], user.id, owners)).length,
      })),
      markers: [...perMarker.entries()].map(([markerId, n]) => ({
        markerId,
        name: names.get(markerId) ?? `#${markerId}`,
        marks: n,
      })),
    };
  }

  /** The next answer of one question this marker may mark, blind; null when none is left for them. */
  async next(user: AuthUser, examId: number, questionId: number, sub?: number): Promise<NextMarkingResponse> {
    const exam = await this.exams.findExam(examId);
    await this.requireMarker(user, exam);
    const open = await this.answers.find({
      where: { examId, questionId, sub: sub ?? -1, status: In(['open', 'third']) },
      order: { id: 'ASC' },
    });
    const marks = await this.active(open.map((w) => w.id));
    const owners = await this.owners([...new Set(open.map((w) => w.attemptId))]);
    const mine = open.filter((w) => this.eligible(w, marks.get(w.id) ?? [], user.id, owners));
    // Answers already marked once come first, so double marking finishes answers rather than starting new ones.
    mine.sort((a, b) => (marks.get(b.id)?.length ?? 0) - (marks.get(a.id)?.length ?? 0) || a.id - b.id);
    if (!mine.length) return { item: null, remaining: 0 };
    return {
      item: await this.itemOf(mine[0], (marks.get(mine[0].id)?.length ?? 0) + 1),
      remaining: mine.length,
    };
  }

  private async itemOf(w: WrittenAnswer, round: number): Promise<MarkingItemResponse> {
    const rev = (await this.questions.revisionsByIds([w.revisionId])).get(w.revisionId)!;
    const c = readRevision(rev);
    const saved = await this.attemptsRepo.savedAnswer(w.attemptId, w.questionId);
    const response: unknown = saved.response ? JSON.parse(saved.response) : null;
    const text = String((w.sub < 0 ? response : Array.isArray(response) ? response[w.sub] : '') ?? '');
    const rubric = rubricOf(c.answer, c.type, w.sub < 0 ? 0 : w.sub);
    const subQ = c.type === 'case' ? (c.answer as CaseKey).questions[w.sub] : undefined;
    return {
      markingId: w.token,
      questionId: w.questionId,
      sub: w.sub < 0 ? null : w.sub,
      caseText: subQ ? c.stem : null,
      stem: subQ ? subQ.stem : c.stem,
      reference: referenceOf(c.answer, c.type, w.sub < 0 ? 0 : w.sub),
      rubric: await Promise.all(
        rubric.map(async (r) => ({
          point: r.point,
          points: r.points,
          citation: await this.titled(r.citation),
          keywords: r.keywords,
        })),
      ),
      maxPoints: w.maxPoints,
      text,
      highlighted: highlightTerms(
        text,
        rubric.flatMap((r) => r.keywords),
      ),
      round,
    };
  }

  private async forMarking(user: AuthUser, token: string) {
    const w = await this.answers.findOne({ where: { token } });
    if (!w) throw AppError.notFound('阅卷任务不存在');
    const exam = await this.exams.findExam(w.examId);
    await this.requireMarker(user, exam);
    const owner = await this.attempts.findOne({
      where: { id: w.attemptId },
      select: { id: true, userId: true, status: true },
    });
    if (owner?.userId === user.id) throw AppError.forbidden('不能评阅本人的答卷');
    if (!owner || owner.status === 'invalidated') throw AppError.conflict('该答卷已作废，无需阅卷');
    const rev = (await this.questions.revisionsByIds([w.revisionId])).get(w.revisionId)!;
    const c = readRevision(rev);
    const rubric = rubricOf(c.answer, c.type, w.sub < 0 ? 0 : w.sub);
    return { w, exam, rubric, ownerId: owner?.userId ?? null };
  }

  private checkAwards(rubric: { points: number }[], awards: number[]): number {
    const problem = checkAwards(rubric, awards);
    if (problem) throw AppError.badRequest(problem, [{ field: 'awards', message: problem }]);
    return Math.round(awards.reduce((s, a) => s + a, 0) * 100) / 100;
  }

  /** Records one marker's marks; the answer becomes final when the marking rule says so. */
  async mark(user: AuthUser, token: string, awards: number[], comment?: string): Promise<MarkResultResponse> {
    const { w, exam, rubric } = await this.forMarking(user, token);
    const score = this.checkAwards(rubric, awards);
    const ready = await this.scoring.markingContext(w.attemptId, exam);
    const rule = this.rule(exam);
    const outcome = await this.tx.run(async (m) => {
      const now = await m.getRepository(WrittenAnswer).findOne({ where: { id: w.id } });
      if (!now || now.status === 'final')
        throw AppError.conflict('该答案已评定；如需改分，请使用复评并说明理由');
      const current = await m
        .getRepository(WrittenMark)
        .find({ where: { answerId: w.id, supersededAt: IsNull() }, order: { id: 'ASC' } });
      if (current.some((x) => x.markerId === user.id))
        throw AppError.conflict('您已评过该答案；双评须由另一位阅卷人独立评阅');
      await m.getRepository(WrittenMark).insert({
        answerId: w.id,
        markerId: user.id,
        awards: JSON.stringify(awards),
        score,
        comment: comment?.trim() || null,
        reason: null,
        supersededAt: null,
        createdAt: new Date(),
      });
      const all = [
        ...current.map((x) => ({ awards: JSON.parse(x.awards) as number[], score: x.score })),
        { awards, score },
      ];
      const result = finalMark(all, rule, rubric.length);
      if (result.state === 'final') {
        await m.getRepository(WrittenAnswer).update(w.id, {
          status: 'final',
          finalScore: result.score,
          finalAwards: JSON.stringify(result.awards),
          finalAt: new Date(),
        });
        await this.scoring.finishMarking(m, w.attemptId, ready);
      } else {
        await m.getRepository(WrittenAnswer).update(w.id, { status: result.state });
      }
      return result;
    });
    return {
      markingId: token,
      status: outcome.state,
      finalScore: outcome.state === 'final' ? outcome.score : null,
    };
  }

  /**
   * Re-marks a final answer (复评): the earlier marks are kept but superseded, this marker's marks are the final
   * score, the attempt is scored again, and the audit log records who, why, and the old and new score.
   */
  async remark(
    user: AuthUser,
    token: string,
    awards: number[],
    reason: string,
    comment?: string,
  ): Promise<MarkResultResponse> {
    const { w, exam, rubric, ownerId } = await this.forMarking(user, token);
    if (w.status !== 'final') throw AppError.conflict('该答案尚未评定，请先完成阅卷');
    const score = this.checkAwards(rubric, awards);
    const ready = await this.scoring.markingContext(w.attemptId, exam);
    await this.tx.run(async (m) => {
      const at = new Date();
      await m
        .getRepository(WrittenMark)
        .update({ answerId: w.id, supersededAt: IsNull() }, { supersededAt: at });
      await m.getRepository(WrittenMark).insert({
        answerId: w.id,
        markerId: user.id,
        awards: JSON.stringify(awards),
        score,
        comment: comment?.trim() || null,
        reason,
        supersededAt: null,
        createdAt: at,
      });
      await m.getRepository(WrittenAnswer).update(w.id, {
        status: 'final',
        finalScore: score,
        finalAwards: JSON.stringify(awards),
        finalAt: at,
      });
      await this.audit.record(m, {
        actorId: user.id,
        subjectId: ownerId,
        action: 'marking.remark',
        entity: 'attempt',
        entityId: w.attemptId,
        detail: {
          reason,
          examId: exam.id,
          examTitle: exam.title,
          questionId: w.questionId,
          sub: w.sub < 0 ? null : w.sub,
          from: w.finalScore,
          to: score,
        },
      });
      await this.scoring.finishMarking(m, w.attemptId, ready);
    });
    return { markingId: token, status: 'final', finalScore: score };
  }

  /** The written answers of one attempt (its marking ids and rubric maxima), for the demo data. */
  async answersOfAttempt(attemptId: number): Promise<{ markingId: string; rubric: number[] }[]> {
    const list = await this.answers.find({
      where: { attemptId, status: In(['open', 'third']) },
      order: { id: 'ASC' },
    });
    const revisions = await this.questions.revisionsByIds([...new Set(list.map((w) => w.revisionId))]);
    return list.map((w) => {
      const c = readRevision(revisions.get(w.revisionId)!);
      return {
        markingId: w.token,
        rubric: rubricOf(c.answer, c.type, w.sub < 0 ? 0 : w.sub).map((r) => r.points),
      };
    });
  }

  /** Mean and spread per written question; agreement of the first two independent marks (double marking). */
  async stats(user: AuthUser, examId: number): Promise<MarkingStatsResponse> {
    const exam = await this.exams.findExam(examId);
    await this.requireOverseer(user, exam);
    const all = await this.answers.find({ where: { examId }, order: { id: 'ASC' } });
    const revisions = await this.questions.revisionsByIds([...new Set(all.map((w) => w.revisionId))]);
    const groups = new Map<string, WrittenAnswer[]>();
    for (const w of all) groups.set(groupKey(w), [...(groups.get(groupKey(w)) ?? []), w]);
    const pairs: [number, number][] = [];
    const ids = all.map((w) => w.id);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.marks.find({
        where: { answerId: In(ids.slice(i, i + 500)), reason: IsNull() },
        order: { id: 'ASC' },
      });
      const byAnswer = new Map<number, WrittenMark[]>();
      for (const r of rows) byAnswer.set(r.answerId, [...(byAnswer.get(r.answerId) ?? []), r]);
      for (const list of byAnswer.values()) if (list.length >= 2) pairs.push([list[0].score, list[1].score]);
    }
    return {
      questions: [...groups.values()].map((list) => ({
        questionId: list[0].questionId,
        sub: list[0].sub < 0 ? null : list[0].sub,
        label: this.label(revisions.get(list[0].revisionId), list[0].sub),
        maxPoints: list[0].maxPoints,
        ...spread(list.filter((w) => w.status === 'final').map((w) => w.finalScore ?? 0)),
      })),
      ...agreement(pairs, this.rule(exam).tolerance),
    };
  }
}
