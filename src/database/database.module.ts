import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig } from '../common/config';
import { dataSourceOptions } from './data-source-options';
import { HealthController } from './health.controller';
import { SettingsService } from './settings.service';
import { TxService } from './tx.service';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(db),
          migrationsRun: true,
          migrationsTransactionMode: 'each',
        }),
      ],
      controllers: [HealthController],
      providers: [TxService, SettingsService],
      exports: [TxService, SettingsService],
    };
  }
}
