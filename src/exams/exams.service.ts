import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { decodeLines } from '../common/business-lines';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import type { EntityReader } from '../database/entity-reader';
import { TxService } from '../database/tx.service';
import { audienceCondition } from '../identity/audience-sql';
import { UsersService, type AudienceMember } from '../identity/users.service';
import { AccessService } from '../organization/access.service';
import type { Curriculum } from '../common/business-lines';
import { QuestionsService } from '../question-bank/questions.service';
import { Attempt } from './attempt.entity';
import { keyBalance } from './bank-health';
import { Blueprint, maxScore, partLabel, validateBlueprint } from './blueprint';
import { readExamConfig } from './exam-config';
import { attemptsLeft, windowState } from './deadline';
import { CreateExamDto, RepairExamDto, UpdateExamDto } from './dto/exam.dto';
import { ExamAssignment } from './exam-assignment.entity';
import { Exam, EXAM_KIND_LABELS } from './exam.entity';
import {
  AvailableExamResponse,
  ExamResponse,
  MyExamResponse,
  ExamRosterResponse,
  parseAudience,
  parseBlueprint,
  PublishedExamResponse,
  toExamResponse,
  toRosterAttemptResponse,
} from './exam.response';
import { ItemStatsService } from './item-stats.service';
import { checkPools, PartPools } from './paper';
import { REFRESH_EXAM_GRADES, runGradeSql } from './exam-grades';
import { candidateReview, sittingOf, type Sitting } from './review-policy';
import { standingOf } from './my-exams';
import { bandThresholds, type RosterGroup, type RosterState } from './roster-groups';
import { gradedAttempt } from './scoring';

// The blueprint and audience are stored as JSON; their readers live beside the response mappers.
export { parseAudience, parseBlueprint };

const date = (s?: string | null) => (s ? new Date(s) : null);

@Injectable()
export class ExamsService {
  private readonly logger = new Logger('ExamsService');
  /** Broken exams already logged by this process (one warning each, not one per request). */
  private readonly loggedBroken = new Set<number>();

  constructor(
    @InjectRepository(Exam) private readonly exams: Repository<Exam>,
    @InjectRepository(Attempt) private readonly attempts: Repository<Attempt>,
    @InjectRepository(ExamAssignment) private readonly assignments: Repository<ExamAssignment>,
    private readonly questions: QuestionsService,
    private readonly itemStats: ItemStatsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {}

  /** Exams by id without a query built per read (start, submit and resume each read their exam). */
  private examById?: EntityReader<Exam>;

  async findExam(id: number): Promise<Exam> {
    const e = await (this.examById ??= this.tx.reader(Exam)).byId(id);
    if (!e) throw AppError.notFound('考试不存在');
    return e;
  }

  private fields(dto: Partial<CreateExamDto>): Partial<Exam> {
    const f: Partial<Exam> = {};
    if (dto.title !== undefined) f.title = dto.title;
    if (dto.kind !== undefined) f.kind = dto.kind;
    if (dto.description !== undefined) f.description = dto.description;
    if (dto.blueprint !== undefined) f.blueprint = JSON.stringify(dto.blueprint);
    if (dto.timeLimitMinutes !== undefined) f.timeLimitMinutes = dto.timeLimitMinutes;
    if (dto.opensAt !== undefined) f.opensAt = date(dto.opensAt);
    if (dto.closesAt !== undefined) f.closesAt = date(dto.closesAt);
    if (dto.resitOpensAt !== undefined) f.resitOpensAt = date(dto.resitOpensAt);
    if (dto.resitClosesAt !== undefined) f.resitClosesAt = date(dto.resitClosesAt);
    if (dto.attemptsAllowed !== undefined) f.attemptsAllowed = dto.attemptsAllowed;
    if (dto.grading !== undefined) f.grading = dto.grading;
    if (dto.shuffleQuestions !== undefined) f.shuffleQuestions = dto.shuffleQuestions;
    if (dto.shuffleOptions !== undefined) f.shuffleOptions = dto.shuffleOptions;
    if (dto.reviewPolicy !== undefined) f.reviewPolicy = dto.reviewPolicy;
    if (dto.multipleMode !== undefined) f.multipleMode = dto.multipleMode;
    if (dto.maxFocusLoss !== undefined) f.maxFocusLoss = dto.maxFocusLoss;
    if (dto.doubleMarking !== undefined) f.doubleMarking = dto.doubleMarking;
    if (dto.markingTolerance !== undefined) f.markingTolerance = dto.markingTolerance;
    if (dto.audience !== undefined) {
      f.audience = JSON.stringify({
        unitIds: dto.audience.unitIds ?? [],
        lines: dto.audience.lines ?? [],
        enforcementOnly: dto.audience.enforcementOnly ?? false,
        userIds: dto.audience.userIds ?? [],
      });
    }
    return f;
  }

  private check(dto: Partial<CreateExamDto>, existing?: Exam) {
    const problems: string[] = [];
    if (dto.blueprint) problems.push(...validateBlueprint(dto.blueprint as Blueprint));
    // A field in the request wins, null included (null clears it); otherwise the stored value counts.
    const pick = (given: string | null | undefined, stored: Date | null | undefined) =>
      given !== undefined ? given : stored?.toISOString();
    const opens = pick(dto.opensAt, existing?.opensAt);
    const closes = pick(dto.closesAt, existing?.closesAt);
    if (opens && closes && new Date(opens) >= new Date(closes)) problems.push('结束时间须晚于开始时间');
    const rOpens = pick(dto.resitOpensAt, existing?.resitOpensAt);
    const rCloses = pick(dto.resitClosesAt, existing?.resitClosesAt);
    if ((rOpens && !rCloses) || (!rOpens && rCloses)) problems.push('补考时间须同时填写开始和结束');
    if (rOpens && rCloses && new Date(rOpens) >= new Date(rCloses))
      problems.push('补考结束时间须晚于补考开始时间');
    if (problems.length)
      throw AppError.badRequest(
        problems[0],
        problems.map((message) => ({ field: 'blueprint', message })),
      );
  }

  /** A qualification exam needs a pass mark on every part (通用 and 专门 must each pass). */
  private checkKind(kind: string, bp: Blueprint) {
    if (kind === 'qualification' && bp.parts.some((p) => p.passMark === undefined)) {
      throw AppError.badRequest('行政执法资格考试的每一部分（通用、专门）都须设置及格分', [
        { field: 'blueprint', message: '缺少部分及格分' },
      ]);
    }
  }

  /** The row as it would be written, checked as every reader will read it: nothing unreadable is committed. */
  private checkRow(row: Exam, what: string) {
    const config = readExamConfig(row);
    if (!config.ok)
      throw AppError.badRequest(`${what}：${config.problem}`, [
        { field: 'blueprint', message: config.problem },
      ]);
    this.checkKind(row.kind, config.blueprint);
  }

  async create(actor: AuthUser, dto: CreateExamDto): Promise<ExamResponse> {
    this.check(dto);
    const trainerIds = await this.checkTrainers(dto.trainerIds ?? []);
    const saved = await this.tx.run(async (m) => {
      const row = m.getRepository(Exam).create({
        ...this.fields(dto),
        audience: JSON.stringify({
          unitIds: [],
          lines: [],
          enforcementOnly: false,
          userIds: [],
          ...(dto.audience ?? {}),
        }),
        status: 'draft',
        createdBy: actor.id,
      });
      this.checkRow(row, '考试配置无效');
      const e = await m.getRepository(Exam).save(row);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'exam.create',
        entity: 'exam',
        entityId: e.id,
        detail: { title: dto.title, trainerIds },
      });
      await this.setTrainers(m, e.id, trainerIds);
      return e;
    });
    return toExamResponse(saved, trainerIds);
  }

  /**
   * Validates before writing, in the transaction that writes: the row is read again inside it, the change applied
   * in memory and the result checked as every reader will read it (a stored blueprint of 'null' broke a published
   * exam for everyone).
   */
  async update(actor: AuthUser, id: number, dto: UpdateExamDto): Promise<ExamResponse> {
    const fields = this.fields(dto);
    const trainerIds = dto.trainerIds === undefined ? undefined : await this.checkTrainers(dto.trainerIds);
    await this.tx.run(async (m) => {
      const e = await m.getRepository(Exam).findOne({ where: { id } });
      if (!e) throw AppError.notFound('考试不存在');
      if (e.status !== 'draft' && dto.blueprint) throw AppError.conflict('已发布的考试不能修改组卷规则');
      this.check(dto, e);
      this.checkRow({ ...e, ...fields } as Exam, '修改后的考试配置无效');
      if (Object.keys(fields).length) await m.getRepository(Exam).update(id, fields);
      if (trainerIds) await this.setTrainers(m, id, trainerIds);
      if (dto.grading !== undefined && dto.grading !== e.grading)
        await runGradeSql(m, this.tx, REFRESH_EXAM_GRADES, [id]);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'exam.update',
        entity: 'exam',
        entityId: id,
        detail: dto,
      });
    });
    return this.get(id);
  }

  /** Trainers named for an exam must hold the trainer role. */
  private async checkTrainers(ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      const u = await this.users.findById(id);
      if (!u || u.disabled || !u.roles.split(',').includes('trainer'))
        throw AppError.badRequest('指定的阅卷/管理培训管理员无效', [
          { field: 'trainerIds', message: `账号 ${id} 不存在、已停用或不是培训管理员` },
        ]);
    }
    return unique;
  }

  private async setTrainers(m: EntityManager, examId: number, ids: number[]): Promise<void> {
    await m.getRepository(ExamAssignment).delete({ examId });
    if (ids.length)
      await m
        .getRepository(ExamAssignment)
        .insert(ids.map((userId) => ({ examId, userId, role: 'trainer' })));
  }

  /** Trainers assigned to exams, by exam. */
  private async trainersOf(examIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (!examIds.length) return out;
    for (const r of await this.assignments.find({ where: { examId: In(examIds) }, order: { userId: 'ASC' } }))
      out.set(r.examId, [...(out.get(r.examId) ?? []), r.userId]);
    return out;
  }

  /**
   * Whether a trainer runs this exam: its creator or a trainer assigned to it. Trainers reach banks and exams
   * bureau-wide, but candidates' papers, reviews and attempt actions only for the exams they run.
   */
  async runsExam(exam: Exam, userId: number): Promise<boolean> {
    if (exam.createdBy === userId) return true;
    return this.assignments.exists({ where: { examId: exam.id, userId } });
  }

  /** One person's standing in one exam (for the review rules). */
  async sitting(exam: Exam, userId: number): Promise<Sitting> {
    const mine = await this.attempts.find({
      where: { examId: exam.id, userId },
      select: { id: true, status: true, passed: true },
    });
    return sittingOf(mine, await this.isInAudience(exam, userId));
  }

  /** The question pools of each part for a candidate with these business lines. */
  async pools(bp: Blueprint, lines: string[]): Promise<PartPools> {
    const pools: PartPools = {};
    for (const part of bp.parts) {
      const s = part.source;
      pools[part.key] = await this.questions.pool(
        s.kind === 'common'
          ? { kind: 'curricula', curricula: ['common'] }
          : s.kind === 'specialty'
            ? { kind: 'curricula', curricula: lines as Curriculum[] }
            : s.kind === 'banks'
              ? { kind: 'banks', bankIds: s.bankIds }
              : { kind: 'regulations', regulationIds: s.regulationIds },
      );
    }
    return pools;
  }

  /** Publishing checks the blueprint against the banks for every business-line mix in the audience: no short papers. */
  async publish(actor: AuthUser, id: number): Promise<PublishedExamResponse> {
    const e = await this.findExam(id);
    const bp = parseBlueprint(e);
    const members = await this.users.findAudience(parseAudience(e));
    if (members.length === 0) throw AppError.unprocessable('考试对象为空：没有人符合设定的考试对象条件');
    const lineSets = new Map<string, string[]>();
    const needsLines = bp.parts.some((p) => p.source.kind === 'specialty');
    for (const u of members) {
      const lines = decodeLines(u.businessLines);
      if (needsLines && lines.length === 0) {
        throw AppError.unprocessable(
          `考试含“专门知识”部分，但 ${u.name}（${u.username}）没有业务条线，无法组卷`,
        );
      }
      lineSets.set(lines.join(','), lines);
    }
    const problems: string[] = [];
    const warnings = new Set<string>();
    for (const lines of needsLines ? lineSets.values() : [[]]) {
      const pools = await this.pools(bp, lines);
      for (const p of checkPools(bp, pools)) {
        problems.push(needsLines ? `业务条线“${lines.join('、')}”：${p}` : p);
      }
      // Skewed keys let a candidate pass by pattern: say so (publishing goes on). Key positions only matter when
      // the options keep their authored order.
      for (const [i, part] of bp.parts.entries()) {
        const pool = pools[part.key] ?? [];
        const { warnings: found } = keyBalance(await this.itemStats.healthQuestions(pool), {
          positions: !e.shuffleOptions,
        });
        const where = part.source.kind === 'specialty' && needsLines ? `（${lines.join('、')}）` : '';
        for (const w of found) warnings.add(`${partLabel(part, i)}${where}题库：${w}`);
      }
    }
    if (problems.length)
      throw AppError.unprocessable(
        `题库题目不足，不能发布：${problems[0]}`,
        problems.map((message) => ({ field: 'blueprint', message })),
      );
    await this.tx.run(async (m) => {
      await m.getRepository(Exam).update(id, { status: 'published' });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'exam.publish',
        entity: 'exam',
        entityId: id,
        detail: { audience: members.length },
      });
    });
    return { ...(await this.get(id)), warnings: [...warnings] };
  }

  async archive(actor: AuthUser, id: number): Promise<ExamResponse> {
    await this.findExam(id);
    await this.tx.run(async (m) => {
      await m.getRepository(Exam).update(id, { status: 'archived' });
      await this.audit.record(m, { actorId: actor.id, action: 'exam.archive', entity: 'exam', entityId: id });
    });
    return toExamResponse(await this.findExam(id));
  }

  /**
   * An admin replaces the blueprint and/or audience of an exam whose stored configuration is broken, whatever its
   * status (a published exam's blueprint cannot change otherwise). Checked and written in one transaction.
   */
  async repair(actor: AuthUser, id: number, dto: RepairExamDto): Promise<ExamResponse> {
    const fields = this.fields(dto);
    await this.tx.run(async (m) => {
      const e = await m.getRepository(Exam).findOne({ where: { id } });
      if (!e) throw AppError.notFound('考试不存在');
      const before = readExamConfig(e);
      if (before.ok) throw AppError.conflict('该考试的配置完好，无需修复（已发布考试的组卷规则不能修改）');
      if (dto.blueprint) this.check({ blueprint: dto.blueprint });
      this.checkRow({ ...e, ...fields } as Exam, '修复后的考试配置仍然无效');
      await m.getRepository(Exam).update(id, fields);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'exam.repair',
        entity: 'exam',
        entityId: id,
        detail: { problem: before.problem, ...dto },
      });
    });
    this.loggedBroken.delete(id);
    return this.get(id);
  }

  /** Every exam, newest first; one with a broken configuration is listed with its `problem`, not dropped. */
  async list(): Promise<ExamResponse[]> {
    const rows = await this.exams.find({ order: { id: 'DESC' } });
    const trainers = await this.trainersOf(rows.map((e) => e.id));
    return rows.map((e) => {
      const r = toExamResponse(e, trainers.get(e.id) ?? []);
      if (r.problem) this.warnBroken(e, r.problem);
      return r;
    });
  }

  async get(id: number): Promise<ExamResponse> {
    const e = await this.findExam(id);
    return toExamResponse(e, (await this.trainersOf([id])).get(id) ?? []);
  }

  async isInAudience(exam: Exam, userId: number): Promise<boolean> {
    return (await this.audienceMember(exam, userId)) !== undefined;
  }

  /** The person as a member of the exam's audience (with their business lines), or undefined when not in it. */
  async audienceMember(exam: Exam, userId: number): Promise<AudienceMember | undefined> {
    return (await this.users.findAudience(parseAudience(exam), userId))[0];
  }

  /** Exams the caller may sit now: published, in audience, window open (or resit), attempts left. */
  async available(user: AuthUser): Promise<AvailableExamResponse[]> {
    const now = new Date();
    const published = await this.exams.find({ where: { status: 'published' }, order: { id: 'ASC' } });
    const attemptsByExam = new Map<number, Attempt[]>();
    for (const a of await this.attempts.find({ where: { userId: user.id }, order: { attemptNo: 'ASC' } })) {
      attemptsByExam.set(a.examId, [...(attemptsByExam.get(a.examId) ?? []), a]);
    }
    const out: AvailableExamResponse[] = [];
    for (const e of published) {
      const state = windowState(now, e);
      if (state === 'closed' || state === 'not-open') continue;
      // A broken exam is left out for its candidates (and logged once), not allowed to fail the whole list.
      const config = readExamConfig(e);
      if (!config.ok) {
        this.warnBroken(e, config.problem);
        continue;
      }
      if ((await this.users.findAudience(config.audience, user.id)).length === 0) continue;
      const mine = attemptsByExam.get(e.id) ?? [];
      const sitting = sittingOf(mine, true);
      const open = mine.find((a) => a.status === 'in-progress');
      const left = attemptsLeft(e.attemptsAllowed, sitting.counted);
      if (!sitting.open && left <= 0) continue;
      const standing = standingOf(now, e, sitting);
      const bp = config.blueprint;
      out.push({
        id: e.id,
        title: e.title,
        kind: e.kind,
        kindLabel: EXAM_KIND_LABELS[e.kind],
        window: state,
        timeLimitMinutes: e.timeLimitMinutes,
        closesAt: state === 'resit' ? e.resitClosesAt : e.closesAt,
        deadline: open?.deadline ?? (state === 'resit' ? e.resitClosesAt : e.closesAt),
        attemptsLeft: Number.isFinite(left) ? left : null,
        attemptsUsed: sitting.counted,
        inProgressAttemptId: open?.id ?? null,
        maxScore: maxScore(bp),
        passMark: bp.passMark,
        questionCount: bp.parts.reduce((s, p) => s + p.rules.reduce((t, r) => t + r.count, 0), 0),
        passed: sitting.passed,
        standingLabel: standing.label,
        canStart: standing.canStart,
      });
    }
    return out;
  }

  /**
   * 我的考试: every exam the caller has an attempt of (newest first), where they stand in it, whether its review is
   * open to them (the review policy, review-policy.ts) and each attempt with its score. A broken exam is listed
   * by title without the rules it cannot read.
   */
  async mine(user: AuthUser): Promise<MyExamResponse[]> {
    const now = new Date();
    const attempts = await this.attempts.find({ where: { userId: user.id }, order: { attemptNo: 'ASC' } });
    const examIds = [...new Set(attempts.map((a) => a.examId))];
    if (examIds.length === 0) return [];
    const exams = await this.exams.find({ where: { id: In(examIds) } });
    const out: MyExamResponse[] = [];
    for (const e of exams.sort((a, b) => b.id - a.id)) {
      const mine = attempts.filter((a) => a.examId === e.id);
      const config = readExamConfig(e);
      const sitting = sittingOf(
        mine,
        e.status === 'published' && config.ok
          ? (await this.users.findAudience(config.audience, user.id)).length > 0
          : false,
      );
      const standing = standingOf(now, e, sitting);
      const review = candidateReview(now, e, sitting);
      out.push({
        id: e.id,
        title: e.title,
        kindLabel: EXAM_KIND_LABELS[e.kind],
        standing: standing.standing,
        standingLabel: standing.label,
        attemptsLeft: standing.attemptsLeft,
        canStart: standing.canStart && e.status === 'published',
        passMark: config.ok ? config.blueprint.passMark : 0,
        closesAt: e.resitClosesAt ?? e.closesAt,
        reviewOpen: review.open,
        reviewReason: review.open ? null : review.reason,
        attempts: mine
          .slice()
          .reverse()
          .map((a) => ({
            id: a.id,
            attemptNo: a.attemptNo,
            status: a.status,
            startedAt: a.startedAt,
            submittedAt: a.submittedAt,
            score: a.score,
            maxScore: a.maxScore,
            passed: a.passed,
            invalidReason: a.invalidReason,
          })),
      });
    }
    return out;
  }

  /** Must-sit roster with each person's state. Managers see the people of their own subtree. */
  async roster(actor: AuthUser, id: number): Promise<ExamRosterResponse> {
    const e = await this.findExam(id);
    const bp = parseBlueprint(e);
    let members = await this.users.findAudience(parseAudience(e));
    // Trainers who run the exam and administrators see everyone; managers their subtree; other trainers nothing.
    const runs = actor.roles.includes('trainer') && (await this.runsExam(e, actor.id));
    if (!runs && !actor.roles.includes('admin')) {
      if (!actor.roles.includes('manager'))
        throw AppError.forbidden('您不是本场考试的负责培训管理员，不能查看考生名单和答卷');
      const root = await this.access.scopeRootPath(actor);
      members = members.filter((u) => root !== null && (u.unitPath ?? '').startsWith(root));
    }
    const attempts = members.length
      ? await this.attempts.find({
          where: { examId: id, userId: In(members.map((u) => u.id)) },
          order: { attemptNo: 'ASC' },
        })
      : [];
    const byUser = new Map<number, Attempt[]>();
    for (const a of attempts) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
    const people = members.map((u) => {
      const mine = (byUser.get(u.id) ?? []).filter((a) => a.status !== 'invalidated');
      const graded = gradedAttempt(
        mine.filter((a) => a.status === 'submitted').map((a) => ({ ...a, score: a.score ?? 0 })),
        e.grading,
      );
      const state: RosterState = mine.some((a) => a.status === 'in-progress')
        ? 'in-progress'
        : graded
          ? graded.passed
            ? 'passed'
            : 'failed'
          : 'not-started';
      return {
        userId: u.id,
        name: u.name,
        username: u.username,
        unitId: u.unitId,
        unitName: u.unitName,
        businessLines: decodeLines(u.businessLines),
        enforcementPost: u.enforcementPost,
        state,
        attempts: (byUser.get(u.id) ?? []).map(toRosterAttemptResponse),
        grade: graded?.score ?? null,
      };
    });
    const sat = people.filter((p) => p.state === 'passed' || p.state === 'failed').length;
    const passed = people.filter((p) => p.state === 'passed').length;
    return {
      exam: toExamResponse(e),
      maxScore: maxScore(bp),
      shouldSit: people.length,
      sat,
      passed,
      participationRate: people.length ? sat / people.length : 0,
      passRate: sat ? passed / sat : 0,
      people,
    };
  }

  /**
   * The must-sit roster in the subtree `scopePath`, counted per unit, business lines, state and score band: one
   * grouped query over the audience and the exam_grade summary rows, never over the attempts. Same people, states
   * and grades as roster() (the reports e2e test holds the two together).
   */
  async rosterGroups(id: number, scopePath: string) {
    const e = await this.findExam(id);
    const max = maxScore(parseBlueprint(e));
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const exam = p(id);
    const thresholds = bandThresholds(max);
    const bands = thresholds.map((t, i) => `WHEN g.score < ${p(t)} THEN ${i}`).join(' ');
    const where = `${audienceCondition(parseAudience(e), p, this.tx.isSqlite)} AND unit.path LIKE ${p(`${scopePath}%`)}`;
    const rows = (await this.attempts.query(
      ...this.tx.sql(
        `SELECT u."unitId" AS "unitId", unit.name AS "unitName", unit.path AS "unitPath",
           u."businessLines" AS "businessLines",
           CASE WHEN EXISTS (SELECT 1 FROM attempt o WHERE o."examId" = ${exam} AND o."userId" = u.id AND o.status = 'in-progress') THEN 'in-progress'
             WHEN g."userId" IS NULL THEN 'not-started' WHEN g.passed THEN 'passed' ELSE 'failed' END AS state,
           CASE WHEN g."userId" IS NULL THEN NULL ${bands} ELSE ${thresholds.length} END AS band,
           COUNT(*) AS n, COALESCE(SUM(g.score), 0) AS total
         FROM "user" u JOIN unit ON unit.id = u."unitId"
         LEFT JOIN exam_grade g ON g."examId" = ${exam} AND g."userId" = u.id
         WHERE ${where}
         GROUP BY 1, 2, 3, 4, 5, 6`,
        params,
      ),
    )) as Record<string, unknown>[];
    const groups: RosterGroup[] = rows.map((r) => ({
      unitId: Number(r.unitId),
      unitName: r.unitName as string,
      unitPath: r.unitPath as string,
      businessLines: decodeLines(String(r.businessLines ?? '')) as string[],
      state: r.state as RosterState,
      band: r.band === null ? null : Number(r.band),
      count: Number(r.n),
      gradeTotal: Number(r.total),
    }));
    return { exam: toExamResponse(e), maxScore: max, groups };
  }

  /** Logs a broken exam once per process (and again after a repair breaks it anew). */
  warnBroken(e: Pick<Exam, 'id' | 'title'>, problem: string): void {
    if (this.loggedBroken.has(e.id)) return;
    this.loggedBroken.add(e.id);
    this.logger.error(`考试 ${e.id}《${e.title}》的配置已损坏，已跳过：${problem}`);
  }
}
