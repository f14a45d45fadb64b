import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationModule } from '../organization/organization.module';
import { QuestionBankModule } from '../question-bank/question-bank.module';
import { AttemptEvent } from './attempt-event.entity';
import { AttemptAnswer } from './attempt-answer.entity';
import { AttemptPaper } from './attempt-paper.entity';
import { AttemptScore } from './attempt-score.entity';
import { Attempt } from './attempt.entity';
import { AttemptSweepService } from './attempt-sweep.service';
import { AttemptsRepository } from './attempts.repository';
import { AttemptAccessService } from './attempt-access.service';
import { AttemptActionsService } from './attempt-actions.service';
import { AttemptsService } from './attempts.service';
import { ExamAssignment } from './exam-assignment.entity';
import { ExamGrade } from './exam-grade.entity';
import { Exam } from './exam.entity';
import { ExamsController } from './exams.controller';
import { MarkingController } from './marking.controller';
import { MarkingService } from './marking.service';
import { ExamsService } from './exams.service';
import { ItemStat } from './item-stat.entity';
import { ItemStatPending } from './item-stat-pending.entity';
import { ItemStatsService } from './item-stats.service';
import { NotebookService } from './notebook.service';
import { PracticeItem } from './practice-item.entity';
import { PracticeService } from './practice.service';
import { WrongAnswer } from './wrong-answer.entity';
import { WrittenAnswer } from './written-answer.entity';
import { WrittenMark } from './written-mark.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Exam,
      ExamAssignment,
      Attempt,
      AttemptPaper,
      AttemptScore,
      AttemptAnswer,
      AttemptEvent,
      ExamGrade,
      ItemStat,
      ItemStatPending,
      WrongAnswer,
      PracticeItem,
      WrittenAnswer,
      WrittenMark,
    ]),
    QuestionBankModule,
    CurriculumModule,
    IdentityModule,
    OrganizationModule,
  ],
  controllers: [ExamsController, MarkingController],
  providers: [
    ExamsService,
    AttemptsRepository,
    AttemptsService,
    AttemptAccessService,
    AttemptActionsService,
    AttemptSweepService,
    NotebookService,
    PracticeService,
    ItemStatsService,
    MarkingService,
  ],
  exports: [
    ExamsService,
    AttemptsService,
    AttemptActionsService,
    PracticeService,
    ItemStatsService,
    MarkingService,
  ],
})
export class ExamsModule {}
