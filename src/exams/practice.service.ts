import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { CurriculumService } from '../curriculum/curriculum.service';
import { StudyHoursService } from '../curriculum/study-hours.service';
import { TxService } from '../database/tx.service';
import { readRevision } from '../question-bank/question-content';
import type { Curriculum } from '../common/business-lines';
import { QuestionsService } from '../question-bank/questions.service';
import { AttemptsService } from './attempts.service';
import { PracticeAnswerDto, PracticeStartDto } from './dto/exam.dto';
import type {
  NotebookEntryResponse,
  PracticeAnswerResponse,
  PracticeQuestionsResponse,
} from './practice.response';
import { createRng, pickN } from './prng';
import { scoreQuestion } from './scoring';
import { WrongAnswer } from './wrong-answer.entity';

/** Practice with immediate feedback, by regulation, curriculum or from the wrong-answer notebook (错题本). */
@Injectable()
export class PracticeService {
  constructor(
    @InjectRepository(WrongAnswer) private readonly wrong: Repository<WrongAnswer>,
    private readonly questions: QuestionsService,
    private readonly curriculum: CurriculumService,
    private readonly attempts: AttemptsService,
    private readonly tx: TxService,
    private readonly studyHours: StudyHoursService,
  ) {}

  async questionsFor(user: AuthUser, dto: PracticeStartDto): Promise<PracticeQuestionsResponse> {
    const count = dto.count ?? 10;
    let pool;
    if (dto.notebook) {
      const ids = new Set((await this.wrong.find({ where: { userId: user.id } })).map((w) => w.questionId));
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
    const picked = pickN(pool, Math.min(count, pool.length), createRng(`${user.id}:${Date.now()}`));
    const revisions = await this.questions.revisionsByIds(picked.map((p) => p.revisionId));
    // starts the practice clock: the first answer is credited from here
    await this.studyHours.practiceStarted(user.id);
    return {
      total: pool.length,
      questions: picked.map((p) => {
        const c = readRevision(revisions.get(p.revisionId)!);
        return {
          id: p.id,
          revisionId: p.revisionId,
          type: c.type,
          stem: c.stem,
          options: c.options,
          blanks: c.type === 'fill-blank' ? (c.answer as string[][]).length : undefined,
        };
      }),
    };
  }

  /** Checks one answer and says why; a miss goes into the notebook, two right answers in a row take it out. */
  async answer(user: AuthUser, dto: PracticeAnswerDto): Promise<PracticeAnswerResponse> {
    const rev = (await this.questions.revisionsByIds([dto.revisionId])).get(dto.revisionId);
    if (!rev || rev.questionId !== dto.questionId) throw AppError.notFound('题目不存在');
    const c = readRevision(rev);
    const scored = scoreQuestion({
      type: c.type,
      key: c.answer,
      points: 1,
      response: dto.response as never,
      multipleMode: 'all-or-nothing',
    });
    const correct = scored.state === 'correct';
    await this.tx.run((m) =>
      this.attempts.updateNotebook(m, user.id, [
        { questionId: dto.questionId, correct, answered: scored.state !== 'unanswered' },
      ]),
    );
    // practice time (学时): the time since this person's previous practice activity, capped (practice-time.ts)
    const studySeconds = await this.studyHours.practiceAnswered(user.id);
    return {
      correct,
      state: scored.state,
      studySeconds,
      answer: c.answer,
      explanation: c.explanation,
      citation: c.citation,
    };
  }

  async notebook(user: AuthUser): Promise<NotebookEntryResponse[]> {
    const rows = await this.wrong.find({ where: { userId: user.id }, order: { lastMissedAt: 'DESC' } });
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
