/**
 * The access rules, written down once: every route the app serves × seven people — anonymous, the owner (staff, a
 * candidate in 优抚褒扬科), another member of staff (S0001, 办公室), the trainer who runs the exams, the station
 * manager (区退役军人服务中心 and the stations below it), the bureau manager and the administrator. Each cell is
 * Y (let through: any answer but 401/403/404 and no 5xx) or N (refused: 401 for anonymous, 403/404 otherwise).
 *
 * The table is independent of the @Roles decorators it checks: a route that loses its decorator, or a new route
 * without a row here, fails this test.
 */
import { DataSource } from 'typeorm';
import { progressReporter } from '../src/common/import-progress';
import { listRoutes } from './helpers/routes';
import { ADMIN_PASSWORD, bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

const PEOPLE = ['anonymous', 'owner', 'other', 'trainer', 'station', 'manager', 'admin'] as const;
type Person = (typeof PEOPLE)[number];

interface Fixture {
  /** An open attempt of the owner (an exam only the owner sits, run by the trainer). */
  openAttempt: number;
  openQuestion: number;
  /** A submitted attempt of the owner (one attempt allowed, review after submit). */
  doneAttempt: number;
  examId: number;
  draftExamId: number;
  certificateId: number;
  certificateNumber: string;
  certificateCode: string;
  bankId: number;
  questionId: number;
  ownerId: number;
  otherUserId: number;
  spareUnitId: number;
  ownerUnitId: number;
  materialId: number;
  spareMaterials: Partial<Record<Person, number>>;
  campaignId: number;
}

interface Rule {
  /** Y or N for anonymous, owner, other, trainer, station, manager, admin (spaces ignored). */
  who: string;
  /** The concrete address (default: the route with :id → 1). */
  url?: (f: Fixture, p: Person) => string;
  body?: (f: Fixture, p: Person) => unknown;
  /** Sent with a token minted for this request (the route revokes the token it is called with). */
  freshToken?: boolean;
}

const ANY = 'N YY YYY Y'; // every signed-in person
const MATRIX_PROGRESS = 'matrix-progress-1';
const PUBLIC = 'Y YY YYY Y';
const TRAINERS = 'N NN YNN Y'; // trainer or admin
const MANAGERS = 'N NN NYY Y'; // managers (station and bureau) or admin
const ADMIN = 'N NN NNN Y';
const OWNER_ONLY = 'N YN NNN N';

const RULES: Record<string, Rule> = {
  // ---- public ----
  'GET /api/health': { who: PUBLIC },
  'POST /api/auth/login': { who: PUBLIC, body: () => ({ username: 'S0030', password: DEMO_PASSWORD }) },
  'GET /api/certificates/verify': {
    who: PUBLIC,
    url: (f) =>
      `/api/certificates/verify?number=${encodeURIComponent(f.certificateNumber)}&code=${f.certificateCode}`,
  },
  'GET /verify/:number': { who: PUBLIC, url: (f) => `/verify/${encodeURIComponent(f.certificateNumber)}` },

  // ---- one's own account, study and exams ----
  'GET /api/me': { who: ANY },
  'GET /api/me/record': { who: ANY },
  'GET /api/me/exams': { who: ANY },
  // One's own uploads only: another person's progress id answers 404 (test/upload-limits.e2e-spec.ts).
  'GET /api/imports/progress/:id': { who: ANY, url: () => `/api/imports/progress/${MATRIX_PROGRESS}` },
  'POST /api/me/password': { who: ANY, body: () => ({}) },
  'POST /api/me/logout': { who: ANY, freshToken: true },
  'GET /api/exams/available': { who: ANY },
  'POST /api/exams/:id/attempts': { who: 'N YY YYY N', url: () => '/api/exams/1/attempts' }, // admin is not on staff
  'GET /api/certificates/mine': { who: ANY },
  'GET /api/practice/notebook': { who: ANY },
  'POST /api/practice/questions': { who: ANY, body: () => ({ count: 1 }) },
  'POST /api/practice/answer': { who: ANY, body: () => ({}) },
  'GET /api/study/progress': { who: ANY },
  'POST /api/study/heartbeat': { who: ANY, body: () => ({}) },
  'GET /api/units': { who: ANY },
  // A unit within one's own scope: the owner's department is under the bureau manager, outside the others'.
  'GET /api/units/:id': { who: 'N YN NNY Y', url: (f) => `/api/units/${f.ownerUnitId}` },
  'GET /api/regulations': { who: ANY },
  'GET /api/regulations/:code': { who: ANY, url: () => '/api/regulations/veterans-protection-law' },
  'GET /api/regulations/:code/articles/:number': {
    who: ANY,
    url: () => '/api/regulations/veterans-protection-law/articles/1',
  },
  'GET /api/materials': { who: ANY },
  'GET /api/materials/search': { who: ANY, url: () => '/api/materials/search?q=退役军人' },
  'GET /api/materials/compilation': { who: ANY },
  'GET /api/materials/compilation.html': { who: ANY },
  'GET /api/materials/compilation.xlsx': { who: ANY },
  'GET /api/materials/:id': { who: ANY, url: (f) => `/api/materials/${f.materialId}` },
  'GET /api/campaigns': { who: ANY },
  'GET /api/campaigns/:id': { who: ANY, url: (f) => `/api/campaigns/${f.campaignId}` },

  // ---- the owner's attempt: only the owner ----
  'GET /api/attempts/:id': { who: OWNER_ONLY, url: (f) => `/api/attempts/${f.openAttempt}` },
  'PUT /api/attempts/:id/answers/:questionId': {
    who: OWNER_ONLY,
    url: (f) => `/api/attempts/${f.openAttempt}/answers/${f.openQuestion}`,
    body: (_f, p) => ({ response: null, seq: PEOPLE.indexOf(p) + 1 }),
  },
  'POST /api/attempts/:id/events': {
    who: OWNER_ONLY,
    url: (f) => `/api/attempts/${f.openAttempt}/events`,
    body: () => ({ type: 'focus-return' }),
  },
  // Keys: the owner (policy allows), and staff within reach who are not candidates of the exam.
  'GET /api/attempts/:id/review': { who: 'N YN YNY Y', url: (f) => `/api/attempts/${f.doneAttempt}/review` },
  // Papers and attempt actions: the trainer who runs the exam, managers over the candidate, the administrator.
  'GET /api/attempts/:id/detail': { who: 'N NN YNY Y', url: (f) => `/api/attempts/${f.openAttempt}/detail` },
  'POST /api/attempts/:id/extend': {
    who: 'N NN YNY Y',
    url: (f) => `/api/attempts/${f.openAttempt}/extend`,
    body: () => ({ minutes: 1, reason: '权限矩阵测试' }),
  },
  'POST /api/attempts/:id/reopen': {
    who: 'N NN YNY Y',
    url: (f) => `/api/attempts/${f.doneAttempt}/reopen`,
    body: () => ({ minutes: 1, reason: '权限矩阵测试' }),
  },
  'POST /api/attempts/:id/invalidate': {
    who: 'N NN YNY Y',
    url: (f) => `/api/attempts/${f.openAttempt}/invalidate`,
    body: () => ({ reason: '权限矩阵测试' }),
  },
  'POST /api/attempts/:id/submit': { who: OWNER_ONLY, url: (f) => `/api/attempts/${f.openAttempt}/submit` },

  // ---- marking (阅卷): the trainers who run the exam; progress and statistics also the administrator ----
  'GET /api/exams/:id/marking': { who: TRAINERS, url: (f) => `/api/exams/${f.examId}/marking` },
  'GET /api/exams/:id/marking/stats': { who: TRAINERS, url: (f) => `/api/exams/${f.examId}/marking/stats` },
  // Marking itself: markers only (the administrator does not run the exam).
  'GET /api/exams/:id/marking/next': {
    who: 'N NN YNN N',
    url: (f) => `/api/exams/${f.examId}/marking/next?questionId=${f.questionId}`,
  },
  // Role rule (a marker's object-level rules — assigned, not their own attempt — are in marking.e2e-spec.ts).
  'POST /api/marking/:markingId': { who: TRAINERS, url: () => '/api/marking/0', body: () => ({}) },
  'POST /api/marking/:markingId/remark': {
    who: TRAINERS,
    url: () => '/api/marking/0/remark',
    body: () => ({}),
  },

  // ---- exams ----
  'GET /api/exams': { who: 'N NN YYY Y' },
  'GET /api/exams/:id': { who: 'N NN YYY Y', url: (f) => `/api/exams/${f.examId}` },
  'POST /api/exams': { who: TRAINERS, body: () => ({}) },
  'PATCH /api/exams/:id': { who: TRAINERS, url: (f) => `/api/exams/${f.draftExamId}`, body: () => ({}) },
  'POST /api/exams/:id/publish': { who: TRAINERS, url: (f) => `/api/exams/${f.draftExamId}/publish` },
  'POST /api/exams/:id/archive': { who: TRAINERS, url: (f) => `/api/exams/${f.draftExamId}/archive` },
  // Only for an exam whose stored configuration is broken (409 otherwise): administrators.
  'POST /api/exams/:id/repair': {
    who: ADMIN,
    url: (f) => `/api/exams/${f.draftExamId}/repair`,
    body: () => ({}),
  },
  'GET /api/exams/:id/roster': { who: 'N NN YYY Y', url: (f) => `/api/exams/${f.examId}/roster` },
  'GET /api/item-stats': { who: TRAINERS, url: (f) => `/api/item-stats?bankId=${f.bankId}` },

  // ---- question banks: trainers and the administrator only (they hold the keys) ----
  'GET /api/question-banks': { who: TRAINERS },
  'POST /api/question-banks': { who: TRAINERS, body: () => ({}) },
  'GET /api/question-banks/template.xlsx': { who: TRAINERS },
  'POST /api/question-banks/import': { who: TRAINERS },
  'GET /api/question-banks/:id/export.yaml': {
    who: TRAINERS,
    url: (f) => `/api/question-banks/${f.bankId}/export.yaml`,
  },
  'GET /api/question-banks/:id/export.xlsx': {
    who: TRAINERS,
    url: (f) => `/api/question-banks/${f.bankId}/export.xlsx`,
  },
  'GET /api/question-banks/:id/export.txt': {
    who: TRAINERS,
    url: (f) => `/api/question-banks/${f.bankId}/export.txt`,
  },
  'GET /api/question-banks/:id/health': {
    who: TRAINERS,
    url: (f) => `/api/question-banks/${f.bankId}/health`,
  },
  'GET /api/questions': { who: TRAINERS },
  'GET /api/questions/:id': { who: TRAINERS, url: (f) => `/api/questions/${f.questionId}` },
  'GET /api/questions/:id/revisions': {
    who: TRAINERS,
    url: (f) => `/api/questions/${f.questionId}/revisions`,
  },
  'PATCH /api/questions/:id': {
    who: TRAINERS,
    url: (f) => `/api/questions/${f.questionId}`,
    body: () => ({}),
  },
  'POST /api/questions/:id/approve': { who: TRAINERS, url: (f) => `/api/questions/${f.questionId}/approve` },
  'POST /api/questions/:id/retire': { who: TRAINERS, url: (f) => `/api/questions/${f.questionId}/retire` },
  'POST /api/questions/:id/flag': {
    who: TRAINERS,
    url: (f) => `/api/questions/${f.questionId}/flag`,
    body: () => ({ needsReview: false }),
  },
  'POST /api/regulations': { who: TRAINERS, body: () => ({}) },
  'POST /api/regulations/:code/versions': {
    who: TRAINERS,
    url: () => '/api/regulations/veterans-protection-law/versions',
  },
  'POST /api/regulations/:code/repeal': {
    who: TRAINERS,
    url: () => '/api/regulations/veterans-protection-law/repeal',
    body: () => ({}),
  },
  'POST /api/materials': { who: TRAINERS, body: () => ({}) },
  'PATCH /api/materials/:id': {
    who: TRAINERS,
    url: (f) => `/api/materials/${f.materialId}`,
    body: () => ({}),
  },
  'DELETE /api/materials/:id': {
    who: TRAINERS,
    url: (f, p) => `/api/materials/${f.spareMaterials[p] ?? f.materialId}`,
  },
  'POST /api/campaigns': { who: TRAINERS, body: () => ({}) },
  'POST /api/group-studies': { who: TRAINERS, body: () => ({}) },
  'GET /api/group-studies': { who: 'N NN YYY Y' },
  'GET /api/campaigns/:id/completion': {
    who: 'N NN YYY Y',
    url: (f) => `/api/campaigns/${f.campaignId}/completion`,
  },

  // ---- certificates: the holder reads; managers over the holder manage; nobody their own ----
  'GET /api/certificates': { who: MANAGERS },
  'GET /api/certificates/template.xlsx': { who: MANAGERS },
  'POST /api/certificates/import': { who: MANAGERS },
  'POST /api/certificates': {
    who: 'N NN NNY Y', // the owner is outside the station manager's subtree
    body: (f, p) => ({ userId: f.ownerId, number: `AM-${p}`, issuedOn: '2026-01-05', kind: 'training' }),
  },
  'GET /api/certificates/:id': { who: 'N YN NNY Y', url: (f) => `/api/certificates/${f.certificateId}` },
  'GET /api/certificates/:id/print': {
    who: 'N YN NNY Y',
    url: (f) => `/api/certificates/${f.certificateId}/print`,
  },
  'POST /api/certificates/:id/suspend': {
    who: 'N NN NNY Y',
    url: (f) => `/api/certificates/${f.certificateId}/suspend`,
    body: () => ({ reason: '权限矩阵测试' }),
  },
  'POST /api/certificates/:id/reinstate': {
    who: 'N NN NNY Y',
    url: (f) => `/api/certificates/${f.certificateId}/reinstate`,
    body: () => ({ reason: '权限矩阵测试' }),
  },
  'POST /api/certificates/:id/revoke': {
    who: 'N NN NNY Y',
    url: (f) => `/api/certificates/${f.certificateId}/revoke`,
    body: () => ({ reason: '权限矩阵测试' }),
  },
  'POST /api/certificates/:id/renew': {
    who: 'N NN NNY Y',
    url: (f) => `/api/certificates/${f.certificateId}/renew`,
    body: () => ({}),
  },

  // ---- reports: managers (their subtree) and the administrator ----
  'GET /api/reports/certification': { who: MANAGERS },
  'GET /api/reports/certification/trend': { who: MANAGERS },
  'GET /api/reports/certification/uncertified': { who: MANAGERS },
  'GET /api/reports/certification/expiring': { who: MANAGERS },
  'GET /api/reports/study-hours/at-risk': { who: MANAGERS },
  'GET /api/reports/exams/:id': { who: MANAGERS, url: (f) => `/api/reports/exams/${f.examId}` },
  'GET /api/reports/annual': { who: MANAGERS },
  'GET /api/reports/annual/summary': { who: MANAGERS },

  // ---- people and units: managers read their subtree; only the administrator changes accounts and roles ----
  'GET /api/users': { who: MANAGERS },
  'GET /api/users/directory': { who: TRAINERS },
  'GET /api/users/:id': { who: 'N NN NNY Y', url: (f) => `/api/users/${f.ownerId}` },
  'POST /api/users': { who: ADMIN, body: () => ({}) },
  'PATCH /api/users/:id': { who: ADMIN, url: (f) => `/api/users/${f.otherUserId}`, body: () => ({}) },
  'POST /api/users/:id/reset-password': {
    who: ADMIN,
    url: (f) => `/api/users/${f.otherUserId}/reset-password`,
  },
  'GET /api/roster/template.xlsx': { who: MANAGERS },
  'POST /api/roster/import': { who: MANAGERS },
  'POST /api/units': { who: ADMIN, body: () => ({}) },
  'PATCH /api/units/:id': { who: ADMIN, url: (f) => `/api/units/${f.spareUnitId}`, body: () => ({}) },
  'DELETE /api/units/:id': { who: ADMIN, url: (f) => `/api/units/${f.spareUnitId}` },
  'GET /api/audit': { who: ADMIN },
};

/** Routes whose request changes what later rows read: they run last, in this order. */
const LAST = [
  'POST /api/attempts/:id/invalidate',
  'POST /api/attempts/:id/submit',
  'DELETE /api/units/:id',
  'POST /api/users/:id/reset-password',
];

const USERNAMES: Record<Person, string> = {
  anonymous: '',
  owner: 'staff',
  other: 'S0001',
  trainer: 'trainer',
  station: 'station-manager',
  manager: 'manager',
  admin: 'admin',
};

const isPage = (route: string) => !route.split(' ')[1].startsWith('/api/');

describe('access matrix', () => {
  let t: TestApp;
  let tokens: Record<Person, string | null>;
  let f: Fixture;

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_LIMIT: '1000', LOGIN_THROTTLE_IP_LIMIT: '1000' });
    tokens = { anonymous: null } as Record<Person, string | null>;
    for (const p of PEOPLE) if (p !== 'anonymous') tokens[p] = await t.token(USERNAMES[p]);
    const as = (p: Person) => bearer(tokens[p]!);
    // Everyone signed in has an upload under way (the progress store of the app this file runs in).
    for (const p of PEOPLE)
      if (p !== 'anonymous')
        progressReporter((await t.http().get('/api/me').set(as(p))).body.id, MATRIX_PROGRESS).reading();
    const ownerMe = (await t.http().get('/api/me').set(as('owner'))).body;
    const ownerId = ownerMe.id;
    const otherUserId = (await t.http().get('/api/me').set(as('other'))).body.id;
    const exam = async (attemptsAllowed: number, publish = true) => {
      const e = await t
        .http()
        .post('/api/exams')
        .set(as('trainer'))
        .send({
          title: `权限矩阵（${attemptsAllowed}）`,
          kind: 'quarterly',
          attemptsAllowed,
          reviewPolicy: 'after-submit',
          audience: { userIds: [ownerId] },
          blueprint: {
            passMark: 3,
            parts: [
              {
                key: 'p',
                title: '共同科目',
                source: { kind: 'common' },
                rules: [{ type: 'single', count: 5, points: 1 }],
              },
            ],
          },
        })
        .expect(201);
      if (publish) await t.http().post(`/api/exams/${e.body.id}/publish`).set(as('trainer')).expect(200);
      return e.body.id as number;
    };
    const examId = await exam(2);
    const doneExam = await exam(1);
    const draftExamId = await exam(1, false);
    const done = await t.http().post(`/api/exams/${doneExam}/attempts`).set(as('owner')).expect(201);
    await t.http().post(`/api/attempts/${done.body.id}/submit`).set(as('owner')).expect(200);
    const open = await t.http().post(`/api/exams/${examId}/attempts`).set(as('owner')).expect(201);

    const cert = await t
      .http()
      .post('/api/certificates')
      .set(as('manager'))
      .send({ userId: ownerId, number: 'AM-OWNER-1', issuedOn: '2026-01-05', kind: 'enforcement' })
      .expect(201);
    const code = (
      await t.app
        .get(DataSource)
        .query(`SELECT "verificationCode" AS c FROM certificate WHERE id = ${cert.body.id}`)
    )[0].c;
    const banks = (await t.http().get('/api/question-banks').set(as('trainer'))).body;
    const bankId = banks[0].id;
    const questionId = (await t.http().get(`/api/questions?bankId=${bankId}`).set(as('trainer'))).body
      .items[0].id;
    const spareUnitId = (
      await t
        .http()
        .post('/api/units')
        .set(as('admin'))
        .send({ name: '权限矩阵临时单位', kind: 'department' })
    ).body.id;
    const material = async () =>
      (
        await t
          .http()
          .post('/api/materials')
          .set(as('trainer'))
          .send({
            kind: 'case',
            curriculum: 'common',
            title: `权限矩阵资料${Math.random()}`,
            body: '案例正文：某退役军人申请优待证。',
          })
          .expect(201)
      ).body.id as number;
    const campaignId = (
      await t
        .http()
        .post('/api/campaigns')
        .set(as('trainer'))
        .send({
          title: '权限矩阵学习活动',
          kind: 'law-month',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          requiredHours: 1,
          audience: {},
        })
        .expect(201)
    ).body.id;
    f = {
      openAttempt: open.body.id,
      openQuestion: open.body.questions[0].id,
      doneAttempt: done.body.id,
      examId,
      draftExamId,
      certificateId: cert.body.id,
      certificateNumber: 'AM-OWNER-1',
      certificateCode: code,
      bankId,
      questionId,
      ownerId,
      otherUserId,
      spareUnitId,
      ownerUnitId: ownerMe.unitId,
      materialId: await material(),
      spareMaterials: { trainer: await material(), admin: await material() },
      campaignId,
    };
  });
  afterAll(async () => t.close());

  it('has a written rule for every route the app serves, and no rule for a route that is gone', () => {
    const routes = listRoutes(t.app).filter((r) => !isPage(r) || r.startsWith('GET /verify'));
    expect(routes.filter((r) => !(r in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((r) => !routes.includes(r))).toEqual([]);
    for (const [route, rule] of Object.entries(RULES))
      expect({ route, cells: rule.who.replace(/\s/g, '').length }).toEqual({ route, cells: PEOPLE.length });
  });

  it('lets through exactly the people each rule names, and refuses the others', async () => {
    const order = Object.keys(RULES).sort((a, b) => LAST.indexOf(a) - LAST.indexOf(b));
    const wrong: string[] = [];
    for (const route of order) {
      const rule = RULES[route];
      const [method, path] = route.split(' ');
      const cells = rule.who.replace(/\s/g, '');
      for (const [i, person] of PEOPLE.entries()) {
        const url = rule.url ? rule.url(f, person) : path.replace(/:\w+/g, '1');
        const req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
        const token = tokens[person] && rule.freshToken ? await t.token(USERNAMES[person]) : tokens[person];
        if (token) req.set(bearer(token));
        if (person === 'admin' && route === 'POST /api/auth/login')
          req.send({ username: 'admin', password: ADMIN_PASSWORD });
        else if (rule.body) req.send(rule.body(f, person) as object);
        const res = await req;
        const refused = [401, 403, 404].includes(res.status);
        const expected = cells[i] === 'Y';
        if (res.status >= 500)
          wrong.push(`${route} ${person}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        else if (expected && refused) wrong.push(`${route} ${person}: refused ${res.status}, rule says Y`);
        else if (!expected && !refused)
          wrong.push(`${route} ${person}: let through ${res.status}, rule says N`);
        else if (!expected && person === 'anonymous' && res.status !== 401)
          wrong.push(`${route} anonymous: ${res.status}, expected 401`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
