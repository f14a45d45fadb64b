/** Administration: accounts, units and the roster import (花名册). */
import { BUSINESS_LINE_LABELS, type BusinessLine } from '../../common/business-lines';
import { ROLE_LABELS, ROLES, type Role } from '../../common/roles';
import type { CreateUserDto, UpdateUserDto } from '../../identity/dto/user.dto';
import type { UserListResponse, UserResponse } from '../../identity/user.response';
import type { CreateUnitDto, UpdateUnitDto } from '../../organization/dto/unit.dto';
import type { UnitNodeResponse, UnitResponse } from '../../organization/unit.response';
import {
  checkboxField,
  checkboxGroup,
  confirmForm,
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
    civilServant: one(form.civilServant) === '1',
    leader: one(form.leader) === '1',
    businessLines: many(form.businessLines).filter(Boolean) as BusinessLine[],
    ...defined({ unitId: numberOf(form.unitId), postTitle: one(form.postTitle) }),
  };
}

/** The edit form: every field is sent, so an emptied field clears it and an unticked box turns it off. */
export function userEditFromForm(form: FormFields): Partial<UpdateUserDto> {
  return {
    name: one(form.name),
    roles: many(form.roles) as Role[],
    unitId: one(form.unitId) === '' ? null : Number(one(form.unitId)),
    postTitle: one(form.postTitle) || null,
    businessLines: many(form.businessLines).filter(Boolean) as BusinessLine[],
    civilServant: one(form.civilServant) === '1',
    enforcementPost: one(form.enforcementPost) === '1',
    leader: one(form.leader) === '1',
  };
}

export function unitEditFromForm(form: FormFields): Partial<UpdateUnitDto> {
  return {
    name: one(form.name),
    ...(one(form.parentId) ? { parentId: Number(one(form.parentId)) } : {}),
    leaderId: one(form.leaderId) === '' ? null : Number(one(form.leaderId)),
  };
}

const lineChoices = (selected: readonly string[] = []) =>
  Object.entries(BUSINESS_LINE_LABELS).map(([value, label]) => ({
    value,
    label,
    selected: selected.includes(value),
  }));

/** Name, unit, post, business lines, roles and the three flags: the fields the create and edit forms share. */
function profileFields(prefix: string, units: UnitNodeResponse[], u: UserResponse | null): SafeHtml {
  return html`<div class="grid2">
      ${field(
        `${prefix}-name`,
        '姓名',
        input({ id: `${prefix}-name`, name: 'name', required: true, value: u?.name }),
      )}
      ${field(
        `${prefix}-unit`,
        '单位',
        select({ id: `${prefix}-unit`, name: 'unitId' }, [
          { value: '', label: '（无）', selected: !u?.unitId },
          ...unitChoices(units, u?.unitId ? [u.unitId] : []),
        ]),
      )}
      ${field(
        `${prefix}-post`,
        '岗位',
        input({ id: `${prefix}-post`, name: 'postTitle', value: u?.postTitle ?? '' }),
      )}
    </div>
    ${checkboxGroup({
      id: `${prefix}-lines-label`,
      label: '业务条线（可多选）',
      name: 'businessLines',
      choices: lineChoices(u?.businessLines),
    })}
    <fieldset>
      <legend>角色</legend>
      ${ROLES.map(
        (r) =>
          html`<label class="option"
            >${input({
              type: 'checkbox',
              name: 'roles',
              value: r,
              checked: u ? u.roles.includes(r) : r === 'staff',
            })}
            ${ROLE_LABELS[r]}</label
          >`,
      )}
    </fieldset>
    ${checkboxField(`${prefix}-cs`, 'civilServant', '是否公务员', u?.civilServant ?? false)}
    ${checkboxField(`${prefix}-enf`, 'enforcementPost', '执法岗位', u?.enforcementPost ?? false)}
    ${checkboxField(`${prefix}-leader`, 'leader', '是否领导', u?.leader ?? false)}`;
}

export function userEditPage(u: UserResponse, units: UnitNodeResponse[], csrf: string | undefined): SafeHtml {
  return html`<h1>编辑账号：${u.name}（${u.username}）</h1>
    <form method="post" action="/app/admin/users/${u.id}/edit" class="stacked">
      ${csrfField(csrf)} ${profileFields('e', units, u)} ${submitButton('保存')}
    </form>
    <p><a href="/app/admin/users">返回账号列表</a></p>`;
}

/** 停用 and 重置密码 ask first. */
export function userActionConfirmPage(
  u: UserResponse,
  action: 'disable' | 'reset-password',
  csrf: string | undefined,
): SafeHtml {
  const disable = action === 'disable';
  return confirmForm({
    action: `/app/admin/users/${u.id}/${action}`,
    csrf,
    question: disable
      ? `确认停用 ${u.name}（${u.username}）的账号？`
      : `确认重置 ${u.name}（${u.username}）的密码？`,
    detail: disable
      ? '停用后该账号立即退出登录且不能再登录，考试和学习记录保留；可随时重新启用。'
      : '重置后原密码立即失效，该账号的所有登录都会退出。新密码只显示一次，请当面或电话告知本人。',
    yes: disable ? '确认停用' : '确认重置密码',
    cancelHref: '/app/admin/users',
  });
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
  meId?: number,
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
        {
          head: '业务条线',
          cell: (u) => u.businessLines.map((l) => BUSINESS_LINE_LABELS[l] ?? l).join('、') || '—',
        },
        { head: '公务员', cell: (u) => (u.civilServant ? '是' : '否') },
        { head: '执法岗位', cell: (u) => (u.enforcementPost ? '是' : '否') },
        { head: '状态', cell: (u) => (u.disabled ? '已停用' : '正常') },
        {
          head: '操作',
          className: 'row-actions',
          cell: (u) =>
            html`<a class="button small" href="/app/admin/users/${u.id}/edit">编辑</a> ${postButton(
                `/app/admin/users/${u.id}/reset-password`,
                csrf,
                '重置密码',
                { small: true },
              )}
              ${u.id === meId
                ? html`<span class="muted">（本人账号不能停用）</span>`
                : postButton(
                    `/app/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`,
                    csrf,
                    u.disabled ? '启用' : '停用',
                    { small: true },
                  )}`,
        },
      ],
      { caption: `共 ${list.total} 个账号` },
    )}
    ${pager(list.page, pages, (page) => `?q=${encodeURIComponent(q)}&page=${page}`)}
    <h2>新建账号</h2>
    <form method="post" action="/app/admin/users" class="stacked">
      ${csrfField(csrf)}
      ${field(
        'n-username',
        '登录名（工号）',
        input({ id: 'n-username', name: 'username', required: true, pattern: '[A-Za-z0-9._\\-]{2,60}' }),
      )}
      ${profileFields('n', units, null)} ${submitButton('创建账号')}
    </form>`;
}

export function unitsPage(
  units: UnitNodeResponse[],
  csrf: string | undefined,
  leaders: Map<number, string> = new Map(),
): SafeHtml {
  const rows = flatUnits(units);
  return html`<h1>单位管理</h1>
    ${table(
      rows,
      [
        { head: '单位', cell: ({ unit }) => unit.name, rowHeader: true },
        { head: '类别', cell: ({ unit }) => KIND_LABELS[unit.kind] ?? unit.kind },
        { head: '层级', cell: ({ unit }) => (unit.level ? (LEVEL_LABELS[unit.level] ?? unit.level) : '—') },
        {
          head: '负责人',
          cell: ({ unit }) => (unit.leaderId ? (leaders.get(unit.leaderId) ?? `编号 ${unit.leaderId}`) : '—'),
        },
        {
          head: '操作',
          cell: ({ unit }) => html`<a class="button small" href="/app/admin/units/${unit.id}/edit">编辑</a>`,
        },
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

/** Edit a unit: its name, its parent (not itself or a unit below it) and its leader (someone of the unit or below). */
export function unitEditPage(
  unit: UnitResponse,
  units: UnitNodeResponse[],
  people: UserResponse[],
  csrf: string | undefined,
): SafeHtml {
  const parents = flatUnits(units).filter(({ unit: u }) => !u.path.startsWith(unit.path));
  return html`<h1>编辑单位：${unit.name}</h1>
    <form method="post" action="/app/admin/units/${unit.id}/edit" class="stacked">
      ${csrfField(csrf)}
      ${field('ue-name', '名称', input({ id: 'ue-name', name: 'name', required: true, value: unit.name }))}
      ${unit.parentId === null
        ? html`<p class="muted">根单位（局）没有上级单位。</p>`
        : field(
            'ue-parent',
            '上级单位（移动时下级单位随之移动）',
            select(
              { id: 'ue-parent', name: 'parentId' },
              parents.map(({ unit: u, label }) => ({ value: u.id, label, selected: u.id === unit.parentId })),
            ),
          )}
      ${field(
        'ue-leader',
        '负责人（本单位或下级单位的人员）',
        select({ id: 'ue-leader', name: 'leaderId' }, [
          { value: '', label: '（未指定）', selected: unit.leaderId === null },
          ...people
            .filter((p) => !p.disabled)
            .map((p) => ({
              value: p.id,
              label: `${p.name}（${p.unitName ?? ''}${p.postTitle ? ` ${p.postTitle}` : ''}）`,
              selected: p.id === unit.leaderId,
            })),
        ]),
      )}
      ${submitButton('保存')}
    </form>
    <p><a href="/app/admin/units">返回单位列表</a></p>`;
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
