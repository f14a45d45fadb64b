import { campaignCompletion } from '../curriculum/study-hours';
import { completionByUnit } from './campaign-report';

describe('completionByUnit', () => {
  it('counts completed people per unit, people without a unit apart', () => {
    const completion = campaignCompletion({
      requiredHours: 2,
      creditedSecondsByPerson: new Map([
        [1, 7200],
        [2, 3600],
        [3, 9000],
        [9, 99999],
      ]),
      audience: [1, 2, 3, 4],
    });
    const unitOf = new Map([
      [1, { unitId: 10, unitName: '优抚褒扬科' }],
      [2, { unitId: 10, unitName: '优抚褒扬科' }],
      [3, { unitId: 20, unitName: '办公室' }],
    ]);
    expect(completionByUnit(completion, unitOf)).toEqual([
      { unitId: 10, unitName: '优抚褒扬科', total: 2, completed: 1, share: 0.5 },
      { unitId: 20, unitName: '办公室', total: 1, completed: 1, share: 1 },
      { unitId: null, unitName: '未分配单位', total: 1, completed: 0, share: 0 },
    ]);
  });

  it('is empty for an empty audience', () => {
    const completion = campaignCompletion({
      requiredHours: 1,
      creditedSecondsByPerson: new Map(),
      audience: [],
    });
    expect(completionByUnit(completion, new Map())).toEqual([]);
  });
});
