import { DataSource } from 'typeorm';
import { toCsv } from '../src/common/sheet';
import { dataSourceOptions, ENTITY_FILES } from '../src/database/data-source-options';
import { ADMIN_PASSWORD, bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

describe('foundation: identity, organisation, roster, start-up', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    adminToken = await t.token('admin');
  });
  afterAll(async () => t.close());

  describe('login', () => {
    it('logs in with the right password and returns a usable token', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'staff', password: DEMO_PASSWORD })
        .expect(200);
      expect(res.body).toMatchObject({ user: { username: 'staff', name: '王学员', roles: ['staff'] } });
      const me = await t.http().get('/api/me').set(bearer(res.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ username: 'staff', enforcementPost: true, businessLines: ['care'] });
      expect(me.body).not.toHaveProperty('passwordHash');
    });

    it('answers a wrong password and an unknown user with the same generic 401', async () => {
      const wrong = await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'trainer', password: 'nope-1234' })
        .expect(401);
      const unknown = await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'nobody', password: 'nope-1234' })
        .expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: '用户名或密码错误' });
      expect(unknown.body).toEqual(wrong.body);
    });

    it('throttles a username after 10 tries a minute with 429', async () => {
      for (let i = 0; i < 10; i++) {
        await t
          .http()
          .post('/api/auth/login')
          .send({ username: 'S0001', password: 'wrong-pass-1' })
          .expect(401);
      }
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'S0001', password: DEMO_PASSWORD })
        .expect(429);
      expect(res.body).toMatchObject({ statusCode: 429, message: '登录尝试过于频繁，请一分钟后再试' });
    });

    it('rejects requests without a token, with a bad token, and for a disabled account', async () => {
      await t.http().get('/api/me').expect(401);
      await t.http().get('/api/me').set(bearer('garbage')).expect(401);
      const token = await t.token('S0002');
      const s2 = await t.http().get('/api/users?q=S0002').set(bearer(adminToken)).expect(200);
      await t
        .http()
        .patch(`/api/users/${s2.body.items[0].id}`)
        .set(bearer(adminToken))
        .send({ disabled: true })
        .expect(200);
      await t.http().get('/api/me').set(bearer(token)).expect(401);
    });

    it('throttles one client IP after its limit, whatever the usernames', async () => {
      // Passport strategies are process-global, so the app is restarted with a small limit rather than booted twice.
      await t.restart({ LOGIN_THROTTLE_IP_LIMIT: '3' });
      try {
        for (const username of ['a1', 'a2', 'a3']) {
          await t.http().post('/api/auth/login').send({ username, password: 'wrong-pass-1' }).expect(401);
        }
        await t
          .http()
          .post('/api/auth/login')
          .send({ username: 'admin', password: ADMIN_PASSWORD })
          .expect(429);
      } finally {
        await t.restart();
      }
    });

    it('validates request bodies with field details in one error shape', async () => {
      const res = await t
        .http()
        .post('/api/users')
        .set(bearer(adminToken))
        .send({ username: 'x y', name: 5, roles: ['boss'], extra: 1 })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: '请求参数无效' });
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'extra', message: '不允许的字段' },
          { field: 'name', message: '应为文本' },
          { field: 'roles', message: '取值不在允许范围内' },
          { field: 'username', message: '登录名只能包含字母、数字和 . _ -' },
        ]),
      );
    });
  });

  describe('roles and scope', () => {
    it('forbids a staff token on an admin route', async () => {
      const res = await t
        .http()
        .get('/api/users')
        .set(bearer(await t.token('staff')))
        .expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: '无权执行此操作' });
      await t
        .http()
        .post('/api/units')
        .set(bearer(await t.token('trainer')))
        .send({ name: 'x', kind: 'department', parentId: 1 })
        .expect(403);
    });

    it('lets the bureau manager see every unit and the station manager only the station subtree', async () => {
      const bureau = await t
        .http()
        .get('/api/units')
        .set(bearer(await t.token('manager')))
        .expect(200);
      expect(bureau.body).toHaveLength(1);
      expect(bureau.body[0].name).toBe('区退役军人事务局');
      const station = await t
        .http()
        .get('/api/units')
        .set(bearer(await t.token('station-manager')))
        .expect(200);
      expect(station.body.map((u: { name: string }) => u.name)).toEqual(['区退役军人服务中心（站）']);
      expect(JSON.stringify(station.body)).toContain('光明社区退役军人服务站');
      expect(JSON.stringify(station.body)).not.toContain('优抚褒扬科');
    });

    it('refuses a station manager a unit outside the subtree, and its people', async () => {
      const token = await t.token('station-manager');
      const units = await t.http().get('/api/units').set(bearer(adminToken)).expect(200);
      const care = units.body[0].children.find((u: { name: string }) => u.name === '优抚褒扬科');
      const res = await t.http().get(`/api/units/${care.id}`).set(bearer(token)).expect(403);
      expect(res.body.message).toBe('该单位不在您的管辖范围内');
      await t.http().get(`/api/users?unitId=${care.id}`).set(bearer(token)).expect(403);
      const visible = await t.http().get('/api/users?pageSize=500').set(bearer(token)).expect(200);
      expect(visible.body.items.every((u: { unitName: string }) => /服务/.test(u.unitName))).toBe(true);
      const staff = await t.http().get('/api/users?q=staff').set(bearer(adminToken)).expect(200);
      await t.http().get(`/api/users/${staff.body.items[0].id}`).set(bearer(token)).expect(404);
    });

    it('lists users paged and filtered, with a total', async () => {
      const res = await t.http().get('/api/users?line=care&pageSize=5').set(bearer(adminToken)).expect(200);
      expect(res.body.total).toBeGreaterThan(5);
      expect(res.body.items).toHaveLength(5);
      expect(res.body.items.every((u: { businessLines: string[] }) => u.businessLines.includes('care'))).toBe(
        true,
      );
    });
  });

  describe('units', () => {
    it('moves a unit with its subtree and audits it', async () => {
      const all = await t.http().get('/api/units').set(bearer(adminToken)).expect(200);
      const root = all.body[0];
      const parent = await t
        .http()
        .post('/api/units')
        .set(bearer(adminToken))
        .send({ name: '测试街道退役军人服务站', kind: 'station', level: 'street', parentId: root.id })
        .expect(201);
      const child = await t
        .http()
        .post('/api/units')
        .set(bearer(adminToken))
        .send({
          name: '测试社区退役军人服务站',
          kind: 'station',
          level: 'community',
          parentId: parent.body.id,
        })
        .expect(201);
      const district = root.children.find((u: { level: string }) => u.level === 'district');
      const moved = await t
        .http()
        .patch(`/api/units/${parent.body.id}`)
        .set(bearer(adminToken))
        .send({ parentId: district.id })
        .expect(200);
      expect(moved.body.path).toBe(`${district.path}${parent.body.id}/`);
      const c = await t.http().get(`/api/units/${child.body.id}`).set(bearer(adminToken)).expect(200);
      expect(c.body.path).toBe(`${district.path}${parent.body.id}/${child.body.id}/`);
      await t
        .http()
        .patch(`/api/units/${parent.body.id}`)
        .set(bearer(adminToken))
        .send({ parentId: child.body.id })
        .expect(400);
      const audit = await t
        .http()
        .get(`/api/audit?entity=unit&entityId=${parent.body.id}`)
        .set(bearer(adminToken))
        .expect(200);
      expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['unit.move', 'unit.create']);
    });
  });

  describe('roster import', () => {
    const headers = ['姓名', '工号', '单位', '岗位', '是否公务员', '是否执法岗位', '业务条线', '角色'];
    const good = [
      ['赵一', 'R0001', '优抚褒扬科', '科员', '是', '是', '优抚褒扬', '学员'],
      ['钱二', 'R0002', '光明街道退役军人服务站', '专干', '否', '否', '就业创业、权益维护', ''],
    ];
    const post = (rows: string[][], query = '') =>
      t
        .http()
        .post(`/api/roster/import${query}`)
        .set(bearer(adminToken))
        .attach('file', toCsv(headers, rows), '花名册.csv');

    it('dry-runs by default and writes nothing', async () => {
      const res = await post(good).expect(201);
      expect(res.body).toMatchObject({
        dryRun: true,
        rows: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        errors: [],
        written: false,
      });
      const users = await t.http().get('/api/users?q=R000').set(bearer(adminToken)).expect(200);
      expect(users.body.total).toBe(0);
    });

    it('reports every bad row with its row, column and field, and writes nothing', async () => {
      const bad = [
        ...good,
        ['孙三', 'R0003', '不存在的科', '科员', '是', '是', '优抚褒扬', '学员'],
        ['', 'R0004', '优抚褒扬科', '科员', '也许', '是', '飞行', '学员'],
      ];
      const res = await post(bad, '?dryRun=false').expect(422);
      expect(res.body.message).toBe('花名册.csv：发现 4 处错误，未导入任何数据');
      expect(res.body.details).toEqual([
        { row: 4, column: 'C', field: '单位', message: '单位“不存在的科”不存在' },
        { row: 5, column: 'A', field: '姓名', message: '姓名不能为空' },
        { row: 5, column: 'E', field: '是否公务员', message: '“也许”应为“是”或“否”' },
        {
          row: 5,
          column: 'G',
          field: '业务条线',
          message: '未知的业务条线“飞行”，可选：安置、权益维护、优抚褒扬、就业创业、军休、双拥',
        },
      ]);
      const users = await t.http().get('/api/users?q=R000').set(bearer(adminToken)).expect(200);
      expect(users.body.total).toBe(0);
    });

    it('imports only the valid rows when asked, then a re-import changes nothing', async () => {
      const bad = [...good, ['孙三', 'R0003', '不存在的科', '科员', '是', '是', '优抚褒扬', '学员']];
      const res = await post(bad, '?dryRun=false&mode=valid').expect(201);
      expect(res.body).toMatchObject({ created: 2, written: true });
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.initialPassword).toMatch(/^[A-Za-z0-9]{14}$/);
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'R0001', password: res.body.initialPassword })
        .expect(200);
      expect(login.body.user.name).toBe('赵一');
      const again = await post(good, '?dryRun=false').expect(201);
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, written: false });
      const changed = await post(
        [good[0], ['钱二', 'R0002', '光明街道退役军人服务站', '站长', '否', '否', '就业创业', '']],
        '?dryRun=false',
      ).expect(201);
      expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    });

    it('keeps a station manager to the units under the station', async () => {
      const res = await t
        .http()
        .post('/api/roster/import?dryRun=true')
        .set(bearer(await t.token('station-manager')))
        .attach('file', toCsv(headers, [good[0]]), 'r.csv')
        .expect(422);
      expect(res.body.details[0]).toMatchObject({
        row: 2,
        field: '单位',
        message: '单位“优抚褒扬科”不在您的管辖范围内',
      });
    });

    it('refuses a corrupt spreadsheet and a missing header clearly', async () => {
      const corrupt = await t
        .http()
        .post('/api/roster/import')
        .set(bearer(adminToken))
        .attach('file', Buffer.from('PK\u0003\u0004garbage'), 'r.xlsx')
        .expect(422);
      expect(corrupt.body.message).toBe(
        'r.xlsx：文件不是有效的 Excel（.xlsx）文件（可能已损坏，或只是改了扩展名），请用 Office/WPS 重新保存后上传',
      );
      const missing = await t
        .http()
        .post('/api/roster/import')
        .set(bearer(adminToken))
        .attach('file', toCsv(['姓名', '部门'], [['a', 'b']]), 'r.csv')
        .expect(422);
      expect(missing.body.details).toEqual([
        { row: 1, column: 'B', field: '部门', message: expect.stringContaining('未知的表头“部门”') },
        { row: 1, field: '工号', message: '缺少必需的表头“工号”' },
        { row: 1, field: '单位', message: '缺少必需的表头“单位”' },
      ]);
    });

    it('serves the template', async () => {
      const res = await t.http().get('/api/roster/template.xlsx').set(bearer(adminToken)).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    });
  });

  describe('start-up', () => {
    it('registers every entity file in its feature module, the ones the TypeORM CLI finds by name', async () => {
      const names = (ds: DataSource) => ds.entityMetadatas.map((m) => m.name).sort();
      // The CLI's data source (src/database/data-source.ts): this database, the entity files, no module.
      const cli = new DataSource(dataSourceOptions(t.config.database, [ENTITY_FILES]));
      await cli.initialize();
      try {
        expect(names(cli).length).toBeGreaterThan(25);
        expect(names(t.app.get(DataSource))).toEqual(names(cli));
      } finally {
        await cli.destroy();
      }
    });

    it('reports health and serves the OpenAPI document', async () => {
      const health = await t.http().get('/api/health').expect(200);
      expect(health.body).toMatchObject({ status: 'ok', database: { reachable: true } });
      const docs = await t.http().get('/api/docs/json').expect(200);
      expect(docs.body.paths).toHaveProperty('/api/auth/login');
    });

    it('creates the admin with ADMIN_PASSWORD and ~60 demo staff; a restart duplicates nothing', async () => {
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      const count = async () => {
        const ds = t.app.get(DataSource);
        const [{ n: users }] = await ds.query('SELECT COUNT(*) AS n FROM "user"');
        const [{ n: units }] = await ds.query('SELECT COUNT(*) AS n FROM unit');
        // Article rows keep their ids: an unchanged law text is not rewritten at start-up.
        const [{ n: articles, top }] = await ds.query('SELECT COUNT(*) AS n, MAX(id) AS top FROM article');
        return {
          users: Number(users),
          units: Number(units),
          articles: Number(articles),
          lastArticleId: Number(top),
        };
      };
      const before = await count();
      expect(before.users).toBeGreaterThanOrEqual(60);
      await t.restart();
      expect(await count()).toEqual(before);
      adminToken = await t.token('admin');
    });
  });
});
