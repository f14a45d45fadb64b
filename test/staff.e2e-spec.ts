/**
 * Issue #15, access on exam day and the staff pages: the login throttle counts only failed tries per address, a
 * disabled account is told so after its password, an initial or reset password must be changed first (API 403,
 * pages lead to 修改密码), the admin's reset shows the password once on the page, 我的考试 / 我的记录, sign-out by
 * POST revoking the token, flash messages in a cookie, the session cookie's Secure flag, the Chinese 404 page.
 */
import { answerExam, publishCommonExam } from './helpers/sit-exam';
import { cookiesOf, pageLogin as signInByForm } from './helpers/pages';
import { ADMIN_PASSWORD, bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

describe('staff: access on exam day and own pages', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // The default throttle settings: this file is about them.
    t = await bootTestApp();
    admin = await t.token('admin');
  });
  afterAll(async () => t.close());

  const apiLogin = (username: string, password: string) =>
    t.http().post('/api/auth/login').send({ username, password });

  /** Signs in through the login form; returns the cookie header and the redirect. */
  const pageLogin = (username: string, password: string, next?: string) =>
    signInByForm(t, username, { password, next });

  async function createUser(username: string, extra: Record<string, unknown> = {}) {
    const res = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username, name: `测试${username}`, roles: ['staff'], ...extra })
      .expect(201);
    return res.body as { id: number; initialPassword?: string; mustChangePassword: boolean };
  }

  describe('login throttle', () => {
    it('lets every account of an office behind one address sign in: successes do not count', async () => {
      const users = (await t.http().get('/api/users?pageSize=500').set(bearer(admin)).expect(200)).body.items
        .map((u: { username: string }) => u.username)
        .filter((u: string) => u !== 'admin');
      expect(users.length).toBeGreaterThan(55);
      // Twice round the whole demo bureau from one address: far more than the old 10 tries a minute per address.
      let ok = 0;
      for (const round of [1, 2])
        for (const username of users) {
          const res = await apiLogin(username, DEMO_PASSWORD);
          expect([round, username, res.status]).toEqual([round, username, 200]);
          ok++;
        }
      expect(ok).toBeGreaterThan(110);
    });

    it('refuses an address after its failed tries, even the right password, and counts only failures', async () => {
      // Passport strategies are process-global, so the app is restarted with a small limit rather than booted twice.
      await t.restart({ LOGIN_THROTTLE_IP_LIMIT: '3' });
      try {
        for (let i = 0; i < 5; i++) await apiLogin(`S00${10 + i}`, DEMO_PASSWORD).expect(200);
        await apiLogin('nobody-1', 'wrong-pass-1').expect(401);
        await apiLogin('S0020', 'wrong-pass-1').expect(401);
        await apiLogin('S0021', DEMO_PASSWORD).expect(200);
        await apiLogin('nobody-2', 'wrong-pass-1').expect(401);
        const res = await apiLogin('admin', ADMIN_PASSWORD).expect(429);
        expect(res.body).toMatchObject({ statusCode: 429, message: '登录尝试过于频繁，请一分钟后再试' });
        // The login page shares the count.
        const page = await pageLogin('S0022', DEMO_PASSWORD);
        expect(page.res.status).toBe(429);
        expect(page.res.text).toContain('登录尝试过于频繁');
      } finally {
        await t.restart();
        admin = await t.token('admin');
      }
    });

    it('keeps the per-username limit: 10 tries a minute per account', async () => {
      for (let i = 0; i < 10; i++) await apiLogin('S0030', 'wrong-pass-1').expect(401);
      await apiLogin('S0030', DEMO_PASSWORD).expect(429);
    });
  });

  describe('disabled account', () => {
    it('says the account is disabled and whom to ask, only after the right password', async () => {
      const u = await createUser('disabled-1', { password: 'Disabled@2026', mustChangePassword: false });
      await t.http().patch(`/api/users/${u.id}`).set(bearer(admin)).send({ disabled: true }).expect(200);
      const right = await apiLogin('disabled-1', 'Disabled@2026').expect(403);
      expect(right.body.message).toContain('账号已停用');
      expect(right.body.message).toContain('系统管理员');
      // A wrong password learns nothing about the account.
      const wrong = await apiLogin('disabled-1', 'Wrong@2026x').expect(401);
      const unknown = await apiLogin('no-such-user', 'Wrong@2026x').expect(401);
      expect(wrong.body).toEqual(unknown.body);
      const page = await pageLogin('disabled-1', 'Disabled@2026');
      expect(page.res.status).toBe(403);
      expect(page.res.text).toContain('账号已停用');
    });
  });

  describe('initial and reset passwords', () => {
    it('never forces the demo accounts', async () => {
      const res = await apiLogin('staff', DEMO_PASSWORD).expect(200);
      expect(res.body.user.mustChangePassword).toBe(false);
      await t.http().get('/api/exams/available').set(bearer(res.body.accessToken)).expect(200);
    });

    it('lets an account with an initial password do nothing but change it, then everything', async () => {
      const u = await createUser('initial-1');
      expect(u.mustChangePassword).toBe(true);
      const login = await apiLogin('initial-1', u.initialPassword!).expect(200);
      expect(login.body.user.mustChangePassword).toBe(true);
      const token = login.body.accessToken;
      const refused = await t.http().get('/api/exams/available').set(bearer(token)).expect(403);
      expect(refused.body.message).toContain('请先修改初始密码');
      await t.http().get('/api/me').set(bearer(token)).expect(200);
      await t
        .http()
        .post('/api/me/password')
        .set(bearer(token))
        .send({ currentPassword: u.initialPassword, newPassword: 'Mine@2026abc' })
        .expect(200);
      const again = await apiLogin('initial-1', 'Mine@2026abc').expect(200);
      expect(again.body.user.mustChangePassword).toBe(false);
      await t.http().get('/api/exams/available').set(bearer(again.body.accessToken)).expect(200);
    });

    it('sends a signed-in page visitor with an initial password to 修改密码 and back where they were going', async () => {
      const u = await createUser('initial-2', { password: 'Given@2026x' });
      const s = await pageLogin('initial-2', 'Given@2026x', '/app/my-exams');
      expect(s.res.status).toBe(303);
      expect(s.res.headers.location).toBe('/app/password?next=%2Fapp%2Fmy-exams');
      const home = await t.http().get('/app').set('Cookie', s.cookie).expect(303);
      expect(home.headers.location).toBe('/app/password?next=%2Fapp');
      const form = await t.http().get('/app/password?next=/app/my-exams').set('Cookie', s.cookie).expect(200);
      expect(form.text).toContain('id="password-forced"');
      // Mismatched confirmation: the form again with the reason, nothing changed.
      const mismatch = await t
        .http()
        .post('/app/password')
        .set('Cookie', s.cookie)
        .type('form')
        .send({
          _csrf: s.csrf,
          currentPassword: 'Given@2026x',
          newPassword: 'Mine@2026xyz',
          confirmPassword: 'Mine@2026xy',
          next: '/app/my-exams',
        })
        .expect(400);
      expect(mismatch.text).toContain('两次输入的新密码不一致');
      const changed = await t
        .http()
        .post('/app/password')
        .set('Cookie', s.cookie)
        .type('form')
        .send({
          _csrf: s.csrf,
          currentPassword: 'Given@2026x',
          newPassword: 'Mine@2026xyz',
          confirmPassword: 'Mine@2026xyz',
          next: '/app/my-exams',
        })
        .expect(303);
      expect(changed.headers.location).toBe('/app/my-exams');
      // A new session in place of the ended one: the person carries on.
      const jar = cookiesOf(changed.headers['set-cookie']);
      expect(jar.access_token).toBeTruthy();
      const cookie = `access_token=${jar.access_token}; csrf_token=${jar.csrf_token}`;
      await t.http().get('/app/my-exams').set('Cookie', cookie).expect(200);
      await t.http().get('/app').set('Cookie', s.cookie).expect(303); // the old session ended
      expect(u.id).toBeGreaterThan(0);
    });

    it('forces the new accounts of a roster import, and an admin reset', async () => {
      const csv =
        '姓名,工号,单位,岗位,是否公务员,是否执法岗位,业务条线,角色,是否领导\n新同事,N9001,办公室,科员,是,否,,staff,否\n';
      const imported = await t
        .http()
        .post('/api/roster/import?dryRun=false')
        .set(bearer(admin))
        .attach('file', Buffer.from(csv, 'utf8'), '花名册.csv')
        .expect(201);
      const login = await apiLogin('N9001', imported.body.initialPassword).expect(200);
      expect(login.body.user.mustChangePassword).toBe(true);

      const staffId = (await t.http().get('/api/users?q=S0040').set(bearer(admin)).expect(200)).body.items[0]
        .id;
      const reset = await t
        .http()
        .post(`/api/users/${staffId}/reset-password`)
        .set(bearer(admin))
        .expect(200);
      const after = await apiLogin('S0040', reset.body.newPassword).expect(200);
      expect(after.body.user.mustChangePassword).toBe(true);
    });

    it('shows the admin the reset password once on the answer page, never in an address or cookie', async () => {
      const s = await pageLogin('admin', ADMIN_PASSWORD);
      const id = (await t.http().get('/api/users?q=S0041').set(bearer(admin)).expect(200)).body.items[0].id;
      const res = await t
        .http()
        .post(`/app/admin/users/${id}/reset-password`)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ _csrf: s.csrf, confirm: '1' }) // after the confirmation step
        .expect(200);
      const shown = /id="new-password"><code>([^<]+)<\/code>/.exec(res.text)![1];
      expect(res.headers.location).toBeUndefined();
      expect(JSON.stringify(res.headers['set-cookie'] ?? [])).not.toContain(shown);
      expect(res.text).toContain('只显示这一次');
      const login = await apiLogin('S0041', shown).expect(200);
      expect(login.body.user.mustChangePassword).toBe(true);
      // The person sees the reset on 我的记录 (with who did it).
      const p = await pageLogin('S0041', shown);
      const mine = await t
        .http()
        .post('/app/password')
        .set('Cookie', p.cookie)
        .type('form')
        .send({
          _csrf: p.csrf,
          currentPassword: shown,
          newPassword: 'Mine@2026rec',
          confirmPassword: 'Mine@2026rec',
        })
        .expect(303);
      const jar = cookiesOf(mine.headers['set-cookie']);
      const record = await t
        .http()
        .get('/app/my-record')
        .set('Cookie', `access_token=${jar.access_token}; csrf_token=${jar.csrf_token}`)
        .expect(200);
      expect(record.text).toContain('重置密码');
      expect(record.text).toContain('系统管理员');
    });
  });

  describe('我的考试', () => {
    it('lists a passed exam as 已通过 with its score and review link, not under 待参加 with 开始考试', async () => {
      const trainer = await t.token('trainer');
      const staffId = (
        await t
          .http()
          .get('/api/me')
          .set(bearer(await t.token('S0005')))
          .expect(200)
      ).body.id;
      const examId = await publishCommonExam(t, trainer, {
        title: '我的考试测试（一次）',
        kind: 'quarterly',
        attemptsAllowed: 1,
        reviewPolicy: 'after-submit',
        audience: { userIds: [staffId] },
        rules: [{ type: 'single', count: 5, points: 20 }],
        passMark: 60,
      });
      const retryId = await publishCommonExam(t, trainer, {
        title: '我的考试测试（可再考）',
        kind: 'quarterly',
        attemptsAllowed: 3,
        reviewPolicy: 'after-submit',
        audience: { userIds: [staffId] },
        rules: [{ type: 'single', count: 5, points: 20 }],
        passMark: 60,
      });
      const token = await t.token('S0005');
      const passed = await answerExam(t, 'S0005', examId, ['common']);
      await t.http().post(`/api/attempts/${passed}/submit`).set(bearer(token)).expect(200);
      const failed = await answerExam(t, 'S0005', retryId, []);
      await t.http().post(`/api/attempts/${failed}/submit`).set(bearer(token)).expect(200);

      const api = (await t.http().get('/api/me/exams').set(bearer(token)).expect(200)).body;
      const one = api.find((e: { id: number }) => e.id === examId);
      expect(one).toMatchObject({ standing: 'passed', standingLabel: '已通过', reviewOpen: true });
      expect(one.attempts[0]).toMatchObject({ id: passed, score: 100, maxScore: 100, passed: true });
      const retry = api.find((e: { id: number }) => e.id === retryId);
      expect(retry).toMatchObject({
        standing: 'retry',
        standingLabel: '可再考（剩余 2 次）',
        reviewOpen: false,
      });
      expect(retry.reviewReason).toContain('您还可以再次参加');

      const s = await pageLogin('S0005', DEMO_PASSWORD);
      const page = await t.http().get('/app/my-exams').set('Cookie', s.cookie).expect(200);
      expect(page.text).toContain('我的考试测试（一次）');
      expect(page.text).toContain('100 / 100');
      expect(page.text).toContain(`/app/attempts/${passed}/review`);
      expect(page.text).not.toContain(`/app/attempts/${failed}/review`);
      expect(page.text).toContain('可再考（剩余 2 次）');
      const home = await t.http().get('/app').set('Cookie', s.cookie).expect(200);
      const todo = /<ul class="cards" id="exams-todo">[\s\S]*?<\/ul>/.exec(home.text)?.[0] ?? '';
      expect(todo).not.toContain('我的考试测试（一次）');
      expect(todo).toContain('我的考试测试（可再考）');
      expect(todo).toContain('再考一次');
    });
  });

  describe('reading', () => {
    it('lists only documents in force as required study, the repealed under 历史沿革 with what replaced them', async () => {
      const s = await pageLogin('staff', DEMO_PASSWORD);
      const page = await t.http().get('/app/study').set('Cookie', s.cookie).expect(200);
      const [required, history] = page.text.split('id="history"');
      expect(history).toBeDefined();
      expect(required).not.toContain('/app/study/petition-regulation-2005"');
      expect(required).toContain('/app/study/petition-regulation"');
      const entry =
        /<li class="card">\s*<a href="\/app\/study\/petition-regulation-2005">[\s\S]*?<\/li>/.exec(
          history,
        )![0];
      expect(entry).toContain('已废止');
      expect(entry).toContain('href="/app/study/petition-regulation"');
      expect(entry).toContain('信访工作条例');
    });

    it("labels an excerpt with the articles it holds and the whole law's count", async () => {
      const s = await pageLogin('staff', DEMO_PASSWORD);
      const api = (
        await t
          .http()
          .get('/api/regulations/veterans-protection-law')
          .set(bearer(await t.token('staff')))
      ).body;
      expect(api).toMatchObject({ excerpt: true, totalArticles: 85 });
      expect(api.articleCount).toBeLessThan(85);
      const page = await t
        .http()
        .get('/app/study/veterans-protection-law')
        .set('Cookie', s.cookie)
        .expect(200);
      expect(page.text).toContain('id="excerpt-note"');
      expect(page.text).toContain(`收录 ${api.articleCount} 条（全文共 85 条）`);
      const library = await t.http().get('/app/study').set('Cookie', s.cookie).expect(200);
      expect(library.text).toContain(`收录 ${api.articleCount} 条（全文共 85 条）`);
    });

    it("keeps Chinese punctuation in search snippets and does not repeat a document's title as its snippet", async () => {
      const token = await t.token('staff');
      const res = await t
        .http()
        .get(`/api/materials/search?q=${encodeURIComponent('退役军人保障法')}`)
        .set(bearer(token))
        .expect(200);
      const doc = res.body.hits.find((h: { kind: string }) => h.kind === 'regulation');
      expect(doc.snippet).not.toBe(doc.title);
      expect(doc.snippet).toContain('法律');
      const articles = res.body.hits.filter((h: { kind: string }) => h.kind !== 'regulation');
      const snippets = articles.map((h: { snippet: string }) => h.snippet).join('');
      expect(snippets).toMatch(/[，。；]/);
      expect(snippets).not.toMatch(/[\u4e00-\u9fff],[\u4e00-\u9fff]/);
    });
  });

  describe('notebook items', () => {
    it('opens one notebook question as a practice hand-out, and no question outside the notebook', async () => {
      const token = await t.token('S0015');
      const handed = await t
        .http()
        .post('/api/practice/questions')
        .set(bearer(token))
        .send({ count: 1 })
        .expect(200);
      const q = handed.body.questions[0];
      // Not in the notebook yet: refused, nothing handed out, no key.
      await t
        .http()
        .post('/api/practice/questions')
        .set(bearer(token))
        .send({ notebook: true, questionId: q.id })
        .expect(404);
      await t
        .http()
        .post('/api/practice/questions')
        .set(bearer(token))
        .send({ questionId: q.id })
        .expect(400);
      await t
        .http()
        .post('/api/practice/answer')
        .set(bearer(token))
        .send({
          questionId: q.id,
          revisionId: q.revisionId,
          practiceItemId: q.practiceItemId,
          response: null,
        })
        .expect(200);
      const one = await t
        .http()
        .post('/api/practice/questions')
        .set(bearer(token))
        .send({ notebook: true, questionId: q.id })
        .expect(200);
      expect(one.body.questions.map((x: { id: number }) => x.id)).toEqual([q.id]);
      expect(one.body.questions[0]).not.toHaveProperty('answer');
      const page = await pageLogin('S0015', DEMO_PASSWORD);
      const notebook = await t.http().get('/app/notebook').set('Cookie', page.cookie).expect(200);
      expect(notebook.text).toContain(`/app/practice?notebook=1&amp;question=${q.id}`);
      const practice = await t
        .http()
        .get(`/app/practice?notebook=1&question=${q.id}`)
        .set('Cookie', page.cookie)
        .expect(200);
      expect(practice.text).toContain(`data-question="${q.id}"`);
    });
  });

  describe('sessions on the pages', () => {
    it('signs out only by POST, and the signed-out token is refused everywhere', async () => {
      const s = await pageLogin('S0006', DEMO_PASSWORD);
      const get = await t.http().get('/logout').set('Cookie', s.cookie).expect(200);
      expect(get.headers['set-cookie']).toBeUndefined();
      expect(get.text).toContain('action="/logout"');
      await t.http().get('/api/me').set(bearer(s.token)).expect(200);
      const out = await t
        .http()
        .post('/logout')
        .set('Cookie', s.cookie)
        .type('form')
        .send({ _csrf: s.csrf })
        .expect(303);
      expect(out.headers.location).toBe('/login');
      await t.http().get('/api/me').set(bearer(s.token)).expect(401);
    });

    it('shows no message a link puts in the address', async () => {
      const s = await pageLogin('S0007', DEMO_PASSWORD);
      const page = await t
        .http()
        .get(`/app?err=${encodeURIComponent('您的账号已被冻结，请拨打 400-000-0000')}&ok=x`)
        .set('Cookie', s.cookie)
        .expect(200);
      expect(page.text).not.toContain('请拨打');
    });

    it('answers an unknown /app address with the Chinese 404 page and a way home', async () => {
      const s = await pageLogin('S0008', DEMO_PASSWORD);
      const res = await t.http().get('/app/no-such-page/here').set('Cookie', s.cookie).expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('页面不存在');
      expect(res.text).toContain('href="/app"');
    });

    it('marks the session cookie Secure on HTTPS behind a trusted proxy, or always when configured', async () => {
      const plain = await pageLogin('S0009', DEMO_PASSWORD);
      const access = [plain.res.headers['set-cookie'] ?? []]
        .flat()
        .find((c: string) => c.startsWith('access_token='));
      expect(access).not.toMatch(/Secure/);
      await t.restart({ TRUST_PROXY: '127.0.0.1' });
      try {
        const form = await t.http().get('/login').expect(200);
        const csrf = cookiesOf(form.headers['set-cookie']).csrf_token;
        const res = await t
          .http()
          .post('/login')
          .set('X-Forwarded-Proto', 'https')
          .set('Cookie', `csrf_token=${csrf}`)
          .type('form')
          .send({ username: 'S0009', password: DEMO_PASSWORD, _csrf: csrf })
          .expect(303);
        const cookie = [res.headers['set-cookie'] ?? []]
          .flat()
          .find((c: string) => c.startsWith('access_token='));
        expect(cookie).toMatch(/; Secure/);
      } finally {
        await t.restart({ COOKIE_SECURE: 'true' });
      }
      try {
        const s = await pageLogin('S0009', DEMO_PASSWORD);
        const cookie = [s.res.headers['set-cookie'] ?? []]
          .flat()
          .find((c: string) => c.startsWith('access_token='));
        expect(cookie).toMatch(/; Secure/);
      } finally {
        await t.restart();
        admin = await t.token('admin');
      }
    });
  });
});
