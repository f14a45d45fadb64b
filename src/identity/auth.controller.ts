import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { CurrentUser, PasswordChangeExempt, Public } from '../common/decorators';
import type { AuthUser } from '../common/roles';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto } from './dto/user.dto';
import { LocalAuthGuard } from './guards';
import type { RecordEntryResponse } from './record.response';
import type { LogoutResponse } from './user.response';
import { RecordService } from './record.service';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly record: RecordService,
  ) {}

  /**
   * Throttled per username (10 tries a minute by default), then passport-local (AuthService.authenticate: failed
   * tries per client address, a disabled account told so after its password).
   */
  @Public()
  @SkipThrottle({ password: true })
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @HttpCode(200)
  @Post('auth/login')
  login(@Body() _dto: LoginDto, @CurrentUser() user: AuthUser) {
    return this.auth.login(user);
  }

  @ApiBearerAuth()
  @PasswordChangeExempt()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.users.me(user);
  }

  /** 我的记录: actions others took on my attempts, certificates and account, with who and why. */
  @ApiBearerAuth()
  @Get('me/record')
  myRecord(@CurrentUser() user: AuthUser): Promise<RecordEntryResponse[]> {
    return this.record.mine(user);
  }

  /** Throttled per account (PASSWORD_THROTTLE); every session of the account ends (token version). */
  @ApiBearerAuth()
  @PasswordChangeExempt()
  @SkipThrottle({ 'login-user': true })
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @Post('me/password')
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    return this.users.changeOwnPassword(user, dto);
  }

  /**
   * Signs out this token: refused from now on by every app process, until it would have expired anyway. Under
   * /me with the other routes that end the caller's own session (the resilience fuzz runs those last).
   */
  @ApiBearerAuth()
  @PasswordChangeExempt()
  @HttpCode(200)
  @Post('me/logout')
  logout(@CurrentUser() user: AuthUser): Promise<LogoutResponse> {
    return this.auth.logout(user);
  }
}
