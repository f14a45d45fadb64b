import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { QuestionBank } from './question-bank.entity';
import { QuestionBankController } from './question-bank.controller';
import { QuestionBankService } from './question-bank.service';
import { QuestionRevision } from './question-revision.entity';
import { Question } from './question.entity';
import { QuestionsService } from './questions.service';
import { RegulationChangesController } from './regulation-changes.controller';
import { RegulationChangesService } from './regulation-changes.service';

@Module({
  imports: [TypeOrmModule.forFeature([QuestionBank, Question, QuestionRevision]), CurriculumModule],
  controllers: [QuestionBankController, RegulationChangesController],
  providers: [QuestionBankService, QuestionsService, RegulationChangesService],
  exports: [QuestionBankService, QuestionsService, RegulationChangesService],
})
export class QuestionBankModule {}
