import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from './common/app-config.module';
import type { AppConfig } from './common/config';
import { CurriculumService } from './curriculum/curriculum.service';
import { DemoService } from './demo/demo.service';
import { QuestionBankService } from './question-bank/question-bank.service';
import { UsersService } from './identity/users.service';

/**
 * What happens once the database is migrated, in order: the first admin account, the legal content of
 * question-banks/, then (unless SEED_DEMO=false) the demo bureau. Every step is idempotent.
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.users.ensureAdmin(this.config.adminPassword);
    await this.curriculum.loadCatalogue();
    await this.banks.loadRepositoryBanks();
    if (this.config.seedDemo) {
      await this.demo.seedOrganisation(this.config.demoPassword);
      await this.demo.seedExams();
    }
    this.logger.log('启动完成');
  }
}
