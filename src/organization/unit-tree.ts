/** Pure helpers for the units tree (materialised paths '/1/4/9/'). */
import type { StationLevel, UnitKind } from './unit.entity';

export interface UnitNode {
  id: number;
  name: string;
  kind: UnitKind;
  level: StationLevel | null;
  parentId: number | null;
  path: string;
  sortOrder: number;
  children: UnitNode[];
}

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isInSubtree(rootPath: string, path: string): boolean {
  return path.startsWith(rootPath);
}

export function buildTree(units: Omit<UnitNode, 'children'>[]): UnitNode[] {
  const byId = new Map<number, UnitNode>();
  for (const u of units) byId.set(u.id, { ...u, children: [] });
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId != null ? byId.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (nodes: UnitNode[]) => {
    nodes.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Why a unit's kind/level/parent combination is not allowed, in Chinese, or undefined when it is fine. */
export function unitShapeProblem(
  kind: UnitKind,
  level: StationLevel | null,
  parentKind: UnitKind | null,
): string | undefined {
  if (kind === 'bureau') return parentKind === null ? undefined : '局只能是根单位';
  if (parentKind === null) return '除局以外的单位必须有上级单位';
  if (kind === 'station' && !level) return '服务站须注明级别（区级、街道级、社区级）';
  if (kind !== 'station' && level) return '只有服务站有级别';
  return undefined;
}
