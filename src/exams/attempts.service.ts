import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, In, Repository } from 'typeorm';
import { StudyHoursService } from '../curriculum/study-hours.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { decodeLines } from '../common/business-lines';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { TxService } from '../database/tx.service';
import { readRevision } from '../question-bank/question-content';
import type { QuestionRevision } from '../question-bank/question-revision.entity';
import { QuestionsService } from '../question-bank/questions.service';
import { AttemptEvent } from './attempt-event.entity';
import type {
  AttemptEventResponse,
  AttemptResultResponse,
  PaperResponse,
  ReviewResponse,
  SaveAnswerResponse,
} from './attempt.response';
import { AttemptAccessService } from './attempt-access.service';
import type { PaperEntry } from './attempt-paper.entity';
import { Attempt } from './attempt.entity';
import { AttemptsRepository, withAnswers, type AnsweredEntry } from './attempts.repository';
import { partMaxScore } from './blueprint';
import {
  attemptsLeft,
  canSave,
  computeDeadline,
  examSeconds,
  remainingSeconds,
  windowState,
} from './deadline';
import { EventDto, SaveAnswerDto } from './dto/exam.dto';
import { Exam } from './exam.entity';
import { ExamsService, parseBlueprint } from './exams.service';
import { REFRESH_GRADE, runGradeSql } from './exam-grades';
import { NotebookService } from './notebook.service';
import { displayLetters, displayOptions, keyToDisplay, responseFromDisplay } from './option-labels';
import { drawPaper } from './paper';
import { PaperShapes, type ItemShape } from './paper-shapes';
import { candidateReview } from './review-policy';
import {
  caseLayout,
  MAX_TEXT_ANSWER,
  scorePaper,
  SubLayout,
  validateResponse,
  writtenAnswersOf,
} from './scoring';
import { caseForCandidate, caseShares, rubricOf } from './written';
import { WrittenAnswer } from './written-answer.entity';
import { WrittenMark } from './written-mark.entity';
import { isWrittenType, type AnswerKey, type CaseKey } from '../question-bank/question.types';

export type SubmitResult = AttemptResultResponse;

/** The exam, the attempt's paper and its revisions, for finishMarking. */
export interface MarkingContext {
  exam: Exam;
  paper: PaperEntry[];
  revisions: Map<number, QuestionRevision>;
}

/** Hooks other features attach to a scored attempt, inside its transaction (certificates). */
export type ScoredHook = (
  m: EntityManager,
  exam: Exam,
  attempt: Attempt,
  result: SubmitResult,
) => Promise<void>;

@Injectable()
export class AttemptsService {
  private readonly logger = new Logger('AttemptsService');
  private readonly scoredHooks: ScoredHook[] = [];
  /** Papers in progress drawn or resumed here: up to 100,000 (about 85 MB at 50 questions each, measured). */
  private readonly shapes = new PaperShapes(100_000);

  constructor(
    @InjectRepository(Attempt) private readonly attempts: Repository<Attempt>,
    @InjectRepository(WrittenAnswer) private readonly writtenAnswers: Repository<WrittenAnswer>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AttemptsRepository,
    private readonly notebook: NotebookService,
    private readonly exams: ExamsService,
    private readonly questions: QuestionsService,
    private readonly tx: TxService,
    private readonly staffAccess: AttemptAccessService,
    private readonly studyHours: StudyHoursService,
  ) {}

  onScored(hook: ScoredHook): void {
    this.scoredHooks.push(hook);
  }

  /**
   * Submits, with what was saved, every attempt past its deadline (plus grace). Safe in every process at once. One
   * attempt that cannot be scored (a broken exam) is logged and left; the others are still submitted. Returns how
   * many were submitted.
   */
  async sweepOverdue(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.saveGraceMs);
    const overdue = await this.repo.overdueIds(cutoff, 500);
    let failed = 0;
    for (const id of overdue) {
      try {
        await this.submitInternal(id, 'timer');
      } catch (e) {
        failed++;
        this.logger.error(`超时自动交卷失败：答卷 ${id}：${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (failed)
      this.logger.warn(`超时自动交卷：${overdue.length - failed} 份已交卷，${failed} 份失败（见上）`);
    return overdue.length - failed;
  }

  private async ownAttempt(user: AuthUser, id: number): Promise<Attempt> {
    const a = await this.repo.attemptById(id);
    if (!a || a.userId !== user.id) throw AppError.notFound('答卷不存在');
    return a;
  }

  /** Starts an attempt, or returns the open one (200) — never a second paper. */
  async start(user: AuthUser, examId: number): Promise<{ created: boolean; body: PaperResponse }> {
    const exam = await this.exams.findExam(examId);
    if (exam.status !== 'published') throw AppError.notFound('考试不存在或未发布');
    const member = await this.exams.audienceMember(exam, user.id);
    if (!member) throw AppError.forbidden('您不在本场考试的考试对象中');
    // One read of the caller's attempts at this exam: the open one, and the count of the others.
    const previous = await this.repo.attemptsOf(examId, user.id);
    const open = previous.find((a) => a.status === 'in-progress');
    if (open) {
      if (await this.submitIfOverdue(open)) throw AppError.conflict('上一次作答已超时，系统已自动交卷');
      return { created: false, body: await this.paperView(open, exam) };
    }
    const now = new Date();
    const state = windowState(now, exam);
    if (state === 'not-open') throw AppError.conflict('考试尚未开始');
    if (state === 'closed') throw AppError.conflict('考试已结束');
    const counted = previous.filter((a) => a.status !== 'invalidated').length;
    if (attemptsLeft(exam.attemptsAllowed, counted) <= 0) throw AppError.conflict('作答次数已用完');
    // The result of the earlier attempt is not known until it is marked: whether a retake is needed (or a resit
    // allowed) depends on it, so no new paper meanwhile (首页 and 我的考试 offer none either, see standingOf).
    if (previous.some((a) => a.status === 'awaiting-marking'))
      throw AppError.conflict('上一次作答正在阅卷，阅卷完成前不能再次开始本考试');
    if (state === 'resit' && previous.some((a) => a.status === 'submitted' && a.passed))
      throw AppError.conflict('您已通过本场考试，无需补考');

    const bp = parseBlueprint(exam);
    const pools = await this.exams.pools(bp, decodeLines(member.businessLines));
    const seed = `${exam.id}:${user.id}:${previous.length + 1}:${randomUUID()}`;
    let paper;
    try {
      paper = drawPaper({
        blueprint: bp,
        pools,
        seed,
        shuffleQuestions: exam.shuffleQuestions,
        shuffleOptions: exam.shuffleOptions,
      });
    } catch (e) {
      throw AppError.unprocessable(`无法组卷：${(e as Error).message}`);
    }
    const revisions = await this.questions.revisionsByIds(paper.items.map((i) => i.revisionId));
    const closesAt = state === 'resit' ? exam.resitClosesAt : exam.closesAt;
    const deadline = computeDeadline({ startedAt: now, timeLimitMinutes: exam.timeLimitMinutes, closesAt });
    const newItems = paper.items.map((it): PaperEntry => {
      const rev = revisions.get(it.revisionId);
      // The revision's content as parsed once per process (contentOf), not once per start.
      const c = rev ? contentOf(rev) : undefined;
      return {
        part: it.part,
        questionId: it.questionId,
        revisionId: it.revisionId,
        type: it.type,
        points: it.points,
        // A case keeps its sub-questions' layout here (types, option keys, blanks) for the save route.
        optionOrder:
          c && c.type === 'case'
            ? caseLayout(c.answer as CaseKey)
            : (it.optionOrder ??
              (c && (c.type === 'single' || c.type === 'multiple') ? c.options.map((o) => o.key) : null)),
        blanks:
          c && (c.type === 'fill-blank' || c.type === 'case')
            ? ((c.answer as { questions?: unknown[] }).questions ?? (c.answer as unknown[])).length
            : 0,
      };
    });
    try {
      const attempt = await this.tx.run(async (m) => {
        const a = await this.repo.insertAttempt(m, {
          examId,
          userId: user.id,
          attemptNo: previous.length + 1,
          seed,
          startedAt: now,
          deadline,
          maxScore: paper.items.reduce((s, it) => s + it.points, 0),
        });
        await this.repo.insertPaper(m, a.id, newItems);
        return a;
      });
      // The paper as just written (no read-back of its row): nothing answered.
      const fresh = { items: withAnswers(newItems, new Map()), revisions };
      return { created: true, body: await this.paperView(attempt, exam, fresh) };
    } catch (e) {
      // Two starts at once: the partial unique index lets only one in; the other gets the same paper.
      const again = await this.attempts.findOne({
        where: { examId, userId: user.id, status: 'in-progress' },
      });
      if (again) return { created: false, body: await this.paperView(again, exam) };
      throw e;
    }
  }

  /** The paper as the candidate sees it: no answer key, explanation or correctness. */
  async paperView(
    a: Attempt,
    exam: Exam,
    fresh?: { items: AnsweredEntry[]; revisions: Map<number, QuestionRevision> },
  ): Promise<PaperResponse> {
    const items = fresh?.items ?? (await this.repo.paperItems(a.id));
    const layouts = items.map((it) => it.optionOrder);
    if (a.status === 'in-progress') this.remember(a.id, a.userId, items);
    const revisions =
      fresh?.revisions ?? (await this.questions.revisionsByIds(items.map((i) => i.revisionId)));
    const bp = parseBlueprint(exam);
    const now = new Date();
    return {
      id: a.id,
      examId: exam.id,
      title: exam.title,
      attemptNo: a.attemptNo,
      status: a.status,
      startedAt: a.startedAt,
      deadline: a.deadline ? a.deadline.toISOString() : null,
      serverNow: now.toISOString(),
      remainingSeconds: remainingSeconds(now, a.deadline),
      maxFocusLoss: exam.maxFocusLoss,
      focusLossCount: a.focusLossCount,
      parts: bp.parts.map((p) => ({
        key: p.key,
        title: p.title,
        maxScore: partMaxScore(p),
        passMark: p.passMark ?? null,
      })),
      questions: items.map((it, k) => {
        const c = contentOf(revisions.get(it.revisionId)!);
        const order = optionOrderOf(it.type, layouts[k] as string[] | null, c.options);
        const response = it.response ? JSON.parse(it.response) : null;
        return {
          id: it.questionId,
          type: it.type,
          stem: c.stem,
          // Labelled by position: the first option shown is A (option-labels.ts).
          options: displayOptions(order, c.options),
          // Absent fields as undefined (left out of the JSON), not conditional spreads: 100 questions per start.
          blanks: it.type === 'fill-blank' ? it.blanks : undefined,
          subQuestions: it.type === 'case' ? caseForCandidate(c.answer as CaseKey, it.points) : undefined,
          maxLength: isWrittenType(it.type) ? MAX_TEXT_ANSWER : undefined,
          points: it.points,
          part: it.part,
          response: order.length ? keyToDisplay(order, response) : response,
          seq: it.seq,
        };
      }),
    };
  }

  /** Keeps the shapes of a paper in progress, so that its saves need no read (quickSave). */
  private remember(attemptId: number, userId: number, items: readonly PaperEntry[]): void {
    this.shapes.remember(
      attemptId,
      userId,
      items.map((it) => ({
        questionId: it.questionId,
        type: it.type,
        optionOrder: it.optionOrder as string[] | null,
        blanks: it.blanks,
      })),
    );
  }

  private async submitIfOverdue(a: Attempt): Promise<boolean> {
    if (a.status === 'in-progress' && !canSave(new Date(), a.deadline, this.config.saveGraceMs)) {
      await this.submitInternal(a.id, 'timer');
      return true;
    }
    return false;
  }

  /** Resume after a refresh, a browser crash or on another device; an overdue attempt is submitted first. */
  async get(user: AuthUser, id: number): Promise<PaperResponse> {
    let a = await this.ownAttempt(user, id);
    if (await this.submitIfOverdue(a)) a = (await this.repo.attemptById(id))!;
    const exam = await this.exams.findExam(a.examId);
    const view = await this.paperView(a, exam);
    return a.status === 'submitted' || a.status === 'awaiting-marking'
      ? { ...view, result: this.resultOf(a, exam) }
      : view;
  }

  /**
   * Saves one answer in one statement: only while the attempt is in progress, and only if `seq` is newer than the
   * stored one (an out-of-order save cannot overwrite a newer answer). Saves after the deadline (plus grace) → 409.
   */
  async save(
    user: AuthUser,
    attemptId: number,
    questionId: number,
    dto: SaveAnswerDto,
  ): Promise<SaveAnswerResponse> {
    return (
      (await this.quickSave(user, attemptId, questionId, dto)) ??
      this.saveFully(user, attemptId, questionId, dto)
    );
  }

  /**
   * The hottest path. A paper drawn, resumed or saved to in this process is remembered (PaperShapes): the save is
   * then one guarded upsert of the answer row, which checks owner, status and deadline itself. Resolves to null for
   * anything else (not remembered, a response to refuse, no row changed): the caller then takes the full path
   * (saveFully), whose answers and their order are unchanged. It only ever says yes, and only where saveFully would
   * have.
   */
  async quickSave(
    user: AuthUser,
    attemptId: number,
    questionId: number,
    dto: SaveAnswerDto,
  ): Promise<SaveAnswerResponse | null> {
    const known = this.shapes.lookup(attemptId, questionId);
    if (!known || known.userId !== user.id) return null;
    const json = this.checkedResponse(known.shape, dto.response);
    if (json === false) return null;
    const now = new Date();
    const cutoff = new Date(now.getTime() - this.config.saveGraceMs);
    if ((await this.repo.writeResponse(attemptId, questionId, user.id, json, dto.seq, now, cutoff)) !== 1)
      return null;
    return { saved: true, seq: dto.seq };
  }

  /** The response as stored (JSON in the bank's option keys), or false when it does not fit the item. */
  private checkedResponse(shape: ItemShape, response: unknown): string | null | false {
    const order = shape.order;
    const problem = validateResponse(shape.type, response ?? null, {
      optionKeys: order ? displayLetters(order.length) : undefined,
      blanks: shape.blanks || undefined,
    });
    if (problem) return false;
    const stored = order ? responseFromDisplay(order, response) : response;
    return stored === undefined || stored === null ? null : JSON.stringify(stored);
  }

  /** A save with its item read first: every check in order, and why a save that changed nothing did not. */
  private async saveFully(
    user: AuthUser,
    attemptId: number,
    questionId: number,
    dto: SaveAnswerDto,
  ): Promise<SaveAnswerResponse> {
    const target = await this.repo.saveTarget(attemptId);
    const row = target?.paper.find((it) => it.questionId === questionId);
    if (!target || !row || target.userId !== user.id) throw AppError.notFound('答卷或题目不存在');
    if (target.status !== 'in-progress') throw AppError.conflict('本次作答已交卷，不能再修改答案');
    // Remembered from now on (unless it already is): the paper's next saves in this process take the quick path.
    if (!this.shapes.lookup(attemptId, questionId)) this.remember(attemptId, target.userId, target.paper);
    if (!canSave(new Date(), target.deadline, this.config.saveGraceMs)) {
      void this.submitInternal(attemptId, 'timer').catch((e) => this.logger.error(e));
      throw AppError.conflict('考试时间已到，答案未保存，系统已自动交卷');
    }
    // The response names options by the position they were shown in; it is stored in the bank's keys.
    const isCase = row.type === 'case';
    const order = row.optionOrder && !isCase ? (row.optionOrder as string[]) : null;
    const problem = validateResponse(row.type, dto.response ?? null, {
      optionKeys: order ? displayLetters(order.length) : undefined,
      blanks: row.blanks || undefined,
      subs: isCase && row.optionOrder ? (row.optionOrder as SubLayout[]) : undefined,
    });
    if (problem) throw AppError.badRequest(problem, [{ field: 'response', message: problem }]);
    const response = order ? responseFromDisplay(order, dto.response) : dto.response;
    const json = response === undefined || response === null ? null : JSON.stringify(response);
    const now = new Date();
    const cutoff = new Date(now.getTime() - this.config.saveGraceMs);
    const affected = await this.repo.writeResponse(
      attemptId,
      questionId,
      user.id,
      json,
      dto.seq,
      now,
      cutoff,
    );
    if (affected === 1) return { saved: true, seq: dto.seq };
    const item = await this.repo.savedAnswer(attemptId, questionId);
    const a = await this.attempts.findOne({ where: { id: attemptId }, select: { id: true, status: true } });
    if (a?.status !== 'in-progress') throw AppError.conflict('本次作答已交卷，不能再修改答案');
    if (item.seq < dto.seq) {
      // Newer, in progress, yet not written: the deadline (plus grace) passed since the check above.
      void this.submitInternal(attemptId, 'timer').catch((e) => this.logger.error(e));
      throw AppError.conflict('考试时间已到，答案未保存，系统已自动交卷');
    }
    // Only a higher seq overwrites. The same seq with the same answer is a retried save: acknowledge it again;
    // the same seq with another answer does not win.
    const sameSeq = item.seq === dto.seq;
    if (sameSeq && item.response === json) return { saved: true, seq: dto.seq };
    const message = sameSeq ? '同一序号已保存了另一个答案，本次保存被忽略' : '已有更新的答案，本次保存被忽略';
    return { saved: false, seq: item.seq, message };
  }

  async submit(user: AuthUser, id: number): Promise<SubmitResult> {
    const a = await this.ownAttempt(user, id);
    if (a.status === 'invalidated') throw AppError.conflict('本次作答已被作废');
    return this.submitInternal(id, 'candidate', a);
  }

  /**
   * Scores an attempt exactly once: a guarded status change lets one caller in; everyone else (ten parallel
   * submits, the timer, another process) reads the stored result. `loaded` is the attempt as the caller just read
   * it (saves a read; the guarded update decides, not its status).
   */
  async submitInternal(
    id: number,
    by: 'candidate' | 'timer' | 'focus-limit',
    loaded?: Attempt,
  ): Promise<SubmitResult> {
    const pre = loaded ?? (await this.repo.attemptById(id));
    if (!pre) throw AppError.notFound('答卷不存在');
    const exam = await this.exams.findExam(pre.examId);
    if (pre.status === 'submitted' || pre.status === 'awaiting-marking') return this.resultOf(pre, exam);
    // Raw statements throughout: scoring a 100-question paper is a handful of set-based statements, and on SQLite
    // the transaction holds the one connection, so it must be short.
    // The paper never changes: read with its revisions before the transaction, its answers inside.
    const paper = (await this.repo.paper(id)) ?? [];
    const revisions = await this.questions.revisionsByIds(paper.map((it) => it.revisionId));
    const bp = parseBlueprint(exam);
    const now = new Date();
    let scored: SubmitResult | null = null;
    this.shapes.forget(id);
    // Grouped: the submits arriving together share one COMMIT (on SQLite; each is still all or nothing).
    await this.tx.runGrouped(async (m) => {
      if (!(await this.repo.claimForScoring(m, id, by, now))) return;
      const items = await this.repo.itemsForScoring(m, id, paper);
      const result = scorePaper(
        items.map((it) => ({
          part: it.part,
          points: it.points,
          type: it.type,
          key: contentOf(revisions.get(it.revisionId)!).answer,
          response: it.response ? JSON.parse(it.response) : null,
        })),
        bp.parts.map((p) => ({ key: p.key, passMark: p.passMark ?? null })),
        bp.passMark,
        exam.multipleMode,
      );
      await this.repo.storeItemScores(m, id, result.perItem);
      const parts = result.parts.map((p) => ({
        ...p,
        title: bp.parts.find((b) => b.key === p.key)?.title ?? p.key,
      }));
      await this.repo.storeResult(m, id, result, parts);
      // Written answers: one row each to mark (an empty one is final at 0 and needs no marker).
      const written = items.flatMap((it) =>
        isWrittenType(it.type)
          ? writtenAnswersOf(
              it.type,
              contentOf(revisions.get(it.revisionId)!).answer,
              it.response ? JSON.parse(it.response) : null,
            ).map((w) => ({ item: it, ...w }))
          : [],
      );
      // A reopened attempt is marked afresh: the answers (and marks) of its earlier submission go.
      const earlier = await this.repo.writtenAnswerIds(m, id);
      if (earlier.length) {
        await m.getRepository(WrittenMark).delete({ answerId: In(earlier.map((w) => w.id)) });
        await m.getRepository(WrittenAnswer).delete({ attemptId: id });
      }
      if (written.length) {
        await m.getRepository(WrittenAnswer).insert(
          written.map((w) => {
            const empty = w.text.trim() === '';
            return {
              token: randomBytes(12).toString('hex'),
              examId: pre.examId,
              attemptId: id,
              questionId: w.item.questionId,
              revisionId: w.item.revisionId,
              sub: w.item.type === 'case' ? w.sub : -1,
              maxPoints: w.max,
              status: empty ? ('final' as const) : ('open' as const),
              finalScore: empty ? 0 : null,
              finalAwards: empty
                ? JSON.stringify(this.zeroAwards(revisions.get(w.item.revisionId)!, w.sub))
                : null,
              finalAt: empty ? now : null,
            };
          }),
        );
      }
      if (result.pending) await this.repo.markAwaiting(m, id);
      else await runGradeSql(m, this.tx, REFRESH_GRADE, [pre.examId, pre.userId]);
      const objective = items.map((it, k) => ({ it, k })).filter(({ it }) => !isWrittenType(it.type));
      await this.repo.queueItemStats(
        m,
        objective.map(({ it, k }) => ({
          questionId: it.questionId,
          x: it.points ? result.perItem[k].score / it.points : 0,
        })),
        result.maxScore ? result.score / result.maxScore : 0,
      );
      await this.notebook.update(
        m,
        pre.userId,
        objective.map(({ it, k }) => ({
          questionId: it.questionId,
          correct: result.perItem[k].state === 'correct',
          answered: result.perItem[k].state !== 'unanswered',
        })),
      );
      const attempt = {
        ...pre,
        status: result.pending ? ('awaiting-marking' as const) : ('submitted' as const),
        score: result.score,
        maxScore: result.maxScore,
        passed: result.pending ? null : result.passed,
        submittedAt: now,
        submittedBy: by,
        parts: JSON.stringify(parts),
      };
      // Exam time counts as study time (学时): from the start to the submit, never past the deadline.
      await this.studyHours.credit(m, {
        userId: pre.userId,
        source: 'exam',
        refId: id,
        seconds: examSeconds(pre.startedAt, pre.deadline, now),
      });
      scored = this.resultOf(attempt, exam);
      // Certificates and the like wait for a fully marked attempt (finishMarking).
      if (!result.pending) for (const hook of this.scoredHooks) await hook(m, exam, attempt, scored);
    });
    // The winner returns what it stored; everyone else reads the stored result.
    if (scored) return scored;
    const after = (await this.repo.attemptById(id))!;
    return this.resultOf(after, exam);
  }

  resultOf(a: Attempt, exam: Exam): SubmitResult {
    const bp = parseBlueprint(exam);
    const parts = a.parts ? (JSON.parse(a.parts) as SubmitResult['parts']) : [];
    return {
      attemptId: a.id,
      score: a.score ?? 0,
      maxScore: a.maxScore,
      passed: Boolean(a.passed),
      parts: parts.map((p) => ({
        ...p,
        title: p.title ?? bp.parts.find((b) => b.key === p.key)?.title ?? p.key,
      })),
      submittedAt: a.submittedAt as Date,
      submittedBy: a.submittedBy ?? 'candidate',
      awaitingMarking: a.status === 'awaiting-marking',
    };
  }

  /** What finishMarking needs, read before its transaction (no reads outside the transaction inside it). */
  async markingContext(attemptId: number, exam: Exam): Promise<MarkingContext> {
    const paper = (await this.repo.paper(attemptId)) ?? [];
    return { exam, paper, revisions: await this.questions.revisionsByIds(paper.map((it) => it.revisionId)) };
  }

  /** Zero points for every rubric point of one written answer (an empty answer's final marks). */
  private zeroAwards(rev: QuestionRevision, sub: number): number[] {
    return rubricOf(JSON.parse(rev.answer) as AnswerKey, rev.type, sub).map(() => 0);
  }

  /**
   * Scores an attempt whose written answers are all final (called by marking, in its transaction): every item again
   * with the marked points, the result, the grade, and the scored hooks (certificates) as for an objective exam.
   * Also re-scores a fully marked attempt after a re-mark.
   */
  async finishMarking(m: EntityManager, attemptId: number, ready: MarkingContext): Promise<void> {
    const { exam, paper, revisions } = ready;
    const a = await m.getRepository(Attempt).findOne({ where: { id: attemptId } });
    if (!a || (a.status !== 'awaiting-marking' && a.status !== 'submitted')) return;
    const answers = await m.getRepository(WrittenAnswer).find({ where: { attemptId } });
    if (answers.some((w) => w.status !== 'final')) return;
    const bp = parseBlueprint(exam);
    const items = await this.repo.itemsForScoring(m, attemptId, paper);
    // By question: a paper holds each question once.
    const byItem = new Map<number, number[]>();
    for (const w of answers) {
      const raw = byItem.get(w.questionId) ?? [];
      raw[w.sub < 0 ? 0 : w.sub] = w.finalScore ?? 0;
      byItem.set(w.questionId, raw);
    }
    const result = scorePaper(
      items.map((it) => ({
        part: it.part,
        points: it.points,
        type: it.type,
        key: contentOf(revisions.get(it.revisionId)!).answer,
        response: it.response ? JSON.parse(it.response) : null,
        written: byItem.get(it.questionId),
      })),
      bp.parts.map((p) => ({ key: p.key, passMark: p.passMark ?? null })),
      bp.passMark,
      exam.multipleMode,
    );
    if (result.pending) return;
    await this.repo.storeItemScores(m, attemptId, result.perItem);
    const parts = result.parts.map((p) => ({
      ...p,
      title: bp.parts.find((b) => b.key === p.key)?.title ?? p.key,
    }));
    await this.repo.storeResult(m, attemptId, result, parts);
    await m.getRepository(Attempt).update(attemptId, { status: 'submitted' });
    await runGradeSql(m, this.tx, REFRESH_GRADE, [a.examId, a.userId]);
    const attempt: Attempt = {
      ...a,
      status: 'submitted',
      score: result.score,
      maxScore: result.maxScore,
      passed: result.passed,
      parts: JSON.stringify(parts),
    };
    const scored = this.resultOf(attempt, exam);
    for (const hook of this.scoredHooks) await hook(m, exam, attempt, scored);
  }

  /** Focus loss (切屏) and similar; past the exam's maximum the attempt is submitted. */
  async event(user: AuthUser, id: number, dto: EventDto): Promise<AttemptEventResponse> {
    const a = await this.ownAttempt(user, id);
    if (a.status !== 'in-progress') return { recorded: false, focusLossCount: a.focusLossCount };
    const exam = await this.exams.findExam(a.examId);
    const isLoss = dto.type === 'focus-loss' || dto.type === 'visibility-hidden';
    await this.tx.run(async (m) => {
      await m
        .getRepository(AttemptEvent)
        .insert({ attemptId: id, type: dto.type, detail: dto.detail ?? null });
      if (isLoss)
        await m
          .createQueryBuilder()
          .update(Attempt)
          .set({ focusLossCount: () => '"focusLossCount" + 1' })
          .where('id = :id', { id })
          .execute();
    });
    const count = a.focusLossCount + (isLoss ? 1 : 0);
    if (exam.maxFocusLoss && count > exam.maxFocusLoss) {
      const result = await this.submitInternal(id, 'focus-limit');
      return { recorded: true, focusLossCount: count, submitted: true, result };
    }
    return { recorded: true, focusLossCount: count, maxFocusLoss: exam.maxFocusLoss };
  }

  /**
   * Each question as the candidate saw it, with their answer, the key and the explanation. For the candidate: only
   * when the review policy allows and they cannot sit the exam again (review-policy.ts). For trainers and managers:
   * within their reach, and not while they can still sit the exam themselves.
   */
  async review(user: AuthUser, id: number): Promise<ReviewResponse> {
    const a = await this.attempts.findOne({ where: { id } });
    if (!a) throw AppError.notFound('答卷不存在');
    const exam = await this.exams.findExam(a.examId);
    if (a.userId === user.id) {
      if (a.status === 'awaiting-marking') throw AppError.conflict('阅卷尚未完成，完成后才能查看答案解析');
      if (a.status !== 'submitted') throw AppError.conflict('交卷后才能查看答案解析');
      const decision = candidateReview(new Date(), exam, await this.exams.sitting(exam, user.id));
      if (!decision.open) throw AppError.forbidden(decision.reason);
    } else {
      await this.staffAccess.require(user, a, exam, 'read');
      if (a.status !== 'submitted') throw AppError.conflict('交卷后才能查看答案解析');
    }
    const { items, scores } = (await this.repo.scoredPaper(id)) ?? { items: [], scores: null };
    const revisions = await this.questions.revisionsByIds(items.map((i) => i.revisionId));
    const earned = await this.writtenAnswers.find({ where: { attemptId: id }, order: { sub: 'ASC' } });
    const earnedOf = (questionId: number) =>
      earned
        .filter((w) => w.questionId === questionId)
        .map((w) => ({
          sub: w.sub < 0 ? null : w.sub,
          awards: w.finalAwards ? (JSON.parse(w.finalAwards) as number[]) : [],
          score: w.finalScore ?? 0,
          maxPoints: w.maxPoints,
        }));
    return {
      ...this.resultOf(a, exam),
      questions: items.map((it, k) => {
        const c = readRevision(revisions.get(it.revisionId)!);
        const order = optionOrderOf(it.type, it.optionOrder as string[] | null, c.options);
        const response = it.response ? JSON.parse(it.response) : null;
        const shown = <T>(v: T): T => (order.length ? keyToDisplay(order, v) : v);
        return {
          id: it.questionId,
          type: it.type,
          part: it.part,
          stem: c.stem,
          options: displayOptions(order, c.options),
          points: it.points,
          response: shown(response),
          answer: shown(c.answer),
          explanation: c.explanation,
          citation: c.citation,
          score: scores?.[k]?.score ?? null,
          state: scores?.[k]?.state ?? null,
          ...(isWrittenType(it.type) ? { earned: earnedOf(it.questionId) } : {}),
          ...(it.type === 'case' ? { subPoints: caseShares(c.answer as CaseKey, it.points) } : {}),
        };
      }),
    };
  }
}

/**
 * readRevision, memoized per revision object: revisions are immutable and cached by QuestionsService, and every
 * start, resume and submit reads 100 of them. Read-only: the paper view copies what it returns, and scoring and
 * marking only read the answer key.
 */
const contents = new WeakMap<QuestionRevision, ReturnType<typeof readRevision>>();
function contentOf(r: QuestionRevision): ReturnType<typeof readRevision> {
  let c = contents.get(r);
  if (!c) contents.set(r, (c = readRevision(r)));
  return c;
}

/** The stored option keys in display order (the bank's order when none was stored); [] for other types. */
function optionOrderOf(
  type: string,
  stored: readonly string[] | null,
  options: readonly { key: string }[],
): string[] {
  if (type !== 'single' && type !== 'multiple') return [];
  return stored ? [...stored] : options.map((o) => o.key);
}
