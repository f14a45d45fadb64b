/** The criteria an audience names (exams, campaigns, group study). */
export interface AudienceCriteria {
  unitIds: number[];
  lines: string[];
  enforcementOnly: boolean;
  userIds: number[];
}

/**
 * The SQL condition selecting an audience from `"user" u` joined to its `unit` (aliased `unit`): the enabled
 * members of staff matching every non-empty criterion (units with their subtrees, business lines, enforcement
 * posts only), plus everyone listed by id; with no criteria and no names, every enabled member of staff.
 * `p` appends a parameter and returns its placeholder ($n).
 */
export function audienceCondition(a: AudienceCriteria, p: (v: unknown) => string, isSqlite: boolean): string {
  const ids = (list: number[]) => list.map((id) => p(id)).join(', ');
  let where: string;
  if (a.unitIds.length > 0 || a.lines.length > 0 || a.enforcementOnly || a.userIds.length === 0) {
    const all = [`(',' || u.roles || ',') LIKE ${p('%,staff,%')}`];
    if (a.unitIds.length)
      all.push(`(${a.unitIds.map((id) => `unit.path LIKE ${p(`%/${id}/%`)}`).join(' OR ')})`);
    if (a.lines.length)
      all.push(`(${a.lines.map((l) => `u."businessLines" LIKE ${p(`%,${l},%`)}`).join(' OR ')})`);
    if (a.enforcementOnly) all.push(`u."enforcementPost" = ${p(isSqlite ? 1 : true)}`);
    where = `(${all.join(' AND ')})`;
    if (a.userIds.length) where = `(${where} OR u.id IN (${ids(a.userIds)}))`;
  } else where = `u.id IN (${ids(a.userIds)})`;
  return `u.disabled = ${p(isSqlite ? 0 : false)} AND ${where}`;
}
