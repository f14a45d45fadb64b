/** Pure validation of roster rows (花名册导入). */
import { BusinessLine, parseBusinessLine } from '../common/business-lines';
import type { ErrorDetail } from '../common/errors';
import { parseRole, Role } from '../common/roles';
import type { KeyedSheet } from '../common/sheet';

export const ROSTER_HEADERS = [
  '姓名',
  '工号',
  '单位',
  '岗位',
  '是否公务员',
  '是否执法岗位',
  '业务条线',
  '角色',
  '是否领导',
];
const REQUIRED = ['姓名', '工号', '单位'];

export interface RosterRow {
  row: number;
  name: string;
  staffNo: string;
  unitId: number;
  postTitle: string | null;
  civilServant: boolean;
  enforcementPost: boolean;
  businessLines: BusinessLine[];
  roles: Role[];
  leader: boolean;
}

export interface UnitLookup {
  /** Ids of units with this exact name. */
  byName(name: string): number[];
  /** Whether the importing caller may place people in this unit. */
  inScope(unitId: number): boolean;
}

function yesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return false;
  if (['是', 'y', 'yes', '1', 'true', '√'].includes(v)) return true;
  if (['否', 'n', 'no', '0', 'false', '×'].includes(v)) return false;
  return undefined;
}

export function validateRoster(
  sheet: KeyedSheet,
  units: UnitLookup,
): { rows: RosterRow[]; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const unknown = sheet.headers.filter((h) => !ROSTER_HEADERS.includes(h));
  for (const h of unknown) {
    errors.push({
      row: 1,
      column: sheet.columns[h],
      field: h,
      message: `未知的表头“${h}”，可用表头：${ROSTER_HEADERS.join('、')}`,
    });
  }
  for (const h of REQUIRED) {
    if (!sheet.headers.includes(h)) errors.push({ row: 1, field: h, message: `缺少必需的表头“${h}”` });
  }
  if (errors.length) return { rows: [], errors };

  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const err = (field: string, message: string) =>
      errors.push({ row, column: sheet.columns[field], field, message });
    const before = errors.length;
    const name = cells['姓名'] ?? '';
    const staffNo = cells['工号'] ?? '';
    if (!name) err('姓名', '姓名不能为空');
    else if (name.length > 60) err('姓名', '姓名过长（最多 60 字）');
    if (!staffNo) err('工号', '工号不能为空');
    else if (!/^[A-Za-z0-9._-]{2,40}$/.test(staffNo))
      err('工号', `工号“${staffNo}”只能包含字母、数字和 . _ -（2–40 位）`);
    else if (seen.has(staffNo)) err('工号', `工号“${staffNo}”与第${seen.get(staffNo)}行重复`);
    else seen.set(staffNo, row);

    const unitName = cells['单位'] ?? '';
    let unitId = 0;
    if (!unitName) err('单位', '单位不能为空');
    else {
      const ids = units.byName(unitName);
      if (ids.length === 0) err('单位', `单位“${unitName}”不存在`);
      else if (ids.length > 1) err('单位', `单位名称“${unitName}”不唯一，请先在单位管理中改名`);
      else if (!units.inScope(ids[0])) err('单位', `单位“${unitName}”不在您的管辖范围内`);
      else unitId = ids[0];
    }

    const flags: Record<string, boolean> = {};
    for (const field of ['是否公务员', '是否执法岗位', '是否领导']) {
      const v = yesNo(cells[field] ?? '');
      if (v === undefined) err(field, `“${cells[field]}”应为“是”或“否”`);
      flags[field] = v ?? false;
    }

    const lines: BusinessLine[] = [];
    for (const part of (cells['业务条线'] ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
      const line = parseBusinessLine(part);
      if (!line)
        err('业务条线', `未知的业务条线“${part}”，可选：安置、权益维护、优抚褒扬、就业创业、军休、双拥`);
      else if (!lines.includes(line)) lines.push(line);
    }

    const roles: Role[] = [];
    for (const part of (cells['角色'] ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
      const role = parseRole(part);
      if (!role) err('角色', `未知的角色“${part}”，可选：学员、培训管理员、管理者、系统管理员`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (roles.length === 0) roles.push('staff');

    const postTitle = cells['岗位'] ?? '';
    if (postTitle.length > 100) err('岗位', '岗位名称过长（最多 100 字）');

    if (errors.length === before) {
      rows.push({
        row,
        name,
        staffNo,
        unitId,
        postTitle: postTitle || null,
        civilServant: flags['是否公务员'],
        enforcementPost: flags['是否执法岗位'],
        businessLines: lines,
        roles,
        leader: flags['是否领导'],
      });
    }
  }
  if (sheet.rows.length === 0) errors.push({ row: 2, message: '文件中没有人员数据' });
  return { rows, errors };
}

/** Roles only an administrator may grant or remove. */
export const ELEVATED_ROLES: readonly Role[] = ['trainer', 'manager', 'admin'];

/**
 * Whether a non-administrator's roster row may create or change this account: only plain staff accounts, with the
 * staff role only, and never their own. Returns the row's problem in Chinese, or null.
 */
export function managerRowProblem(
  row: Pick<RosterRow, 'staffNo' | 'roles'>,
  existing: { id: number; roles: string } | null,
  actorId: number,
): string | null {
  if (row.roles.some((r) => ELEVATED_ROLES.includes(r)))
    return '只有系统管理员可以授予“培训管理员”“管理者”或“系统管理员”角色';
  if (!existing) return null;
  if (existing.id === actorId) return '不能通过导入修改本人的账号信息，请联系系统管理员';
  const held = existing.roles.split(',').filter(Boolean) as Role[];
  if (held.some((r) => ELEVATED_ROLES.includes(r)))
    return `工号“${row.staffNo}”是培训管理员、管理者或系统管理员的账号，只有系统管理员可以修改`;
  return null;
}
