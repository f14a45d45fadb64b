import { Get, Post, Query, Res } from '@nestjs/common';
import { CurrentUser, Roles } from '../../common/decorators';
import { ACCESS, type AuthUser } from '../../common/roles';
import { CreateUserDto, ListUsersQuery } from '../../identity/dto/user.dto';
import { UsersService } from '../../identity/users.service';
import { CreateUnitDto } from '../../organization/dto/unit.dto';
import { UnitsService } from '../../organization/units.service';
import { defined, Form, validated } from '../shared/form';
import { csrfOf, redirect, render, type Reply } from '../shared/page';
import { FormPage, Id, PageController } from '../shared/page.guard';
import { passwordShownPage } from './password-shown.page';
import { rosterImportPage, unitFromForm, unitsPage, userFromForm, usersPage } from './admin.pages';

const USERS = '/app/admin/users';
const UNITS = '/app/admin/units';

/** Accounts and units (admins), the roster import (admins and managers). */
@PageController()
export class AdminPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly units: UnitsService,
  ) {}

  @Roles(...ACCESS.admins)
  @Get('app/admin/users')
  async list(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Query('q') q?: string,
    @Query('page') page?: string,
  ) {
    const query = await validated(ListUsersQuery, { pageSize: 30, page: page ?? '1', ...defined({ q }) });
    const [list, units] = await Promise.all([this.users.list(user, query), this.units.tree(user)]);
    const csrf = csrfOf(reply);
    render(reply, '账号', usersPage(list, q ?? '', units, csrf), { active: USERS });
  }

  @Roles(...ACCESS.admins)
  @FormPage(() => USERS)
  @Post('app/admin/users')
  async create(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Form(userFromForm) dto: CreateUserDto) {
    const created = await this.users.create(user, dto);
    const pw = created.initialPassword;
    if (!pw) return redirect(reply, USERS, '账号已创建');
    // The generated password is shown on this answer page only (never in an address, cookie or log).
    render(
      reply,
      '账号已创建',
      passwordShownPage({
        title: '账号已创建',
        username: created.username,
        name: created.name,
        password: pw,
      }),
      { active: USERS },
    );
  }

  @Roles(...ACCESS.admins)
  @FormPage(() => USERS)
  @Post('app/admin/users/:id/reset-password')
  async resetPassword(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const reset = await this.users.resetPassword(user, id);
    const target = await this.users.get(user, id);
    // Shown on this answer page only (never in an address, cookie or log).
    render(
      reply,
      '密码已重置',
      passwordShownPage({
        title: '密码已重置',
        username: reset.username,
        name: target.name,
        password: reset.newPassword,
      }),
      { active: USERS },
    );
  }

  @Roles(...ACCESS.admins)
  @FormPage(() => USERS)
  @Post('app/admin/users/:id/disable')
  async disable(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    await this.users.update(user, id, { disabled: true });
    redirect(reply, USERS, '账号已停用');
  }

  @Roles(...ACCESS.admins)
  @FormPage(() => USERS)
  @Post('app/admin/users/:id/enable')
  async enable(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    await this.users.update(user, id, { disabled: false });
    redirect(reply, USERS, '账号已启用');
  }

  @Roles(...ACCESS.admins)
  @Get('app/admin/units')
  async unitList(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    const csrf = csrfOf(reply);
    render(reply, '单位', unitsPage(await this.units.tree(user), csrf), { active: UNITS });
  }

  @Roles(...ACCESS.admins)
  @FormPage(() => UNITS)
  @Post('app/admin/units')
  async createUnit(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Form(unitFromForm) dto: CreateUnitDto,
  ) {
    await this.units.create(user, dto);
    redirect(reply, UNITS, '单位已新增');
  }

  /** The upload itself goes to POST /api/roster/import (upload.js). */
  @Roles(...ACCESS.managers)
  @Get('app/admin/roster')
  roster(@Res() reply: Reply) {
    render(reply, '花名册导入', rosterImportPage(), { active: '/app/admin/roster', scripts: ['upload.js'] });
  }
}
