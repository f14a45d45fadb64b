import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AssetsController } from './assets.controller';
import { CsrfGuard } from './csrf';
import { WebApi } from './web-api';
import { WebController } from './web.controller';

/** The browser UI: server-rendered Chinese pages over the JSON API, plus the CSRF rule for cookie sessions. */
@Module({
  controllers: [AssetsController, WebController],
  providers: [WebApi, { provide: APP_GUARD, useClass: CsrfGuard }],
})
export class WebModule {}
