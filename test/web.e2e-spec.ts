import { bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

/** Cookie session for the web pages: redirect to /login, login sets the cookies, CSRF on every cookie write. */
describe('web: session cookie and CSRF', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
  });
  afterAll(async () => t.close());

  const cookiesOf = (setCookie: string[] | string | undefined): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      out[pair.slice(0, i)] = pair.slice(i + 1);
    }
    return out;
  };

  async function login(username: string) {
    const form = await t.http().get('/login').expect(200);
    const csrfBefore = cookiesOf(form.headers['set-cookie']).csrf_token;
    expect(form.text).toContain('登录');
    const res = await t
      .http()
      .post('/login')
      .set('Cookie', `csrf_token=${csrfBefore}`)
      .type('form')
      .send({ username, password: DEMO_PASSWORD, _csrf: csrfBefore })
      .expect(303);
    expect(res.headers.location).toBe('/app');
    const raw = [res.headers['set-cookie'] ?? []].flat() as string[];
    const access = raw.find((c) => c.startsWith('access_token='))!;
    expect(access).toMatch(/HttpOnly/i);
    expect(access).toMatch(/SameSite=Lax/i);
    const jar = cookiesOf(raw);
    return { cookie: `access_token=${jar.access_token}; csrf_token=${jar.csrf_token}`, csrf: jar.csrf_token };
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
    const form = await t.http().get('/login');
    const csrf = cookiesOf(form.headers['set-cookie']).csrf_token;
    const wrong = await t
      .http()
      .post('/login')
      .set('Cookie', `csrf_token=${csrf}`)
      .type('form')
      .send({ username: 'staff', password: 'wrong-password', _csrf: csrf })
      .expect(401);
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

  async function adminLogin() {
    const token = await t.token('admin');
    const form = await t.http().get('/login');
    const csrf = cookiesOf(form.headers['set-cookie']).csrf_token;
    return { cookie: `access_token=${token}; csrf_token=${csrf}`, csrf };
  }
});
