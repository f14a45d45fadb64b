/** Administration: accounts, units and the roster import (花名册). */
import { ROLE_LABELS, ROLES, type Role } from '../../common/roles';
import type { CreateUserDto } from '../../identity/dto/user.dto';
import type { UserListResponse } from '../../identity/user.response';
import type { CreateUnitDto } from '../../organization/dto/unit.dto';
import type { UnitNodeResponse } from '../../organization/unit.response';
import {
  checkboxField,
  csrfField,
  defined,
  field,
  input,
  many,
  numberOf,
  one,
  pager,
  postButton,
  select,
  submitButton,
  type FormFields,
} from '../shared/form';
import { html, type SafeHtml } from '../shared/html';
import { table } from '../shared/table';
import { flatUnits, unitChoices } from '../shared/units';
import { uploadWidget } from '../shared/upload';

const KIND_LABELS: Record<string, string> = {
  bureau: '局',
  department: '局机关科室',
  affiliated: '局属单位',
  station: '服务站',
};
const LEVEL_LABELS: Record<string, string> = { district: '区级', street: '街道级', community: '社区级' };

export function userFromForm(form: FormFields): Partial<CreateUserDto> {
  return {
    username: one(form.username),
    name: one(form.name),
    roles: many(form.roles) as Role[],
    enforcementPost: one(form.enforcementPost) === '1',
    ...defined({ unitId: numberOf(form.unitId), postTitle: one(form.postTitle) }),
  };
}

export function unitFromForm(form: FormFields): Partial<CreateUnitDto> {
  return {
    name: one(form.name),
    kind: one(form.kind) as CreateUnitDto['kind'],
    parentId: Number(one(form.parentId)),
    ...defined({ level: one(form.level) as CreateUnitDto['level'] }),
  };
}

export function usersPage(
  list: UserListResponse,
  q: string,
  units: UnitNodeResponse[],
  csrf: string | undefined,
) {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return html`<h1>账号管理</h1>
    <form method="get" class="inline-form" role="search">
      <label for="u-q">姓名或登录名</label>${input({ id: 'u-q', name: 'q', value: q })}
      <button type="submit">查找</button>
    </form>
    ${table(
      list.items,
      [
        { head: '姓名', cell: (u) => u.name, rowHeader: true },
        { head: '登录名', cell: (u) => u.username },
        { head: '单位', cell: (u) => u.unitName ?? '' },
        { head: '角色', cell: (u) => u.roles.map((r) => ROLE_LABELS[r] ?? r).join('、') },
        { head: '执法岗位', cell: (u) => (u.enforcementPost ? '是' : '否') },
        { head: '状态', cell: (u) => (u.disabled ? '已停用' : '正常') },
        {
          head: '操作',
          className: 'row-actions',
          cell: (u) =>
            html`${postButton(`/app/admin/users/${u.id}/reset-password`, csrf, '重置密码', { small: true })}
            ${postButton(
              `/app/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`,
              csrf,
              u.disabled ? '启用' : '停用',
              {
                small: true,
              },
            )}`,
        },
      ],
      { caption: `共 ${list.total} 个账号` },
    )}
    ${pager(list.page, pages, (page) => `?q=${encodeURIComponent(q)}&page=${page}`)}
    <h2>新建账号</h2>
    <form method="post" action="/app/admin/users" class="stacked">
      ${csrfField(csrf)}
      <div class="grid2">
        ${field(
          'n-username',
          '登录名（工号）',
          input({ id: 'n-username', name: 'username', required: true, pattern: '[A-Za-z0-9._\\-]{2,60}' }),
        )}
        ${field('n-name', '姓名', input({ id: 'n-name', name: 'name', required: true }))}
        ${field(
          'n-unit',
          '单位',
          select({ id: 'n-unit', name: 'unitId' }, [{ value: '', label: '（无）' }, ...unitChoices(units)]),
        )}
        ${field('n-post', '岗位', input({ id: 'n-post', name: 'postTitle' }))}
      </div>
      <fieldset>
        <legend>角色</legend>
        ${ROLES.map(
          (r) =>
            html`<label class="option"
              >${input({ type: 'checkbox', name: 'roles', value: r, checked: r === 'staff' })}
              ${ROLE_LABELS[r]}</label
            >`,
        )}
      </fieldset>
      ${checkboxField('n-enf', 'enforcementPost', '执法岗位')} ${submitButton('创建账号')}
    </form>`;
}

export function unitsPage(units: UnitNodeResponse[], csrf: string | undefined): SafeHtml {
  const rows = flatUnits(units);
  return html`<h1>单位管理</h1>
    ${table(
      rows,
      [
        { head: '单位', cell: ({ unit }) => unit.name, rowHeader: true },
        { head: '类别', cell: ({ unit }) => KIND_LABELS[unit.kind] ?? unit.kind },
        { head: '层级', cell: ({ unit }) => (unit.level ? (LEVEL_LABELS[unit.level] ?? unit.level) : '—') },
      ],
      { rowHeaderStyle: ({ depth }) => `padding-left:${0.5 + depth * 1.25}rem` },
    )}
    <h2>新增单位</h2>
    <form method="post" action="/app/admin/units" class="stacked">
      ${csrfField(csrf)}
      <div class="grid2">
        ${field('un-name', '名称', input({ id: 'un-name', name: 'name', required: true }))}
        ${field(
          'un-parent',
          '上级单位',
          select({ id: 'un-parent', name: 'parentId', required: true }, unitChoices(units)),
        )}
        ${field(
          'un-kind',
          '类别',
          select({ id: 'un-kind', name: 'kind' }, [
            { value: 'department', label: '局机关科室' },
            { value: 'affiliated', label: '局属单位' },
            { value: 'station', label: '服务站' },
          ]),
        )}
        ${field(
          'un-level',
          '服务站层级',
          select({ id: 'un-level', name: 'level' }, [
            { value: '', label: '（非服务站）' },
            ...Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label })),
          ]),
        )}
      </div>
      ${submitButton('新增')}
    </form>`;
}

export function rosterImportPage(): SafeHtml {
  return html`<h1>花名册导入</h1>
    <p>
      表头：姓名、工号、单位、岗位、是否公务员、是否执法岗位、业务条线、角色、是否领导。按工号匹配，重复导入不会重复建号。
    </p>
    ${uploadWidget({
      endpoint: '/api/roster/import',
      label: '花名册文件（.xlsx 或 .csv）',
      accept: '.xlsx,.csv',
      templateHref: '/api/roster/template.xlsx',
    })}`;
}
