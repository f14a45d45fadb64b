import {
  crossCheckCatalogue,
  normaliseRegulationName,
  parseCatalogue,
  statusOn,
  versionOn,
} from './catalogue';

describe('regulation catalogue', () => {
  const yaml = [
    'regulations:',
    '  - code: old-reg',
    '    title: 退役士兵安置条例',
    '    kind: administrative-regulation',
    '    curriculum: resettlement',
    '    versions:',
    '      - { label: 2011年公布, adopted: 2011-10-29, effective: 2011-11-01 }',
    '    repealed: { date: 2024-09-01, replacedBy: new-reg }',
    '  - code: new-reg',
    '    title: 退役军人安置条例',
    '    kind: administrative-regulation',
    '    curriculum: resettlement',
    '    versions:',
    '      - { label: 2024年公布, effective: 2024-09-01 }',
  ].join('\n');

  it('parses entries with their lines', () => {
    const sut = parseCatalogue('a.yaml', yaml);
    expect(sut.issues).toEqual([]);
    expect(sut.entries.map((e) => [e.code, e.line])).toEqual([
      ['old-reg', 2],
      ['new-reg', 9],
    ]);
    expect(sut.entries[0].repealed).toEqual({ date: '2024-09-01', replacedBy: 'new-reg', note: undefined });
  });

  it('reports bad fields with their line', () => {
    const bad = yaml.replace(
      'kind: administrative-regulation\n    curriculum: resettlement\n    versions:\n      - { label: 2024',
      'kind: statute\n    curriculum: resettlement\n    versions:\n      - { label: 2024',
    );
    const sut = parseCatalogue('a.yaml', bad);
    expect(sut.issues).toEqual([{ file: 'a.yaml', line: 11, message: expect.stringContaining('kind 应为') }]);
    expect(parseCatalogue('b.yaml', 'regulations: [\n').issues[0]).toMatchObject({
      file: 'b.yaml',
      message: expect.stringContaining('YAML 语法错误'),
    });
  });

  it('checks codes and replacements across files', () => {
    const { entries } = parseCatalogue('a.yaml', yaml);
    const withFile = entries.map((e) => ({ ...e, file: 'a.yaml' }));
    expect(crossCheckCatalogue(withFile)).toEqual([]);
    expect(crossCheckCatalogue([withFile[0]])).toEqual([
      { file: 'a.yaml', line: 2, message: '替代文件“new-reg”不在法规目录中' },
    ]);
    expect(crossCheckCatalogue([...withFile, withFile[1]])[0].message).toContain('重复');
  });

  it('derives status on a date', () => {
    const old = { repealed: true, repealedOn: '2024-09-01' };
    const v = [{ effectiveOn: '2011-11-01' }];
    expect(statusOn(old, v, '2022-12-31')).toBe('in-force');
    expect(statusOn(old, v, '2024-09-01')).toBe('repealed');
    expect(statusOn({ repealed: true, repealedOn: null }, v, '2000-01-01')).toBe('repealed');
    expect(
      statusOn({ repealed: false, repealedOn: null }, [{ effectiveOn: '2030-01-01' }], '2026-11-28'),
    ).toBe('not-yet-effective');
  });

  it('picks the version in force on a date', () => {
    const versions = [
      { seq: 1, effectiveOn: '2004-10-01' },
      { seq: 2, effectiveOn: '2011-08-01' },
      { seq: 3, effectiveOn: '2024-10-01' },
    ];
    expect(versionOn(versions, '2022-01-01')?.seq).toBe(2);
    expect(versionOn(versions, '2026-11-28')?.seq).toBe(3);
  });

  it('normalises names used in citations', () => {
    expect(normaliseRegulationName('《中华人民共和国退役军人保障法》')).toBe('退役军人保障法');
    expect(normaliseRegulationName(' 宪法 ')).toBe('宪法');
  });
});
