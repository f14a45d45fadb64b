import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CertificatesService } from './certification/certificates.service';
import { APP_CONFIG } from './common/app-config.module';
import type { AppConfig } from './common/config';
import { CurriculumService } from './curriculum/curriculum.service';
import { LOCK_STARTUP, withAdvisoryLock } from './database/advisory-lock';
import { DemoService } from './demo/demo.service';
import { QuestionBankService } from './question-bank/question-bank.service';
import { StudyService } from './study/study.service';
import { UsersService } from './identity/users.service';

/**
 * What happens once the database is migrated, in order: the first admin account, the legal content of
 * question-banks/, then (unless SEED_DEMO=false) the demo bureau. Every step is idempotent, and on PostgreSQL the
 * whole sequence holds the start-up advisory lock, so processes starting together seed one after another.
 */
@Injectable()
export class AppStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly demo: DemoService,
    private readonly curriculum: CurriculumService,
    private readonly banks: QuestionBankService,
    private readonly study: StudyService,
    private readonly certificates: CertificatesService,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await withAdvisoryLock(this.dataSource, LOCK_STARTUP, () => this.seed());
    this.logger.log('启动完成');
  }

  private async seed(): Promise<void> {
    await this.users.ensureAdmin(this.config.adminPassword);
    await this.curriculum.loadCatalogue();
    await this.banks.loadRepositoryBanks();
    if (this.config.seedDemo) {
      await this.demo.seedOrganisation(this.config.demoPassword);
      await this.demo.seedExams();
      await this.study.seedDemoMaterials();
    }
    await this.certificates.reconcilePostHistory();
    if (this.config.seedDemo) {
      await this.demo.seedCertificates();
      await this.demo.seedMarking();
    }
  }
}
