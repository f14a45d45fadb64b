import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Article } from './article.entity';
import { CurriculumController } from './curriculum.controller';
import { CurriculumService } from './curriculum.service';
import { RegulationVersion } from './regulation-version.entity';
import { ReadingSession } from './reading-session.entity';
import { StudyClock } from './study-clock.entity';
import { StudyCredit } from './study-credit.entity';
import { StudyHoursService } from './study-hours.service';
import { Regulation } from './regulation.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Regulation,
      RegulationVersion,
      Article,
      StudyCredit,
      ReadingSession,
      StudyClock,
    ]),
  ],
  controllers: [CurriculumController],
  providers: [CurriculumService, StudyHoursService],
  exports: [CurriculumService, StudyHoursService],
})
export class CurriculumModule {}
