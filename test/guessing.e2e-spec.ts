/**
 * Blind guessing must not pass (issue #12). For every exam the demo seeds, candidates who never read a question —
 * always A / A,B,C / 正确, always the first option shown, or any other fixed pattern — sit at least 200 papers each,
 * drawn as the server draws them (same blueprint, pools, shuffling and position labels), and pass in none.
 * A few real attempts through the API check that the simulated path scores exactly as the server does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeLines } from '../src/common/business-lines';
import { AttemptsRepository } from '../src/exams/attempts.repository';
import { ExamsService, parseAudience, parseBlueprint } from '../src/exams/exams.service';
import { displayLetters, responseFromDisplay } from '../src/exams/option-labels';
import { drawPaper } from '../src/exams/paper';
import { scorePaper } from '../src/exams/scoring';
import { UsersService } from '../src/identity/users.service';
import { QuestionsService } from '../src/question-bank/questions.service';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

type Strategy = {
  name: string;
  /** The answer given to a question shown with `n` options (0 for true-false and fill-blank). */
  answer: (type: string, n: number) => unknown;
};

const letters = (n: number, from: number, count: number) => displayLetters(n).slice(from, from + count);
const STRATEGIES: Strategy[] = [
  {
    name: '总选 A / A、B、C / 正确',
    answer: (type, n) =>
      type === 'single' ? 'A' : type === 'multiple' ? letters(n, 0, 3) : type === 'true-false' ? true : [],
  },
  {
    name: '总选显示的第一项',
    answer: (type) =>
      type === 'single' ? 'A' : type === 'multiple' ? ['A'] : type === 'true-false' ? true : [],
  },
  ...['B', 'C', 'D'].map((l) => ({
    name: `总选 ${l} / 全选 / 错误`,
    answer: (type: string, n: number) =>
      type === 'single' ? l : type === 'multiple' ? displayLetters(n) : type === 'true-false' ? false : [],
  })),
  {
    name: '总选 A / A、B / 错误',
    answer: (type, n) =>
      type === 'single' ? 'A' : type === 'multiple' ? letters(n, 0, 2) : type === 'true-false' ? false : [],
  },
  {
    name: '总选 D / B、C、D / 正确',
    answer: (type, n) =>
      type === 'single'
        ? displayLetters(n)[n - 1]
        : type === 'multiple'
          ? letters(n, 1, 3)
          : type === 'true-false'
            ? true
            : [],
  },
];
const PAPERS_PER_STRATEGY = 200;
const ARTIFACTS = path.join(__dirname, '..', 'test-artifacts');

describe('blind guessing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => t.close());

  it('passes no seeded exam, over 200 papers per pattern, for every business-line mix of its audience', async () => {
    const exams = (await t.app.get(ExamsService).list()).filter((e) => e.status === 'published');
    expect(exams.length).toBeGreaterThanOrEqual(2);
    expect(exams.some((e) => e.kind === 'qualification')).toBe(true);
    const service = t.app.get(ExamsService);
    const questions = t.app.get(QuestionsService);
    const report: string[] = [];
    for (const e of exams) {
      const exam = await service.findExam(e.id);
      const bp = parseBlueprint(exam);
      const members = await t.app.get(UsersService).findAudience(parseAudience(exam));
      const mixes = new Map(members.map((m) => [decodeLines(m.businessLines).join(','), m]));
      for (const [mix] of mixes) {
        const pools = await service.pools(bp, mix ? mix.split(',') : []);
        const allIds = Object.values(pools).flatMap((p) => p.map((q) => q.revisionId));
        const revisions = await questions.revisionsByIds(allIds);
        const keyOf = new Map(allIds.map((id) => [id, JSON.parse(revisions.get(id)!.answer)]));
        for (const s of STRATEGIES) {
          let passes = 0;
          let best = 0;
          for (let i = 0; i < PAPERS_PER_STRATEGY; i++) {
            const paper = drawPaper({
              blueprint: bp,
              pools,
              seed: `guess:${e.id}:${mix}:${s.name}:${i}`,
              shuffleQuestions: exam.shuffleQuestions,
              shuffleOptions: exam.shuffleOptions,
            });
            const byId = new Map(Object.values(pools).flatMap((p) => p.map((q) => [q.id, q])));
            const scored = scorePaper(
              paper.items.map((it) => {
                // As the server stores it: the drawn order, or the authored order when options are not shuffled.
                const order = it.optionOrder ?? byId.get(it.questionId)!.optionKeys;
                const shown = s.answer(
                  it.type,
                  it.type === 'single' || it.type === 'multiple' ? order.length : 0,
                );
                return {
                  part: it.part,
                  points: it.points,
                  type: it.type,
                  key: keyOf.get(it.revisionId),
                  response: (order.length ? responseFromDisplay(order, shown) : shown) as never,
                };
              }),
              bp.parts.map((p) => ({ key: p.key, passMark: p.passMark ?? null })),
              bp.passMark,
              exam.multipleMode,
            );
            if (scored.passed) passes++;
            best = Math.max(best, scored.score);
          }
          report.push(
            `${exam.title}［${mix || '—'}］${s.name}：最高 ${best} / 及格 ${bp.passMark}，通过 ${passes}`,
          );
          expect({ exam: exam.title, lines: mix, strategy: s.name, passes }).toEqual({
            exam: exam.title,
            lines: mix,
            strategy: s.name,
            passes: 0,
          });
        }
      }
    }
    // The figures behind the assertion (best score per exam, line mix and pattern) for whoever wants them.
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'guessing.txt'), report.join('\n') + '\n');
  });

  it('scores a real attempt through the API exactly as the simulation models it', async () => {
    const token = await t.token('S0021');
    const exam = (await t.http().get('/api/exams/available').set(bearer(token)).expect(200)).body.find(
      (x: { kind: string }) => x.kind === 'law-study',
    );
    const paper = (await t.http().post(`/api/exams/${exam.id}/attempts`).set(bearer(token)).expect(201)).body;
    const always = STRATEGIES[0];
    for (const [i, q] of (paper.questions as { id: number; type: string; options: unknown[] }[]).entries())
      await t
        .http()
        .put(`/api/attempts/${paper.id}/answers/${q.id}`)
        .set(bearer(token))
        .send({ response: always.answer(q.type, q.options.length), seq: i + 1 })
        .expect(200);
    const result = (await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(token)).expect(200))
      .body;
    // The paper as stored (types, points, parts, option orders and revisions in display order).
    const rows = (await t.app.get(AttemptsRepository).paper(paper.id))!;
    const revisions = await t.app.get(QuestionsService).revisionsByIds(rows.map((r) => Number(r.revisionId)));
    const full = await t.app.get(ExamsService).findExam(exam.id);
    const bp = parseBlueprint(full);
    const simulated = scorePaper(
      rows.map((r) => {
        const order = (r.optionOrder ?? []) as string[];
        const shown = always.answer(r.type, order.length);
        return {
          part: r.part,
          points: Number(r.points),
          type: r.type as never,
          key: JSON.parse(revisions.get(Number(r.revisionId))!.answer),
          response: (order.length ? responseFromDisplay(order, shown) : shown) as never,
        };
      }),
      bp.parts.map((p) => ({ key: p.key, passMark: p.passMark ?? null })),
      bp.passMark,
      full.multipleMode,
    );
    expect(result.score).toBe(simulated.score);
    expect(result.passed).toBe(false);
  });
});
