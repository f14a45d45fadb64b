import { readExamConfig } from './exam-config';

const blueprint = JSON.stringify({
  passMark: 5,
  parts: [
    { key: 'a', title: 'A', source: { kind: 'common' }, rules: [{ type: 'single', count: 2, points: 5 }] },
  ],
});
const audience = JSON.stringify({ unitIds: [1], lines: ['care'], enforcementOnly: true, userIds: [] });

describe('readExamConfig', () => {
  it('reads a sound row, filling in missing audience lists', () => {
    const sut = readExamConfig({ blueprint, audience: '{}' });
    expect(sut).toMatchObject({
      ok: true,
      blueprint: { passMark: 5 },
      audience: { unitIds: [], lines: [], enforcementOnly: false, userIds: [] },
    });
    expect(readExamConfig({ blueprint, audience })).toMatchObject({ ok: true, audience: { unitIds: [1] } });
  });

  it.each([
    ['null', audience, '组卷规则不是有效的 JSON 对象'],
    ['not json', audience, '组卷规则不是有效的 JSON 对象'],
    [null, audience, '组卷规则不是有效的 JSON 对象'],
    ['[]', audience, '组卷规则不是有效的 JSON 对象'],
    ['{"parts":"x"}', audience, '组卷规则无效：试卷至少需要一个部分'],
    [
      blueprint.replace('"passMark":5', '"passMark":50'),
      audience,
      '组卷规则无效：总及格分必须在 0 到 10 分之间',
    ],
    [blueprint, 'null', '考试对象不是有效的 JSON 对象'],
    [blueprint, '[1]', '考试对象不是有效的 JSON 对象'],
    [blueprint, '{"unitIds":["1"]}', '考试对象的单位、人员或业务条线格式无效'],
    [blueprint, '{"lines":[1]}', '考试对象的单位、人员或业务条线格式无效'],
    [blueprint, '{"enforcementOnly":"yes"}', '考试对象的“仅执法岗位”格式无效'],
  ])('names the problem of %s / %s', (bp, aud, problem) => {
    expect(readExamConfig({ blueprint: bp, audience: aud })).toEqual({ ok: false, problem });
  });
});
