import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CertificatesService } from '../../certification/certificates.service';
import { CurrentUser, PasswordChangeExempt } from '../../common/decorators';
import { AppError } from '../../common/errors';
import type { AuthUser } from '../../common/roles';
import { ExamsService } from '../../exams/exams.service';
import { AuthService } from '../../identity/auth.service';
import { ChangePasswordDto } from '../../identity/dto/user.dto';
import { RecordService } from '../../identity/record.service';
import { UsersService } from '../../identity/users.service';
import { Form, one, type FormFields } from '../shared/form';
import { redirect, render, type PageRequest, type Reply } from '../shared/page';
import { OnFormError, PageController } from '../shared/page.guard';
import { load } from '../shared/section';
import { safeNext, startSession } from '../session/login.page';
import { myExamsPage, myRecordPage, passwordPage } from './me.pages';

/** The 修改密码 form: the API's ChangePasswordDto, the new password again, and where to go afterwards. */
export class PasswordForm extends ChangePasswordDto {
  @IsString() @MaxLength(128) confirmPassword: string;
  @IsOptional() @IsString() @MaxLength(2000) next?: string;
}

const showPasswordForm = (req: PageRequest, reply: Reply, message: string, status: number) =>
  render(
    reply,
    '修改密码',
    passwordPage({
      csrf: req.csrfToken,
      next: safeNext(one((req.body as FormFields | undefined)?.next)),
      forced: Boolean(req.user?.mustChangePassword),
    }),
    { status, flash: { kind: 'error', text: message } },
  );

/** The signed-in person's own pages: 修改密码, 我的考试, 我的记录. */
@PageController()
export class MePagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly exams: ExamsService,
    private readonly certificates: CertificatesService,
    private readonly record: RecordService,
  ) {}

  @PasswordChangeExempt()
  @Get('app/password')
  passwordForm(
    @CurrentUser() user: AuthUser,
    @Req() req: PageRequest,
    @Res() reply: Reply,
    @Query('next') next?: string,
  ) {
    render(
      reply,
      '修改密码',
      passwordPage({ csrf: req.csrfToken, next: safeNext(next), forced: Boolean(user.mustChangePassword) }),
      { active: '/app/password' },
    );
  }

  /**
   * Changes the password (UsersService: the current one checked, throttled per account as the API), which ends
   * every session of the account — then starts a new one here, so the person carries on where they were going
   * (on exam day: the exam).
   */
  @PasswordChangeExempt()
  @SkipThrottle({ 'login-user': true })
  @UseGuards(ThrottlerGuard)
  @OnFormError(showPasswordForm)
  @Post('app/password')
  async changePassword(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Form() form: PasswordForm) {
    if (form.newPassword !== form.confirmPassword) {
      const message = '两次输入的新密码不一致';
      throw AppError.badRequest(message, [{ field: 'confirmPassword', message }]);
    }
    await this.users.changeOwnPassword(user, {
      currentPassword: form.currentPassword,
      newPassword: form.newPassword,
    });
    const { accessToken, expiresIn } = await this.auth.issueToken(user.id);
    startSession(reply, accessToken, expiresIn);
    redirect(reply, safeNext(form.next), '密码已修改');
  }

  @Get('app/my-exams')
  async myExams(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    const [exams, certs] = await Promise.all([this.exams.mine(user), load(this.certificates.mine(user))]);
    render(reply, '我的考试', myExamsPage(exams, certs), { active: '/app/my-exams' });
  }

  @Get('app/my-record')
  async myRecord(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    render(reply, '我的记录', myRecordPage(await this.record.mine(user)), { active: '/app/my-record' });
  }
}
