import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { installLeanAsyncResourceBind } from './common/async-resource-bind';
import { DEFAULT_BODY_LIMIT, installBodyLimits } from './common/body-limits';
import type { AppConfig } from './common/config';
import { installSecurityHeaders } from './common/security-headers';
import { refineDocument } from './common/openapi';
import { registerBodyParsers } from './common/json-guard';
import { closeImportProgress, shareImportProgress } from './common/import-progress';
import type { ProgressRequest } from './common/upload';
import { setUploadLimits } from './common/upload-limits';
import { createValidationPipe } from './common/validation';
import { configureWorkers, shutdownWorkers } from './common/worker-pool';
import { AttemptsService } from './exams/attempts.service';
import { JwtStrategy } from './identity/jwt.strategy';
import { installSaveFastLane } from './web/save-fast-lane';

/** Builds the application exactly as production runs it; e2e tests call this too. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  // Fastify binds an AsyncResource per request body: without Node 20's deprecation wrappers (see the function).
  installLeanAsyncResourceBind();
  const adapter = new FastifyAdapter({
    logger: config.logger,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // X-Forwarded-For/-Proto only from the configured proxies (TRUST_PROXY): the client address of the login
    // throttle and the https of the session cookie's Secure flag.
    trustProxy: config.trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: ['error', 'warn', 'log'],
    bufferLogs: false,
  });
  installBodyLimits(app.getHttpAdapter().getInstance());
  installSecurityHeaders(app.getHttpAdapter().getInstance());
  // The answer save's common case answered before Nest's router (web/save-fast-lane.ts; anything else reaches Nest).
  const jwt = app.get(JwtStrategy);
  const attempts = app.get(AttemptsService);
  installSaveFastLane(app.getHttpAdapter().getInstance(), {
    authenticate: (token) => jwt.authenticate(token),
    quickSave: (user, attemptId, questionId, dto) => attempts.quickSave(user, attemptId, questionId, dto),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 20, parts: 25 },
    throwFileSizeLimit: true,
  });
  app.setGlobalPrefix('api', {
    exclude: ['/', '/login', '/logout', '/app', '/app/{*path}', '/verify/{*path}'],
  });
  registerBodyParsers(app, app.getHttpAdapter().getInstance(), DEFAULT_BODY_LIMIT);
  // Uploads are parsed in worker threads, within limits (IMPORT_* settings); the workers stop with the app.
  configureWorkers({
    size: config.imports.workers,
    maxQueue: config.imports.queue,
    timeoutMs: config.imports.timeoutSeconds * 1000,
  });
  setUploadLimits({ maxCells: config.imports.maxCells, maxUnpackedBytes: config.imports.maxUnpackedBytes });
  // A long import's progress (GET /api/imports/progress/:id): shared through Redis when there is one; marked done
  // or failed when its request is answered.
  shareImportProgress(config.redisUrl);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (req, reply, done) => {
      (req as unknown as ProgressRequest).importProgress?.finish(reply.statusCode);
      done();
    })
    .addHook('onClose', async () => {
      await shutdownWorkers();
      await closeImportProgress();
    });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const docs = new DocumentBuilder()
    .setTitle('学法考试平台 API')
    .setDescription('干部职工学法、考试与行政执法资格管理')
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  // Schemas come from the types through the @nestjs/swagger CLI plugin (nest-cli.json; test/openapi for jest).
  SwaggerModule.setup('api/docs', app, () => refineDocument(SwaggerModule.createDocument(app, docs)), {
    jsonDocumentUrl: 'api/docs/json',
  });
  return app;
}
