import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../common/config';
import { LOCK_STARTUP, withAdvisoryLock } from './advisory-lock';
import { BackupService } from './backup.service';
import { dataSourceOptions } from './data-source-options';
import { HealthController } from './health.controller';
import { assertRequiredTriggers } from './required-triggers';
import { Setting } from './setting.entity';
import { SettingsService } from './settings.service';
import { SqliteCheckpoints } from './sqlite-checkpoints.service';
import { TxService } from './tx.service';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          // Each feature module registers its own entities (forFeature); the data layer lists none.
          useFactory: () => ({ ...dataSourceOptions(db), autoLoadEntities: true }),
          // Migrations run here rather than through `migrationsRun`, under an advisory lock on PostgreSQL:
          // N processes starting at once migrate one after another instead of racing on the same DDL.
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const ds = await new DataSource(options!).initialize();
            await withAdvisoryLock(ds, LOCK_STARTUP, () => ds.runMigrations({ transaction: 'each' }));
            await assertRequiredTriggers(ds);
            return ds;
          },
        }),
        TypeOrmModule.forFeature([Setting]),
      ],
      controllers: [HealthController],
      providers: [TxService, SettingsService, BackupService, SqliteCheckpoints],
      exports: [TxService, SettingsService],
    };
  }
}
