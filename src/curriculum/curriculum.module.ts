import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Article } from './article.entity';
import { CurriculumController } from './curriculum.controller';
import { CurriculumService } from './curriculum.service';
import { RegulationVersion } from './regulation-version.entity';
import { Regulation } from './regulation.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Regulation, RegulationVersion, Article])],
  controllers: [CurriculumController],
  providers: [CurriculumService],
  exports: [CurriculumService],
})
export class CurriculumModule {}
