import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AttemptsService } from './attempts.service';
import { ItemStatsService } from './item-stats.service';

/**
 * The overdue sweep: every SWEEP_INTERVAL_MS each process submits, with what was saved, the attempts past their
 * deadline (plus grace), then folds the queued item statistics into item_stat. Scoring is exactly-once and a fold
 * takes each queued paper once, so every process may sweep at once.
 */
@Injectable()
export class AttemptSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AttemptSweep');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attempts: AttemptsService,
    private readonly itemStats: ItemStatsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sweepIntervalMs > 0) {
      this.timer = setInterval(
        () =>
          void this.attempts
            .sweepOverdue()
            .then(() => this.itemStats.fold())
            .catch((e) => this.logger.error(e)),
        this.config.sweepIntervalMs,
      );
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
