import { decodeLines } from '../common/business-lines';
import type { AuthUser, Role } from '../common/roles';
import type { User } from './user.entity';

export function parseRoles(stored: string): Role[] {
  return stored.split(',').filter(Boolean) as Role[];
}

/** What the API shows of an account: never the password hash or token version. */
export function toUserResponse(u: User) {
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
  };
}

export function toAuthUser(u: Pick<User, 'id' | 'username' | 'name' | 'roles' | 'unitId'>): AuthUser {
  return { id: u.id, username: u.username, name: u.name, roles: parseRoles(u.roles), unitId: u.unitId };
}
