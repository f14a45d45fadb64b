import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppStartup } from './app.startup';
import { AuditModule } from './audit/audit.module';
import { CertificationModule } from './certification/certification.module';
import { AppConfigModule } from './common/app-config.module';
import { ImportProgressModule } from './common/import-progress.controller';
import type { AppConfig } from './common/config';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { CurriculumModule } from './curriculum/curriculum.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { ExamsModule } from './exams/exams.module';
import { JwtAuthGuard, RolesGuard } from './identity/guards';
import { IdentityModule } from './identity/identity.module';
import { OrganizationModule } from './organization/organization.module';
import { QuestionBankModule } from './question-bank/question-bank.module';
import { StudyModule } from './study/study.module';
import { ReportsModule } from './reports/reports.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.database),
        AuditModule,
        ImportProgressModule,
        OrganizationModule,
        IdentityModule,
        CurriculumModule,
        QuestionBankModule,
        ExamsModule,
        CertificationModule,
        ReportsModule,
        DemoModule,
        StudyModule,
        WebModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        AppStartup,
      ],
    };
  }
}
