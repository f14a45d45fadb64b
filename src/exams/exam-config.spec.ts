import { readBlueprint, readExamConfig } from './exam-config';

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

describe('readBlueprint: each stored text read once', () => {
  const text = JSON.stringify({
    passMark: 6,
    parts: [
      {
        key: 'a',
        title: '共同科目',
        source: { kind: 'common' },
        rules: [{ type: 'single', count: 5, points: 2 }],
      },
    ],
  });

  it('gives the same blueprint for the same text, frozen to the leaves so no caller can change it for another', () => {
    const first = readBlueprint(text);
    expect(readBlueprint(text)).toBe(first);
    if ('problem' in first) throw new Error(first.problem);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.parts[0].rules[0])).toBe(true);
    expect(() => {
      (first.parts[0].rules[0] as { count: number }).count = 99;
    }).toThrow(TypeError);
    expect(readBlueprint(text)).toEqual(JSON.parse(text));
  });

  it('still names the problem of a broken text, every time', () => {
    expect(readBlueprint('{"parts":')).toEqual({ problem: '组卷规则不是有效的 JSON 对象' });
    expect(readBlueprint('{"parts":')).toEqual({ problem: '组卷规则不是有效的 JSON 对象' });
    expect(readBlueprint(null)).toEqual({ problem: '组卷规则不是有效的 JSON 对象' });
  });
});
