import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, OptionalAuth, Public } from '../../common/decorators';
import { AppError } from '../../common/errors';
import type { AuthUser } from '../../common/roles';
import { AuthService } from '../../identity/auth.service';
import { LoginDto } from '../../identity/dto/user.dto';
import { ACCESS_COOKIE } from '../../identity/jwt.strategy';
import { CSRF_COOKIE, newCsrfToken, sameToken, submittedToken } from '../shared/csrf';
import { Form, one, type FormFields } from '../shared/form';
import type { PageRequest } from '../shared/page';
import { type Reply } from '../shared/page';
import { OnFormError, PageController } from '../shared/page.guard';
import { loginPage, safeNext } from './login.page';

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
  @Get('login')
  loginForm(
    @CurrentUser() user: AuthUser | null,
    @Res() reply: Reply,
    @Query('next') next?: string,
    @Query('err') err?: string,
  ) {
    if (user) return reply.redirect(safeNext(next), 303);
    loginPage(reply, next, err, 200);
  }

  /**
   * The same throttle as POST /api/auth/login (per IP and per username, shared counters), then the password
   * check of AuthService. A refusal renders the form again with the message and its status (401, 403, 429).
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
    const user = await this.auth.checkPassword(form.username, form.password);
    if (!user) return loginPage(reply, form.next, '用户名或密码错误', 401);
    const { accessToken, expiresIn } = await this.auth.issueToken(user.id);
    const secure = req.protocol === 'https';
    reply
      .setCookie(ACCESS_COOKIE, accessToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: expiresIn,
      })
      // A fresh CSRF token per session.
      .setCookie(CSRF_COOKIE, newCsrfToken(), { path: '/', httpOnly: false, sameSite: 'lax', secure })
      .redirect(safeNext(form.next), 303);
  }

  @Public()
  @Post('logout')
  logout(@Res() reply: Reply) {
    this.signOut(reply);
  }

  /** GET cannot be forged into a state change worth protecting: logging out is harmless. */
  @Public()
  @Get('logout')
  logoutGet(@Res() reply: Reply) {
    this.signOut(reply);
  }

  private signOut(reply: Reply) {
    reply
      .clearCookie(ACCESS_COOKIE, { path: '/' })
      .clearCookie(CSRF_COOKIE, { path: '/' })
      .redirect('/login', 303);
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
