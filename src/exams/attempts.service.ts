import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { StudyHoursService } from '../curriculum/study-hours.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { decodeLines } from '../common/business-lines';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { TxService } from '../database/tx.service';
import { UsersService } from '../identity/users.service';
import { AccessService } from '../organization/access.service';
import { readRevision } from '../question-bank/question-content';
import type { QuestionRevision } from '../question-bank/question-revision.entity';
import type { OptionKey } from '../question-bank/question.types';
import { QuestionsService } from '../question-bank/questions.service';
import { AttemptEvent } from './attempt-event.entity';
import { AttemptItem } from './attempt-item.entity';
import { Attempt } from './attempt.entity';
import { partMaxScore } from './blueprint';
import { attemptsLeft, canSave, computeDeadline, remainingSeconds, windowState } from './deadline';
import { EventDto, SaveAnswerDto } from './dto/exam.dto';
import { Exam } from './exam.entity';
import { ExamsService, parseBlueprint } from './exams.service';
import { addObservation, EMPTY_ITEM_STATS, type ItemStatsState } from './item-stats';
import { REFRESH_GRADE, runGradeSql } from './exam-grades';
import { drawPaper } from './paper';
import { scorePaper, validateResponse } from './scoring';

export interface SubmitResult {
  attemptId: number;
  score: number;
  maxScore: number;
  passed: boolean;
  parts: {
    key: string;
    title: string;
    score: number;
    maxScore: number;
    passMark: number | null;
    passed: boolean;
  }[];
  submittedAt: Date;
  submittedBy: string;
}

/** An attempt item as scoring reads it. */
type ScoredItem = Pick<
  AttemptItem,
  'id' | 'questionId' | 'revisionId' | 'part' | 'points' | 'type' | 'response'
>;

/** Hooks other features attach to a scored attempt, inside its transaction (certificates). */
export type ScoredHook = (
  m: EntityManager,
  exam: Exam,
  attempt: Attempt,
  result: SubmitResult,
) => Promise<void>;

@Injectable()
export class AttemptsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AttemptsService');
  private timer: NodeJS.Timeout | undefined;
  private readonly scoredHooks: ScoredHook[] = [];

  constructor(
    @InjectRepository(Attempt) private readonly attempts: Repository<Attempt>,
    @InjectRepository(AttemptItem) private readonly items: Repository<AttemptItem>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly exams: ExamsService,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
    private readonly studyHours: StudyHoursService,
  ) {}

  onScored(hook: ScoredHook): void {
    this.scoredHooks.push(hook);
  }

  onApplicationBootstrap(): void {
    if (this.config.sweepIntervalMs > 0) {
      this.timer = setInterval(
        () => void this.sweepOverdue().catch((e) => this.logger.error(e)),
        this.config.sweepIntervalMs,
      );
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Submits, with what was saved, every attempt past its deadline (plus grace). Safe in every process at once. One
   * attempt that cannot be scored (a broken exam) is logged and left; the others are still submitted. Returns how
   * many were submitted.
   */
  async sweepOverdue(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.saveGraceMs);
    const overdue = await this.attempts.find({
      where: { status: 'in-progress', deadline: LessThan(cutoff) },
      select: { id: true },
      take: 500,
    });
    let failed = 0;
    for (const a of overdue) {
      try {
        await this.submitInternal(a.id, 'timer');
      } catch (e) {
        failed++;
        this.logger.error(`超时自动交卷失败：答卷 ${a.id}：${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (failed)
      this.logger.warn(`超时自动交卷：${overdue.length - failed} 份已交卷，${failed} 份失败（见上）`);
    return overdue.length - failed;
  }

  private async ownAttempt(user: AuthUser, id: number): Promise<Attempt> {
    const a = await this.attempts.findOne({ where: { id } });
    if (!a || a.userId !== user.id) throw AppError.notFound('答卷不存在');
    return a;
  }

  /** Starts an attempt, or returns the open one (200) — never a second paper. */
  async start(user: AuthUser, examId: number): Promise<{ created: boolean; body: unknown }> {
    const exam = await this.exams.findExam(examId);
    if (exam.status !== 'published') throw AppError.notFound('考试不存在或未发布');
    if (!(await this.exams.isInAudience(exam, user.id)))
      throw AppError.forbidden('您不在本场考试的考试对象中');
    const open = await this.attempts.findOne({ where: { examId, userId: user.id, status: 'in-progress' } });
    if (open) {
      if (await this.submitIfOverdue(open)) throw AppError.conflict('上一次作答已超时，系统已自动交卷');
      return { created: false, body: await this.paperView(open, exam) };
    }
    const now = new Date();
    const state = windowState(now, exam);
    if (state === 'not-open') throw AppError.conflict('考试尚未开始');
    if (state === 'closed') throw AppError.conflict('考试已结束');
    const previous = await this.attempts.find({ where: { examId, userId: user.id } });
    const counted = previous.filter((a) => a.status !== 'invalidated').length;
    if (attemptsLeft(exam.attemptsAllowed, counted) <= 0) throw AppError.conflict('作答次数已用完');
    if (state === 'resit' && previous.some((a) => a.status === 'submitted' && a.passed))
      throw AppError.conflict('您已通过本场考试，无需补考');

    const me = await this.users.findById(user.id);
    const bp = parseBlueprint(exam);
    const pools = await this.exams.pools(bp, decodeLines(me?.businessLines));
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
    try {
      const attempt = await this.tx.run(async (m) => {
        const a = await m.getRepository(Attempt).save(
          m.getRepository(Attempt).create({
            examId,
            userId: user.id,
            attemptNo: previous.length + 1,
            status: 'in-progress',
            seed,
            startedAt: now,
            deadline,
            maxScore: paper.items.reduce((s, it) => s + it.points, 0),
          }),
        );
        // One raw multi-row INSERT per 100 items (9 parameters a row, far below SQLite's variable limit).
        for (let i = 0; i < paper.items.length; i += 100) {
          const params: unknown[] = [];
          const values = paper.items.slice(i, i + 100).map((it, k) => {
            const rev = revisions.get(it.revisionId);
            const blanks =
              rev && rev.type === 'fill-blank' ? (JSON.parse(rev.answer) as unknown[]).length : 0;
            params.push(
              a.id,
              i + k,
              it.part,
              it.questionId,
              it.revisionId,
              it.type,
              it.points,
              it.optionOrder
                ? JSON.stringify(it.optionOrder)
                : rev && rev.type !== 'true-false' && rev.type !== 'fill-blank'
                  ? JSON.stringify((JSON.parse(rev.options) as { key: string }[]).map((o) => o.key))
                  : null,
              blanks,
            );
            const b = params.length - 9;
            return `(${Array.from({ length: 9 }, (_, c) => `$${b + c + 1}`).join(', ')})`;
          });
          const [sql, ordered] = this.tx.sql(
            `INSERT INTO attempt_item ("attemptId", position, part, "questionId", "revisionId", type, points, "optionOrder", blanks) VALUES ${values.join(', ')}`,
            params,
          );
          await m.query(sql, ordered);
        }
        return a;
      });
      return { created: true, body: await this.paperView(attempt, exam) };
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
  private async paperView(a: Attempt, exam: Exam) {
    const [sql, params] = this.tx.sql(
      'SELECT "questionId" AS "questionId", "revisionId" AS "revisionId", type, points, part, "optionOrder" AS "optionOrder", blanks, response, seq FROM attempt_item WHERE "attemptId" = $1 ORDER BY position ASC',
      [a.id],
    );
    const items = (
      (await this.attempts.query(sql, params)) as Pick<
        AttemptItem,
        | 'questionId'
        | 'revisionId'
        | 'type'
        | 'points'
        | 'part'
        | 'optionOrder'
        | 'blanks'
        | 'response'
        | 'seq'
      >[]
    ).map((r) => ({
      ...r,
      questionId: Number(r.questionId),
      revisionId: Number(r.revisionId),
      points: Number(r.points),
      blanks: Number(r.blanks),
      seq: Number(r.seq),
    }));
    const revisions = await this.questions.revisionsByIds(items.map((i) => i.revisionId));
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
      questions: items.map((it) => {
        const c = contentOf(revisions.get(it.revisionId)!);
        const order: string[] | null = it.optionOrder ? JSON.parse(it.optionOrder) : null;
        const options = order
          ? order.map((k) => c.options.find((o) => o.key === k)!).filter(Boolean)
          : c.options;
        return {
          id: it.questionId,
          type: it.type,
          stem: c.stem,
          options: options.map((o) => ({ key: o.key, text: o.text })),
          blanks: it.type === 'fill-blank' ? it.blanks : undefined,
          points: it.points,
          part: it.part,
          response: it.response ? JSON.parse(it.response) : null,
          seq: it.seq,
        };
      }),
    };
  }

  private async submitIfOverdue(a: Attempt): Promise<boolean> {
    if (a.status === 'in-progress' && !canSave(new Date(), a.deadline, this.config.saveGraceMs)) {
      await this.submitInternal(a.id, 'timer');
      return true;
    }
    return false;
  }

  /** Resume after a refresh, a browser crash or on another device; an overdue attempt is submitted first. */
  async get(user: AuthUser, id: number) {
    let a = await this.ownAttempt(user, id);
    if (await this.submitIfOverdue(a)) a = (await this.attempts.findOne({ where: { id } }))!;
    const exam = await this.exams.findExam(a.examId);
    const view = await this.paperView(a, exam);
    return a.status === 'submitted' ? { ...view, result: this.resultOf(a, exam) } : view;
  }

  /**
   * Saves one answer in one statement: only while the attempt is in progress, and only if `seq` is newer than the
   * stored one (an out-of-order save cannot overwrite a newer answer). Saves after the deadline (plus grace) → 409.
   */
  async save(user: AuthUser, attemptId: number, questionId: number, dto: SaveAnswerDto) {
    // The hottest path: on SQLite two prepared statements on the connection, on PostgreSQL two raw queries.
    type Row = {
      userId: number;
      status: string;
      deadline: string | Date | null;
      type: AttemptItem['type'];
      optionOrder: string | null;
      blanks: number;
    };
    const sqlRead =
      'SELECT a."userId" AS "userId", a.status AS status, a.deadline AS deadline, i.type AS type, i."optionOrder" AS "optionOrder", i.blanks AS blanks FROM attempt a JOIN attempt_item i ON i."attemptId" = a.id WHERE a.id = $1 AND i."questionId" = $2';
    const row = this.tx.isSqlite
      ? (this.tx.prepared(sqlRead.replace(/\$\d/g, '?')).get(attemptId, questionId) as Row | undefined)
      : ((await this.attempts.query(sqlRead, [attemptId, questionId])) as Row[])[0];
    if (!row || Number(row.userId) !== user.id) throw AppError.notFound('答卷或题目不存在');
    if (row.status !== 'in-progress') throw AppError.conflict('本次作答已交卷，不能再修改答案');
    const deadline = row.deadline ? toDate(row.deadline) : null;
    if (!canSave(new Date(), deadline, this.config.saveGraceMs)) {
      void this.submitInternal(attemptId, 'timer').catch((e) => this.logger.error(e));
      throw AppError.conflict('考试时间已到，答案未保存，系统已自动交卷');
    }
    const problem = validateResponse(row.type, dto.response ?? null, {
      optionKeys: row.optionOrder ? (JSON.parse(row.optionOrder) as OptionKey[]) : undefined,
      blanks: Number(row.blanks) || undefined,
    });
    if (problem) throw AppError.badRequest(problem, [{ field: 'response', message: problem }]);
    const json = dto.response === undefined || dto.response === null ? null : JSON.stringify(dto.response);
    const now = this.tx.dateParam(new Date());
    const update = (lock: string) =>
      `UPDATE attempt_item SET response = $1, seq = $2, "savedAt" = $3 WHERE "attemptId" = $4 AND "questionId" = $5 AND seq < $2 AND "attemptId" IN (SELECT id FROM attempt WHERE id = $4 AND status = 'in-progress'${lock})`;
    const affected = this.tx.isSqlite
      ? await this.tx.write(() => {
          const [sql, params] = this.tx.sql(update(''), [json, dto.seq, now, attemptId, questionId]);
          return Promise.resolve(this.tx.prepared(sql).run(...params).changes);
        })
      : // A structured result: the row count of the UPDATE.
        await this.tx.write(async (m) => {
          const runner = m.connection.createQueryRunner();
          try {
            const r = await runner.query(
              update(' FOR SHARE'),
              [json, dto.seq, now, attemptId, questionId],
              true,
            );
            return r.affected ?? affectedRows(r.raw);
          } finally {
            await runner.release();
          }
        });
    if (affected === 1) return { saved: true, seq: dto.seq };
    const item = await this.items.findOne({
      where: { attemptId, questionId },
      select: { id: true, seq: true },
    });
    const a = await this.attempts.findOne({ where: { id: attemptId }, select: { id: true, status: true } });
    if (a?.status !== 'in-progress') throw AppError.conflict('本次作答已交卷，不能再修改答案');
    return { saved: false, seq: item?.seq ?? 0, message: '已有更新的答案，本次保存被忽略' };
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
    const pre = loaded ?? (await this.attempts.findOne({ where: { id } }));
    if (!pre) throw AppError.notFound('答卷不存在');
    const exam = await this.exams.findExam(pre.examId);
    if (pre.status === 'submitted') return this.resultOf(pre, exam);
    // Raw statements throughout: scoring a 100-question paper is a handful of set-based statements, and on SQLite
    // the transaction holds the one connection, so it must be short.
    const [revSql, revParams] = this.tx.sql(
      'SELECT "revisionId" AS "revisionId" FROM attempt_item WHERE "attemptId" = $1',
      [id],
    );
    const revisions = await this.questions.revisionsByIds(
      ((await this.attempts.query(revSql, revParams)) as { revisionId: number }[]).map((r) =>
        Number(r.revisionId),
      ),
    );
    const bp = parseBlueprint(exam);
    const now = new Date();
    let scored: SubmitResult | null = null;
    await this.tx.run(async (m) => {
      const won = await this.affected(
        m,
        'UPDATE attempt SET status = $1, "submittedAt" = $2, "submittedBy" = $3 WHERE id = $4 AND status = $5',
        ['submitted', this.tx.dateParam(now), by, id, 'in-progress'],
      );
      if (!won) return;
      const [itemSql, itemParams] = this.tx.sql(
        `SELECT id, "questionId" AS "questionId", "revisionId" AS "revisionId", part, points, type, response FROM attempt_item WHERE "attemptId" = $1 ORDER BY position ASC${this.tx.isSqlite ? '' : ' FOR UPDATE'}`,
        [id],
      );
      const items: ScoredItem[] = ((await m.query(itemSql, itemParams)) as ScoredItem[]).map((r) => ({
        id: Number(r.id),
        questionId: Number(r.questionId),
        revisionId: Number(r.revisionId),
        part: r.part,
        points: Number(r.points),
        type: r.type,
        response: r.response,
      }));
      const result = scorePaper(
        items.map((it) => ({
          part: it.part,
          points: it.points,
          type: it.type,
          key: JSON.parse(revisions.get(it.revisionId)!.answer),
          response: it.response ? JSON.parse(it.response) : null,
        })),
        bp.parts.map((p) => ({ key: p.key, passMark: p.passMark ?? null })),
        bp.passMark,
        exam.multipleMode,
      );
      await this.storeItemScores(m, items, result.perItem);
      const parts = result.parts.map((p) => ({
        ...p,
        title: bp.parts.find((b) => b.key === p.key)?.title ?? p.key,
      }));
      const [upSql, upParams] = this.tx.sql(
        'UPDATE attempt SET score = $1, "maxScore" = $2, passed = $3, parts = $4 WHERE id = $5',
        [
          result.score,
          result.maxScore,
          this.tx.isSqlite ? (result.passed ? 1 : 0) : result.passed,
          JSON.stringify(parts),
          id,
        ],
      );
      await m.query(upSql, upParams);
      await runGradeSql(m, this.tx, REFRESH_GRADE, [pre.examId, pre.userId]);
      await this.recordStatistics(
        m,
        pre.userId,
        items,
        result.perItem,
        result.maxScore ? result.score / result.maxScore : 0,
      );
      const attempt = {
        ...pre,
        status: 'submitted' as const,
        score: result.score,
        maxScore: result.maxScore,
        passed: result.passed,
        submittedAt: now,
        submittedBy: by,
        parts: JSON.stringify(parts),
      };
      // Exam time counts as study time (学时).
      await this.studyHours.credit(m, {
        userId: pre.userId,
        source: 'exam',
        refId: id,
        seconds: Math.round((now.getTime() - pre.startedAt.getTime()) / 1000),
      });
      scored = this.resultOf(attempt, exam);
      for (const hook of this.scoredHooks) await hook(m, exam, attempt, scored);
    });
    // The winner returns what it stored; everyone else reads the stored result.
    if (scored) return scored;
    const after = (await this.attempts.findOne({ where: { id } }))!;
    return this.resultOf(after, exam);
  }

  /** Rows changed by one UPDATE inside the caller's transaction. */
  private async affected(m: EntityManager, text: string, values: unknown[]): Promise<number> {
    const [sql, params] = this.tx.sql(text, values);
    const r = await m.queryRunner!.query(sql, params, true);
    return r.affected ?? affectedRows(r.raw);
  }

  /** Each item's score and state in one UPDATE per 100 items (CASE on id) instead of one per item. */
  private async storeItemScores(
    m: EntityManager,
    items: Pick<ScoredItem, 'id'>[],
    per: { score: number; state: string }[],
  ): Promise<void> {
    for (let i = 0; i < items.length; i += 100) {
      const params: unknown[] = [];
      const score: string[] = [];
      const state: string[] = [];
      const ids: string[] = [];
      for (let k = i; k < Math.min(items.length, i + 100); k++) {
        params.push(items[k].id, per[k].score, per[k].state);
        const b = params.length - 3;
        score.push(`WHEN $${b + 1} THEN $${b + 2}`);
        state.push(`WHEN $${b + 1} THEN $${b + 3}`);
        ids.push(`$${b + 1}`);
      }
      const cast = this.tx.isSqlite ? ['', ''] : ['::double precision', '::varchar'];
      const [sql, ordered] = this.tx.sql(
        `UPDATE attempt_item SET score = CASE id ${score.map((w) => w + cast[0]).join(' ')} END, state = CASE id ${state.map((w) => w + cast[1]).join(' ')} END WHERE id IN (${ids.join(', ')})`,
        params,
      );
      await m.query(sql, ordered);
    }
  }

  private async recordStatistics(
    m: EntityManager,
    userId: number,
    items: Pick<ScoredItem, 'questionId' | 'points'>[],
    per: { score: number; state: string }[],
    total: number,
  ) {
    // One atomic upsert of running sums (item_stat.n + 1 …): concurrent scorings on PostgreSQL cannot lose an
    // observation the way a read-then-save would, and a paper costs one statement per 100 items, not 200.
    const sums = new Map<number, ItemStatsState>();
    for (const [k, it] of items.entries()) {
      const x = it.points ? per[k].score / it.points : 0;
      sums.set(
        it.questionId,
        addObservation(
          sums.get(it.questionId) ?? { ...EMPTY_ITEM_STATS },
          Math.min(1, Math.max(0, x)),
          Math.min(1, Math.max(0, total)),
        ),
      );
    }
    const rows = [...sums].sort((a, b) => a[0] - b[0]); // one lock order for every transaction
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const params: number[] = [];
      const values = chunk.map(([questionId, st]) => {
        params.push(questionId, st.n, st.sumX, st.sumX2, st.sumT, st.sumT2, st.sumXT);
        const b = params.length - 7;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
      });
      const add = (c: string) => `"${c}" = item_stat."${c}" + excluded."${c}"`;
      const [sql, ordered] = this.tx.sql(
        `INSERT INTO item_stat ("questionId", n, "sumX", "sumX2", "sumT", "sumT2", "sumXT") VALUES ${values.join(', ')} ON CONFLICT ("questionId") DO UPDATE SET ${['n', 'sumX', 'sumX2', 'sumT', 'sumT2', 'sumXT'].map(add).join(', ')}`,
        params,
      );
      await m.query(sql, ordered);
    }
    await this.updateNotebook(
      m,
      userId,
      items.map((it, k) => ({
        questionId: it.questionId,
        correct: per[k].state === 'correct',
        answered: per[k].state !== 'unanswered',
      })),
    );
  }

  /** 错题本: a miss adds (or resets) the question; a right answer counts toward the two that remove it. */
  async updateNotebook(
    m: EntityManager,
    userId: number,
    outcomes: { questionId: number; correct: boolean; answered: boolean }[],
  ) {
    if (!outcomes.length) return;
    // Set-based: one read of the existing rows, then at most one upsert, one delete and one update per 100
    // questions (a paper has each question once; a repeated one keeps its last outcome).
    const last = new Map(outcomes.map((o) => [o.questionId, o]));
    const ids = [...last.keys()].sort((a, b) => a - b); // one lock order for every transaction
    const existing = new Map<number, number>(); // questionId → correctStreak
    const timesMissed = new Map<number, number>();
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const [sql, params] = this.tx.sql(
        `SELECT "questionId" AS "questionId", "correctStreak" AS "correctStreak", "timesMissed" AS "timesMissed" FROM wrong_answer WHERE "userId" = $1 AND "questionId" IN (${chunk.map((_, k) => `$${k + 2}`).join(', ')})`,
        [userId, ...chunk],
      );
      for (const w of (await m.query(sql, params)) as {
        questionId: number;
        correctStreak: number;
        timesMissed: number;
      }[]) {
        existing.set(Number(w.questionId), Number(w.correctStreak));
        timesMissed.set(Number(w.questionId), Number(w.timesMissed));
      }
    }
    const missed: number[] = [];
    const removed: number[] = [];
    const streakUp: number[] = []; // the new streak of each is existing + 1 (< 2)
    for (const id of ids) {
      if (!last.get(id)!.correct) missed.push(id);
      else if (existing.has(id)) (existing.get(id)! + 1 >= 2 ? removed : streakUp).push(id);
    }
    const now = this.tx.dateParam(new Date());
    for (let i = 0; i < missed.length; i += 100) {
      const params: unknown[] = [userId, now];
      const values = missed.slice(i, i + 100).map((id) => {
        params.push(id, (timesMissed.get(id) ?? 0) + 1);
        return `($1, $${params.length - 1}, 0, $${params.length}, $2)`;
      });
      const [sql, ordered] = this.tx.sql(
        `INSERT INTO wrong_answer ("userId", "questionId", "correctStreak", "timesMissed", "lastMissedAt") VALUES ${values.join(', ')} ON CONFLICT ("userId", "questionId") DO UPDATE SET "correctStreak" = excluded."correctStreak", "timesMissed" = excluded."timesMissed", "lastMissedAt" = excluded."lastMissedAt"`,
        params,
      );
      await m.query(sql, ordered);
    }
    for (let i = 0; i < removed.length; i += 100) {
      const chunk = removed.slice(i, i + 100);
      const [sql, params] = this.tx.sql(
        `DELETE FROM wrong_answer WHERE "userId" = $1 AND "questionId" IN (${chunk.map((_, k) => `$${k + 2}`).join(', ')})`,
        [userId, ...chunk],
      );
      await m.query(sql, params);
    }
    // Streaks below 2 that grow by one: grouped by their new value.
    const byStreak = new Map<number, number[]>();
    for (const id of streakUp) {
      const s = existing.get(id)! + 1;
      byStreak.set(s, [...(byStreak.get(s) ?? []), id]);
    }
    for (const [streak, all] of byStreak)
      for (let i = 0; i < all.length; i += 100) {
        const chunk = all.slice(i, i + 100);
        const [sql, params] = this.tx.sql(
          `UPDATE wrong_answer SET "correctStreak" = $1 WHERE "userId" = $2 AND "questionId" IN (${chunk.map((_, k) => `$${k + 3}`).join(', ')})`,
          [streak, userId, ...chunk],
        );
        await m.query(sql, params);
      }
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
    };
  }

  /** Focus loss (切屏) and similar; past the exam's maximum the attempt is submitted. */
  async event(user: AuthUser, id: number, dto: EventDto) {
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

  /** Each question with the candidate's answer, the key and the explanation — when the review policy allows. */
  async review(user: AuthUser, id: number) {
    const a = await this.readable(user, id);
    const exam = await this.exams.findExam(a.examId);
    if (a.status !== 'submitted') throw AppError.conflict('交卷后才能查看答案解析');
    const own = a.userId === user.id;
    if (own) {
      if (exam.reviewPolicy === 'never') throw AppError.forbidden('本场考试不提供答案解析');
      if (exam.reviewPolicy === 'after-close' && exam.closesAt && new Date() < exam.closesAt) {
        throw AppError.forbidden(`考试结束（${exam.closesAt.toISOString()}）后才能查看答案解析`);
      }
    }
    const items = await this.items.find({ where: { attemptId: id }, order: { position: 'ASC' } });
    const revisions = await this.questions.revisionsByIds(items.map((i) => i.revisionId));
    return {
      ...this.resultOf(a, exam),
      questions: items.map((it) => {
        const c = readRevision(revisions.get(it.revisionId)!);
        return {
          id: it.questionId,
          type: it.type,
          part: it.part,
          stem: c.stem,
          options: c.options,
          points: it.points,
          response: it.response ? JSON.parse(it.response) : null,
          answer: c.answer,
          explanation: c.explanation,
          citation: c.citation,
          score: it.score,
          state: it.state,
        };
      }),
    };
  }

  /** The candidate, or trainers/managers whose scope covers the candidate; everyone else gets 404. */
  private async readable(user: AuthUser, id: number): Promise<Attempt> {
    const a = await this.attempts.findOne({ where: { id } });
    if (!a) throw AppError.notFound('答卷不存在');
    if (a.userId === user.id) return a;
    const staff =
      user.roles.includes('trainer') || user.roles.includes('admin') || user.roles.includes('manager');
    const candidate = staff ? await this.users.findById(a.userId) : null;
    if (candidate && (user.roles.includes('trainer') || (await this.access.canSeeMember(user, candidate))))
      return a;
    throw AppError.notFound('答卷不存在');
  }

  async readForStaff(user: AuthUser, id: number) {
    const a = await this.readable(user, id);
    const exam = await this.exams.findExam(a.examId);
    const view = await this.paperView(a, exam);
    return {
      ...view,
      userId: a.userId,
      result: a.status === 'submitted' ? this.resultOf(a, exam) : null,
      invalidReason: a.invalidReason,
    };
  }

  async extend(actor: AuthUser, id: number, minutes: number) {
    const a = await this.readable(actor, id);
    if (a.status !== 'in-progress') throw AppError.conflict('只能为作答中的答卷延长时间');
    const extensionMinutes = a.extensionMinutes + minutes;
    // A personal extension moves this candidate's deadline, even past the window's close.
    const deadline = a.deadline ? new Date(a.deadline.getTime() + minutes * 60_000) : null;
    await this.tx.run(async (m) => {
      await m.getRepository(Attempt).update(id, { extensionMinutes, deadline });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'attempt.extend',
        entity: 'attempt',
        entityId: id,
        detail: { minutes },
      });
    });
    return { id, deadline, extensionMinutes };
  }

  async invalidate(actor: AuthUser, id: number, reason: string) {
    const a = await this.readable(actor, id);
    if (a.status === 'invalidated') return { id, status: 'invalidated' };
    await this.tx.run(async (m) => {
      await m.getRepository(Attempt).update(id, { status: 'invalidated', invalidReason: reason });
      await runGradeSql(m, this.tx, REFRESH_GRADE, [a.examId, a.userId]);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'attempt.invalidate',
        entity: 'attempt',
        entityId: id,
        detail: { reason },
      });
    });
    return { id, status: 'invalidated', reason };
  }

  /** Reopens a submitted attempt for the candidate (e.g. after a power cut), with extra minutes. */
  async reopen(actor: AuthUser, id: number, minutes: number) {
    const a = await this.readable(actor, id);
    if (a.status !== 'submitted') throw AppError.conflict('只能重新开放已交卷的答卷');
    const open = await this.attempts.findOne({
      where: { examId: a.examId, userId: a.userId, status: 'in-progress' },
    });
    if (open) throw AppError.conflict('该考生已有作答中的答卷');
    const deadline = new Date(Date.now() + minutes * 60000);
    await this.tx.run(async (m) => {
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
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'attempt.reopen',
        entity: 'attempt',
        entityId: id,
        detail: { minutes },
      });
    });
    return { id, status: 'in-progress', deadline };
  }
}

/**
 * readRevision, memoized per revision object: revisions are immutable and cached by QuestionsService, and every
 * start and resume renders 100 of them. Read-only: the paper view copies what it returns.
 */
const contents = new WeakMap<QuestionRevision, ReturnType<typeof readRevision>>();
function contentOf(r: QuestionRevision): ReturnType<typeof readRevision> {
  let c = contents.get(r);
  if (!c) contents.set(r, (c = readRevision(r)));
  return c;
}

function toDate(v: string | Date): Date {
  if (v instanceof Date) return v;
  // SQLite stores 'YYYY-MM-DD HH:MM:SS.SSS' in UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
}

function affectedRows(r: unknown): number {
  if (Array.isArray(r) && typeof r[1] === 'number') return r[1];
  const o = r as { changes?: number; affected?: number; rowCount?: number } | undefined;
  return o?.changes ?? o?.affected ?? o?.rowCount ?? 0;
}
