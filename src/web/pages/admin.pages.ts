import { html, SafeHtml } from '../html';
import { ROLE_LABELS, type Role } from '../../common/roles';
import { uploadWidget } from './trainer.pages';

export interface UserRow {
  id: number;
  username: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  staffNo: string | null;
  unitName?: string | null;
  postTitle: string | null;
  enforcementPost: boolean;
}

export interface UnitNode {
  id: number;
  name: string;
  kind: string;
  level: string | null;
  children: UnitNode[];
}

const KIND_LABELS: Record<string, string> = {
  bureau: '局',
  department: '局机关科室',
  affiliated: '局属单位',
  station: '服务站',
};
const LEVEL_LABELS: Record<string, string> = { district: '区级', street: '街道级', community: '社区级' };

export const flatUnits = (nodes: UnitNode[], depth = 0): { unit: UnitNode; depth: number }[] =>
  nodes.flatMap((u) => [{ unit: u, depth }, ...flatUnits(u.children ?? [], depth + 1)]);

export function usersPage(
  list: { total: number; page: number; pageSize: number; items: UserRow[] },
  q: string,
  units: UnitNode[],
  csrf: string,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}" />`;
  return html`<h1>账号管理</h1>
    <form method="get" class="inline-form" role="search">
      <label for="u-q">姓名或登录名</label><input id="u-q" name="q" value="${q}" />
      <button type="submit">查找</button>
    </form>
    <div class="table-wrap">
      <table class="table">
        <caption>
          共 ${list.total} 个账号
        </caption>
        <thead>
          <tr>
            <th scope="col">姓名</th>
            <th scope="col">登录名</th>
            <th scope="col">单位</th>
            <th scope="col">角色</th>
            <th scope="col">执法岗位</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          ${list.items.map(
            (u) =>
              html`<tr>
                <th scope="row">${u.name}</th>
                <td>${u.username}</td>
                <td>${u.unitName ?? ''}</td>
                <td>${u.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}</td>
                <td>${u.enforcementPost ? '是' : '否'}</td>
                <td>${u.disabled ? '已停用' : '正常'}</td>
                <td class="row-actions">
                  <form method="post" action="/app/admin/users/${u.id}/reset-password">
                    ${hidden}<button type="submit" class="small">重置密码</button>
                  </form>
                  <form method="post" action="/app/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}">
                    ${hidden}<button type="submit" class="small">${u.disabled ? '启用' : '停用'}</button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label="分页">
      ${list.page > 1 ? html`<a href="?q=${encodeURIComponent(q)}&page=${list.page - 1}">上一页</a>` : ''}
      <span>第 ${list.page} / ${pages} 页</span>
      ${list.page < pages ? html`<a href="?q=${encodeURIComponent(q)}&page=${list.page + 1}">下一页</a>` : ''}
    </nav>
    <h2>新建账号</h2>
    <form method="post" action="/app/admin/users" class="stacked">
      ${hidden}
      <div class="grid2">
        <div class="field">
          <label for="n-username">登录名（工号）</label
          ><input id="n-username" name="username" required pattern="[A-Za-z0-9._\\-]{2,60}" />
        </div>
        <div class="field"><label for="n-name">姓名</label><input id="n-name" name="name" required /></div>
        <div class="field">
          <label for="n-unit">单位</label>
          <select id="n-unit" name="unitId">
            <option value="">（无）</option>
            ${flatUnits(units).map(
              ({ unit, depth }) =>
                html`<option value="${unit.id}">${'　'.repeat(depth)}${unit.name}</option>`,
            )}
          </select>
        </div>
        <div class="field"><label for="n-post">岗位</label><input id="n-post" name="postTitle" /></div>
      </div>
      <fieldset>
        <legend>角色</legend>
        ${(Object.keys(ROLE_LABELS) as Role[]).map(
          (r) =>
            html`<label class="option"
              ><input type="checkbox" name="roles" value="${r}" ${r === 'staff' ? 'checked' : ''} />
              ${ROLE_LABELS[r]}</label
            >`,
        )}
      </fieldset>
      <div class="field checkbox">
        <input id="n-enf" type="checkbox" name="enforcementPost" value="1" /><label for="n-enf"
          >执法岗位</label
        >
      </div>
      <div class="actions"><button type="submit" class="primary">创建账号</button></div>
    </form>`;
}

export function unitsPage(units: UnitNode[], csrf: string): SafeHtml {
  const rows = flatUnits(units);
  return html`<h1>单位管理</h1>
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">类别</th>
            <th scope="col">层级</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ({ unit, depth }) =>
              html`<tr>
                <th scope="row" style="padding-left:${0.5 + depth * 1.25}rem">${unit.name}</th>
                <td>${KIND_LABELS[unit.kind] ?? unit.kind}</td>
                <td>${unit.level ? (LEVEL_LABELS[unit.level] ?? unit.level) : '—'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>新增单位</h2>
    <form method="post" action="/app/admin/units" class="stacked">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <div class="grid2">
        <div class="field"><label for="un-name">名称</label><input id="un-name" name="name" required /></div>
        <div class="field">
          <label for="un-parent">上级单位</label>
          <select id="un-parent" name="parentId" required>
            ${rows.map(
              ({ unit, depth }) =>
                html`<option value="${unit.id}">${'　'.repeat(depth)}${unit.name}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="un-kind">类别</label>
          <select id="un-kind" name="kind">
            <option value="department">局机关科室</option>
            <option value="affiliated">局属单位</option>
            <option value="station">服务站</option>
          </select>
        </div>
        <div class="field">
          <label for="un-level">服务站层级</label>
          <select id="un-level" name="level">
            <option value="">（非服务站）</option>
            <option value="district">区级</option>
            <option value="street">街道级</option>
            <option value="community">社区级</option>
          </select>
        </div>
      </div>
      <div class="actions"><button type="submit" class="primary">新增</button></div>
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
