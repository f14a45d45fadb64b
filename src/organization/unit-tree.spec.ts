import { buildTree, childPath, isInSubtree, unitShapeProblem } from './unit-tree';

describe('unit tree', () => {
  it('builds materialised paths and tests subtrees by prefix', () => {
    expect(childPath(null, 1)).toBe('/1/');
    expect(childPath('/1/4/', 9)).toBe('/1/4/9/');
    expect(isInSubtree('/1/4/', '/1/4/9/')).toBe(true);
    expect(isInSubtree('/1/4/', '/1/40/')).toBe(false);
  });

  it('nests units under their parents in sort order', () => {
    const base = { kind: 'department' as const, level: null };
    const sut = buildTree([
      { id: 1, name: '局', kind: 'bureau', level: null, parentId: null, path: '/1/', sortOrder: 0 },
      { id: 3, name: 'B', ...base, parentId: 1, path: '/1/3/', sortOrder: 2 },
      { id: 2, name: 'A', ...base, parentId: 1, path: '/1/2/', sortOrder: 1 },
    ]);
    expect(sut).toHaveLength(1);
    expect(sut[0].children.map((c) => c.name)).toEqual(['A', 'B']);
  });

  it('checks kind, level and parent', () => {
    expect(unitShapeProblem('bureau', null, null)).toBeUndefined();
    expect(unitShapeProblem('bureau', null, 'bureau')).toBe('局只能是根单位');
    expect(unitShapeProblem('station', null, 'bureau')).toContain('级别');
    expect(unitShapeProblem('department', 'street', 'bureau')).toBe('只有服务站有级别');
    expect(unitShapeProblem('station', 'street', 'station')).toBeUndefined();
    expect(unitShapeProblem('department', null, null)).toContain('上级');
  });
});
