import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, OptionalAuth, PasswordChangeExempt, Public } from '../../common/decorators';
import { AppError } from '../../common/errors';
import type { AuthUser } from '../../common/roles';
import { AuthService } from '../../identity/auth.service';
import { LoginDto } from '../../identity/dto/user.dto';
import { ACCESS_COOKIE } from '../../identity/jwt.strategy';
import { FLASH_COOKIE } from '../shared/cookies';
import { CSRF_COOKIE, sameToken, submittedToken } from '../shared/csrf';
import { Form, one, postForm, type FormFields } from '../shared/form';
import { html } from '../shared/html';
import type { PageRequest } from '../shared/page';
import { render, type Reply } from '../shared/page';
import { OnFormError, PageController } from '../shared/page.guard';
import { loginPage, safeNext, startSession } from './login.page';

/** The login form: the API's LoginDto and where to go afterwards. */
export class LoginForm extends LoginDto {
  @IsOptional() @IsString() @MaxLength(2000) next?: string;
}

/** Sign in and out, and the answer for an address that is no page. */
@PageController()
export class SessionController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get()
  root(@Res() reply: Reply) {
    reply.redirect('/app', 302);
  }

  @OptionalAuth()
  @PasswordChangeExempt()
  @Get('login')
  loginForm(@CurrentUser() user: AuthUser | null, @Res() reply: Reply, @Query('next') next?: string) {
    if (user) return reply.redirect(safeNext(next), 303);
    loginPage(reply, next, undefined, 200);
  }

  /**
   * The same throttle as POST /api/auth/login (per username; failed tries per address in AuthService), then
   * AuthService's password check. A refusal renders the form again with the message and its status (401, 403,
   * 429). An account holding a password someone else set goes on to 修改密码 first.
   */
  @Public()
  @SkipThrottle({ password: true })
  @UseGuards(ThrottlerGuard)
  @OnFormError((req, reply, message, status) =>
    loginPage(reply, one((req.body as FormFields | undefined)?.next), message, status),
  )
  @Post('login')
  async login(@Req() req: PageRequest, @Res() reply: Reply, @Form() form: LoginForm) {
    if (!sameToken(req.cookies[CSRF_COOKIE], submittedToken(req)))
      return loginPage(reply, form.next, '页面已过期，请重新登录', 403);
    const user = await this.auth.authenticate(form.username, form.password, req.ip);
    const { accessToken, expiresIn } = await this.auth.issueToken(user.id);
    startSession(reply, accessToken, expiresIn);
    const next = safeNext(form.next);
    reply.redirect(user.mustChangePassword ? `/app/password?next=${encodeURIComponent(next)}` : next, 303);
  }

  /** Signs out: this session's token is revoked in every app process (as POST /api/me/logout), cookies cleared. */
  @OptionalAuth()
  @PasswordChangeExempt()
  @Post('logout')
  async logout(@CurrentUser() user: AuthUser | null, @Res() reply: Reply) {
    if (user) await this.auth.logout(user);
    reply
      .clearCookie(ACCESS_COOKIE, { path: '/' })
      .clearCookie(CSRF_COOKIE, { path: '/' })
      .clearCookie(FLASH_COOKIE, { path: '/' })
      .redirect('/login', 303);
  }

  /** A GET changes nothing (a link or an image cannot sign anyone out): it offers the sign-out button. */
  @OptionalAuth()
  @PasswordChangeExempt()
  @Get('logout')
  logoutPage(@CurrentUser() user: AuthUser | null, @Req() req: PageRequest, @Res() reply: Reply) {
    if (!user) return reply.redirect('/login', 303);
    render(
      reply,
      '退出登录',
      html`<h1>退出登录</h1>
        <p>确定要退出 ${user.name} 的登录吗？</p>
        ${postForm(
          '/logout',
          req.csrfToken,
          html`<div class="actions">
            <button type="submit" class="primary">退出登录</button> <a href="/app">返回首页</a>
          </div>`,
        )}`,
    );
  }

  /** Any other address under /app: the error page, never the API's JSON. */
  @Get('app/*')
  unknownPage() {
    throw AppError.notFound('页面不存在');
  }

  @Post('app/*')
  unknownAction() {
    throw AppError.notFound('页面不存在');
  }
}
