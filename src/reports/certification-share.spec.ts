import { buildCertificationReport, drillRows, monthEnds, share } from './certification-share';

const units = [
  { id: 1, name: '局', kind: 'bureau', level: null, parentId: null, path: '/1/', sortOrder: 0 },
  { id: 2, name: '优抚褒扬科', kind: 'department', level: null, parentId: 1, path: '/1/2/', sortOrder: 1 },
  { id: 3, name: '服务中心', kind: 'station', level: 'district', parentId: 1, path: '/1/3/', sortOrder: 2 },
  { id: 4, name: '街道站', kind: 'station', level: 'street', parentId: 3, path: '/1/3/4/', sortOrder: 0 },
];

describe('certification share', () => {
  it('rolls counts up the tree and splits them by line and station level', () => {
    const sut = buildCertificationReport('2026-06-30', units, [
      { unitId: 2, businessLines: ',care,', staff: 4, certified: 3 },
      { unitId: 3, businessLines: ',care,rights,', staff: 2, certified: 2 },
      { unitId: 4, businessLines: ',rights,', staff: 3, certified: 0 },
    ]);
    expect(sut).toMatchObject({ enforcementStaff: 9, certified: 5, share: 0.5556 });
    const [root] = sut.byUnit;
    expect(root).toMatchObject({ enforcementStaff: 9, certified: 5 });
    expect(root.children.map((c) => [c.name, c.enforcementStaff, c.certified])).toEqual([
      ['优抚褒扬科', 4, 3],
      ['服务中心', 5, 2],
    ]);
    expect(sut.byLine.find((l) => l.key === 'care')).toMatchObject({ enforcementStaff: 6, certified: 5 });
    expect(sut.byLine.find((l) => l.key === 'rights')).toMatchObject({ enforcementStaff: 5, certified: 2 });
    expect(sut.byStationLevel.map((l) => [l.key, l.enforcementStaff, l.certified])).toEqual([
      ['district', 2, 2],
      ['street', 3, 0],
      ['community', 0, 0],
    ]);
    expect(sut.byStationLevel[2].share).toBeNull();
  });
  it('has no share without staff and gives month ends up to today', () => {
    expect(share(0, 0)).toBeNull();
    expect(monthEnds(2026, '2026-03-15')).toEqual(['2026-01-31', '2026-02-28', '2026-03-15']);
  });
});

describe('本级 rows', () => {
  it('adds a 本级 row wherever a unit has staff of its own beside sub-units, so the rows add up', () => {
    const sut = buildCertificationReport('2026-06-30', units, [
      { unitId: 1, businessLines: ',care,', staff: 1, certified: 1 },
      { unitId: 2, businessLines: ',care,', staff: 4, certified: 3 },
      { unitId: 3, businessLines: ',care,rights,', staff: 2, certified: 2 },
      { unitId: 4, businessLines: ',rights,', staff: 3, certified: 0 },
    ]);
    const [root] = sut.byUnit;
    const station = root.children[1];
    // The district centre: 5 people, 2 certified; its street station 3/0; its own staff 2/2.
    expect(station).toMatchObject({ enforcementStaff: 5, certified: 2 });
    expect(station.ownLevel).toEqual({ enforcementStaff: 2, certified: 2, share: 1 });
    expect(root.ownLevel).toEqual({ enforcementStaff: 1, certified: 1, share: 1 });
    for (const u of [root, station]) {
      const rows = drillRows(u);
      expect(rows.reduce((s, r) => s + r.enforcementStaff, 0)).toBe(u.enforcementStaff);
      expect(rows.reduce((s, r) => s + r.certified, 0)).toBe(u.certified);
    }
    expect(drillRows(station).map((r) => ('ownLevelOf' in r ? '本级' : r.name))).toEqual(['街道站', '本级']);
  });

  it('has no 本级 row for a unit without sub-units or without staff of its own', () => {
    const sut = buildCertificationReport('2026-06-30', units, [
      { unitId: 2, businessLines: ',care,', staff: 4, certified: 3 },
      { unitId: 4, businessLines: ',rights,', staff: 3, certified: 0 },
    ]);
    const [root] = sut.byUnit;
    expect(root.ownLevel).toBeNull();
    expect(root.children[0].ownLevel).toBeNull(); // 优抚褒扬科 has no sub-units
    expect(root.children[1].ownLevel).toBeNull(); // the centre has no staff of its own
  });
});
