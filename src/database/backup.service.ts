import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { backupDatabase, removeServerLock, writeServerLock, type BackupResult } from './backup';

/**
 * The server's side of backups: it marks the SQLite file it holds (so `npm run restore` refuses to replace it
 * under a running server) and, when BACKUP_INTERVAL_HOURS > 0, takes a backup every that many hours into
 * BACKUP_DIR, keeping the newest BACKUP_KEEP. A failed backup is logged and retried at the next interval.
 */
@Injectable()
export class BackupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Backup');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<BackupResult | null> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get sqliteFile(): string | null {
    const db = this.config.database;
    return db.type === 'sqlite' && db.path !== ':memory:' ? db.path : null;
  }

  onApplicationBootstrap(): void {
    if (this.sqliteFile) writeServerLock(this.sqliteFile);
    const hours = this.config.backup.intervalHours;
    if (hours > 0) {
      this.timer = setInterval(() => void this.runScheduled(), hours * 3600_000);
      this.timer.unref();
      this.logger.log(
        `定时备份：每 ${hours} 小时一次，保存到 ${this.config.backup.dir}，保留最近 ${this.config.backup.keep} 份`,
      );
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.sqliteFile) removeServerLock(this.sqliteFile);
  }

  /** One scheduled backup (never two at once); null when it failed (the failure is logged). */
  runScheduled(): Promise<BackupResult | null> {
    if (!this.running)
      this.running = backupDatabase(this.config)
        .then((r) => {
          this.logger.log(`备份完成：${r.file}（${r.bytes} 字节，${r.ms} ms）`);
          return r;
        })
        .catch((e: unknown) => {
          this.logger.error(`定时备份失败：${e instanceof Error ? e.message : String(e)}`);
          return null;
        })
        .finally(() => (this.running = null));
    return this.running;
  }
}
