import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FALLBACK_CHECKPOINT_PAGES, startCheckpointer, type Checkpointer } from './checkpointer';
import { TxService } from './tx.service';

/** SQLite only: the WAL checkpoints run in a worker thread for the app's lifetime (checkpointer.ts says why). */
@Injectable()
export class SqliteCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SqliteCheckpoints');
  private checkpointer: Checkpointer | null = null;
  private lastWarning = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TxService,
  ) {}

  onApplicationBootstrap(): void {
    const file = this.dataSource.options.database;
    if (!this.tx.isSqlite || typeof file !== 'string' || file === ':memory:') return;
    this.tx.prepared(`PRAGMA wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`).run();
    this.checkpointer = startCheckpointer(file);
    this.checkpointer.onResult((r) => {
      if (!r.error || Date.now() - this.lastWarning < 60_000) return;
      this.lastWarning = Date.now();
      this.logger.warn(`WAL 检查点未完成（将由写入连接兜底）：${r.error}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
    this.checkpointer = null;
  }
}
