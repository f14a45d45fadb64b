/**
 * Every route of the OpenAPI document fuzzed (fast-check) with malformed JSON, wrong types, huge bodies, unicode
 * edge cases and hostile path parameters, plus bad files for every import format with path-traversal names:
 * zero 5xx, the server still up, and nothing written by a rejected request (SQLite's data_version, read from a
 * second connection, changes with every commit made by the server).
 */
const path = require('node:path');
const fc = require('fast-check');
const Database = require('better-sqlite3');
const lib = require('./lib');

const UNICODE = [
  '\uD800',
  '\uDFFF',
  '\u202E\u0041',
  '\u0000',
  '\uFEFF',
  '𠜎𠜱𡃁',
  '👨‍👩‍👧‍👦',
  'e\u0301',
  '\u200B',
  'Ａ'.repeat(1000),
];
const PARAMS = [
  '0',
  '-1',
  '99999999999999999999',
  '1.5',
  'abc',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  encodeURIComponent('𠜎'),
  'NaN',
  '1e9',
];

const bodyArb = fc.oneof(
  fc.jsonValue().map((v) => ({ body: v })),
  fc.string({ maxLength: 200 }).map((s) => ({ raw: s })),
  fc
    .constantFrom(...UNICODE)
    .map((u) => ({ body: { username: u, password: u, name: u, title: u, response: u, seq: u, reason: u } })),
  fc
    .record({ seq: fc.oneof(fc.double(), fc.string(), fc.constant(null)), response: fc.anything() })
    .map((b) => ({ body: b })),
  fc
    .constantFrom(
      '{"a":',
      '{"__proto__":{"x":1}}',
      '[]',
      'null',
      '"\\ud800"',
      '{"constructor":{"prototype":{"x":1}}}',
    )
    .map((raw) => ({ raw })),
);

function badFiles() {
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  const zipHead = Buffer.concat([Buffer.from('PK\x03\x04'), junk]);
  const names = (ext) => [
    `../../../../etc/passwd.${ext}`,
    `..\\..\\windows\\win.${ext}`,
    `a\u0000b.${ext}`,
    `${'长'.repeat(300)}.${ext}`,
    `.${ext}`,
  ];
  const files = [];
  const add = (ext, content) =>
    names(ext).forEach((n, i) =>
      files.push({ name: n, content: i === 0 ? content : content.subarray(0, 2048) }),
    );
  add(
    'yaml',
    Buffer.from('bank: [unclosed\nquestions:\n  - type: single\n    stem: ::\n\t- !!js/function "x"\n'),
  );
  add('yml', Buffer.from('questions: 3\n'));
  add('json', Buffer.from('{"bank": {"code": 1}, "questions": [{"type": "single", "answer": {}}]'));
  add('xlsx', zipHead);
  add('csv', Buffer.from('题型,题干\n单选,"未闭合\n' + '\u0000'.repeat(50)));
  add('txt', junk);
  add('docx', zipHead);
  add('gift', Buffer.from('::title:: stem {=a ~ {{{ \n::x:: {'));
  add('aiken', Buffer.from('stem\nA) no\nANSWER: Z\n'));
  add('exe', junk);
  return files;
}

module.exports = async function fuzz({ dir, check, note }) {
  const dbPath = path.join(dir, 'fuzz.sqlite');
  const server = await lib.startServer({
    env: { DATABASE_PATH: dbPath, SWEEP_INTERVAL_MS: '0' },
    logFile: path.join(dir, 'server.log'),
  });
  const db = new Database(dbPath, { readonly: true });
  const version = () => db.pragma('data_version', { simple: true });
  const fiveXx = [];
  const wrote = [];
  let sent = 0;
  const hist = new Map();
  try {
    const admin = await lib.login(server.url, 'admin', lib.ADMIN_PASSWORD);
    const trainer = await lib.login(server.url, 'trainer');
    const doc = (await lib.api(server.url, 'GET', '/api/docs/json')).json;
    const routes = [];
    for (const [p, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops))
        if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) routes.push([m.toUpperCase(), p]);
    // Routes that can change the admin's own credentials (and so revoke its token) go last.
    const risky = (p) => /password|\/users|\/me\b/.test(p);
    routes.sort((a, b) => Number(risky(a[1])) - Number(risky(b[1])));
    const once = async (method, p, opts) => {
      const v = version();
      sent++;
      let r;
      try {
        r = await lib.api(server.url, method, p, opts);
      } catch (e) {
        fiveXx.push(`${method} ${p}: ${e.message}`);
        return;
      }
      hist.set(r.status, (hist.get(r.status) || 0) + 1);
      if (r.status >= 500) fiveXx.push(`${method} ${p} → ${r.status} ${r.text.slice(0, 120)}`);
      if (r.status >= 400 && version() !== v) wrote.push(`${method} ${p} → ${r.status}`);
      return r;
    };
    let hugeSent = 0;
    const hugeNot413 = [];
    // Every import format, badly formed, with hostile file names: nothing is written (mode=all).
    for (const f of badFiles()) {
      for (const [p, token] of [
        ['/api/question-banks/import?dryRun=false&mode=all', trainer],
        ['/api/roster/import?dryRun=false&mode=all', admin],
      ]) {
        const form = new FormData();
        form.append('file', new Blob([f.content]), f.name);
        await once('POST', p, { token, form });
      }
    }
    const samples = fc.sample(bodyArb, { numRuns: 10, seed: 20260808 });
    for (const [method, p] of routes) {
      for (const [k, b] of samples.entries()) {
        const url = p.replace(/\{[^}]+\}/g, () => PARAMS[(k + p.length) % PARAMS.length]);
        const opts = method === 'GET' || method === 'DELETE' ? {} : b;
        await once(method, url, { token: admin, ...opts });
      }
      // Real-looking ids with wrong bodies, and one huge body (above the 1 MB JSON limit).
      const real = p.replace(/\{[^}]+\}/g, '1');
      if (method !== 'GET' && method !== 'DELETE') {
        await once(method, real, {
          token: admin,
          body: { seq: 'x', response: { deep: Array(50).fill([[[]]]) }, minutes: -5, title: 7 },
        });
        hugeSent++;
        const r = await once(method, real, {
          token: admin,
          raw: JSON.stringify({ x: 'x'.repeat(2 * 1024 * 1024) }),
        });
        if (!r || r.status !== 413 || !/^请求内容过大/.test((r.json && r.json.message) || ''))
          hugeNot413.push(`${method} ${real} → ${r ? `${r.status} ${r.text.slice(0, 80)}` : 'no answer'}`);
      }
    }
    // Multipart with no file, two files, and a file bigger than MAX_UPLOAD_BYTES.
    const two = new FormData();
    two.append('file', new Blob(['a']), 'a.csv');
    two.append('file', new Blob(['b']), 'b.csv');
    await once('POST', '/api/question-banks/import?dryRun=false', { token: trainer, form: two });
    await once('POST', '/api/question-banks/import?dryRun=false', {
      token: trainer,
      raw: '--x\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc(11 * 1024 * 1024, 65)]), 'big.csv');
    await once('POST', '/api/question-banks/import?dryRun=false', { token: trainer, form: big });
    const v0 = version();
    await lib.createExam(server.url, trainer, {
      title: '对照',
      rules: [{ type: 'single', count: 5, points: 20 }],
    });
    check('control: a write the server accepts does change data_version', version() !== v0);
    const alive = (await lib.api(server.url, 'GET', '/api/health')).status === 200 && server.isAlive();
    note(
      `${sent} fuzzed requests over ${routes.length} routes and ${badFiles().length} bad files × 2 imports — statuses ${JSON.stringify(Object.fromEntries(hist))}`,
    );
    // Without routes from the OpenAPI document the fuzz would test nothing and pass.
    check(
      'the OpenAPI document lists the API (at least 80 routes fuzzed)',
      routes.length >= 80,
      `${routes.length} routes`,
    );
    check(
      'a 2 MB JSON body to every route with a body is answered 413 with the Chinese message, read by fetch',
      hugeSent >= 30 && hugeNot413.length === 0,
      `${hugeSent} sent; ${hugeNot413.length} not 413: ${hugeNot413.slice(0, 5).join(' | ')}`,
    );
    check('zero 5xx / dropped connections', fiveXx.length === 0, fiveXx.slice(0, 5).join(' | '));
    check('the server is still up (no crash)', alive);
    check('nothing written by a rejected request', wrote.length === 0, wrote.slice(0, 5).join(' | '));
  } finally {
    db.close();
    await server.stop();
  }
};
