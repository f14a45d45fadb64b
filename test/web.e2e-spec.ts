import { addDays } from '../src/certification/certificate-rules';
import { localDay } from '../src/common/dates';
import type { FastifyInstance } from 'fastify';
import { ExamsService } from '../src/exams/exams.service';
import { cookiesOf, flashOf, pageLogin } from './helpers/pages';
import { bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

/** Cookie session for the web pages: redirect to /login, login sets the cookies, CSRF on every cookie write. */
describe('web: session cookie and CSRF', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
  });
  afterAll(async () => t.close());

  async function login(username: string) {
    const { form, res, cookie, csrf } = await pageLogin(t, username);
    expect(form.text).toContain('登录');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/app');
    const raw = [res.headers['set-cookie'] ?? []].flat() as string[];
    const access = raw.find((c) => c.startsWith('access_token='))!;
    expect(access).toMatch(/HttpOnly/i);
    expect(access).toMatch(/SameSite=Lax/i);
    return { cookie, csrf };
  }

  it('sends /app and its pages to /login when not signed in, and serves them after login', async () => {
    const res = await t.http().get('/app').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fapp');
    const deep = await t.http().get('/app/banks').expect(303);
    expect(deep.headers.location).toMatch(/^\/login\?next=/);
    const s = await login('staff');
    const home = await t.http().get('/app').set('Cookie', s.cookie).expect(200);
    expect(home.text).toContain('2026年度学法用法考试');
    expect(home.headers['content-type']).toMatch(/text\/html/);
  });

  it('refuses a login form post without the CSRF token and a wrong password with a Chinese message', async () => {
    const noToken = await t
      .http()
      .post('/login')
      .type('form')
      .send({ username: 'staff', password: DEMO_PASSWORD })
      .expect(403);
    expect(noToken.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^access_token=/)]),
    );
    const { res: wrong } = await pageLogin(t, 'staff', { password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('用户名或密码错误');
  });

  it('rejects a cookie-authenticated write without X-CSRF-Token (403) and accepts it with the token', async () => {
    const s = await login('staff');
    const start = await t
      .http()
      .post('/api/exams/1/attempts')
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf)
      .expect(201);
    const q = start.body.questions[0];
    const answer =
      q.type === 'fill-blank'
        ? ['x']
        : q.type === 'true-false'
          ? true
          : q.type === 'multiple'
            ? [q.options[0].key]
            : q.options[0].key;
    const url = `/api/attempts/${start.body.id}/answers/${q.id}`;
    const forged = await t
      .http()
      .put(url)
      .set('Cookie', s.cookie)
      .send({ response: answer, seq: 1 })
      .expect(403);
    expect(forged.body.message).toContain('CSRF');
    const untouched = await t
      .http()
      .get(`/api/attempts/${start.body.id}`)
      .set('Cookie', s.cookie)
      .expect(200);
    expect(untouched.body.questions[0]).toMatchObject({ id: q.id, response: null, seq: 0 });
    await t
      .http()
      .put(url)
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', 'not-the-cookie-value')
      .send({ response: answer, seq: 1 })
      .expect(403);
    const ok = await t
      .http()
      .put(url)
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf)
      .send({ response: answer, seq: 1 })
      .expect(200);
    expect(ok.body).toMatchObject({ seq: 1 });
    // Reads need no token; the answer sent with the token is stored, the forged ones were not.
    const after = await t.http().get(`/api/attempts/${start.body.id}`).set('Cookie', s.cookie).expect(200);
    expect(after.body.questions[0]).toMatchObject({ id: q.id, response: answer, seq: 1 });
  });

  it('leaves Bearer-authenticated API calls untouched', async () => {
    const token = await t.token('S0001');
    const start = await t.http().post('/api/exams/1/attempts').set(bearer(token)).expect(201);
    const q = start.body.questions[0];
    const answer =
      q.type === 'fill-blank'
        ? ['x']
        : q.type === 'true-false'
          ? true
          : q.type === 'multiple'
            ? [q.options[0].key]
            : q.options[0].key;
    await t
      .http()
      .put(`/api/attempts/${start.body.id}/answers/${q.id}`)
      .set(bearer(token))
      .send({ response: answer, seq: 1 })
      .expect(200);
  });

  it('rejects a page form post without the token', async () => {
    const s = await login('trainer');
    await t.http().post('/app/exams/1/publish').set('Cookie', s.cookie).type('form').send({}).expect(403);
  });

  it('serves the pages of every role without a server error, each with little script', async () => {
    for (const [user, paths] of [
      [
        'staff',
        [
          '/app',
          '/app/practice',
          '/app/notebook',
          '/app/study',
          '/app/study/constitution',
          '/app/study/search?q=退役军人',
        ],
      ],
      [
        'trainer',
        [
          '/app',
          '/app/banks',
          '/app/questions',
          '/app/questions/1',
          '/app/review-queue',
          '/app/exams',
          '/app/exams/new',
          '/app/exams/1',
          // The demo exam with a written part (created after the seven demo exams) and its marking pages.
          '/app/exams/8',
          '/app/exams/8/marking',
        ],
      ],
      ['manager', ['/app', '/app/dashboard', '/app/exams/1', '/app/admin/roster']],
      ['admin', ['/app', '/app/admin/users', '/app/admin/units', '/app/admin/roster']],
    ] as const) {
      const s = user === 'admin' ? await adminLogin() : await login(user);
      for (const p of paths) {
        const res = await t.http().get(encodeURI(p)).set('Cookie', s.cookie);
        expect([p, res.status]).toEqual([p, 200]);
        expect(res.text).toContain('<html lang="zh-CN">');
      }
    }
    let total = 0;
    for (const f of ['app.js', 'exam.js']) {
      const res = await t.http().get(`/app/assets/${f}`).expect(200);
      total += res.text.length;
    }
    expect(total).toBeLessThan(200 * 1024);
    // A staff member may not open trainer pages.
    const s = await login('staff');
    await t.http().get('/app/banks').set('Cookie', s.cookie).expect(403);
  });

  it('renders the study, dashboard and trainer pages for their roles, and refuses staff with 403', async () => {
    const trainerToken = await t.token('trainer');
    const draft = await t
      .http()
      .post('/api/exams')
      .set(bearer(trainerToken))
      .send({
        title: '页面测试草稿',
        kind: 'quarterly',
        blueprint: {
          passMark: 6,
          parts: [
            {
              key: 'a',
              title: '共同',
              source: { kind: 'common' },
              rules: [{ type: 'single', count: 5, points: 2 }],
            },
          ],
        },
      })
      .expect(201);
    const pages: [string, string[]][] = [
      [
        'staff',
        [
          '/app/study/cases',
          '/app/study/materials/1',
          '/app/study/veterans-protection-law',
          '/app/study/search?q=退役军人&offset=20',
        ],
      ],
      [
        'trainer',
        [
          '/app/exams/new?parts=4',
          `/app/exams/${draft.body.id}/edit`,
          '/app/banks/1/stats',
          '/app/regulations',
          '/app/regulations/veterans-protection-law',
        ],
      ],
      ['manager', ['/app/dashboard?unit=10', '/app/dashboard?asOf=2026-06-30', '/app/exams/2']],
      ['station-manager', ['/app/dashboard']],
    ];
    for (const [user, paths] of pages) {
      const s = await login(user);
      for (const p of paths) {
        const res = await t.http().get(encodeURI(p)).set('Cookie', s.cookie);
        expect([user, p, res.status]).toEqual([user, p, 200]);
        expect(res.text).toContain('<html lang="zh-CN">');
      }
    }
    const staff = await login('staff');
    const home = await t.http().get('/app').set('Cookie', staff.cookie).expect(200);
    for (const text of ['年度学时', 'id="study-hours"', '目标 40', '我的证书', '学习活动'])
      expect(home.text).toContain(text);
    for (const p of [
      '/app/dashboard',
      '/app/dashboard?unit=10',
      '/app/exams',
      '/app/exams/new',
      `/app/exams/${draft.body.id}/edit`,
      '/app/exams/1',
      '/app/banks/1/stats',
      '/app/regulations',
      '/app/regulations/constitution',
      '/app/review-queue',
    ]) {
      const res = await t.http().get(p).set('Cookie', staff.cookie);
      expect([p, res.status]).toEqual([p, 403]);
      expect(res.text).toContain('无权访问');
    }
  });

  it('shows the manager dashboard with every list, download links and the annual summary', async () => {
    const s = await login('manager');
    const token = await t.token('manager');
    const api = await t
      .http()
      .get('/api/reports/certification?asOf=2026-06-30')
      .set(bearer(token))
      .expect(200);
    const res = await t.http().get('/app/dashboard?asOf=2026-06-30').set('Cookie', s.cookie).expect(200);
    const share = api.body.share === null ? '—' : `${(api.body.share * 100).toFixed(1)}%`;
    expect(res.text).toContain(`<strong id="certified-share">${share}</strong>`);
    for (const id of [
      'units-table',
      'levels-table',
      'lines-table',
      'trend-table',
      'uncertified-table',
      'expiring-table',
      'exam-stats-table',
      'annual-summary',
    ])
      expect(res.text).toContain(`id="${id}"`);
    for (const href of [
      '/api/reports/certification?asOf=2026-06-30&amp;format=xlsx',
      '/api/reports/certification/uncertified?asOf=2026-06-30&amp;format=csv',
      '/api/reports/certification/expiring?asOf=2026-06-30&amp;days=90&amp;format=xlsx',
      '/api/reports/certification/trend?year=2026&amp;format=xlsx',
      '/api/reports/exams/1?format=xlsx',
      '/api/reports/annual?year=2026&amp;asOf=2026-06-30&amp;format=xlsx',
    ])
      expect(res.text).toContain(`href="${href}"`);
    // The annual summary on the page is the API's text for the same year and date, figure for figure.
    const summary = await t
      .http()
      .get('/api/reports/annual/summary?year=2026&asOf=2026-06-30')
      .set(bearer(token))
      .expect(200);
    const annual = (
      await t.http().get('/api/reports/annual?year=2026&asOf=2026-06-30').set(bearer(token)).expect(200)
    ).body;
    const shown = /<textarea id="annual-summary"[^>]*>([\s\S]*?)<\/textarea>/
      .exec(res.text)![1]
      .replace(
        /&lt;|&gt;|&quot;|&#39;|&amp;/g,
        (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e]!,
      );
    expect(shown).toBe(summary.text);
    expect(annual.enforcementStaff).toBeGreaterThan(0);
    expect(annual.examTotals.exams).toBeGreaterThan(0);
    // 持证率 from the two counts, to one decimal.
    const annualShare = `${(Math.round((annual.certified / annual.enforcementStaff) * 1000) / 10).toFixed(1)}%`;
    for (const figure of [
      `在册干部职工${annual.staff}人，其中公务员${annual.civilServants}人`,
      `执法岗位人员${annual.enforcementStaff}人，持有效行政执法资格证书${annual.certified}人，持证率${annualShare}`,
      `社区退役军人服务站${annual.stations.community}个，合计${annual.stations.total}个`,
      `本年度组织考试${annual.examTotals.exams}场，应考${annual.examTotals.shouldSit}人次，实考${annual.examTotals.sat}人次`,
    ])
      expect(shown).toContain(figure);
    // A unit outside the tree: the API's refusal, not an empty dashboard.
    const bad = await t.http().get('/app/dashboard?unit=99999').set('Cookie', s.cookie);
    expect(bad.status).toBeGreaterThanOrEqual(400);
  });

  it("escapes what the search page shows: only the API's own <mark> tags become markup", async () => {
    const s = await login('staff');
    const res = await t
      .http()
      .get(`/app/study/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>退役军人')}`)
      .set('Cookie', s.cookie)
      .expect(200);
    expect(res.text).not.toContain('<img src=x');
    const ok = await t
      .http()
      .get(`/app/study/search?q=${encodeURIComponent('退役军人')}`)
      .set('Cookie', s.cookie);
    expect(ok.text).toContain('<mark>退役军人</mark>');
    const { markedSnippet } = await import('../src/web/study/study.pages');
    expect(markedSnippet('a &lt;b&gt; <mark>c</mark>').value).toBe('a &lt;b&gt; <mark>c</mark>');
    expect(markedSnippet('<mark>x</mark><script>alert(1)</script>').value).not.toContain('<script>');
    expect(markedSnippet('a & b <mark>c</mark>').value).toBe('a &amp; b &lt;mark&gt;c&lt;/mark&gt;');
  });

  it('builds an exam of three parts with any source and an audience from the form, and edits the draft', async () => {
    const s = await login('trainer');
    const token = await t.token('trainer');
    const regs = (await t.http().get('/api/regulations').set(bearer(token))).body as {
      id: number;
      code: string;
    }[];
    const vpl = regs.find((r) => r.code === 'veterans-protection-law')!;
    const form = {
      _csrf: s.csrf,
      title: '三部分测试考试',
      kind: 'quarterly',
      passMark: '6',
      timeLimitMinutes: '30',
      attemptsAllowed: '1',
      reviewPolicy: 'after-submit',
      unitIds: ['10'],
      lines: ['care', 'rights'],
      enforcementOnly: '1',
      userIds: '5, 6',
      p1_title: '共同',
      p1_source: 'common',
      p1_single_count: '2',
      p1_single_points: '1',
      p2_title: '题库',
      p2_source: 'banks',
      p2_banks: ['1'],
      p2_single_count: '2',
      p2_single_points: '1',
      p3_title: '法规',
      p3_source: 'regulations',
      p3_regulations: [String(vpl.id)],
      p3_true_false_count: '0',
      p3_single_count: '1',
      p3_single_points: '2',
    };
    const created = await t
      .http()
      .post('/app/exams')
      .set('Cookie', s.cookie)
      .type('form')
      .send(form)
      .expect(303);
    const id = Number(/\/app\/exams\/(\d+)/.exec(created.headers.location)![1]);
    expect(flashOf(created)).toMatchObject({ kind: 'ok' });
    const exam = (await t.http().get(`/api/exams/${id}`).set(bearer(token)).expect(200)).body;
    expect(exam.blueprint.parts.map((p: { source: { kind: string } }) => p.source.kind)).toEqual([
      'common',
      'banks',
      'regulations',
    ]);
    expect(exam.blueprint.parts[1].source.bankIds).toEqual([1]);
    expect(exam.blueprint.parts[2].source.regulationIds).toEqual([vpl.id]);
    expect(exam.audience).toMatchObject({
      unitIds: [10],
      lines: ['care', 'rights'],
      enforcementOnly: true,
      userIds: [5, 6],
    });
    const edit = await t.http().get(`/app/exams/${id}/edit`).set('Cookie', s.cookie).expect(200);
    expect(edit.text).toContain('value="三部分测试考试"');
    await t
      .http()
      .post(`/app/exams/${id}/edit`)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...form, title: '三部分测试考试（改）' })
      .expect(303);
    expect((await t.http().get(`/api/exams/${id}`).set(bearer(token))).body.title).toBe(
      '三部分测试考试（改）',
    );
  });

  it('extends, invalidates and reopens attempts from the roster page', async () => {
    const staffToken = await t.token('S0010');
    const start = await t.http().post('/api/exams/1/attempts').set(bearer(staffToken)).expect(201);
    const s = await login('trainer');
    const roster = await t.http().get('/app/exams/1').set('Cookie', s.cookie).expect(200);
    expect(roster.text).toContain(`action="/app/attempts/${start.body.id}/extend"`);
    const ext = await t
      .http()
      .post(`/app/attempts/${start.body.id}/extend`)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, examId: '1', minutes: '15', reason: '停电延时' })
      .expect(303);
    expect(flashOf(ext)?.text).toContain('已延长作答时间');
    await t.http().post(`/api/attempts/${start.body.id}/submit`).set(bearer(staffToken)).expect(200);
    const reopen = await t
      .http()
      .post(`/app/attempts/${start.body.id}/reopen`)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, examId: '1', minutes: '10', reason: '网络中断重开' })
      .expect(303);
    expect(flashOf(reopen)?.text).toContain('答卷已重新开放');
    const inv = await t
      .http()
      .post(`/app/attempts/${start.body.id}/invalidate`)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, examId: '1', reason: '页面测试作废' })
      .expect(303);
    expect(flashOf(inv)?.text).toContain('答卷已作废');
    const after = await t.http().get('/app/exams/1').set('Cookie', s.cookie).expect(200);
    expect(after.text).toContain('页面测试作废');
  });

  it('lets trainers create campaigns and group studies from the pages, credits attendees and shows completion', async () => {
    const trainerToken = await t.token('trainer');
    const staffToken = await t.token('staff');
    // The directory: trainers (and admins) only, and only the listed fields.
    const dir = await t.http().get('/api/users/directory').set(bearer(trainerToken)).expect(200);
    expect(dir.body.length).toBeGreaterThan(10);
    for (const p of dir.body as Record<string, unknown>[])
      expect(Object.keys(p).sort()).toEqual(['businessLines', 'id', 'name', 'staffNo', 'unitName']);
    await t.http().get('/api/users/directory').set(bearer(staffToken)).expect(403);
    await t
      .http()
      .get('/api/users/directory')
      .set(bearer(await t.token('manager')))
      .expect(403);
    const me = (await t.http().get('/api/me').set(bearer(staffToken)).expect(200)).body as { id: number };
    const other = (dir.body as { id: number; name: string }[]).find((p) => p.id !== me.id)!;
    expect((dir.body as { id: number }[]).some((p) => p.id === me.id)).toBe(true);

    const s = await login('trainer');
    const newPage = await t.http().get('/app/campaigns/new').set('Cookie', s.cookie).expect(200);
    expect(newPage.text).toContain('class="staff-picker"');
    expect(newPage.text).toContain(`value="${me.id}"`);
    const examPage = await t.http().get('/app/exams/new').set('Cookie', s.cookie).expect(200);
    expect(examPage.text).toMatch(/type="checkbox"\s+id="x-u-\d+-\d+"\s+name="userIds"/);

    const day = (offset: number) => addDays(localDay(), offset);
    const today = day(0);
    const created = await t
      .http()
      .post('/app/campaigns')
      .set('Cookie', s.cookie)
      .type('form')
      .send({
        _csrf: s.csrf,
        title: '页面测试法规学习月<b>',
        kind: 'law-month',
        startsOn: day(-3),
        endsOn: day(20),
        requiredHours: '1',
        description: '页面创建',
      })
      .expect(303);
    expect(created.headers.location).toMatch(/^\/app\/campaigns\/\d+$/);
    expect(flashOf(created)).toMatchObject({ kind: 'ok' });
    const campaignId = Number(/\/app\/campaigns\/(\d+)/.exec(created.headers.location)![1]);
    const list = await t.http().get('/app/campaigns').set('Cookie', s.cookie).expect(200);
    expect(list.text).toContain('页面测试法规学习月&lt;b&gt;');
    expect(list.text).not.toContain('页面测试法规学习月<b>');
    // Units, regulations and materials are checkbox lists (a tap each on a phone), not Ctrl-click list boxes; the
    // ticked boxes post as repeated fields and become the campaign's audience and materials.
    expect(newPage.text).not.toMatch(/<select[^>]*\smultiple[\s>=]/);
    const boxes = (name: string) =>
      [
        ...newPage.text.matchAll(
          new RegExp(`<input[^>]*type="checkbox"[^>]*name="${name}"[^>]*value="([^"]+)"`, 'g'),
        ),
      ].map((m) => m[1]);
    for (const [id, name] of [
      ['c-units', 'unitIds'],
      ['c-regs', 'regulations'],
      ['c-mats', 'materialIds'],
    ])
      expect(newPage.text).toMatch(
        new RegExp(`<fieldset class="check-list" id="${id}"[\\s\\S]*?name="${name}"`),
      );
    const [unit] = boxes('unitIds');
    const [regA, regB] = boxes('regulations');
    const [material] = boxes('materialIds');
    expect([unit, regA, regB, material].every(Boolean)).toBe(true);
    const ticked = await t
      .http()
      .post('/app/campaigns')
      .set('Cookie', s.cookie)
      .type('form')
      .send({
        _csrf: s.csrf,
        title: '页面测试勾选单位与材料',
        kind: 'law-month',
        startsOn: day(-3),
        endsOn: day(20),
        requiredHours: '1',
        unitIds: [unit],
        regulations: [regA, regB],
        materialIds: [material],
      })
      .expect(303);
    expect(flashOf(ticked)).toMatchObject({ kind: 'ok' });
    const tickedId = Number(/\/app\/campaigns\/(\d+)/.exec(ticked.headers.location)![1]);
    const stored = (
      await t
        .http()
        .get(`/api/campaigns/${tickedId}`)
        .set(bearer(await t.token('trainer')))
        .expect(200)
    ).body;
    expect(stored.audience.unitIds).toEqual([Number(unit)]);
    expect(stored.materials.regulations.map((r: { code: string }) => r.code).sort()).toEqual(
      [regA, regB].sort(),
    );
    expect(stored.materials.materialIds).toEqual([Number(material)]);
    const groupPage = await t.http().get('/app/group-studies').set('Cookie', s.cookie).expect(200);
    expect(groupPage.text).not.toMatch(/<select[^>]*\smultiple[\s>=]/);
    expect(groupPage.text).toContain('<fieldset class="check-list" id="g-regs"');
    expect(groupPage.text).toContain('<fieldset class="check-list" id="g-mats"');
    expect(groupPage.text).toContain('src="/app/assets/builder.js"');
    // A form without the token is refused.
    await t
      .http()
      .post('/app/campaigns')
      .set('Cookie', s.cookie)
      .type('form')
      .send({ title: 'x' })
      .expect(403);

    const groupSeconds = async () =>
      (
        (await t.http().get('/api/study/progress').set(bearer(staffToken)).expect(200)).body.bySource as {
          source: string;
          seconds: number;
        }[]
      ).find((b) => b.source === 'group-study')!.seconds;
    const before = await groupSeconds();
    const recorded = await t
      .http()
      .post('/app/group-studies')
      .set('Cookie', s.cookie)
      .type('form')
      .send({
        _csrf: s.csrf,
        heldOn: today,
        topic: '页面测试集体学法',
        minutes: '90',
        campaignId: String(campaignId),
        attendeeIds: [String(me.id), String(other.id)],
      })
      .expect(303);
    expect(recorded.headers.location).toBe('/app/group-studies');
    expect(flashOf(recorded)).toMatchObject({ kind: 'ok' });
    expect(await groupSeconds()).toBe(before + 90 * 60);
    const none = await t
      .http()
      .post('/app/group-studies')
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, heldOn: today, topic: '无人参加', minutes: '30' })
      .expect(303);
    expect(flashOf(none)).toEqual({ kind: 'error', text: expect.stringContaining('请至少选择一名参学人员') });
    const sessions = await t.http().get('/app/group-studies').set('Cookie', s.cookie).expect(200);
    expect(sessions.text).toContain('页面测试集体学法');
    expect(sessions.text).toContain(other.name);

    const m = await login('manager');
    const page = await t.http().get(`/app/campaigns/${campaignId}`).set('Cookie', m.cookie).expect(200);
    for (const text of ['id="unit-completion"', '各单位完成情况', '<svg', 'id="person-completion"'])
      expect(page.text).toContain(text);
    const api = await t
      .http()
      .get(`/api/campaigns/${campaignId}/completion`)
      .set(bearer(await t.token('manager')))
      .expect(200);
    for (const u of api.body.units as { unitName: string }[]) expect(page.text).toContain(u.unitName);
    const mine = (api.body.persons as { userId: number; completed: boolean }[]).find(
      (p) => p.userId === me.id,
    );
    expect(mine).toMatchObject({ completed: true });
    await t.http().get('/app/group-studies').set('Cookie', m.cookie).expect(200);

    const staff = await login('staff');
    const seen = await t.http().get('/app/campaigns').set('Cookie', staff.cookie).expect(200);
    expect(seen.text).toContain('页面测试法规学习月&lt;b&gt;');
    expect(seen.text).toContain('已完成');
    for (const p of ['/app/campaigns/new', `/app/campaigns/${campaignId}`, '/app/group-studies']) {
      const res = await t.http().get(p).set('Cookie', staff.cookie);
      expect([p, res.status]).toEqual([p, 403]);
      expect(res.text).toContain('无权访问');
    }
    await t
      .http()
      .post('/app/group-studies')
      .set('Cookie', staff.cookie)
      .type('form')
      .send({ _csrf: staff.csrf, heldOn: today, topic: '越权', minutes: '30', attendeeIds: [String(me.id)] })
      .expect(403);
    expect(await groupSeconds()).toBe(before + 90 * 60);
  });

  it('renders the dashboard from the services, without one internal HTTP request', async () => {
    const s = await session('manager');
    const fastify = t.app.getHttpAdapter().getInstance() as FastifyInstance;
    const inject = jest.spyOn(fastify, 'inject');
    try {
      const res = await t.http().get('/app/dashboard').set('Cookie', s.cookie).expect(200);
      expect(res.text).toContain('id="exam-stats-table"');
      expect(inject).not.toHaveBeenCalled();
    } finally {
      inject.mockRestore();
    }
  });

  it('shows a failed service as a message on its part of the page, never as an empty list', async () => {
    const s = await session('staff');
    const available = jest
      .spyOn(ExamsService.prototype, 'available')
      .mockRejectedValue(new Error('database went away'));
    try {
      const res = await t.http().get('/app').set('Cookie', s.cookie).expect(200);
      expect(res.text).toContain('考试列表暂不可用');
      expect(res.text).not.toContain('目前没有需要参加的考试');
      // The other parts still show.
      expect(res.text).toContain('id="study-hours"');
    } finally {
      available.mockRestore();
    }
  });

  it('answers an unknown page, a missing record and a bad id with a Chinese HTML page and a way home', async () => {
    const s = await session('trainer');
    for (const [path, status, text] of [
      ['/app/no-such-page', 404, '页面不存在'],
      ['/app/exams/99999', 404, '考试不存在'],
      ['/app/questions/abc', 400, '请求参数无效'],
    ] as const) {
      const res = await t.http().get(path).set('Cookie', s.cookie);
      expect([path, res.status]).toEqual([path, status]);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain(text);
      expect(res.text).toContain('<a href="/app">返回首页</a>');
    }
    const unknownPost = await t
      .http()
      .post('/app/no-such-action')
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf });
    expect(unknownPost.status).toBe(404);
    expect(unknownPost.headers['content-type']).toMatch(/text\/html/);
    const staff = await session('staff');
    const refused = await t.http().get('/app/banks').set('Cookie', staff.cookie).expect(403);
    expect(refused.text).toContain('无权访问');
    expect(refused.text).toContain('<a href="/app">返回首页</a>');
  });

  it('sends a form that fails validation back to its page with the Chinese message', async () => {
    const s = await session('trainer');
    const res = await t
      .http()
      .post('/app/attempts/1/extend')
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, examId: '1', minutes: 'abc' })
      .expect(303);
    expect(res.headers.location).toBe('/app/exams/1');
    expect(flashOf(res)).toEqual({ kind: 'error', text: expect.stringContaining('请求参数无效：应为整数') });
  });

  it('shows each role only the navigation entries it may open', async () => {
    for (const user of ['staff', 'trainer', 'manager', 'station-manager', 'admin']) {
      const s = await session(user);
      const home = await t.http().get('/app').set('Cookie', s.cookie).expect(200);
      const nav = /<nav class="site-nav"[\s\S]*?<\/ul>/.exec(home.text)![0];
      const links = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      expect(links.length).toBeGreaterThan(2);
      for (const href of links) {
        const res = await t.http().get(href).set('Cookie', s.cookie);
        expect([user, href, res.status]).toEqual([user, href, 200]);
      }
    }
  });

  it('sends a signed-in visitor of /login on, and shares the login throttle with the API', async () => {
    const s = await session('staff');
    const again = await t.http().get('/login?next=/app/study').set('Cookie', s.cookie).expect(303);
    expect(again.headers.location).toBe('/app/study');
    // Ten wrong passwords through the API use up the username's minute (LOGIN_THROTTLE_LIMIT 10) …
    for (let i = 0; i < 10; i++)
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'S0050', password: 'wrong-password' })
        .expect(401);
    // … so the login page refuses the right password too, with the page and its message.
    const { res: page } = await pageLogin(t, 'S0050');
    expect(page.status).toBe(429);
    expect(page.text).toContain('登录尝试过于频繁');
    expect(page.text).toContain('id="login-error"');
  });

  /** A session cookie minted without the (throttled) login form. */
  async function session(username: string) {
    const token = await t.token(username);
    const form = await t.http().get('/login');
    const csrf = cookiesOf(form.headers['set-cookie']).csrf_token;
    return { cookie: `access_token=${token}; csrf_token=${csrf}`, csrf };
  }

  async function adminLogin() {
    const token = await t.token('admin');
    const form = await t.http().get('/login');
    const csrf = cookiesOf(form.headers['set-cookie']).csrf_token;
    return { cookie: `access_token=${token}; csrf_token=${csrf}`, csrf };
  }
});
