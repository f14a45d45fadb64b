/**
 * Ordinary bad input, class by class, through the real app: every request the server cannot use is a 4xx in the one
 * error shape with a Chinese message and the field named in `details`; none is a 5xx and none writes anything.
 */
import { localDay } from '../src/common/dates';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

type Role = 'admin' | 'trainer' | 'manager' | 'staff';

interface Case {
  name: string;
  as: Role;
  method: 'get' | 'post' | 'put' | 'patch';
  url: () => string;
  body?: unknown;
  /** A raw JSON text instead of `body`. */
  raw?: () => string;
  status: number;
  /** The field `details` must name (omit for a message-only answer). */
  field?: string;
  message?: RegExp;
}

const CHINESE = /[\u4e00-\u9fa5]/;

describe('bad input: a 4xx naming the field, never a 5xx', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let s1: number; // S0001
  let unitId: number;
  let materialId: number;
  let draftExamId: number;
  let questionId: number;
  let attemptId: number;
  let attemptQuestionId: number;
  let bankId: number;

  const blueprint = {
    passMark: 1,
    parts: [
      {
        key: 'a',
        title: '共同科目',
        source: { kind: 'common' },
        rules: [{ type: 'single', count: 1, points: 1 }],
      },
    ],
  };

  beforeAll(async () => {
    t = await bootTestApp();
    for (const r of ['admin', 'trainer', 'manager', 'staff'] as Role[]) tokens[r] = await t.token(r);
    const users = await t.http().get('/api/users?q=S0001').set(bearer(tokens.admin)).expect(200);
    s1 = users.body.items[0].id;
    unitId = users.body.items[0].unitId;
    const overview = await t.http().get('/api/materials').set(bearer(tokens.staff)).expect(200);
    materialId = overview.body.flatMap((c: { materials: { id: number }[] }) => c.materials)[0].id;
    const exam = await t
      .http()
      .post('/api/exams')
      .set(bearer(tokens.trainer))
      .send({ title: '草稿考试', kind: 'law-study', blueprint })
      .expect(201);
    draftExamId = exam.body.id;
    const qs = await t.http().get('/api/questions?pageSize=1').set(bearer(tokens.trainer)).expect(200);
    questionId = qs.body.items[0].id;
    bankId = qs.body.items[0].bankId;
    const available = await t.http().get('/api/exams/available').set(bearer(tokens.staff)).expect(200);
    const start = await t
      .http()
      .post(`/api/exams/${available.body[0].id}/attempts`)
      .set(bearer(tokens.staff))
      .expect(201);
    attemptId = start.body.id;
    attemptQuestionId = start.body.questions[0].id;
  });
  afterAll(async () => t.close());

  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const groupStudy = (extra: Record<string, unknown>) => ({
    heldOn: localDay(),
    topic: '集体学法（输入检查）',
    minutes: 30,
    attendeeIds: [s1],
    ...extra,
  });

  const cases: Case[] = [
    // null for a field: refused unless the field says null means "clear"
    {
      name: 'user name null',
      as: 'admin',
      method: 'patch',
      url: () => `/api/users/${s1}`,
      body: { name: null },
      status: 400,
      field: 'name',
    },
    {
      name: 'user enforcementPost null',
      as: 'admin',
      method: 'patch',
      url: () => `/api/users/${s1}`,
      body: { enforcementPost: null },
      status: 400,
      field: 'enforcementPost',
    },
    {
      name: 'material title null',
      as: 'trainer',
      method: 'patch',
      url: () => `/api/materials/${materialId}`,
      body: { title: null },
      status: 400,
      field: 'title',
    },
    {
      name: 'exam title null',
      as: 'trainer',
      method: 'patch',
      url: () => `/api/exams/${draftExamId}`,
      body: { title: null },
      status: 400,
      field: 'title',
    },
    {
      name: 'exam blueprint null',
      as: 'trainer',
      method: 'patch',
      url: () => `/api/exams/${draftExamId}`,
      body: { blueprint: null },
      status: 400,
      field: 'blueprint',
    },
    {
      name: 'nested null',
      as: 'trainer',
      method: 'patch',
      url: () => `/api/exams/${draftExamId}`,
      body: { audience: { unitIds: null } },
      status: 400,
      field: 'audience.unitIds',
    },
    {
      name: 'null inside a nested array',
      as: 'trainer',
      method: 'post',
      url: () => '/api/exams',
      body: {
        title: 'x',
        kind: 'law-study',
        blueprint: { ...blueprint, parts: [{ ...blueprint.parts[0], difficultyMix: null }] },
      },
      status: 400,
      field: 'blueprint.parts.0.difficultyMix',
    },
    {
      name: 'unit name null',
      as: 'admin',
      method: 'patch',
      url: () => `/api/units/${unitId}`,
      body: { name: null },
      status: 400,
      field: 'name',
    },
    {
      name: 'certificate userId null',
      as: 'admin',
      method: 'post',
      url: () => '/api/certificates',
      body: { userId: null, staffNo: 'S0001', kind: 'training', number: 'N-1', issuedOn: '2026-01-01' },
      status: 400,
      field: 'userId',
    },
    // lists inside a list of nested objects (class-validator checks an array given for a nested object element by
    // element, so `[[]]` passed and reached the service; found by the OpenAPI fuzz)
    {
      name: 'a list inside the list of cited articles',
      as: 'trainer',
      method: 'post',
      url: () => '/api/materials',
      body: { kind: 'case', title: '案例', curriculum: 'common', body: '正文', articles: [[]] },
      status: 400,
      field: 'articles.0',
    },
    {
      name: 'a list inside the list of blueprint rules',
      as: 'trainer',
      method: 'post',
      url: () => '/api/exams',
      body: { title: 'x', kind: 'law-study', blueprint: { ...blueprint, parts: [[blueprint.parts[0]]] } },
      status: 400,
      field: 'blueprint.parts.0',
    },
    // the login body reaches passport-local before the validation pipe: a number as the password reached scrypt
    {
      name: 'login password as a number',
      as: 'staff',
      method: 'post',
      url: () => '/api/auth/login',
      body: { username: 'staff', password: 20260101 },
      status: 400,
      field: 'password',
    },
    {
      name: 'login username as an object',
      as: 'staff',
      method: 'post',
      url: () => '/api/auth/login',
      body: { username: { $ne: '' }, password: 'Demo@2026' },
      status: 400,
      field: 'username',
    },
    // a bad parameter on a route that answers HTML or a file: the error is still JSON (was a 500 "invalid payload")
    {
      name: 'bad asOf on the printable compilation (HTML)',
      as: 'staff',
      method: 'get',
      url: () => '/api/materials/compilation.html?asOf=abc',
      status: 400,
      field: 'asOf',
    },
    {
      name: 'bad curriculum on the printable compilation (HTML)',
      as: 'trainer',
      method: 'get',
      url: () => '/api/materials/compilation.html?curriculum=%25',
      status: 400,
      field: 'curriculum',
    },
    // a required nested object left out
    {
      name: 'exam without a blueprint',
      as: 'trainer',
      method: 'post',
      url: () => '/api/exams',
      body: { title: '无组卷规则', kind: 'law-study' },
      status: 400,
      field: 'blueprint',
    },
    {
      name: 'blueprint part without a source',
      as: 'trainer',
      method: 'post',
      url: () => '/api/exams',
      body: {
        title: 'x',
        kind: 'law-study',
        blueprint: { passMark: 1, parts: [{ key: 'a', title: 'A', rules: blueprint.parts[0].rules }] },
      },
      status: 400,
      field: 'blueprint.parts.0.source',
    },
    // an update that changes nothing
    {
      name: 'empty exam PATCH',
      as: 'trainer',
      method: 'patch',
      url: () => `/api/exams/${draftExamId}`,
      body: {},
      status: 400,
      field: 'body',
    },
    {
      name: 'empty user PATCH',
      as: 'admin',
      method: 'patch',
      url: () => `/api/users/${s1}`,
      body: {},
      status: 400,
      field: 'body',
    },
    {
      name: 'empty material PATCH',
      as: 'trainer',
      method: 'patch',
      url: () => `/api/materials/${materialId}`,
      body: {},
      status: 400,
      field: 'body',
    },
    {
      name: 'empty unit PATCH',
      as: 'admin',
      method: 'patch',
      url: () => `/api/units/${unitId}`,
      body: {},
      status: 400,
      field: 'body',
    },
    {
      name: 'empty question PATCH',
      as: 'trainer',
      method: 'patch',
      url: () => `/api/questions/${questionId}`,
      body: {},
      status: 400,
      field: 'body',
    },
    // pages, limits and ids out of range
    {
      name: 'users page 1e20',
      as: 'admin',
      method: 'get',
      url: () => '/api/users?page=99999999999999999999',
      status: 400,
      field: 'page',
    },
    {
      name: 'questions page 1e20',
      as: 'trainer',
      method: 'get',
      url: () => '/api/questions?page=99999999999999999999',
      status: 400,
      field: 'page',
    },
    {
      name: 'certificates page 1e20',
      as: 'admin',
      method: 'get',
      url: () => '/api/certificates?page=99999999999999999999',
      status: 400,
      field: 'page',
    },
    {
      name: 'certificates pageSize 1e6',
      as: 'admin',
      method: 'get',
      url: () => '/api/certificates?pageSize=1000000',
      status: 400,
      field: 'pageSize',
    },
    {
      name: 'item-stats minShown Infinity',
      as: 'trainer',
      method: 'get',
      url: () => `/api/item-stats?bankId=${bankId}&minShown=Infinity`,
      status: 400,
      field: 'minShown',
    },
    {
      name: 'item-stats bankId abc',
      as: 'trainer',
      method: 'get',
      url: () => '/api/item-stats?bankId=abc',
      status: 400,
      field: 'bankId',
    },
    {
      name: 'item-stats without bankId',
      as: 'trainer',
      method: 'get',
      url: () => '/api/item-stats',
      status: 400,
      field: 'bankId',
    },
    {
      name: 'search limit 1e9',
      as: 'staff',
      method: 'get',
      url: () => `/api/materials/search?q=${encodeURIComponent('退役军人')}&limit=1000000000`,
      status: 400,
      field: 'limit',
    },
    {
      name: 'path id 1e20',
      as: 'admin',
      method: 'get',
      url: () => '/api/users/99999999999999999999',
      status: 400,
      field: 'id',
    },
    {
      name: 'path id 1e3',
      as: 'trainer',
      method: 'get',
      url: () => '/api/exams/1e3',
      status: 400,
      field: 'id',
    },
    {
      name: 'path id -1',
      as: 'trainer',
      method: 'get',
      url: () => '/api/exams/-1',
      status: 400,
      field: 'id',
    },
    {
      name: 'report unitId 1e20',
      as: 'manager',
      method: 'get',
      url: () => '/api/reports/certification?unitId=99999999999999999999',
      status: 400,
      field: 'unitId',
    },
    {
      name: 'a query parameter given twice',
      as: 'trainer',
      method: 'get',
      url: () => '/api/regulations?curriculum=common&curriculum=care',
      status: 400,
      field: 'curriculum',
    },
    // numbers in bodies
    {
      name: 'seq 1e300',
      as: 'staff',
      method: 'put',
      url: () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`,
      body: { response: 'A', seq: 1e300 },
      status: 400,
      field: 'seq',
    },
    {
      name: 'seq 2^31',
      as: 'staff',
      method: 'put',
      url: () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`,
      body: { response: 'A', seq: 2147483648 },
      status: 400,
      field: 'seq',
    },
    {
      name: '2,000 attendees (over ArrayMaxSize)',
      as: 'trainer',
      method: 'post',
      url: () => '/api/group-studies',
      body: groupStudy({ attendeeIds: Array(2000).fill(1) }),
      status: 400,
      field: 'attendeeIds',
    },
    {
      name: 'attendee id 1e20',
      as: 'trainer',
      method: 'post',
      url: () => '/api/group-studies',
      body: groupStudy({ attendeeIds: [1e20] }),
      status: 400,
      field: 'attendeeIds.0',
    },
    {
      name: 'points 1e300',
      as: 'trainer',
      method: 'post',
      url: () => '/api/exams',
      body: {
        title: 'x',
        kind: 'law-study',
        blueprint: {
          passMark: 1,
          parts: [{ ...blueprint.parts[0], rules: [{ type: 'single', count: 1, points: 1e300 }] }],
        },
      },
      status: 400,
      field: 'blueprint.parts.0.rules.0.points',
    },
    {
      name: 'pass mark 1e300',
      as: 'trainer',
      method: 'post',
      url: () => '/api/exams',
      body: { title: 'x', kind: 'law-study', blueprint: { ...blueprint, passMark: 1e300 } },
      status: 400,
      field: 'blueprint.passMark',
    },
    {
      name: 'material id 1e20 in a heartbeat',
      as: 'staff',
      method: 'post',
      url: () => '/api/study/heartbeat',
      body: { materialId: 1e20, secondsSinceActivity: 1 },
      status: 400,
      field: 'materialId',
    },
    {
      name: 'extend minutes 1e300',
      as: 'trainer',
      method: 'post',
      url: () => `/api/attempts/${attemptId}/extend`,
      body: { minutes: 1e300 },
      status: 400,
      field: 'minutes',
    },
    // text the database cannot store or parse
    {
      name: 'NUL in a search',
      as: 'staff',
      method: 'get',
      url: () => `/api/materials/search?q=${encodeURIComponent('退役\u0000军人')}`,
      status: 400,
      field: 'q',
    },
    {
      name: 'NUL in a body string',
      as: 'trainer',
      method: 'post',
      url: () => '/api/materials',
      body: { kind: 'note', title: '标题\u0000', curriculum: 'common', body: '正文' },
      status: 400,
      field: 'title',
    },
    {
      name: 'NUL in a user search',
      as: 'admin',
      method: 'get',
      url: () => `/api/users?q=${encodeURIComponent('a\u0000')}`,
      status: 400,
      field: 'q',
    },
    // bodies of the wrong shape or nesting
    {
      name: 'deeply nested array body (800 KB)',
      as: 'trainer',
      method: 'post',
      url: () => '/api/campaigns',
      raw: () => deep(400_000),
      status: 400,
      field: 'body',
      message: /嵌套层数过多/,
    },
    {
      name: 'deep nesting inside a field',
      as: 'trainer',
      method: 'post',
      url: () => '/api/exams',
      raw: () => `{"title":"x","kind":"law-study","blueprint":${deep(5000)}}`,
      status: 400,
      field: 'body',
      message: /嵌套层数过多/,
    },
    {
      name: 'flat array body (800 KB)',
      as: 'trainer',
      method: 'post',
      url: () => '/api/campaigns',
      raw: () => `[${'1,'.repeat(400_000)}1]`,
      status: 413,
      field: 'body',
      message: /请求内容过多/,
    },
    {
      // Whatever answers first — the value count here, or a per-route body limit — it is a fast 413.
      name: 'flat array body (800 KB) to the heartbeat',
      as: 'staff',
      method: 'post',
      url: () => '/api/study/heartbeat',
      raw: () => `[${'1,'.repeat(400_000)}1]`,
      status: 413,
    },
    {
      name: 'small array body',
      as: 'staff',
      method: 'post',
      url: () => '/api/study/heartbeat',
      raw: () => '[{"materialId":1,"secondsSinceActivity":1}]',
      status: 400,
      field: 'body',
      message: /应为 JSON 对象/,
    },
    {
      name: 'a string as the body',
      as: 'staff',
      method: 'post',
      url: () => '/api/study/heartbeat',
      raw: () => '"text"',
      status: 400,
      field: 'body',
    },
    {
      name: '400 KB array in a field',
      as: 'trainer',
      method: 'post',
      url: () => '/api/group-studies',
      raw: () => JSON.stringify(groupStudy({ attendeeIds: Array(200_000).fill(1) })),
      status: 413,
      field: 'body',
      message: /请求内容过多/,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    let req = t.http()[c.method](c.url()).set(bearer(tokens[c.as]));
    if (c.raw) req = req.set('Content-Type', 'application/json').send(c.raw());
    else if (c.body !== undefined) req = req.send(c.body as object);
    const res = await req;
    expect({ status: res.status, body: res.body }).toMatchObject({ status: c.status });
    expect(res.body).toMatchObject({ statusCode: c.status, error: expect.any(String) });
    expect(res.body.message).toMatch(CHINESE);
    if (c.message) expect(res.body.message).toMatch(c.message);
    if (c.field) {
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: c.field })]));
      for (const d of res.body.details) expect(d.message).toMatch(CHINESE);
    }
  });

  it('wrote nothing for any of them', async () => {
    const exam = await t.http().get(`/api/exams/${draftExamId}`).set(bearer(tokens.trainer)).expect(200);
    expect(exam.body).toMatchObject({ title: '草稿考试', blueprint });
    const user = await t.http().get(`/api/users/${s1}`).set(bearer(tokens.admin)).expect(200);
    expect(user.body.name).toEqual(expect.any(String));
    const paper = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(tokens.staff)).expect(200);
    expect(paper.body.questions[0]).toMatchObject({ response: null, seq: 0 });
    const sessions = await t.http().get('/api/group-studies').set(bearer(tokens.admin)).expect(200);
    expect(sessions.body.filter((s: { topic: string }) => s.topic === '集体学法（输入检查）')).toEqual([]);
  });

  describe('what the rules still allow', () => {
    it('null where it means "clear": an answer, an exam window, a session without a campaign', async () => {
      const url = `/api/attempts/${attemptId}/answers/${attemptQuestionId}`;
      await t.http().put(url).set(bearer(tokens.staff)).send({ response: 'A', seq: 1 }).expect(200);
      await t.http().put(url).set(bearer(tokens.staff)).send({ response: null, seq: 2 }).expect(200);
      const paper = await t.http().get(`/api/attempts/${attemptId}`).set(bearer(tokens.staff)).expect(200);
      expect(paper.body.questions[0]).toMatchObject({ response: null, seq: 2 });

      await t
        .http()
        .patch(`/api/exams/${draftExamId}`)
        .set(bearer(tokens.trainer))
        .send({ closesAt: '2030-01-01T00:00:00Z' })
        .expect(200);
      const cleared = await t
        .http()
        .patch(`/api/exams/${draftExamId}`)
        .set(bearer(tokens.trainer))
        .send({ closesAt: null })
        .expect(200);
      expect(cleared.body.closesAt).toBeNull();

      await t
        .http()
        .post('/api/group-studies')
        .set(bearer(tokens.trainer))
        .send(groupStudy({ campaignId: null, topic: '集体学法（无活动）' }))
        .expect(201);
    });

    /** Values at the top of a field's range: answered 200 (the answer's seq climbs past the 2 set above). */
    const largest: { name: string; as: Role; method: 'get' | 'put'; url: () => string; body?: object }[] = [
      {
        name: 'an answer seq of 2^31 − 1',
        as: 'staff',
        method: 'put',
        url: () => `/api/attempts/${attemptId}/answers/${attemptQuestionId}`,
        body: { response: 'B', seq: 2147483647 },
      },
      { name: 'users page 100000', as: 'admin', method: 'get', url: () => '/api/users?page=100000' },
      {
        name: 'item-stats minShown 1000000',
        as: 'trainer',
        method: 'get',
        url: () => `/api/item-stats?bankId=${bankId}&minShown=1000000`,
      },
    ];
    it.each(largest.map((c) => [c.name, c] as const))(
      'the largest value a field allows: %s',
      async (_n, c) => {
        let req = t.http()[c.method](c.url()).set(bearer(tokens[c.as]));
        if (c.body) req = req.send(c.body);
        const res = await req;
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
      },
    );

    it.each([
      '"',
      '*',
      '退役军人*',
      'NEAR(退役 军人)',
      '"退役军人',
      '退役军人 OR 安置',
      '^退役',
      'AND',
      '-',
      "'",
      '\\',
      '退役:军人',
      '(退役军人)',
    ])('FTS syntax in a search is text, not syntax: %s', async (q) => {
      const res = await t
        .http()
        .get(`/api/materials/search?q=${encodeURIComponent(q)}`)
        .set(bearer(tokens.staff));
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
      expect(res.body).toMatchObject({ total: expect.any(Number), hits: expect.any(Array) });
    });

    it('quotes in a search are characters, so a phrase query is not a way around the term rules', async () => {
      const plain = await t
        .http()
        .get(`/api/materials/search?q=${encodeURIComponent('退役军人')}`)
        .set(bearer(tokens.staff))
        .expect(200);
      const quoted = await t
        .http()
        .get(`/api/materials/search?q=${encodeURIComponent('"退役军人"')}`)
        .set(bearer(tokens.staff))
        .expect(200);
      expect(plain.body.total).toBeGreaterThan(0);
      expect(quoted.body.total).toBeLessThan(plain.body.total);
    });

    describe('LIKE wildcards in a filter match themselves', () => {
      beforeAll(async () => {
        await t
          .http()
          .post('/api/users')
          .set(bearer(tokens.admin))
          .send({ username: 'pct-user', name: '百分%号_先生', roles: ['staff'] })
          .expect(201);
      });

      it.each(['%', '_', '%号_'])('a user search for %s', async (q) => {
        const res = await t
          .http()
          .get(`/api/users?q=${encodeURIComponent(q)}`)
          .set(bearer(tokens.admin))
          .expect(200);
        expect({ q, names: res.body.items.map((u: { name: string }) => u.name) }).toEqual({
          q,
          names: ['百分%号_先生'],
        });
      });

      it('a user search for a backslash', async () => {
        const backslash = await t
          .http()
          .get(`/api/users?q=${encodeURIComponent('\\')}`)
          .set(bearer(tokens.admin));
        expect(backslash.body.total).toBe(0);
      });

      it('a question search for %', async () => {
        // One question whose stem holds a literal % (an edit makes a new revision), so the search has one to find.
        const all = await t.http().get('/api/questions?pageSize=1').set(bearer(tokens.trainer)).expect(200);
        const target = all.body.items[0] as { id: number; stem: string };
        const stem = `${target.stem}（比例测试：100%）`;
        await t
          .http()
          .patch(`/api/questions/${target.id}`)
          .set(bearer(tokens.trainer))
          .send({ stem })
          .expect(200);
        const pct = await t
          .http()
          .get('/api/questions?q=%25&pageSize=500')
          .set(bearer(tokens.trainer))
          .expect(200);
        expect(pct.body.total).toBeLessThan(all.body.total);
        expect(pct.body.items.map((q: { id: number }) => q.id)).toContain(target.id);
        for (const q of pct.body.items) expect(q.stem).toContain('%');
      });
    });
  });
});
