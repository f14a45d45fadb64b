import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AttemptsService } from './attempts.service';

/**
 * The overdue sweep: every SWEEP_INTERVAL_MS each process submits, with what was saved, the attempts past their
 * deadline (plus grace). Scoring is exactly-once, so every process may sweep at once.
 */
@Injectable()
export class AttemptSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AttemptSweep');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attempts: AttemptsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sweepIntervalMs > 0) {
      this.timer = setInterval(
        () => void this.attempts.sweepOverdue().catch((e) => this.logger.error(e)),
        this.config.sweepIntervalMs,
      );
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
