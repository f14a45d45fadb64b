import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { OrganizationModule } from '../organization/organization.module';
import { AuthController } from './auth.controller';
import { AuthService, LOGIN_FAILURES } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { MemoryFailureStore } from './login-failures';
import { RedisFailureStore, RedisThrottlerStorage } from './redis-throttler.storage';
import { RecordService } from './record.service';
import { RevokedToken } from './revoked-token.entity';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';
import { TokenDenylist } from './token-denylist.service';
import { TokenService } from './token.service';
import { PostHistory } from './post-history.entity';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

type Req = { ip?: string; body?: { username?: unknown }; user?: { id?: number } };
/** One counter per username for every login route (the API's and the login page's). */
const loginKey = (_context: unknown, tracker: string, throttler: string) => `login:${throttler}:${tracker}`;

/** Changing one's own password: tries per account in this many minutes (a stolen session cannot guess on). */
export const PASSWORD_THROTTLE = { limit: 5, minutes: 15 };

@Module({
  imports: [
    TypeOrmModule.forFeature([User, PostHistory, RevokedToken]),
    PassportModule,
    OrganizationModule,
    // Login throttling per username (every try) on the login routes, and per account on 修改密码; the failed tries
    // per client address are AuthService's (LOGIN_FAILURES).
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          {
            name: 'login-user',
            ttl: config.loginThrottle.ttlSeconds * 1000,
            limit: config.loginThrottle.limit,
            getTracker: (req: Req) => `user:${String(req.body?.username ?? '').toLowerCase()}`,
            generateKey: loginKey,
          },
          {
            name: 'password',
            ttl: PASSWORD_THROTTLE.minutes * 60_000,
            limit: PASSWORD_THROTTLE.limit,
            getTracker: (req: Req) => `account:${req.user?.id ?? ''}`,
          },
        ],
        errorMessage: (_context, detail) =>
          detail.tracker.startsWith('account:')
            ? `修改密码尝试过于频繁，请 ${PASSWORD_THROTTLE.minutes} 分钟后再试`
            : '登录尝试过于频繁，请一分钟后再试',
        // Shared by every app process when REDIS_URL is set; this process's memory otherwise.
        storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : undefined,
      }),
    }),
  ],
  // AuthController last, and sign-out its last route: the OpenAPI document lists routes in this order, and the
  // resilience fuzz calls them in it with one admin token.
  controllers: [UsersController, RosterController, AuthController],
  providers: [
    UsersService,
    AuthService,
    TokenService,
    TokenDenylist,
    JwtStrategy,
    LocalStrategy,
    RosterService,
    RecordService,
    {
      provide: LOGIN_FAILURES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redisUrl ? new RedisFailureStore(config.redisUrl) : new MemoryFailureStore(),
    },
  ],
  // JwtStrategy: for the global JwtAuthGuard (app.module.ts).
  exports: [UsersService, AuthService, RecordService, JwtStrategy],
})
export class IdentityModule {}
