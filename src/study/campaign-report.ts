/** Campaign completion rolled up per unit. Pure. */
import type { CampaignCompletion } from '../curriculum/study-hours';

export interface UnitCompletion {
  unitId: number | null;
  unitName: string;
  total: number;
  completed: number;
  /** completed / total */
  share: number;
}

/** One row per unit of the audience, in the order units first appear; people without a unit under '未分配单位'. */
export function completionByUnit(
  completion: CampaignCompletion,
  unitOf: Map<number, { unitId: number | null; unitName: string | null }>,
): UnitCompletion[] {
  const rows = new Map<number | null, UnitCompletion>();
  for (const p of completion.persons) {
    const u = unitOf.get(p.userId);
    const unitId = u?.unitId ?? null;
    let row = rows.get(unitId);
    if (!row) {
      row = { unitId, unitName: u?.unitName ?? '未分配单位', total: 0, completed: 0, share: 0 };
      rows.set(unitId, row);
    }
    row.total++;
    if (p.completed) row.completed++;
  }
  for (const row of rows.values()) row.share = row.total ? row.completed / row.total : 0;
  return [...rows.values()];
}
