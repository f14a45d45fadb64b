export const ROLES = ['staff', 'trainer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  staff: '学员',
  trainer: '培训管理员',
  manager: '管理者',
  admin: '系统管理员',
};

export function parseRole(value: string): Role | undefined {
  const v = value.trim();
  if ((ROLES as readonly string[]).includes(v)) return v as Role;
  const found = ROLES.find((r) => ROLE_LABELS[r] === v);
  if (found) return found;
  const aliases: Record<string, Role> = {
    干部职工: 'staff',
    出题人: 'trainer',
    局领导: 'manager',
    管理员: 'admin',
  };
  return aliases[v];
}

/** The identity of the caller, as the JWT guard puts it on the request. */
export interface AuthUser {
  id: number;
  username: string;
  name: string;
  roles: Role[];
  unitId: number | null;
  /** Holds a password someone else gave them: only 修改密码, 我的信息 and 退出 until it is changed. */
  mustChangePassword?: boolean;
  /** The access token this request came with (its id and expiry, seconds since the epoch): signing out revokes it. */
  session?: { jti: string; exp: number };
}

/**
 * Who may do what: the role rules of the API (`@Roles(...ACCESS.trainers)`), of the pages and of the navigation,
 * in one place. Object-level checks (which units, whose attempt) stay in the services.
 */
export const ACCESS = {
  /** Any signed-in account. */
  everyone: ROLES,
  /** Staff who study and sit exams: the navigation shows them the library, practice and the notebook. */
  learners: ['staff'],
  /** Question banks, questions, law versions, exam building, campaigns and group studies (writing). */
  trainers: ['trainer', 'admin'],
  /** Exam lists, rosters and attempt actions (extend, invalidate, reopen). */
  examOverseers: ['trainer', 'admin', 'manager'],
  /** Campaign completion and the group-study register. */
  studyOverseers: ['manager', 'trainer', 'admin'],
  /** Reports, certificates, accounts of the units under them and the roster import. */
  managers: ['admin', 'manager'],
  /** The read-only staff directory (audiences, attendance). */
  directory: ['admin', 'trainer'],
  /** Accounts, units, audit log. */
  admins: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type AccessRule = (typeof ACCESS)[keyof typeof ACCESS];

/** Whether the caller holds one of the roles of a rule. */
export const allowed = (user: Pick<AuthUser, 'roles'> | null | undefined, rule: readonly Role[]): boolean =>
  !!user && rule.some((r) => user.roles.includes(r));
