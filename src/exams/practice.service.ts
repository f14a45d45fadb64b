import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { CurriculumService } from '../curriculum/curriculum.service';
import { StudyHoursService } from '../curriculum/study-hours.service';
import { TxService } from '../database/tx.service';
import { readRevision } from '../question-bank/question-content';
import { isWrittenType } from '../question-bank/question.types';
import type { Curriculum } from '../common/business-lines';
import { QuestionsService } from '../question-bank/questions.service';
import { AttemptsRepository } from './attempts.repository';
import { PracticeAnswerDto, PracticeStartDto } from './dto/exam.dto';
import { NotebookService } from './notebook.service';
import { displayLetters, displayOptions, keyToDisplay, responseFromDisplay } from './option-labels';
import { PracticeItem } from './practice-item.entity';
import type {
  NotebookEntryResponse,
  PracticeAnswerResponse,
  PracticeQuestionsResponse,
} from './practice.response';
import { createRng, pickN, shuffle } from './prng';
import { scoreQuestion, validateResponse } from './scoring';

/** How long a handed-out practice question can be answered. */
export const PRACTICE_ITEM_TTL_MS = 12 * 3600_000;
/** Handed-out questions are forgotten this long after they were handed out. */
const PRACTICE_ITEM_KEEP_MS = 7 * 24 * 3600_000;

export const PRACTICE_PAUSED = '考试进行中，练习暂停';

/**
 * Practice with immediate feedback, by regulation, curriculum or from the wrong-answer notebook (错题本). The key,
 * explanation and correctness of a question are revealed only for a question the server handed to that person in
 * practice (a practice_item row, answered once), and never while they have an exam attempt in progress.
 */
@Injectable()
export class PracticeService {
  constructor(
    @InjectRepository(PracticeItem) private readonly items: Repository<PracticeItem>,
    private readonly questions: QuestionsService,
    private readonly curriculum: CurriculumService,
    private readonly attempts: AttemptsRepository,
    private readonly notebookEntries: NotebookService,
    private readonly tx: TxService,
    private readonly studyHours: StudyHoursService,
  ) {}

  private async requireNoOpenAttempt(user: AuthUser): Promise<void> {
    if (await this.attempts.hasOpenAttempt(user.id)) throw AppError.conflict(PRACTICE_PAUSED);
  }

  async questionsFor(user: AuthUser, dto: PracticeStartDto): Promise<PracticeQuestionsResponse> {
    await this.requireNoOpenAttempt(user);
    const count = dto.count ?? 10;
    let pool;
    if (dto.questionId !== undefined && !dto.notebook)
      throw AppError.badRequest('只能单独练习错题本中的题目（notebook: true）', [
        { field: 'questionId', message: '须与 notebook: true 一起使用' },
      ]);
    if (dto.notebook) {
      const ids = await this.notebookEntries.questionIds(user.id);
      // One notebook item opened on its own: only a question of the caller's own notebook.
      if (dto.questionId !== undefined) {
        if (!ids.has(dto.questionId)) throw AppError.notFound('错题本中没有这道题');
        ids.clear();
        ids.add(dto.questionId);
      }
      pool = (
        await this.questions.pool({
          kind: 'curricula',
          curricula: ['common', 'resettlement', 'rights', 'care', 'employment', 'retiree', 'double-support'],
        })
      ).filter((q) => ids.has(q.id));
    } else if (dto.regulation) {
      const id = await this.curriculum.resolveRegulationId(dto.regulation);
      if (!id) throw AppError.notFound('法规不存在');
      pool = await this.questions.pool({ kind: 'regulations', regulationIds: [id] });
    } else {
      pool = await this.questions.pool({
        kind: 'curricula',
        curricula: [(dto.curriculum ?? 'common') as Curriculum],
      });
    }
    // Written questions (简答题, 案例分析题) need a marker: practice hands out objective questions only.
    pool = pool.filter((q) => !isWrittenType(q.type));
    const rng = createRng(`${user.id}:${randomUUID()}`);
    const picked = pickN(pool, Math.min(count, pool.length), rng);
    const revisions = await this.questions.revisionsByIds(picked.map((p) => p.revisionId));
    const now = new Date();
    const handed = picked.map((p) => {
      const c = readRevision(revisions.get(p.revisionId)!);
      const choice = c.type === 'single' || c.type === 'multiple';
      return {
        p,
        c,
        order: choice
          ? shuffle(
              c.options.map((o) => o.key),
              rng,
            )
          : [],
      };
    });
    const saved = await this.tx.run(async (m) => {
      const repo = m.getRepository(PracticeItem);
      await repo.delete({
        userId: user.id,
        handedAt: LessThan(new Date(now.getTime() - PRACTICE_ITEM_KEEP_MS)),
      });
      const rows: PracticeItem[] = [];
      for (const h of handed)
        rows.push(
          await repo.save(
            repo.create({
              userId: user.id,
              questionId: h.p.id,
              revisionId: h.p.revisionId,
              optionOrder: h.order.length ? JSON.stringify(h.order) : null,
              handedAt: now,
              answeredAt: null,
            }),
          ),
        );
      return rows;
    });
    // starts the practice clock: the first answer is credited from here
    await this.studyHours.practiceStarted(user.id);
    return {
      total: pool.length,
      questions: handed.map((h, i) => ({
        id: h.p.id,
        revisionId: h.p.revisionId,
        /** The hand-out: answering names it (or the question), once. */
        practiceItemId: saved[i].id,
        type: h.c.type,
        stem: h.c.stem,
        // Labelled by position, as in exams: the first option shown is A.
        options: h.order.length ? displayOptions(h.order, h.c.options) : h.c.options,
        blanks: h.c.type === 'fill-blank' ? (h.c.answer as string[][]).length : undefined,
      })),
    };
  }

  /**
   * Checks one answer to a question handed out in practice and says why; a miss goes into the notebook, two right
   * answers in a row take it out. A question that was not handed out to this person (or was answered already, or
   * long ago) reveals nothing.
   */
  async answer(user: AuthUser, dto: PracticeAnswerDto): Promise<PracticeAnswerResponse> {
    await this.requireNoOpenAttempt(user);
    const item = await this.items.findOne({
      where: {
        ...(dto.practiceItemId ? { id: dto.practiceItemId } : {}),
        userId: user.id,
        questionId: dto.questionId,
        revisionId: dto.revisionId,
        answeredAt: IsNull(),
        handedAt: MoreThan(new Date(Date.now() - PRACTICE_ITEM_TTL_MS)),
      },
      order: { id: 'DESC' },
    });
    if (!item) throw AppError.notFound('该题不在您当前的练习中，请重新开始练习');
    const rev = (await this.questions.revisionsByIds([item.revisionId])).get(item.revisionId);
    if (!rev) throw AppError.notFound('题目不存在');
    const c = readRevision(rev);
    const order = item.optionOrder ? (JSON.parse(item.optionOrder) as string[]) : [];
    const problem = validateResponse(c.type, dto.response ?? null, {
      optionKeys: order.length ? displayLetters(order.length) : undefined,
      blanks: c.type === 'fill-blank' ? (c.answer as string[][]).length : undefined,
    });
    if (problem) throw AppError.badRequest(problem, [{ field: 'response', message: problem }]);
    const scored = scoreQuestion({
      type: c.type,
      key: c.answer,
      points: 1,
      response: (order.length ? responseFromDisplay(order, dto.response) : dto.response) as never,
      multipleMode: 'all-or-nothing',
    });
    const correct = scored.state === 'correct';
    const won = await this.tx.run(async (m) => {
      // Once: a guarded update lets one answer through.
      const r = await m
        .createQueryBuilder()
        .update(PracticeItem)
        .set({ answeredAt: new Date() })
        .where('id = :id AND "answeredAt" IS NULL', { id: item.id })
        .execute();
      if (!r.affected) return false;
      await this.notebookEntries.update(m, user.id, [
        { questionId: dto.questionId, correct, answered: scored.state !== 'unanswered' },
      ]);
      return true;
    });
    if (!won) throw AppError.conflict('本题已作答，请继续下一题');
    // practice time (学时): the time since this person's previous practice activity, capped (practice-time.ts)
    const studySeconds = await this.studyHours.practiceAnswered(user.id);
    return {
      correct,
      state: scored.state,
      studySeconds,
      answer: order.length ? keyToDisplay(order, c.answer) : c.answer,
      explanation: c.explanation,
      citation: c.citation,
    };
  }

  async notebook(user: AuthUser): Promise<NotebookEntryResponse[]> {
    const rows = await this.notebookEntries.entries(user.id);
    const details = await this.questions.detailsByIds(rows.map((r) => r.questionId));
    const byId = new Map(details.map((d) => [d.id, d]));
    return rows.map((r) => ({
      questionId: r.questionId,
      timesMissed: r.timesMissed,
      correctStreak: r.correctStreak,
      lastMissedAt: r.lastMissedAt,
      stem: byId.get(r.questionId)?.stem,
    }));
  }
}
