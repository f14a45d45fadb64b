import { ApiEnum } from '../common/openapi';
import { BUSINESS_LINES } from '../common/business-lines';
import { ROLES } from '../common/roles';
import { decodeLines, type BusinessLine } from '../common/business-lines';
import { ImportIssueResponse } from '../common/import.response';
import type { AuthUser, Role } from '../common/roles';
import type { User } from './user.entity';

/** What the API shows of an account: never the password hash or token version. */
export class UserResponse {
  /** @example 5 */
  id: number;
  /** The login name (工号 for roster accounts). @example S0001 */
  username: string;
  /** @example 王学员 */
  name: string;
  @ApiEnum(ROLES, { isArray: true })
  roles: Role[];
  /** @example false */
  disabled: boolean;
  /** @example S0001 */
  staffNo: string | null;
  /** @example 7 */
  unitId: number | null;
  /** Absent without a unit. @example 优抚褒扬科 */
  unitName?: string;
  /** @example 科员 */
  postTitle: string | null;
  /** @example true */
  civilServant: boolean;
  /** Holds an enforcement post (执法岗位). @example true */
  enforcementPost: boolean;
  @ApiEnum(BUSINESS_LINES, { isArray: true })
  businessLines: BusinessLine[];
  /** @example false */
  leader: boolean;
  /** The password was set by someone else: the holder must change it before anything else. @example false */
  mustChangePassword: boolean;
}

export class CreatedUserResponse extends UserResponse {
  /** The generated password, shown once (when none was given). @example Kx7-pq2-Zm9 */
  initialPassword?: string;
}

export class UserListResponse {
  /** @example 64 */
  total: number;
  /** @example 1 */
  page: number;
  /** @example 20 */
  pageSize: number;
  items: UserResponse[];
}

/** One person in the read-only staff directory (audiences, attendance). */
export class DirectoryEntryResponse {
  /** @example 5 */
  id: number;
  /** @example 王学员 */
  name: string;
  /** @example S0001 */
  staffNo: string | null;
  /** @example 优抚褒扬科 */
  unitName: string | null;
  @ApiEnum(BUSINESS_LINES, { isArray: true })
  businessLines: BusinessLine[];
}

export class PasswordResetResponse {
  /** @example 5 */
  id: number;
  /** @example S0001 */
  username: string;
  /** Shown once. @example Kx7-pq2-Zm9 */
  newPassword: string;
}

export class PasswordChangedResponse {
  /** @example true */
  changed: boolean;
}

export class LoginUserResponse {
  /** @example 5 */
  id: number;
  /** @example staff */
  username: string;
  /** @example 王学员 */
  name: string;
  @ApiEnum(ROLES, { isArray: true })
  roles: Role[];
  /** Only 修改密码 (POST /api/me/password), GET /api/me and sign-out answer until it is changed. @example false */
  mustChangePassword: boolean;
}

export class LoginResponse {
  /** Send as `Authorization: Bearer <accessToken>`. @example eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjV9.c2lnbmF0dXJl */
  accessToken: string;
  /** Seconds. @example 43200 */
  expiresIn: number;
  user: LoginUserResponse;
}

/** Sign-out: the token the caller came with is refused by every app process from now on. */
export class LogoutResponse {
  /** @example true */
  loggedOut: true;
}

/** The answer of a roster import (花名册): counts, row errors, and the shared initial password once. */
export class RosterImportResponse {
  /** @example true */
  dryRun: boolean;
  /** @example 花名册.xlsx */
  fileName: string;
  /** Valid rows. @example 60 */
  rows: number;
  /** @example 2 */
  created: number;
  /** @example 1 */
  updated: number;
  /** @example 57 */
  unchanged: number;
  errors: ImportIssueResponse[];
  /** @example false */
  written: boolean;
  /** The initial password of the new accounts, shown once. @example Kx7-pq2-Zm9 */
  initialPassword?: string;
}

export function parseRoles(stored: string): Role[] {
  return stored.split(',').filter(Boolean) as Role[];
}

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    roles: parseRoles(u.roles),
    disabled: u.disabled,
    staffNo: u.staffNo,
    unitId: u.unitId,
    unitName: u.unit?.name ?? undefined,
    postTitle: u.postTitle,
    civilServant: u.civilServant,
    enforcementPost: u.enforcementPost,
    businessLines: decodeLines(u.businessLines),
    leader: u.leader,
    mustChangePassword: u.mustChangePassword,
  };
}

export function toAuthUser(
  u: Pick<User, 'id' | 'username' | 'name' | 'roles' | 'unitId'> & { mustChangePassword?: boolean | number },
): AuthUser {
  const user: AuthUser = {
    id: u.id,
    username: u.username,
    name: u.name,
    roles: parseRoles(u.roles),
    unitId: u.unitId,
  };
  if (u.mustChangePassword === true || Number(u.mustChangePassword) === 1) user.mustChangePassword = true;
  return user;
}
