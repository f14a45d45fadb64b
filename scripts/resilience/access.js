/**
 * Access matrix: every route of the OpenAPI document × anonymous, staff, trainer, manager, station-manager and
 * admin. The roles a route admits are read from the built controllers' @Roles/@Public metadata; a 2xx for a role
 * the route does not admit is a failure. Ownership: another candidate, and a manager of another branch, get 404
 * for someone's attempt; the bureau manager gets it.
 */
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');
const { Candidate } = require('./driver');

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'];

function routeRules() {
  require('reflect-metadata');
  const rules = new Map();
  const walk = (d) =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory()
          ? walk(path.join(d, e.name))
          : e.name.endsWith('.controller.js')
            ? [path.join(d, e.name)]
            : [],
      );
  const join = (...parts) =>
    '/' +
    parts
      .flatMap((p) => (Array.isArray(p) ? p[0] : p) || '')
      .join('/')
      .split('/')
      .filter(Boolean)
      .join('/');
  for (const file of walk(path.join(lib.ROOT, 'dist'))) {
    for (const cls of Object.values(require(file))) {
      if (typeof cls !== 'function' || Reflect.getMetadata('path', cls) === undefined) continue;
      const base = Reflect.getMetadata('path', cls);
      const clsRoles = Reflect.getMetadata('roles', cls);
      const clsPublic = Reflect.getMetadata('isPublic', cls);
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const h = cls.prototype[name];
        if (typeof h !== 'function' || Reflect.getMetadata('path', h) === undefined) continue;
        const method = METHODS[Reflect.getMetadata('method', h)];
        const p = join(base, Reflect.getMetadata('path', h)).replace(/:(\w+)/g, '{$1}');
        rules.set(`${method} ${p}`, {
          roles: Reflect.getMetadata('roles', h) ?? clsRoles ?? null,
          public: Boolean(Reflect.getMetadata('isPublic', h) ?? clsPublic),
        });
      }
    }
  }
  return rules;
}

module.exports = async function access({ dir, check, note }) {
  const server = await lib.startServer({
    env: { DATABASE_PATH: path.join(dir, 'access.sqlite'), SWEEP_INTERVAL_MS: '0' },
    logFile: path.join(dir, 'server.log'),
  });
  try {
    const rules = routeRules();
    const users = {
      anonymous: null,
      staff: await lib.login(server.url, 'staff'),
      trainer: await lib.login(server.url, 'trainer'),
      manager: await lib.login(server.url, 'manager'),
      'station-manager': await lib.login(server.url, 'station-manager'),
      admin: await lib.login(server.url, 'admin', lib.ADMIN_PASSWORD),
    };
    const roleOf = {
      staff: ['staff'],
      trainer: ['trainer'],
      manager: ['manager'],
      'station-manager': ['manager'],
      admin: ['admin'],
    };
    const me = {};
    for (const [k, t] of Object.entries(users))
      if (t) me[k] = (await lib.api(server.url, 'GET', '/api/me', { token: t })).json;
    for (const [k, m] of Object.entries(me)) if (m && Array.isArray(m.roles)) roleOf[k] = m.roles;
    const doc = (await lib.api(server.url, 'GET', '/api/docs/json')).json;
    const unexpected = [];
    const unknown = [];
    let cells = 0;
    const routes = [];
    for (const [p, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops))
        if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) routes.push([m.toUpperCase(), p]);
    // Reads first; then writes; the admin's own credential routes last (they may revoke its token).
    routes.sort(
      (a, b) =>
        Number(a[0] !== 'GET') - Number(b[0] !== 'GET') ||
        Number(/password/.test(a[1])) - Number(/password/.test(b[1])),
    );
    for (const [method, p] of routes) {
      const rule = rules.get(`${method} ${p.replace(/^\/api/, '')}`) ?? rules.get(`${method} ${p}`);
      if (!rule) unknown.push(`${method} ${p}`);
      for (const [who, token] of Object.entries(users)) {
        const admitted = rule
          ? who === 'anonymous'
            ? rule.public
            : rule.public || !rule.roles || rule.roles.some((r) => roleOf[who].includes(r))
          : who !== 'anonymous';
        if (admitted) continue; // only forbidden cells are asserted here
        cells++;
        const url = p.replace(/\{[^}]+\}/g, '1');
        const r = await lib.api(server.url, method, url, {
          token: token ?? undefined,
          body: method === 'GET' || method === 'DELETE' ? undefined : {},
        });
        if (r.status < 300 || r.status >= 500) unexpected.push(`${who} ${method} ${url} → ${r.status}`);
        else if (who === 'anonymous' && r.status !== 401)
          unexpected.push(`${who} ${method} ${url} → ${r.status} (expected 401)`);
        else if (who !== 'anonymous' && r.status !== 403)
          unexpected.push(`${who} ${method} ${url} → ${r.status} (expected 403)`);
      }
    }
    check(
      `${routes.length} routes × 6 roles: ${cells} forbidden cells answered 401/403, zero 2xx`,
      unexpected.length === 0,
      unexpected.slice(0, 6).join(' | '),
    );
    if (unknown.length)
      note(`routes without controller metadata (checked as "any signed-in user"): ${unknown.join(', ')}`);

    // Ownership: staff's attempt (优抚褒扬科, bureau offices).
    const trainer = users.trainer;
    const examId = await lib.createExam(server.url, trainer, {
      title: '权限测试',
      rules: [{ type: 'single', count: 5, points: 20 }],
    });
    const owner = new Candidate('staff');
    owner.token = users.staff;
    await owner.start(server.url, examId);
    const other = await lib.login(server.url, 'S0002');
    const q = owner.questions[0].id;
    const id = owner.attemptId;
    const own = [
      ['other candidate', other, 'GET', `/api/attempts/${id}`, 404],
      ['other candidate', other, 'PUT', `/api/attempts/${id}/answers/${q}`, 404, { response: 'A', seq: 1 }],
      ['other candidate', other, 'POST', `/api/attempts/${id}/events`, 404, { type: 'focus-loss' }],
      ['other candidate', other, 'GET', `/api/attempts/${id}/review`, 404],
      ['other candidate', other, 'POST', `/api/attempts/${id}/submit`, 404],
      ['other candidate', other, 'GET', `/api/attempts/${id}/detail`, 403],
      ['station manager (other branch)', users['station-manager'], 'GET', `/api/attempts/${id}/detail`, 404],
      [
        'station manager (other branch)',
        users['station-manager'],
        'POST',
        `/api/attempts/${id}/extend`,
        404,
        { minutes: 5 },
      ],
      [
        'station manager (other branch)',
        users['station-manager'],
        'POST',
        `/api/attempts/${id}/invalidate`,
        404,
        { reason: '越权测试' },
      ],
      ['bureau manager (unit above)', users.manager, 'GET', `/api/attempts/${id}/detail`, 200],
      ['owner', users.staff, 'GET', `/api/attempts/${id}`, 200],
    ];
    const wrong = [];
    for (const [who, token, method, url, want, body] of own) {
      const r = await lib.api(server.url, method, url, { token, body });
      if (r.status !== want) wrong.push(`${who} ${method} ${url} → ${r.status}, expected ${want}`);
    }
    const still = await lib.api(server.url, 'GET', `/api/attempts/${id}`, { token: users.staff });
    check(
      `ownership: ${own.length} own / same branch / other branch / other candidate cases`,
      wrong.length === 0,
      wrong.join(' | '),
    );
    check(
      "the attempt is untouched by the others' tries",
      still.json && still.json.status === 'in-progress' && still.json.questions.every((x) => x.seq === 0),
    );
  } finally {
    await server.stop();
  }
};
