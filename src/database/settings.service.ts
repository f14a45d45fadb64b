import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Setting } from './setting.entity';
import { TxService } from './tx.service';

@Injectable()
export class SettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TxService,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.dataSource.getRepository(Setting).findOne({ where: { key } });
    return row?.value;
  }

  /** Sets the value only if the key is absent, and returns whichever value is stored (first writer wins). */
  async getOrInit(key: string, value: string): Promise<string> {
    await this.tx.write((m) =>
      m.createQueryBuilder().insert().into(Setting).values({ key, value }).orIgnore().execute(),
    );
    return (await this.get(key)) as string;
  }

  async set(key: string, value: string): Promise<void> {
    await this.tx.write((m) => m.getRepository(Setting).upsert({ key, value }, ['key']));
  }
}
