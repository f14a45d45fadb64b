/**
 * Issue #18: editing a written question's reference answer and rubric (and a case's text and sub-questions) in the
 * question editor — through the API and the page — as a new revision that attempts already taken do not see.
 */
import { DataSource } from 'typeorm';
import { flashOf, pageLogin } from './helpers/pages';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

interface Rubric {
  point: string;
  points: number;
  citation?: { regulation: string; article?: number; paragraph?: number };
  keywords: string[];
}
interface Sub {
  type: string;
  stem: string;
  options: { key: string; text: string }[];
  answer: unknown;
  points: number;
}

describe('written questions in the question editor', () => {
  let t: TestApp;
  let trainer: string;
  const db = () => t.app.get(DataSource);

  const questionOf = async (type: string) => {
    const rows = await db().query(
      `SELECT q.id FROM question q JOIN question_bank b ON b.id = q."bankId" WHERE b.code = 'written-common' AND q.type = '${type}' ORDER BY q.id`,
    );
    return Number(rows[0].id);
  };
  const get = async (id: number) =>
    (await t.http().get(`/api/questions/${id}`).set(bearer(trainer)).expect(200)).body;
  const edit = (id: number, body: object) =>
    t.http().patch(`/api/questions/${id}`).set(bearer(trainer)).send(body);

  async function login(username: string) {
    const s = await pageLogin(t, username);
    expect(s.res.status).toBe(303);
    return s;
  }

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    trainer = await t.token('trainer');
  });
  afterAll(async () => t.close());

  it('edits a short-answer’s reference answer and rubric as a new revision; a taken attempt is marked on what it showed', async () => {
    // A candidate sits an exam with one short-answer question and submits before the edit.
    const staffId = Number((await db().query(`SELECT id FROM "user" WHERE username = 'staff'`))[0].id);
    const created = await t
      .http()
      .post('/api/exams')
      .set(bearer(trainer))
      .send({
        title: '简答题（改评分要点前作答）',
        kind: 'qualification',
        blueprint: {
          passMark: 6,
          parts: [
            {
              key: 'written',
              title: '简答题',
              source: { kind: 'common' },
              passMark: 6,
              rules: [{ type: 'short-answer', count: 1, points: 10 }],
            },
          ],
        },
        timeLimitMinutes: 30,
        attemptsAllowed: 1,
        reviewPolicy: 'after-submit',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        audience: { userIds: [staffId] },
      });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    const examId = created.body.id as number;
    await t.http().post(`/api/exams/${examId}/publish`).set(bearer(trainer)).expect(200);
    const staff = await t.token('staff');
    const paper = (await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(staff)).expect(201)).body;
    const id = paper.questions[0].id as number;
    await t
      .http()
      .put(`/api/attempts/${paper.id}/answers/${id}`)
      .set(bearer(staff))
      .send({ response: '应当告知当事人拟作出的行政处罚内容及事实、理由、依据。', seq: 1 })
      .expect(200);
    await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(staff)).expect(200);

    const before = await get(id);
    const old = before.answer as { reference: string; rubric: Rubric[] };
    // Reorder (the second point first), change a point's points, drop the rest, add one with a citation.
    const rubric: Rubric[] = [
      { ...old.rubric[1], points: 1.5 },
      old.rubric[0],
      {
        point: '听取当事人的陈述、申辩',
        points: 2,
        citation: { regulation: '行政处罚法', article: 45, paragraph: 1 },
        keywords: ['陈述', '申辩'],
      },
    ];
    const res = await edit(id, { answer: { reference: '  新的参考答案。  ', rubric } });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    expect(res.body.revision).toBe(before.revision + 1);
    expect(res.body.answer).toEqual({ reference: '新的参考答案。', rubric });
    const revisions = (await t.http().get(`/api/questions/${id}/revisions`).set(bearer(trainer)).expect(200))
      .body;
    expect(revisions).toHaveLength(before.revision + 1);
    const audit = await db().query(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'question.edit' AND "entityId" = '${id}'`,
    );
    expect(Number(audit[0].n)).toBe(1);

    // Marking uses the revision the candidate saw: the old reference answer and rubric.
    const next = (
      await t
        .http()
        .get(`/api/exams/${examId}/marking/next`)
        .query({ questionId: id })
        .set(bearer(trainer))
        .expect(200)
    ).body.item;
    expect(next.reference).toBe(old.reference);
    expect(next.rubric.map((r: { points: number }) => r.points)).toEqual(old.rubric.map((r) => r.points));
    expect(next.maxPoints).toBe(old.rubric.reduce((s, r) => s + r.points, 0));
  });

  it('refuses a bad rubric with the point and field named in Chinese, and changes nothing', async () => {
    const id = await questionOf('short-answer');
    const before = await get(id);
    const old = before.answer as { reference: string; rubric: Rubric[] };
    const cases: [Rubric[], string, string][] = [
      [
        [old.rubric[0], { ...old.rubric[1], points: 1.3 }],
        '评分要点第2条',
        '评分要点第2条：分值必须是0.5的倍数',
      ],
      [[{ ...old.rubric[0], point: ' ' }], '评分要点第1条', '评分要点第1条：要点内容不能为空'],
      [
        [{ ...old.rubric[0], citation: { regulation: '不存在的条例', article: 3 } }],
        '评分要点第1条',
        '评分要点第1条：法规“不存在的条例”不在法规目录中',
      ],
      [
        [old.rubric[0], { ...old.rubric[1], citation: { regulation: '行政处罚法', article: 999 } }],
        '评分要点第2条',
        '评分要点第2条：',
      ],
    ];
    for (const [bad, field, message] of cases) {
      const res = await edit(id, { answer: { reference: old.reference, rubric: bad } }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toContain(message);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const empty = await edit(id, { answer: { reference: '', rubric: [] } }).expect(400);
    expect(empty.body.details.map((d: { message: string }) => d.message)).toEqual([
      '简答题须有参考答案',
      '简答题须有评分要点',
    ]);
    const after = await get(id);
    expect(after.revision).toBe(before.revision);
    expect(after.answer).toEqual(before.answer);
  });

  it('edits a case: its text, the sub-questions’ stems and a written one’s rubric; objective keys stay intact', async () => {
    const id = await questionOf('case');
    const before = await get(id);
    const subs = (before.answer as { questions: Sub[] }).questions;
    const w = subs.findIndex((q) => q.type === 'short-answer');
    const res = await edit(id, {
      stem: `${before.stem}（已修订）`,
      answer: {
        questions: subs.map((q, i) =>
          i === w
            ? {
                type: 'short-answer',
                stem: `${q.stem}（改）`,
                answer: {
                  reference: '修订后的参考答案',
                  rubric: [
                    { point: '要点一', points: 3, keywords: ['一'] },
                    { point: '要点二', points: 2.5, keywords: [] },
                  ],
                },
              }
            : // An objective sub-question with its stem only: its options, key and points are kept.
              { type: q.type, stem: `${q.stem}（改）` },
        ),
      },
    });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    expect(res.body.revision).toBe(before.revision + 1);
    expect(res.body.stem).toBe(`${before.stem}（已修订）`);
    const after = (res.body.answer as { questions: Sub[] }).questions;
    expect(after).toHaveLength(subs.length);
    after.forEach((q, i) => {
      expect(q.stem).toBe(`${subs[i].stem}（改）`);
      if (i === w) expect(q).toMatchObject({ type: 'short-answer', points: 5.5 });
      else
        expect(q).toMatchObject({
          type: subs[i].type,
          options: subs[i].options,
          answer: subs[i].answer,
          points: subs[i].points,
        });
    });
    // A bad sub-question: named with its number.
    const bad = await edit(id, {
      answer: {
        questions: subs.map((q, i) =>
          i === w
            ? {
                type: 'short-answer',
                stem: q.stem,
                answer: { reference: 'x', rubric: [{ point: 'a', points: 0.25, keywords: [] }] },
              }
            : { type: q.type, stem: q.stem },
        ),
      },
    }).expect(400);
    expect(bad.body.message).toContain(`第${w + 1}小题·评分要点第1条：分值必须是0.5的倍数`);
  });

  it('page: the editor shows the rubric rows; a form post reorders, removes and adds points; bad points go back with the reason', async () => {
    const id = (
      await db().query(
        `SELECT q.id FROM question q JOIN question_bank b ON b.id = q."bankId" WHERE b.code = 'written-care' AND q.type = 'short-answer' ORDER BY q.id`,
      )
    ).map((r: { id: number }) => Number(r.id))[0];
    const before = await get(id);
    const old = before.answer as { reference: string; rubric: Rubric[] };
    const s = await login('trainer');
    const page = await t.http().get(`/app/questions/${id}`).set('Cookie', s.cookie).expect(200);
    expect(page.text).toContain('参考答案与评分要点');
    expect(page.text).toContain('name="r0_point"');
    expect(page.text).toContain(`name="r${old.rubric.length}_point"`); // a blank row to add one
    expect(page.text).not.toContain('在题库文件中修改');

    const form: Record<string, string> = {
      _csrf: s.csrf,
      stem: before.stem,
      reference: '页面修改的参考答案',
    };
    old.rubric.forEach((r, n) => {
      form[`r${n}_order`] = String(n + 1);
      form[`r${n}_point`] = r.point;
      form[`r${n}_points`] = String(r.points);
      form[`r${n}_reg`] = r.citation?.regulation ?? '';
      form[`r${n}_art`] = r.citation?.article ? String(r.citation.article) : '';
      form[`r${n}_para`] = r.citation?.paragraph ? String(r.citation.paragraph) : '';
      form[`r${n}_kw`] = r.keywords.join('、');
    });
    // The first point moves last, the second goes, and a new one is typed into the blank row.
    form.r0_order = '99';
    form.r1_del = '1';
    const k = old.rubric.length;
    Object.assign(form, {
      [`r${k}_point`]: '新增的要点',
      [`r${k}_points`]: '1.5',
      [`r${k}_reg`]: 'administrative-penalty-law',
      [`r${k}_art`]: '44',
      [`r${k}_kw`]: '告知、陈述',
    });
    const saved = await t
      .http()
      .post(`/app/questions/${id}`)
      .set('Cookie', s.cookie)
      .type('form')
      .send(form)
      .expect(303);
    expect(saved.headers.location).toBe(`/app/questions/${id}`);
    expect(flashOf(saved)?.text).toContain('已保存为新版本');
    const after = await get(id);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.answer).toEqual({
      reference: '页面修改的参考答案',
      rubric: [
        ...old.rubric.slice(2),
        {
          point: '新增的要点',
          points: 1.5,
          citation: { regulation: 'administrative-penalty-law', article: 44 },
          keywords: ['告知', '陈述'],
        },
        old.rubric[0],
      ],
    });

    const bad = await t
      .http()
      .post(`/app/questions/${id}`)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...form, r1_del: '', r1_points: '0.3' })
      .expect(303);
    expect(bad.headers.location).toBe(`/app/questions/${id}`);
    expect(flashOf(bad)).toMatchObject({ kind: 'error' });
    // The kept second point now comes first (the first moved last).
    expect(flashOf(bad)?.text).toContain('评分要点第1条：分值必须是0.5的倍数');
    expect((await get(id)).revision).toBe(before.revision + 1);
  });
  it('page: a case’s text, its sub-questions’ stems and a written one’s rubric from the form; objective keys kept', async () => {
    const ids = (
      await db().query(
        `SELECT q.id FROM question q JOIN question_bank b ON b.id = q."bankId" WHERE b.code = 'written-care' AND q.type = 'case' ORDER BY q.id`,
      )
    ).map((r: { id: number }) => Number(r.id));
    const id = ids[0];
    const before = await get(id);
    const subs = (before.answer as { questions: Sub[] }).questions;
    const w = subs.findIndex((q) => q.type === 'short-answer');
    const s = await login('trainer');
    const page = await t.http().get(`/app/questions/${id}`).set('Cookie', s.cookie).expect(200);
    expect(page.text).toContain('案例材料（题干）');
    expect(page.text).toContain(`name="s${w}_reference"`);
    expect(page.text).toContain(`name="s${w}_r0_point"`);
    expect(page.text).toContain('选项和答案不在此修改');

    const form: Record<string, string> = { _csrf: s.csrf, stem: `${before.stem}（页面修订）` };
    subs.forEach((q, i) => {
      form[`s${i}_stem`] = `${q.stem}（页面）`;
    });
    form[`s${w}_reference`] = '页面修改的小题参考答案';
    Object.assign(form, {
      [`s${w}_r0_point`]: '唯一的要点',
      [`s${w}_r0_points`]: '4.5',
      [`s${w}_r0_kw`]: '',
    });
    const saved = await t
      .http()
      .post(`/app/questions/${id}`)
      .set('Cookie', s.cookie)
      .type('form')
      .send(form)
      .expect(303);
    expect(flashOf(saved)?.text).toContain('已保存为新版本');
    const after = await get(id);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.stem).toBe(`${before.stem}（页面修订）`);
    const got = (after.answer as { questions: Sub[] }).questions;
    got.forEach((q, i) => {
      expect(q.stem).toBe(`${subs[i].stem}（页面）`);
      if (i === w)
        expect(q).toMatchObject({
          points: 4.5,
          answer: {
            reference: '页面修改的小题参考答案',
            rubric: [{ point: '唯一的要点', points: 4.5, keywords: [] }],
          },
        });
      else expect(q).toEqual({ ...subs[i], stem: `${subs[i].stem}（页面）` });
    });
  });
});
