import fc from 'fast-check';
import { OPTION_KEYS, QUESTION_TYPES, QuestionType } from '../question-bank/question.types';
import { Blueprint, BlueprintPart, difficultyBucket, DifficultyMix } from './blueprint';
import { apportion, checkPools, drawPaper, PaperItem, PartPools, PoolQuestion } from './paper';

const q = (id: number, type: QuestionType = 'single', difficulty = 3): PoolQuestion => ({
  id,
  revisionId: id * 10,
  type,
  difficulty,
  optionKeys: type === 'single' || type === 'multiple' ? ['A', 'B', 'C', 'D'] : [],
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const part = (
  key: string,
  title: string,
  rules: BlueprintPart['rules'],
  mix?: DifficultyMix,
): BlueprintPart => ({
  key,
  title,
  source: { kind: 'common' },
  rules,
  ...(mix ? { difficultyMix: mix } : {}),
});

const draw = (blueprint: Blueprint, pools: PartPools, seed = 'seed', shuffle = true) =>
  drawPaper({ blueprint, pools, seed, shuffleQuestions: shuffle, shuffleOptions: shuffle });

const ids = (items: PaperItem[]) => items.map((i) => i.questionId);

/** 通用知识 (single 5, multiple 3, true-false 4) + 专门知识 (single 3, fill-blank 2). */
const qualification: Blueprint = {
  parts: [
    part('common', '通用知识', [
      { type: 'true-false', count: 4, points: 1 },
      { type: 'single', count: 5, points: 2 },
      { type: 'multiple', count: 3, points: 3 },
    ]),
    part('specialty', '专门知识', [
      { type: 'fill-blank', count: 2, points: 4 },
      { type: 'single', count: 3, points: 2.5 },
    ]),
  ],
  passMark: 30,
};
const qualificationPools: PartPools = {
  common: [
    ...range(1, 20).map((i) => q(i, 'single')),
    ...range(21, 30).map((i) => q(i, 'multiple')),
    ...range(31, 40).map((i) => q(i, 'true-false')),
  ],
  specialty: [
    ...range(101, 110).map((i) => q(i, 'single')),
    ...range(111, 115).map((i) => q(i, 'fill-blank')),
  ],
};

describe('apportion', () => {
  it.each<[number, DifficultyMix, [number, number, number]]>([
    [10, { easy: 0.3, medium: 0.5, hard: 0.2 }, [3, 5, 2]],
    [7, { easy: 0.3, medium: 0.4, hard: 0.3 }, [2, 3, 2]],
    [1, { easy: 1 / 3, medium: 1 / 3, hard: 1 / 3 }, [0, 1, 0]],
    [2, { easy: 1 / 3, medium: 1 / 3, hard: 1 / 3 }, [1, 1, 0]],
    [3, { easy: 0.5, medium: 0, hard: 0.5 }, [2, 0, 1]],
    [4, { easy: 0, medium: 1, hard: 0 }, [0, 4, 0]],
    [30, { easy: 0.2, medium: 0.5, hard: 0.3 }, [6, 15, 9]],
    [5, { easy: 0.1, medium: 0.1, hard: 0.8 }, [0, 1, 4]],
  ])('splits %d by %j into %j', (count, mix, [easy, medium, hard]) => {
    expect(apportion(count, mix)).toEqual({ easy, medium, hard });
  });

  it('always adds up to the count and stays within one of each exact quota', () => {
    const share = fc.integer({ min: 0, max: 1000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), share, share, share, (count, a, b, c) => {
        fc.pre(a + b + c > 0);
        const mix = { easy: a / (a + b + c), medium: b / (a + b + c), hard: c / (a + b + c) };
        const sut = apportion(count, mix);
        expect(sut.easy + sut.medium + sut.hard).toBe(count);
        for (const k of ['easy', 'medium', 'hard'] as const) {
          expect(Math.abs(sut[k] - mix[k] * count)).toBeLessThan(1 + 1e-9);
          if (mix[k] === 0) expect(sut[k]).toBe(0);
        }
      }),
    );
  });
});

describe('checkPools', () => {
  it('passes pools that suffice', () => {
    expect(checkPools(qualification, qualificationPools)).toEqual([]);
  });

  it('reports a short type per part', () => {
    const bp: Blueprint = {
      parts: [part('common', '通用知识', [{ type: 'single', count: 30, points: 1 }])],
      passMark: 0,
    };
    expect(checkPools(bp, { common: range(1, 12).map((i) => q(i)) })).toEqual([
      '第1部分“通用知识”：单选题需要 30 道，题库中只有 12 道已审核题目',
    ]);
  });

  it('counts only questions of the rule’s type, once each', () => {
    const bp: Blueprint = {
      parts: [part('p', '法规', [{ type: 'multiple', count: 3, points: 1 }])],
      passMark: 0,
    };
    const pool = [q(1, 'multiple'), q(1, 'multiple'), q(2, 'multiple'), q(3, 'single')];
    expect(checkPools(bp, { p: pool })).toEqual([
      '第1部分“法规”：多选题需要 3 道，题库中只有 2 道已审核题目',
    ]);
  });

  it('treats a missing pool as empty', () => {
    expect(checkPools(qualification, { common: qualificationPools.common })).toEqual([
      '第2部分“专门知识”：单选题需要 3 道，题库中只有 0 道已审核题目',
      '第2部分“专门知识”：填空题需要 2 道，题库中只有 0 道已审核题目',
    ]);
  });

  it('does not refuse short difficulty buckets', () => {
    const bp: Blueprint = {
      parts: [part('p', '法规', [{ type: 'single', count: 4, points: 1 }], { easy: 0, medium: 0, hard: 1 })],
      passMark: 0,
    };
    expect(checkPools(bp, { p: range(1, 4).map((i) => q(i, 'single', 1)) })).toEqual([]);
  });

  it('accounts for questions shared by two parts', () => {
    const bp = (a: number, b: number): Blueprint => ({
      parts: [
        part('common', '通用知识', [{ type: 'single', count: a, points: 1 }]),
        part('specialty', '专门知识', [{ type: 'single', count: b, points: 1 }]),
      ],
      passMark: 0,
    });
    const pools = { common: range(1, 10).map((i) => q(i)), specialty: range(1, 5).map((i) => q(i)) };
    expect(checkPools(bp(5, 5), pools)).toEqual([]);
    expect(checkPools(bp(6, 5), pools)).toEqual([
      '单选题：第1部分“通用知识”、第2部分“专门知识”的题库有重复题目，合计需要 11 道不重复的题目，只有 10 道可用',
    ]);
    // Overlap that does not bind is fine.
    expect(
      checkPools(bp(5, 3), {
        common: range(1, 10).map((i) => q(i)),
        specialty: range(6, 12).map((i) => q(i)),
      }),
    ).toEqual([]);
  });

  it('names only the parts that are involved in a shortage', () => {
    const bp: Blueprint = {
      parts: [
        part('a', '甲', [{ type: 'single', count: 3, points: 1 }]),
        part('b', '乙', [{ type: 'single', count: 3, points: 1 }]),
        part('c', '丙', [{ type: 'single', count: 2, points: 1 }]),
      ],
      passMark: 0,
    };
    const pools = {
      a: range(1, 4).map((i) => q(i)),
      b: range(1, 4).map((i) => q(i)),
      c: range(50, 51).map((i) => q(i)),
    };
    expect(checkPools(bp, pools)).toEqual([
      '单选题：第1部分“甲”、第2部分“乙”的题库有重复题目，合计需要 6 道不重复的题目，只有 4 道可用',
    ]);
  });
});

describe('drawPaper', () => {
  it('draws the right number of each type, with the rule’s points, parts in order and types grouped', () => {
    const { items, notes } = draw(qualification, qualificationPools);
    expect(notes).toEqual([]);
    expect(items.map((i) => `${i.part}:${i.type}:${i.points}`)).toEqual([
      ...Array(5).fill('common:single:2'),
      ...Array(3).fill('common:multiple:3'),
      ...Array(4).fill('common:true-false:1'),
      ...Array(3).fill('specialty:single:2.5'),
      ...Array(2).fill('specialty:fill-blank:4'),
    ]);
    expect(new Set(ids(items)).size).toBe(items.length);
    for (const item of items) {
      expect(item.revisionId).toBe(item.questionId * 10);
      const pool = qualificationPools[item.part];
      expect(pool.some((p) => p.id === item.questionId && p.type === item.type)).toBe(true);
    }
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const a = draw(qualification, qualificationPools, 'attempt-1');
    expect(draw(qualification, qualificationPools, 'attempt-1')).toEqual(a);
    expect(ids(draw(qualification, qualificationPools, 'attempt-2').items)).not.toEqual(ids(a.items));
  });

  it('keeps pool order when questions are not shuffled, and sets no option order', () => {
    const { items } = draw(qualification, qualificationPools, 'x', false);
    for (const [start, end] of [
      [0, 5],
      [5, 8],
      [8, 12],
      [12, 15],
      [15, 17],
    ]) {
      const group = ids(items.slice(start, end));
      expect(group).toEqual([...group].sort((a, b) => a - b));
    }
    expect(items.every((i) => i.optionOrder === undefined)).toBe(true);
  });

  it('shuffles options of single and multiple questions only, as a permutation of their keys', () => {
    const { items } = draw(qualification, qualificationPools, 'opts');
    for (const item of items) {
      if (item.type === 'single' || item.type === 'multiple') {
        expect([...item.optionOrder!].sort()).toEqual(['A', 'B', 'C', 'D']);
      } else {
        expect(item.optionOrder).toBeUndefined();
      }
    }
    const orders = items.filter((i) => i.optionOrder).map((i) => i.optionOrder!.join(''));
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('draws the same questions whether or not options are shuffled', () => {
    const a = drawPaper({
      blueprint: qualification,
      pools: qualificationPools,
      seed: 's',
      shuffleQuestions: true,
      shuffleOptions: true,
    });
    const b = drawPaper({
      blueprint: qualification,
      pools: qualificationPools,
      seed: 's',
      shuffleQuestions: true,
      shuffleOptions: false,
    });
    expect(ids(a.items)).toEqual(ids(b.items));
  });

  it('shuffles questions inside their type group', () => {
    const bp: Blueprint = {
      parts: [part('p', 'P', [{ type: 'single', count: 20, points: 1 }])],
      passMark: 0,
    };
    const pools = { p: range(1, 20).map((i) => q(i)) };
    const shuffled = ids(draw(bp, pools, 'shuffle').items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(range(1, 20));
    expect(shuffled).not.toEqual(range(1, 20));
  });

  it('never repeats a question shared by two parts, and the later part skips it', () => {
    const bp: Blueprint = {
      parts: [
        part('common', '通用知识', [{ type: 'single', count: 5, points: 1 }]),
        part('specialty', '专门知识', [{ type: 'single', count: 5, points: 1 }]),
      ],
      passMark: 0,
    };
    const pools = { common: range(1, 10).map((i) => q(i)), specialty: range(1, 5).map((i) => q(i)) };
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const { items } = draw(bp, pools, seed);
        expect(new Set(ids(items)).size).toBe(10);
        // The only way to fill both parts: 专门知识 takes 1–5, so 通用知识 must take 6–10.
        expect(items.filter((i) => i.part === 'common').every((i) => i.questionId > 5)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses to draw from short pools', () => {
    expect(() => draw(qualification, { ...qualificationPools, specialty: [] })).toThrow(/题库题目不足/);
  });

  describe('difficulty mix', () => {
    const bp = (mix: DifficultyMix, count = 10): Blueprint => ({
      parts: [part('p', '通用知识', [{ type: 'single', count, points: 1 }], mix)],
      passMark: 0,
    });
    const pool = (easy: number, medium: number, hard: number) => [
      ...range(1, easy).map((i) => q(i, 'single', i % 2 ? 1 : 2)),
      ...range(101, 100 + medium).map((i) => q(i, 'single', 3)),
      ...range(201, 200 + hard).map((i) => q(i, 'single', i % 2 ? 4 : 5)),
    ];
    const buckets = (items: PaperItem[], pools: PoolQuestion[]) => {
      const byId = new Map(pools.map((p) => [p.id, p]));
      const out = { easy: 0, medium: 0, hard: 0 };
      for (const i of items) out[difficultyBucket(byId.get(i.questionId)!.difficulty)]++;
      return out;
    };

    it('honours the mix when every bucket suffices', () => {
      const p = pool(10, 10, 10);
      const { items, notes } = draw(bp({ easy: 0.3, medium: 0.5, hard: 0.2 }), { p });
      expect(buckets(items, p)).toEqual({ easy: 3, medium: 5, hard: 2 });
      expect(notes).toEqual([]);
    });

    it('fills a short bucket from medium first and says so', () => {
      const p = pool(10, 10, 1);
      const { items, notes } = draw(bp({ easy: 0.3, medium: 0.3, hard: 0.4 }), { p });
      expect(buckets(items, p)).toEqual({ easy: 3, medium: 6, hard: 1 });
      expect(notes).toEqual([
        '第1部分“通用知识”：单选题中困难题需要 4 道，只有 1 道，另 3 道由中等题 3 道补足',
      ]);
    });

    it('goes on to the farther bucket when the nearest runs out', () => {
      const p = pool(10, 4, 0);
      const { items, notes } = draw(bp({ easy: 0.2, medium: 0.2, hard: 0.6 }), { p });
      expect(buckets(items, p)).toEqual({ easy: 6, medium: 4, hard: 0 });
      expect(notes).toEqual([
        '第1部分“通用知识”：单选题中困难题需要 6 道，只有 0 道，另 6 道由中等题 2 道、简单题 4 道补足',
      ]);
    });

    it('fills a short medium bucket from easy, then hard', () => {
      const p = pool(2, 0, 10);
      const { items, notes } = draw(bp({ easy: 0, medium: 1, hard: 0 }, 5), { p });
      expect(buckets(items, p)).toEqual({ easy: 2, medium: 0, hard: 3 });
      expect(notes).toEqual([
        '第1部分“通用知识”：单选题中中等题需要 5 道，只有 0 道，另 5 道由简单题 2 道、困难题 3 道补足',
      ]);
    });

    it('matches the apportionment whenever the buckets suffice (property)', () => {
      const share = fc.integer({ min: 0, max: 10 });
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 15 }),
          share,
          share,
          share,
          fc.string(),
          (count, a, b, c, seed) => {
            fc.pre(a + b + c > 0);
            const mix = { easy: a / (a + b + c), medium: b / (a + b + c), hard: c / (a + b + c) };
            const p = pool(15, 15, 15);
            const { items, notes } = draw(bp(mix, count), { p }, seed);
            expect(buckets(items, p)).toEqual(apportion(count, mix));
            expect(notes).toEqual([]);
          },
        ),
        { numRuns: 100 },
      );
    });
  });

  it('is fast on large overlapping pools', () => {
    const bp: Blueprint = {
      parts: [
        part('common', '通用知识', [{ type: 'single', count: 200, points: 0.5 }], {
          easy: 0.3,
          medium: 0.4,
          hard: 0.3,
        }),
        part('specialty', '专门知识', [{ type: 'single', count: 240, points: 0.5 }]),
      ],
      passMark: 0,
    };
    const all = range(1, 500).map((i) => q(i, 'single', (i % 5) + 1));
    const pools = { common: all, specialty: all.slice(0, 250) };
    const started = Date.now();
    const { items } = draw(bp, pools, 'big');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(new Set(ids(items)).size).toBe(440);
  });

  /** Independent brute force: can every rule get `count` distinct questions of its type from its part's pool? */
  const feasible = (bp: Blueprint, pools: PartPools): boolean => {
    const slots: number[][] = [];
    for (const p of bp.parts) {
      for (const r of p.rules) {
        const candidates = [
          ...new Set((pools[p.key] ?? []).filter((x) => x.type === r.type).map((x) => x.id)),
        ];
        for (let i = 0; i < r.count; i++) slots.push(candidates);
      }
    }
    const taken = new Set<number>();
    const fill = (i: number): boolean => {
      if (i === slots.length) return true;
      for (const id of slots[i]) {
        if (taken.has(id)) continue;
        taken.add(id);
        if (fill(i + 1)) return true;
        taken.delete(id);
      }
      return false;
    };
    return fill(0);
  };

  const scenario = fc
    .record({
      questions: fc.array(
        fc.record({
          type: fc.constantFrom<QuestionType>('single', 'true-false'),
          difficulty: fc.integer({ min: 1, max: 5 }),
        }),
        { minLength: 1, maxLength: 9 },
      ),
      parts: fc.array(
        fc.record({
          rules: fc.uniqueArray(
            fc.record({
              type: fc.constantFrom<QuestionType>('single', 'true-false'),
              count: fc.integer({ min: 1, max: 3 }),
            }),
            { minLength: 1, maxLength: 2, selector: (r) => r.type },
          ),
          members: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
          mix: fc.option(
            fc.constantFrom<DifficultyMix>(
              { easy: 0.3, medium: 0.4, hard: 0.3 },
              { easy: 1, medium: 0, hard: 0 },
            ),
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      seed: fc.string(),
    })
    .map(({ questions, parts, seed }) => {
      const all = questions.map((x, i) => ({ ...q(i + 1, x.type, x.difficulty) }));
      const blueprint: Blueprint = {
        parts: parts.map((p, i) =>
          part(
            `p${i}`,
            `部分${i + 1}`,
            p.rules.map((r) => ({ ...r, points: 1 })),
            p.mix ?? undefined,
          ),
        ),
        passMark: 0,
      };
      const pools: PartPools = Object.fromEntries(
        parts.map((p, i) => [`p${i}`, all.filter((_, j) => p.members[j])]),
      );
      return { blueprint, pools, seed };
    });

  it('checkPools refuses exactly the pools that cannot be drawn without repeats (property)', () => {
    fc.assert(
      fc.property(scenario, ({ blueprint, pools }) => {
        expect(checkPools(blueprint, pools).length === 0).toBe(feasible(blueprint, pools));
      }),
      { numRuns: 500 },
    );
  });

  it('draws whenever checkPools passes: no repeats, counts per type, from the part’s pool (property)', () => {
    fc.assert(
      fc.property(scenario, ({ blueprint, pools, seed }) => {
        if (checkPools(blueprint, pools).length > 0) {
          expect(() =>
            drawPaper({ blueprint, pools, seed, shuffleQuestions: true, shuffleOptions: true }),
          ).toThrow();
          return;
        }
        const { items } = drawPaper({ blueprint, pools, seed, shuffleQuestions: true, shuffleOptions: true });
        expect(new Set(ids(items)).size).toBe(items.length);
        blueprint.parts.forEach((p) => {
          for (const r of p.rules) {
            const mine = items.filter((i) => i.part === p.key && i.type === r.type);
            expect(mine).toHaveLength(r.count);
            for (const i of mine)
              expect(pools[p.key].some((x) => x.id === i.questionId && x.type === r.type)).toBe(true);
          }
        });
        // Parts in blueprint order, types in canonical order inside a part.
        const rank = items.map((i) => [
          blueprint.parts.findIndex((p) => p.key === i.part),
          QUESTION_TYPES.indexOf(i.type),
        ]);
        for (let k = 1; k < rank.length; k++) {
          const [p0, t0] = rank[k - 1];
          const [p1, t1] = rank[k];
          expect(p1 > p0 || (p1 === p0 && t1 >= t0)).toBe(true);
        }
        expect(
          drawPaper({ blueprint, pools, seed, shuffleQuestions: true, shuffleOptions: true }).items,
        ).toEqual(items);
      }),
      { numRuns: 500 },
    );
  });

  it('gives different papers for different seeds (property)', () => {
    const bp: Blueprint = {
      parts: [part('p', 'P', [{ type: 'multiple', count: 10, points: 1 }])],
      passMark: 0,
    };
    const pools = { p: range(1, 60).map((i) => q(i, 'multiple')) };
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        const x = draw(bp, pools, a).items;
        const y = draw(bp, pools, b).items;
        expect(ids(x)).not.toEqual(ids(y));
      }),
      { numRuns: 100 },
    );
  });

  it('draws options only from the question’s keys', () => {
    const bp: Blueprint = { parts: [part('p', 'P', [{ type: 'single', count: 3, points: 1 }])], passMark: 0 };
    const pools = { p: [2, 3, 8].map((n, i) => ({ ...q(i + 1), optionKeys: OPTION_KEYS.slice(0, n) })) };
    const { items } = draw(bp, pools);
    for (const item of items) {
      const keys = pools.p.find((x) => x.id === item.questionId)!.optionKeys;
      expect([...item.optionOrder!].sort()).toEqual(keys);
    }
  });
});
