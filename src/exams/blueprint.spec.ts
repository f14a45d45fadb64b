import fc from 'fast-check';
import { QUESTION_TYPES } from '../question-bank/question.types';
import {
  Blueprint,
  BlueprintPart,
  difficultyBucket,
  maxScore,
  partLabel,
  partMaxScore,
  roundPoints,
  validateBlueprint,
} from './blueprint';

/** A 行政执法资格 exam: a 通用 part and a 专门 part, each with its own pass mark. */
const qualification = (): Blueprint => ({
  parts: [
    {
      key: 'common',
      title: '通用知识',
      source: { kind: 'common' },
      rules: [
        { type: 'single', count: 30, points: 1 },
        { type: 'multiple', count: 10, points: 2 },
        { type: 'true-false', count: 10, points: 1 },
      ],
      difficultyMix: { easy: 0.3, medium: 0.5, hard: 0.2 },
      passMark: 36,
    },
    {
      key: 'specialty',
      title: '专门法律知识',
      source: { kind: 'regulations', regulationIds: [3, 7] },
      rules: [
        { type: 'single', count: 20, points: 1.5 },
        { type: 'fill-blank', count: 5, points: 2 },
      ],
      passMark: 24,
    },
  ],
  passMark: 60,
});

const withPart = (bp: Blueprint, index: number, patch: Partial<BlueprintPart>): Blueprint => ({
  ...bp,
  parts: bp.parts.map((p, i) => (i === index ? { ...p, ...patch } : p)),
});

describe('blueprint', () => {
  it('accepts a sound blueprint', () => {
    expect(validateBlueprint(qualification())).toEqual([]);
  });

  it('computes part and paper maxima', () => {
    const bp = qualification();
    expect(partMaxScore(bp.parts[0])).toBe(60);
    expect(partMaxScore(bp.parts[1])).toBe(40);
    expect(maxScore(bp)).toBe(100);
  });

  it('keeps maxima to the hundredth without float noise', () => {
    const part: BlueprintPart = {
      key: 'p',
      title: 'P',
      source: { kind: 'common' },
      rules: [{ type: 'single', count: 3, points: 0.1 }],
    };
    expect(partMaxScore(part)).toBe(0.3);
    expect(maxScore({ parts: [part, { ...part, key: 'q' }], passMark: 0 })).toBe(0.6);
  });

  it('requires at least one part', () => {
    expect(validateBlueprint({ parts: [], passMark: 0 })).toEqual(['试卷至少需要一个部分']);
  });

  it('requires unique, non-empty keys and a title', () => {
    const bp = qualification();
    expect(validateBlueprint(withPart(bp, 1, { key: 'common' }))).toContain(
      '第2部分“专门法律知识”：标识“common”与第1部分重复',
    );
    expect(validateBlueprint(withPart(bp, 0, { key: ' ' }))).toContain('第1部分“通用知识”：缺少标识');
    expect(validateBlueprint(withPart(bp, 0, { title: '' }))).toContain('第1部分：缺少标题');
  });

  it('checks the source', () => {
    const bp = qualification();
    expect(
      validateBlueprint(withPart(bp, 1, { source: { kind: 'regulations', regulationIds: [] } })),
    ).toEqual(['第2部分“专门法律知识”：请至少选择一部法规']);
    expect(validateBlueprint(withPart(bp, 1, { source: { kind: 'banks', bankIds: [] } }))).toEqual([
      '第2部分“专门法律知识”：请至少选择一个题库',
    ]);
    expect(validateBlueprint(withPart(bp, 1, { source: { kind: 'banks', bankIds: [1, 0] } }))).toEqual([
      '第2部分“专门法律知识”：题库编号无效',
    ]);
    expect(validateBlueprint(withPart(bp, 1, { source: { kind: 'banks', bankIds: [2] } }))).toEqual([]);
    expect(validateBlueprint(withPart(bp, 1, { source: { kind: 'specialty' } }))).toEqual([]);
    expect(validateBlueprint(withPart(bp, 1, { source: { kind: 'other' } as never }))).toEqual([
      '第2部分“专门法律知识”：题目来源类型无效',
    ]);
  });

  it('checks the rules', () => {
    const bp = qualification();
    const rules = (r: BlueprintPart['rules']) =>
      validateBlueprint(withPart(bp, 1, { rules: r, passMark: undefined }));
    expect(rules([])).toContain('第2部分“专门法律知识”：至少需要一条抽题规则');
    expect(rules([{ type: 'single', count: 0, points: 1 }])).toContain(
      '第2部分“专门法律知识”：单选题的题量必须是不小于 1 的整数',
    );
    expect(rules([{ type: 'single', count: 2.5, points: 1 }])).toContain(
      '第2部分“专门法律知识”：单选题的题量必须是不小于 1 的整数',
    );
    expect(rules([{ type: 'multiple', count: 2, points: 0 }])).toContain(
      '第2部分“专门法律知识”：多选题的每题分值必须大于 0',
    );
    expect(rules([{ type: 'multiple', count: 2, points: 0.125 }])).toContain(
      '第2部分“专门法律知识”：多选题的每题分值最多保留两位小数',
    );
    expect(rules([{ type: 'essay' as never, count: 2, points: 1 }])).toContain(
      '第2部分“专门法律知识”：第1条规则的题型“essay”无效',
    );
    expect(
      rules([
        { type: 'single', count: 2, points: 1 },
        { type: 'single', count: 3, points: 1 },
      ]),
    ).toContain('第2部分“专门法律知识”：单选题出现了多条规则，请合并为一条');
  });

  it('checks the difficulty mix', () => {
    const bp = qualification();
    const mix = (m: BlueprintPart['difficultyMix']) =>
      validateBlueprint(withPart(bp, 0, { difficultyMix: m }));
    expect(mix({ easy: 0.3, medium: 0.3, hard: 0.3 })).toEqual([
      '第1部分“通用知识”：难度比例之和必须为 1（当前为 0.9）',
    ]);
    expect(mix({ easy: 0.3334, medium: 0.3333, hard: 0.3333 })).toEqual([]);
    expect(mix({ easy: 1 / 3, medium: 1 / 3, hard: 1 / 3 })).toEqual([]);
    expect(mix({ easy: 0.333, medium: 0.333, hard: 0.333 })).toEqual([]);
    expect(mix({ easy: 0.33, medium: 0.33, hard: 0.33 })).toHaveLength(1);
    expect(mix({ easy: -0.5, medium: 1, hard: 0.5 })).toEqual([
      '第1部分“通用知识”：难度比例必须是 0 到 1 之间的数',
    ]);
    expect(mix({ easy: 0, medium: 1, hard: 0 })).toEqual([]);
  });

  it('checks pass marks against the maxima', () => {
    const bp = qualification();
    expect(validateBlueprint(withPart(bp, 0, { passMark: 61 }))).toEqual([
      '第1部分“通用知识”：及格分必须在 0 到 60 分之间',
    ]);
    expect(validateBlueprint(withPart(bp, 0, { passMark: -1 }))).toHaveLength(1);
    expect(validateBlueprint(withPart(bp, 0, { passMark: 60 }))).toEqual([]);
    expect(validateBlueprint({ ...bp, passMark: 100.5 })).toEqual(['总及格分必须在 0 到 100 分之间']);
    expect(validateBlueprint({ ...bp, passMark: 0 })).toEqual([]);
    expect(validateBlueprint({ ...bp, passMark: 100 })).toEqual([]);
    expect(validateBlueprint({ ...bp, passMark: NaN })).toEqual(['总及格分必须在 0 到 100 分之间']);
  });

  it('maps difficulty to buckets', () => {
    expect([1, 2, 3, 4, 5].map(difficultyBucket)).toEqual(['easy', 'easy', 'medium', 'hard', 'hard']);
  });

  it('labels parts', () => {
    expect(partLabel({ title: '通用知识' }, 0)).toBe('第1部分“通用知识”');
    expect(partLabel({ title: '' }, 2)).toBe('第3部分');
  });

  it('rounds points to the hundredth', () => {
    expect(roundPoints(1.005)).toBe(1.01);
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
    expect(roundPoints(2)).toBe(2);
  });

  it('accepts any generated sound blueprint, and its max is the sum of count × points', () => {
    const rule = fc.record({
      type: fc.constantFrom(...QUESTION_TYPES),
      count: fc.integer({ min: 1, max: 50 }),
      points: fc.integer({ min: 1, max: 1000 }).map((c) => c / 100),
    });
    const part = fc.tuple(
      fc.uniqueArray(rule, { minLength: 1, maxLength: 4, selector: (r) => r.type }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (parts, f) => {
          const bpParts: BlueprintPart[] = parts.map(([rules, pf], i) => {
            const max = roundPoints(rules.reduce((s, r) => s + r.count * r.points, 0));
            return {
              key: `p${i}`,
              title: `部分${i}`,
              source: { kind: 'common' },
              rules,
              passMark: Math.floor(max * pf),
            };
          });
          const total = bpParts.reduce((s, p) => s + p.rules.reduce((t, r) => t + r.count * r.points, 0), 0);
          const bp: Blueprint = { parts: bpParts, passMark: Math.floor(total * f) };
          expect(validateBlueprint(bp)).toEqual([]);
          expect(maxScore(bp)).toBeCloseTo(total, 6);
          expect(maxScore(bp)).toBe(roundPoints(maxScore(bp)));
        },
      ),
    );
  });
});
