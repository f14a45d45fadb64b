import { planPostChanges, snapshotOf } from './post-history';

describe('post history', () => {
  const open = { id: 9, userId: 1, unitId: 3, enforcementPost: true, businessLines: ',care,' };
  it('writes nothing for an unchanged post and closes/opens on a change', () => {
    expect(planPostChanges([open], [{ ...open }])).toEqual({ close: [], open: [] });
    const moved = { userId: 1, unitId: 4, enforcementPost: true, businessLines: ',care,' };
    expect(planPostChanges([open], [moved])).toEqual({ close: [9], open: [moved] });
    const fresh = { userId: 2, unitId: 4, enforcementPost: false, businessLines: '' };
    expect(planPostChanges([open], [fresh])).toEqual({ close: [], open: [fresh] });
  });
  it('treats a disabled account as holding no post', () => {
    const sut = snapshotOf({
      id: 1,
      unitId: 3,
      enforcementPost: true,
      businessLines: ',care,',
      disabled: true,
    });
    expect(sut).toEqual({ userId: 1, unitId: null, enforcementPost: false, businessLines: '' });
  });
});
