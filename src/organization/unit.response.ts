/** What the units API (and the admin, dashboard and exam pages) show of a unit and the tree. */
import { ApiEnum } from '../common/openapi';
import { STATION_LEVELS, UNIT_KINDS } from './unit.entity';
import type { StationLevel, Unit, UnitKind } from './unit.entity';

export class UnitResponse {
  /** @example 3 */
  id: number;
  /** @example 区退役军人服务中心（站） */
  name: string;
  @ApiEnum(UNIT_KINDS)
  kind: UnitKind;
  @ApiEnum(STATION_LEVELS, { nullable: true })
  level: StationLevel | null;
  /** @example 1 */
  parentId: number | null;
  /** Materialised path of ids. @example /1/3/ */
  path: string;
  /** @example 0 */
  sortOrder: number;
  /** The unit's leader (负责人), an account id. @example 12 */
  leaderId: number | null;
}

/** A unit with the units below it, as far as the caller may see. */
export class UnitNodeResponse extends UnitResponse {
  children: UnitNodeResponse[];
}

export function toUnitResponse(u: Unit): UnitResponse {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    level: u.level,
    parentId: u.parentId,
    path: u.path,
    sortOrder: u.sortOrder,
    leaderId: u.leaderId ?? null,
  };
}
