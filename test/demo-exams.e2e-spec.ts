/**
 * The demo qualification exams (issue #17): one per business line, published, with every demo member of staff in
 * the audience of the exam of their own line; and where a line must hold 100 approved questions, its pool gives
 * the specialty part twice without reusing a question — for the demo blueprint and for a 50-question form.
 */
import { BUSINESS_LINES, type BusinessLine } from '../src/common/business-lines';
import { DEMO_ACCOUNTS, demoStaff } from '../src/demo/demo-data';
import { difficultyBucket, type Blueprint, type BlueprintPart } from '../src/exams/blueprint';
import { ExamsService } from '../src/exams/exams.service';
import { apportion, checkPools, drawPaper, type PoolQuestion } from '../src/exams/paper';
import { LINE_MINIMUMS } from './helpers/content';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

interface ExamRow {
  id: number;
  title: string;
  kind: string;
  status: string;
  blueprint: Blueprint;
  audience: { lines: string[]; enforcementOnly: boolean };
}

/** A 50-question specialty form, spread over the types as the content rules ask (45/20/25/10 %). */
const FORM_50: BlueprintPart = {
  key: 'specialty',
  title: '专门知识',
  source: { kind: 'specialty' },
  rules: [
    { type: 'single', count: 23, points: 1 },
    { type: 'multiple', count: 10, points: 2 },
    { type: 'true-false', count: 12, points: 1 },
    { type: 'fill-blank', count: 5, points: 1 },
  ],
};

/**
 * Shortfalls for drawing `part` twice from `pool` with no question in both: per type, and per difficulty bucket
 * when the part has a difficulty mix (no borrowing between buckets).
 */
function twoFormShortfalls(part: BlueprintPart, pool: readonly PoolQuestion[]): string[] {
  const problems: string[] = [];
  for (const rule of part.rules) {
    const ofType = pool.filter((q) => q.type === rule.type);
    if (ofType.length < 2 * rule.count) problems.push(`${rule.type}: ${ofType.length} < 2 × ${rule.count}`);
    if (!part.difficultyMix) continue;
    const need = apportion(rule.count, part.difficultyMix);
    for (const [bucket, n] of Object.entries(need)) {
      const have = ofType.filter((q) => difficultyBucket(q.difficulty) === bucket).length;
      if (have < 2 * n) problems.push(`${rule.type}/${bucket}: ${have} < 2 × ${n}`);
    }
  }
  return problems;
}

/** Draws the part, then draws it again from what the first form left; returns both forms' question ids. */
function drawTwice(part: BlueprintPart, pool: readonly PoolQuestion[]): [number[], number[]] {
  const bp: Blueprint = { passMark: 0, parts: [part] };
  const draw = (from: readonly PoolQuestion[], seed: string) =>
    drawPaper({
      blueprint: bp,
      pools: { [part.key]: from },
      seed,
      shuffleQuestions: true,
      shuffleOptions: false,
    }).items.map((i) => i.questionId);
  const first = draw(pool, 'form-a');
  const used = new Set(first);
  const rest = pool.filter((q) => !used.has(q.id));
  expect(checkPools(bp, { [part.key]: rest })).toEqual([]);
  return [first, draw(rest, 'form-b')];
}

describe('demo qualification exams', () => {
  let t: TestApp;
  let exams: ExamRow[];

  beforeAll(async () => {
    t = await bootTestApp();
    const trainer = await t.token('trainer');
    exams = (await t.http().get('/api/exams').set(bearer(trainer)).expect(200)).body;
  });
  afterAll(async () => t.close());

  const examOf = (line: BusinessLine) =>
    exams.find(
      (e) => e.kind === 'qualification' && e.audience.lines.length === 1 && e.audience.lines[0] === line,
    );

  it.each(BUSINESS_LINES)('publishes the qualification exam of %s, with a 通用 and a 专门 part', (line) => {
    const exam = examOf(line);
    expect(exam).toMatchObject({ status: 'published' });
    expect(exam!.blueprint.parts.map((p) => p.source.kind)).toEqual(['common', 'specialty']);
  });

  it('lets every demo member of staff with a line start the qualification exam of their own line', async () => {
    const people = [...DEMO_ACCOUNTS, ...demoStaff()].filter((p) => p.lines.length > 0);
    const missing: string[] = [];
    for (const p of people) {
      const available = (
        await t
          .http()
          .get('/api/exams/available')
          .set(bearer(await t.token(p.username)))
      ).body;
      const mine = available.filter((e: { kind: string }) => e.kind === 'qualification');
      const own = mine.map((e: { id: number }) => exams.find((x) => x.id === e.id)?.audience.lines.join());
      if (own.length !== 1 || own[0] !== p.lines.join())
        missing.push(`${p.username} (${p.lines.join()}): ${own}`);
    }
    expect(missing).toEqual([]);
  });

  const hundredLines = BUSINESS_LINES.filter((line) => LINE_MINIMUMS[line] >= 100);

  it.each(hundredLines)(
    'draws the %s specialty part twice without reusing a question: the demo blueprint and a 50-question form',
    async (line) => {
      const exam = examOf(line);
      expect(exam).toBeDefined();
      const demoPart = exam!.blueprint.parts.find((p) => p.source.kind === 'specialty')!;
      const pools = await t.app.get(ExamsService).pools({ passMark: 0, parts: [demoPart] }, [line]);
      const pool = pools[demoPart.key];
      for (const part of [demoPart, FORM_50]) {
        expect({ line, part: part.title, shortfalls: twoFormShortfalls(part, pool) }).toEqual({
          line,
          part: part.title,
          shortfalls: [],
        });
        const [a, b] = drawTwice(part, pool);
        const count = part.rules.reduce((s, r) => s + r.count, 0);
        expect(new Set(a).size).toBe(count);
        expect(new Set(b).size).toBe(count);
        expect(a.filter((id) => b.includes(id))).toEqual([]);
      }
    },
  );

  it('can tell a pool that is one question short of two forms', () => {
    const pool: PoolQuestion[] = Array.from({ length: 2 * 23 - 1 }, (_, i) => ({
      id: i + 1,
      revisionId: i + 1,
      type: 'single',
      difficulty: 3,
      optionKeys: ['A', 'B', 'C', 'D'],
    }));
    expect(twoFormShortfalls({ ...FORM_50, rules: [FORM_50.rules[0]] }, pool)).toEqual([
      'single: 45 < 2 × 23',
    ]);
    expect(
      twoFormShortfalls(
        {
          ...FORM_50,
          rules: [{ type: 'single', count: 10, points: 1 }],
          difficultyMix: { easy: 0.5, medium: 0.5, hard: 0 },
        },
        pool,
      ),
    ).toEqual(['single/easy: 0 < 2 × 5']);
  });
});
