import { Inject, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { CertificationModule } from '../certification/certification.module';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { ExamsModule } from '../exams/exams.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationModule } from '../organization/organization.module';
import { QuestionBankModule } from '../question-bank/question-bank.module';
import { ReportsModule } from '../reports/reports.module';
import { StudyModule } from '../study/study.module';
import { AdminPagesController } from './admin/admin.controller';
import { AssetsController } from './assets.controller';
import { BankPagesController } from './banks/banks.controller';
import { CampaignPagesController } from './campaigns/campaigns.controller';
import { AttemptPagesController } from './exams/attempts.controller';
import { MarkingPagesController } from './exams/marking.controller';
import { ExamPagesController } from './exams/exams.controller';
import { HomeController } from './home/home.controller';
import { MePagesController } from './me/me.controller';
import { RegulationPagesController } from './regulations/regulations.controller';
import { DashboardController } from './reports/dashboard.controller';
import { SessionController } from './session/session.controller';
import { configureCookies } from './shared/cookies';
import { CsrfGuard } from './shared/csrf';
import { PageExceptionFilter } from './shared/page-exception.filter';
import { PageGuard } from './shared/page.guard';
import { StudyPagesController } from './study/study.controller';

/**
 * The browser UI: server-rendered Chinese pages, one controller per area, calling the feature services (which
 * take the acting user and check access) — never the app's own HTTP API. Plus the CSRF rule for cookie sessions.
 */
@Module({
  imports: [
    IdentityModule,
    OrganizationModule,
    CurriculumModule,
    QuestionBankModule,
    ExamsModule,
    CertificationModule,
    ReportsModule,
    StudyModule,
  ],
  controllers: [
    AssetsController,
    SessionController,
    HomeController,
    StudyPagesController,
    AttemptPagesController,
    MarkingPagesController,
    ExamPagesController,
    BankPagesController,
    RegulationPagesController,
    CampaignPagesController,
    DashboardController,
    AdminPagesController,
    MePagesController,
  ],
  providers: [PageGuard, PageExceptionFilter, { provide: APP_GUARD, useClass: CsrfGuard }],
})
export class WebModule {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    configureCookies(config.cookieSecure);
  }
}
