// First: sizes libuv's thread pool before anything can use it.
import './threadpool';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup';
import { ConfigError, loadConfig } from './common/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const where = config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
  new Logger('Main').log(
    `学法考试平台已启动：http://localhost:${config.port}/ （API 文档 /api/docs，数据库 ${where}）`,
  );
}

void main();
