/**
 * Tokens and passwords: signing out revokes exactly that token (in every process, through the database), a token
 * without an expiry or an id is refused, and changing one's password is throttled per account and must change it.
 */
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('sessions and passwords', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ JWT_SECRET: SECRET });
  });
  afterAll(async () => t.close());

  const me = (token: string) => t.http().get('/api/me').set(bearer(token));

  it('every token has an expiry and its own id', async () => {
    const a = claims(await t.token('staff'));
    const b = claims(await t.token('staff'));
    expect(a).toMatchObject({ exp: expect.any(Number), jti: expect.any(String) });
    expect(a.jti).not.toBe(b.jti);
  });

  it('signing out revokes that token only', async () => {
    const phone = await t.token('S0005');
    const desktop = await t.token('S0005');
    await me(phone).expect(200);
    await t.http().post('/api/me/logout').set(bearer(phone)).expect(200, { loggedOut: true });
    const res = await me(phone).expect(401);
    expect(res.body.message).toBe('未登录或登录已过期');
    await me(desktop).expect(200);
    // Signing out twice is not an error worth a 500; the second time the token is already refused.
    await t.http().post('/api/me/logout').set(bearer(phone)).expect(401);
  });

  it('refuses a correctly signed token without an expiry, or without an id', async () => {
    const { id } = (await me(await t.token('S0006')).expect(200)).body;
    const noExp = jwt.sign({ sub: id, tv: 0 }, SECRET, { algorithm: 'HS256', jwtid: 'x-1' });
    const noJti = jwt.sign({ sub: id, tv: 0 }, SECRET, { algorithm: 'HS256', expiresIn: 3600 });
    const good = jwt.sign({ sub: id, tv: 0 }, SECRET, { algorithm: 'HS256', expiresIn: 3600, jwtid: 'x-2' });
    await me(noExp).expect(401);
    await me(noJti).expect(401);
    await me(good).expect(200);
  });

  it('refuses a token once it expires, though it was accepted (and its signature remembered) a moment before', async () => {
    const { id } = (await me(await t.token('S0006')).expect(200)).body;
    const exp = Math.floor(Date.now() / 1000) + 2;
    const soon = jwt.sign({ sub: id, tv: 0, exp }, SECRET, { algorithm: 'HS256', jwtid: 'x-3' });
    await me(soon).expect(200);
    await me(soon).expect(200);
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    await me(soon).expect(401);
  });

  it('a sign-out made by another process is honoured: at once with AUTH_CACHE_MS=0, and after a restart', async () => {
    const token = await t.token('S0007');
    const other = await t.token('S0007');
    await me(token).expect(200);
    await t.restart({ AUTH_CACHE_MS: '0' });
    // Another process signs the token out: all this one sees is the row in the shared database.
    const { jti, exp, sub } = claims(token);
    await t.app
      .get(DataSource)
      .createQueryBuilder()
      .insert()
      .into('revoked_token')
      .values({ jti, userId: sub, expiresAt: new Date(exp * 1000), revokedAt: new Date() })
      .execute();
    await me(token).expect(401);
    await me(other).expect(200);
    await t.restart();
    await me(token).expect(401);
    await me(other).expect(200);
  });

  it("with the account cache on, another process's sign-out is seen once the cache is older than AUTH_CACHE_MS", async () => {
    await t.restart({ AUTH_CACHE_MS: '50' });
    const token = await t.token('S0008');
    await me(token).expect(200);
    const { jti, exp, sub } = claims(token);
    await t.app
      .get(DataSource)
      .createQueryBuilder()
      .insert()
      .into('revoked_token')
      .values({ jti, userId: sub, expiresAt: new Date(exp * 1000), revokedAt: new Date() })
      .execute();
    await new Promise((r) => setTimeout(r, 100));
    await me(token).expect(401);
    await t.restart();
  });

  describe("changing one's password", () => {
    it('refuses the current password as the new one, naming the field', async () => {
      const token = await t.token('S0009');
      const res = await t
        .http()
        .post('/api/me/password')
        .set(bearer(token))
        .send({ currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD })
        .expect(400);
      expect(res.body).toMatchObject({
        message: '新密码不能与当前密码相同',
        details: [{ field: 'newPassword', message: '新密码不能与当前密码相同' }],
      });
      await me(token).expect(200);
    });

    it('is throttled per account: 5 tries in 15 minutes, then 429 even with the right password', async () => {
      const token = await t.token('S0010');
      for (let i = 0; i < 5; i++) {
        await t
          .http()
          .post('/api/me/password')
          .set(bearer(token))
          .send({ currentPassword: 'wrong-pass-1', newPassword: 'New@Pass2026' })
          .expect(400);
      }
      const res = await t
        .http()
        .post('/api/me/password')
        .set(bearer(token))
        .send({ currentPassword: DEMO_PASSWORD, newPassword: 'New@Pass2026' })
        .expect(429);
      expect(res.body).toMatchObject({ statusCode: 429, message: '修改密码尝试过于频繁，请 15 分钟后再试' });
      // A second session of the same account is the same account.
      await t
        .http()
        .post('/api/me/password')
        .set(bearer(await t.token('S0010')))
        .send({ currentPassword: DEMO_PASSWORD, newPassword: 'New@Pass2026' })
        .expect(429);
      // Another account is not affected, and a real change ends the old sessions.
      const other = await t.token('S0011');
      await t
        .http()
        .post('/api/me/password')
        .set(bearer(other))
        .send({ currentPassword: DEMO_PASSWORD, newPassword: 'New@Pass2026' })
        .expect(200);
      await me(other).expect(401);
      // Logging in is throttled separately and still works for the throttled account.
      await t.http().post('/api/auth/login').send({ username: 'S0010', password: DEMO_PASSWORD }).expect(200);
    });
  });
});
