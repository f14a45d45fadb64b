/**
 * What the exams API (and the exam pages) show of an exam, its roster and the exams a candidate may sit. Built by
 * the toXResponse functions below from the entities, never by passing an entity through.
 */
import type { Standing } from './my-exams';
import { ApiEnum } from '../common/openapi';
import { BUSINESS_LINES } from '../common/business-lines';
import { QUESTION_TYPES } from '../question-bank/question.types';
import { EXAM_KINDS, REVIEW_POLICIES } from './exam.entity';
import type { BusinessLine } from '../common/business-lines';
import type { QuestionType } from '../question-bank/question.types';
import { Blueprint, maxScore, partMaxScore } from './blueprint';
import { brokenExam, readAudience, readBlueprint, readExamConfig } from './exam-config';
import { EXAM_KIND_LABELS, type Exam, type ExamKind, type ReviewPolicy } from './exam.entity';
import type { RosterState } from './roster-groups';

export class BlueprintRuleResponse {
  @ApiEnum(QUESTION_TYPES)
  type: QuestionType;
  /** @example 20 */
  count: number;
  /** Points per question. @example 2 */
  points: number;
}

export class PartSourceResponse {
  @ApiEnum(['common', 'specialty', 'banks', 'regulations'])
  kind: 'common' | 'specialty' | 'banks' | 'regulations';
  /** With kind `banks`. @example [1, 2] */
  bankIds?: number[];
  /** With kind `regulations`. @example [4] */
  regulationIds?: number[];
}

export class DifficultyMixResponse {
  /** @example 0.3 */
  easy: number;
  /** @example 0.5 */
  medium: number;
  /** @example 0.2 */
  hard: number;
}

export class BlueprintPartResponse {
  /** @example common */
  key: string;
  /** @example 共同科目 */
  title: string;
  source: PartSourceResponse;
  rules: BlueprintRuleResponse[];
  difficultyMix?: DifficultyMixResponse;
  /** @example 36 */
  passMark?: number;
}

export class BlueprintResponse {
  parts: BlueprintPartResponse[];
  /** Overall pass mark, in points. @example 60 */
  passMark: number;
}

/** A part as candidates and reports see it: its maximum and pass mark. */
export class ExamPartResponse {
  /** @example common */
  key: string;
  /** @example 共同科目 */
  title: string;
  /** @example 60 */
  maxScore: number;
  /** @example 36 */
  passMark: number | null;
}

export class AudienceResponse {
  /** Units, each with the units below it. @example [3] */
  unitIds: number[];
  @ApiEnum(BUSINESS_LINES, { isArray: true })
  lines: BusinessLine[];
  /** @example false */
  enforcementOnly: boolean;
  /** Named staff, besides the criteria. @example [] */
  userIds: number[];
}

export class ExamResponse {
  /** @example 1 */
  id: number;
  /** @example 2026年度学法用法考试 */
  title: string;
  @ApiEnum(EXAM_KINDS)
  kind: ExamKind;
  /** @example 学法用法考试 */
  kindLabel: string;
  description: string | null;
  @ApiEnum(['draft', 'published', 'archived'])
  status: 'draft' | 'published' | 'archived';
  /** Why the stored configuration cannot be read (the exam is listed, but nothing can use it until repaired). */
  problem: string | null;
  /** Null only for a broken exam. */
  blueprint: BlueprintResponse | null;
  /** @example 100 */
  maxScore: number | null;
  parts: ExamPartResponse[];
  /** @example 60 */
  timeLimitMinutes: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  resitOpensAt: Date | null;
  resitClosesAt: Date | null;
  /** 0 = unlimited. @example 1 */
  attemptsAllowed: number;
  @ApiEnum(['highest', 'last'])
  grading: 'highest' | 'last';
  /** @example true */
  shuffleQuestions: boolean;
  /** @example true */
  shuffleOptions: boolean;
  @ApiEnum(REVIEW_POLICIES)
  reviewPolicy: ReviewPolicy;
  @ApiEnum(['all-or-nothing', 'partial'])
  multipleMode: 'all-or-nothing' | 'partial';
  /** Focus losses (切屏) after which the attempt is submitted. @example 5 */
  maxFocusLoss: number | null;
  /** Written answers marked by two markers (双评). @example false */
  doubleMarking: boolean;
  /** Double marking: largest difference of two totals needing no third marker. @example 2 */
  markingTolerance: number;
  /** Null only for a broken exam. */
  audience: AudienceResponse | null;
  /** The trainer who created the exam (runs it). @example 3 */
  createdBy: number | null;
  /** Trainers assigned to run the exam besides its creator: papers, reviews, attempt actions. @example [7] */
  trainerIds: number[];
}

/** A published exam, with what the banks behind it would let a candidate guess. */
export class PublishedExamResponse extends ExamResponse {
  /** Key-balance warnings of the pools (publishing went on). @example ["第1部分“通用知识”题库：判断题答案偏向“正确”（8/10，80%）"] */
  warnings: string[];
}

/** The stored blueprint; a broken one is a 409 naming the exam (see exam-config.ts). */
export function parseBlueprint(e: Pick<Exam, 'id' | 'title' | 'blueprint'>): Blueprint {
  const bp = readBlueprint(e.blueprint);
  if ('problem' in bp) throw brokenExam(e, bp.problem);
  return bp;
}

/** The stored audience; a broken one is a 409 naming the exam. */
export function parseAudience(e: Pick<Exam, 'id' | 'title' | 'audience'>): AudienceResponse {
  const a = readAudience(e.audience);
  if ('problem' in a) throw brokenExam(e, a.problem);
  return a as AudienceResponse;
}

export const toExamPartResponses = (bp: Blueprint): ExamPartResponse[] =>
  bp.parts.map((p) => ({
    key: p.key,
    title: p.title,
    maxScore: partMaxScore(p),
    passMark: p.passMark ?? null,
  }));

export function toExamResponse(e: Exam, trainerIds: number[] = []): ExamResponse {
  const config = readExamConfig(e);
  const bp = config.ok ? config.blueprint : null;
  return {
    id: e.id,
    title: e.title,
    kind: e.kind,
    kindLabel: EXAM_KIND_LABELS[e.kind],
    description: e.description,
    status: e.status,
    problem: config.ok ? null : config.problem,
    blueprint: bp,
    maxScore: bp ? maxScore(bp) : null,
    parts: bp ? toExamPartResponses(bp) : [],
    timeLimitMinutes: e.timeLimitMinutes,
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    resitOpensAt: e.resitOpensAt,
    resitClosesAt: e.resitClosesAt,
    attemptsAllowed: e.attemptsAllowed,
    grading: e.grading,
    shuffleQuestions: e.shuffleQuestions,
    shuffleOptions: e.shuffleOptions,
    reviewPolicy: e.reviewPolicy,
    multipleMode: e.multipleMode,
    maxFocusLoss: e.maxFocusLoss,
    doubleMarking: Boolean(e.doubleMarking),
    markingTolerance: Number(e.markingTolerance ?? 2),
    audience: config.ok ? (config.audience as AudienceResponse) : null,
    createdBy: e.createdBy,
    trainerIds,
  };
}

/** An exam the caller may sit now. */
export class AvailableExamResponse {
  /** @example 1 */
  id: number;
  /** @example 2026年度学法用法考试 */
  title: string;
  @ApiEnum(EXAM_KINDS)
  kind: ExamKind;
  /** @example 学法用法考试 */
  kindLabel: string;
  /** The regular window or the resit window. */
  @ApiEnum(['open', 'resit'])
  window: 'open' | 'resit';
  /** @example 60 */
  timeLimitMinutes: number | null;
  closesAt: Date | null;
  /** The open attempt's deadline, else the window's close. */
  deadline: Date | null;
  /** null = unlimited. @example 1 */
  attemptsLeft: number | null;
  /** @example 0 */
  attemptsUsed: number;
  /** @example null */
  inProgressAttemptId: number | null;
  /** @example 100 */
  maxScore: number;
  /** @example 60 */
  passMark: number;
  /** @example 40 */
  questionCount: number;
  /** Passed already (an attempt passed): the list shows 已通过, not 开始考试. @example false */
  passed: boolean;
  /** 待参加, 可再考（剩余 1 次）, 作答中 or 已通过. @example 待参加 */
  standingLabel: string;
  /** May start an attempt now (not while one waits for marking, nor after a pass). @example true */
  canStart: boolean;
}

/** One of my attempts (我的考试). */
export class MyAttemptResponse {
  /** @example 12 */
  id: number;
  /** @example 1 */
  attemptNo: number;
  @ApiEnum(['in-progress', 'awaiting-marking', 'submitted', 'invalidated'])
  status: 'in-progress' | 'awaiting-marking' | 'submitted' | 'invalidated';
  startedAt: Date;
  submittedAt: Date | null;
  /** @example 86 */
  score: number | null;
  /** @example 100 */
  maxScore: number;
  /** @example true */
  passed: boolean | null;
  /** Why the attempt was invalidated. @example null */
  invalidReason: string | null;
}

/** An exam I sat (我的考试): where I stand, whether I may see the keys, and every attempt. */
export class MyExamResponse {
  /** @example 1 */
  id: number;
  /** @example 2026年度学法用法考试 */
  title: string;
  /** @example 学法用法考试 */
  kindLabel: string;
  @ApiEnum(['passed', 'in-progress', 'awaiting', 'retry', 'pending', 'upcoming', 'ended'])
  standing: Standing;
  /** @example 已通过 */
  standingLabel: string;
  /** null = unlimited. @example 1 */
  attemptsLeft: number | null;
  /** May start (or continue) an attempt now. @example false */
  canStart: boolean;
  /** @example 60 */
  passMark: number;
  closesAt: Date | null;
  /** Whether my submitted attempts' 答案解析 are open to me now (the exam's review policy). @example true */
  reviewOpen: boolean;
  /** Why not, when closed. @example 考试结束（2026-06-30 18:00）后才能查看答案解析 */
  reviewReason: string | null;
  attempts: MyAttemptResponse[];
}

export class RosterAttemptResponse {
  /** @example 12 */
  id: number;
  /** @example 1 */
  attemptNo: number;
  @ApiEnum(['in-progress', 'awaiting-marking', 'submitted', 'invalidated'])
  status: 'in-progress' | 'awaiting-marking' | 'submitted' | 'invalidated';
  /** @example 86 */
  score: number | null;
  /** @example true */
  passed: boolean | null;
  submittedAt: Date | null;
  deadline: Date | null;
  /** @example null */
  invalidReason: string | null;
}

export class RosterPersonResponse {
  /** @example 5 */
  userId: number;
  /** @example 王学员 */
  name: string;
  /** @example staff */
  username: string;
  /** @example 7 */
  unitId: number | null;
  /** @example 优抚褒扬科 */
  unitName: string | null;
  @ApiEnum(BUSINESS_LINES, { isArray: true })
  businessLines: BusinessLine[];
  /** @example true */
  enforcementPost: boolean;
  /** @example passed */
  @ApiEnum(['not-started', 'in-progress', 'passed', 'failed'])
  state: RosterState;
  attempts: RosterAttemptResponse[];
  /** The graded score (highest or last). @example 86 */
  grade: number | null;
}

/** The must-sit roster of an exam within the caller's scope, with 参考率 and 合格率. */
export class ExamRosterResponse {
  exam: ExamResponse;
  /** @example 100 */
  maxScore: number;
  /** @example 60 */
  shouldSit: number;
  /** @example 45 */
  sat: number;
  /** @example 40 */
  passed: number;
  /** @example 0.75 */
  participationRate: number;
  /** @example 0.8889 */
  passRate: number;
  people: RosterPersonResponse[];
}

export function toRosterAttemptResponse(a: RosterAttemptResponse): RosterAttemptResponse {
  return {
    id: a.id,
    attemptNo: a.attemptNo,
    status: a.status,
    score: a.score,
    passed: a.passed,
    submittedAt: a.submittedAt,
    deadline: a.deadline,
    invalidReason: a.invalidReason,
  };
}
