import type { UnitNodeResponse } from '../../organization/unit.response';
import type { Choice } from './form';

/** The unit tree as a list, depth first, each with its depth. */
export const flatUnits = (
  nodes: UnitNodeResponse[],
  depth = 0,
): { unit: UnitNodeResponse; depth: number; label: string }[] =>
  nodes.flatMap((u) => [
    { unit: u, depth, label: `${'　'.repeat(depth)}${u.name}` },
    ...flatUnits(u.children ?? [], depth + 1),
  ]);

/** The units as options of a select, indented by depth. */
export const unitChoices = (nodes: UnitNodeResponse[], selected: number[] = []): Choice[] =>
  flatUnits(nodes).map((u) => ({ value: u.unit.id, label: u.label, selected: selected.includes(u.unit.id) }));

/** The units from the top of the tree down to `id` (inclusive), or null when `id` is not in the tree. */
export function unitTrail(tree: UnitNodeResponse[], id: number): { id: number; name: string }[] | null {
  for (const u of tree) {
    if (u.id === id) return [{ id: u.id, name: u.name }];
    const below = unitTrail(u.children ?? [], id);
    if (below) return [{ id: u.id, name: u.name }, ...below];
  }
  return null;
}
