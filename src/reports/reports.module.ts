import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { ExamsModule } from '../exams/exams.module';
import { OrganizationModule } from '../organization/organization.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [CertificationModule, CurriculumModule, ExamsModule, OrganizationModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
