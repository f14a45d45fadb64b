import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { OrganizationModule } from '../organization/organization.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { RecordService } from './record.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';
import { TokenService } from './token.service';
import { PostHistory } from './post-history.entity';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

type Req = { ip?: string; body?: { username?: unknown } };
/** One counter per IP and per username for every login route (the API's and the login page's). */
const loginKey = (_context: unknown, tracker: string, throttler: string) => `login:${throttler}:${tracker}`;

@Module({
  imports: [
    TypeOrmModule.forFeature([User, PostHistory]),
    PassportModule,
    OrganizationModule,
    // Login throttling: per client IP and per username; only the login route uses the ThrottlerGuard.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          {
            name: 'login-ip',
            ttl: config.loginThrottle.ttlSeconds * 1000,
            limit: config.loginThrottle.ipLimit,
            getTracker: (req: Req) => `ip:${req.ip ?? ''}`,
            generateKey: loginKey,
          },
          {
            name: 'login-user',
            ttl: config.loginThrottle.ttlSeconds * 1000,
            limit: config.loginThrottle.limit,
            getTracker: (req: Req) => `user:${String(req.body?.username ?? '').toLowerCase()}`,
            generateKey: loginKey,
          },
        ],
        errorMessage: '登录尝试过于频繁，请一分钟后再试',
        // Shared by every app process when REDIS_URL is set; this process's memory otherwise.
        storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : undefined,
      }),
    }),
  ],
  controllers: [AuthController, UsersController, RosterController],
  providers: [
    UsersService,
    AuthService,
    TokenService,
    JwtStrategy,
    LocalStrategy,
    RosterService,
    RecordService,
  ],
  exports: [UsersService, AuthService],
})
export class IdentityModule {}
