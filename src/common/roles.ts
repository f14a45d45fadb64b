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
  /** The access token this request came with (its id and expiry, seconds since the epoch): signing out revokes it. */
  session?: { jti: string; exp: number };
}
