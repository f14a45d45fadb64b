import * as fs from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Workbook } from 'exceljs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DRAIN_LIMIT_BYTES, ROUTE_BODY_LIMITS } from '../src/common/body-limits';
import { csvToSheet } from '../src/common/csv';
import { NON_PAGE_CSP, PAGE_CSP } from '../src/common/security-headers';
import { parseXlsx } from '../src/question-bank/parsers';
import { publishCommonExam } from './helpers/sit-exam';
import { browserSuite, CHROMIUM } from './helpers/browser';
import { pageLogin } from './helpers/pages';
import { bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

/**
 * Sends a JSON body with Node's fetch from a worker thread that stops writing after `pauseAfter` bytes until the
 * server has finished a response (or 3 s have passed) — a client on a busy machine. A server that answers 413 and
 * closes the socket before reading the body makes this client's fetch fail (EPIPE) every time; one that reads the
 * body first lets it read the answer.
 */
async function slowClient(opts: {
  path: string;
  token?: string;
  total: number;
  pauseAfter: number;
  chunked?: boolean;
}): Promise<{ status?: number; body?: Record<string, unknown>; error?: string }> {
  const code = `
    const { parentPort, workerData: w } = require('node:worker_threads');
    const flag = new Int32Array(w.shared);
    // {"name":"xxx…x"}, w.total bytes in 64 KB chunks
    const text = new Uint8Array(w.total).fill(120);
    text.set(new TextEncoder().encode('{"name":"'));
    text.set(new TextEncoder().encode('"}'), w.total - 2);
    let sent = 0;
    const body = new ReadableStream({
      pull(c) {
        if (sent >= w.total) return c.close();
        if (sent === w.pauseAfter) Atomics.wait(flag, 0, 0, 3000);
        c.enqueue(text.slice(sent, sent + 64 * 1024));
        sent += 64 * 1024;
      },
    });
    const headers = { 'content-type': 'application/json', ...(w.token ? { authorization: 'Bearer ' + w.token } : {}) };
    if (!w.chunked) headers['content-length'] = String(w.total);
    fetch(w.url, { method: 'POST', headers, body, duplex: 'half' })
      .then(async (r) => parentPort.postMessage({ status: r.status, body: await r.json() }))
      .catch((e) => parentPort.postMessage({ error: e.message + ' ' + (e.cause && e.cause.code) }));`;
  const shared = new SharedArrayBuffer(4);
  const server = t.app.getHttpServer() as Server;
  const wake = (_req: unknown, res: ServerResponse) =>
    res.once('finish', () => {
      Atomics.store(new Int32Array(shared), 0, 1);
      Atomics.notify(new Int32Array(shared), 0);
    });
  server.on('request', wake);
  const worker = new Worker(code, {
    eval: true,
    workerData: { ...opts, url: t.url + opts.path, shared },
  });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    server.off('request', wake);
    await worker.terminate();
  }
}

// One app for the whole file (passport strategies are process-global).
let t: TestApp;
beforeAll(async () => {
  t = await bootTestApp();
});
afterAll(async () => t.close());

/** A certificate of the demo `staff` (registered once if the demo gave none) with its verification code. */
async function staffCertificate(): Promise<{ id: number; number: string; code: string }> {
  const staff = await t.token('staff');
  let mine = (await t.http().get('/api/certificates/mine').set(bearer(staff)).expect(200)).body;
  if (!mine.length) {
    const me = (await t.http().get('/api/me').set(bearer(staff)).expect(200)).body;
    await t
      .http()
      .post('/api/certificates')
      .set(bearer(await t.token('admin')))
      .send({ userId: me.id, kind: 'enforcement', number: 'HDR-0001', issuedOn: '2025-01-01' })
      .expect(201);
    mine = (await t.http().get('/api/certificates/mine').set(bearer(staff)).expect(200)).body;
  }
  const page = await t.http().get(`/api/certificates/${mine[0].id}/print`).set(bearer(staff)).expect(200);
  return { id: mine[0].id, number: mine[0].number, code: /验证码：<b>([A-Z0-9]+)<\/b>/.exec(page.text)![1] };
}

describe('hardening: request bodies', () => {
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    admin = await t.token('admin');
    staff = await t.token('staff');
  });

  /** Node's own fetch (undici), as a script or the resilience suite would call the server. */
  const send = async (method: string, path: string, token: string | undefined, body: string) => {
    const res = await fetch(t.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers a 2 MB JSON body with a 413 that Node’s fetch can read, in Chinese', async () => {
    const res = await slowClient({
      path: '/api/units',
      token: admin,
      total: 2 * 1024 * 1024,
      pauseAfter: 256 * 1024,
    });
    expect(res).toMatchObject({ status: 413, body: { statusCode: 413, error: 'Payload Too Large' } });
    expect(res.body?.message).toMatch(/^请求内容过大/);
    // The connection stayed usable: the next request works.
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });

  it('reads the 413 for a chunked body without Content-Length too', async () => {
    const res = await slowClient({
      path: '/api/units',
      token: admin,
      total: 2 * 1024 * 1024,
      pauseAfter: 1536 * 1024,
      chunked: true,
    });
    expect(res).toMatchObject({ status: 413, body: { statusCode: 413 } });
    expect(res.body?.message).toMatch(/^请求内容过大/);
  });

  it('does not read a body beyond the drain bound: 413 at once, and the connection is closed', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write(
        'POST /api/units HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${DRAIN_LIMIT_BYTES + 1}\r\n\r\n{"name":"`,
      );
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    expect(reply.toLowerCase()).toContain('connection: close');
    expect(reply).toContain('请求内容过大');
  });

  it('gives the small routes small limits (login, save answer, heartbeat), in the one error shape', async () => {
    const padding = 'x'.repeat(64 * 1024);
    const login = await send(
      'POST',
      '/api/auth/login',
      undefined,
      JSON.stringify({ username: 'staff', password: padding }),
    );
    expect(login.status).toBe(413);
    expect(login.body.message).toMatch(/^请求内容过大：此接口的上限为 \d+ KB/);
    const save = await send(
      'PUT',
      '/api/attempts/1/answers/1',
      staff,
      JSON.stringify({ response: [padding], seq: 1 }),
    );
    expect(save.status).toBe(413);
    const beat = await send('POST', '/api/study/heartbeat', staff, JSON.stringify({ note: padding }));
    expect(beat.status).toBe(413);
    // The same 64 KB goes past the body limit on an ordinary route and reaches validation.
    const unit = await send('POST', '/api/units', admin, JSON.stringify({ name: padding }));
    expect(unit.status).toBe(400);
  });

  it('a small route still takes an ordinary body', async () => {
    const res = await send(
      'POST',
      '/api/study/heartbeat',
      staff,
      JSON.stringify({ regulationCode: 'constitution', active: true, secondsSinceActivity: 1 }),
    );
    expect(res.status).toBeLessThan(300);
  });

  it('every route in the body-limit table refuses a body just over its limit, before authentication', async () => {
    for (const { method, url, limit } of ROUTE_BODY_LIMITS) {
      const path = url.replace(/:[A-Za-z]+/g, '1');
      const contentType = url.startsWith('/api/') ? 'application/json' : 'application/x-www-form-urlencoded';
      const over = await fetch(t.url + path, {
        method,
        headers: { 'content-type': contentType },
        body:
          contentType === 'application/json'
            ? JSON.stringify({ x: 'x'.repeat(limit) })
            : `x=${'x'.repeat(limit)}`,
      });
      expect({ method, url, status: over.status }).toEqual({ method, url, status: 413 });
      expect(limit).toBeLessThan(1024 * 1024);
    }
  });
});

describe('hardening: downloads carry no spreadsheet formulas', () => {
  const EVIL = {
    unit: '=HYPERLINK("http://evil.example","点我")',
    person: "+cmd|' /C calc'!A0",
    staffNo: '@SUM(1+1)',
    holder: "-2+3+cmd|' /C calc'!A0",
    number: '=1+2',
    regulation: '@联系我们 文件',
    issuer: '\t=ISSUER()',
    stem: '=1+1 退役军人保障法自（ ）起施行。',
  };
  let admin: string;
  let manager: string;
  let trainer: string;
  let examId: number;
  let bankId: number;
  let unitId: number;

  const binary = (
    res: { on: (e: string, f: (c?: Buffer) => void) => void },
    cb: (e: null, b: Buffer) => void,
  ) => {
    const chunks: Buffer[] = [];
    res.on('data', (c?: Buffer) => chunks.push(c as Buffer));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const download = async (path: string, token: string): Promise<Buffer> =>
    (await t.http().get(path).set(bearer(token)).buffer(true).parse(binary).expect(200)).body as Buffer;

  /** Every cell of a download: CSV cells are text; XLSX cells keep their type (a formula cell is an object). */
  const cells = async (path: string, token: string): Promise<unknown[]> => {
    const data = await download(path, token);
    if (/format=csv|\.csv/.test(path))
      return csvToSheet(data.toString('utf8').replace(/^\ufeff/, '')).rows.flat();
    const wb = new Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const out: unknown[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => out.push(cell.value)));
    return out;
  };

  /** No cell a spreadsheet would run; every hostile value expected here is present, quoted. */
  const expectSafe = async (path: string, token: string, present: string[] = []) => {
    const all = await cells(path, token);
    const isCsv = /format=csv|\.csv/.test(path);
    const running = all.filter((v) =>
      typeof v === 'string'
        ? /^[=+\-@\t\r]/.test(v) && !(isCsv && /^-\d+(\.\d+)?$/.test(v))
        : v !== null && typeof v === 'object' && !(v instanceof Date),
    );
    expect({ path, running }).toEqual({ path, running: [] });
    for (const p of present) expect({ path, has: all.includes(`'${p}`) }).toEqual({ path, has: true });
    return all;
  };

  beforeAll(async () => {
    admin = await t.token('admin');
    manager = await t.token('manager');
    trainer = await t.token('trainer');
    const root = (await t.http().get('/api/units').set(bearer(admin)).expect(200)).body[0];
    const unit = await t
      .http()
      .post('/api/units')
      .set(bearer(admin))
      .send({ name: EVIL.unit, kind: 'department', parentId: root.id })
      .expect(201);
    unitId = unit.body.id;
    const person = (username: string, name: string, staffNo: string) =>
      t
        .http()
        .post('/api/users')
        .set(bearer(admin))
        .send({
          username,
          name,
          staffNo,
          roles: ['staff'],
          unitId: unit.body.id,
          enforcementPost: true,
          businessLines: ['care'],
          password: 'Evil@2026x',
        })
        .expect(201);
    await person('evil-1', EVIL.person, EVIL.staffNo);
    const holder = await person('evil-2', EVIL.holder, '-42');
    const day = (offsetDays: number) =>
      new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);
    await t
      .http()
      .post('/api/certificates')
      .set(bearer(admin))
      .send({
        userId: holder.body.id,
        kind: 'enforcement',
        number: EVIL.number,
        issuedOn: day(-300),
        expiresOn: day(20),
        issuer: EVIL.issuer,
      })
      .expect(201);
    examId = await publishCommonExam(t, trainer, {
      title: '=EXAM()',
      kind: 'law-study',
      passMark: 6,
      rules: [{ type: 'single', count: 5, points: 2 }],
      timeLimitMinutes: 30,
      attemptsAllowed: 1,
      reviewPolicy: 'after-submit',
      multipleMode: 'partial',
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
      audience: {},
    });
    await t
      .http()
      .post('/api/regulations')
      .set(bearer(trainer))
      .send({
        code: 'evil-doc',
        title: EVIL.regulation,
        kind: 'normative-document',
        curriculum: 'common',
        issuer: EVIL.issuer,
      })
      .expect(201);
    const banks = (await t.http().get('/api/question-banks').set(bearer(trainer)).expect(200)).body;
    bankId = banks.find((b: { curriculum: string }) => b.curriculum === 'common').id;
    const q = (
      await t.http().get(`/api/questions?bankId=${bankId}&pageSize=1`).set(bearer(trainer)).expect(200)
    ).body.items[0];
    await t.http().patch(`/api/questions/${q.id}`).set(bearer(trainer)).send({ stem: EVIL.stem }).expect(200);
  });

  const both = (path: string) => [
    `${path}${path.includes('?') ? '&' : '?'}format=csv`,
    `${path}${path.includes('?') ? '&' : '?'}format=xlsx`,
  ];

  it('持证率 (certification report)', async () => {
    // The unit's own report starts its rows with its name; the bureau's shows it as "局 / name".
    for (const p of both(`/api/reports/certification?unitId=${unitId}`))
      await expectSafe(p, manager, [EVIL.unit]);
    for (const p of both('/api/reports/certification')) await expectSafe(p, manager);
  });

  it('uncertified staff', async () => {
    for (const p of both('/api/reports/certification/uncertified'))
      await expectSafe(p, manager, [EVIL.person, EVIL.staffNo, EVIL.unit]);
  });

  it('certificates expiring, and the monthly trend', async () => {
    for (const p of both('/api/reports/certification/expiring?days=90'))
      await expectSafe(p, manager, [EVIL.holder, EVIL.number, EVIL.unit]);
    for (const p of both('/api/reports/certification/trend')) await expectSafe(p, manager);
  });

  it('study hours below target', async () => {
    for (const p of both('/api/reports/study-hours/at-risk')) await expectSafe(p, manager, [EVIL.holder]);
  });

  it('exam report', async () => {
    for (const p of both(`/api/reports/exams/${examId}`)) await expectSafe(p, manager, [EVIL.unit]);
  });

  it('annual report', async () => {
    for (const p of both('/api/reports/annual')) await expectSafe(p, manager);
  });

  it('compilation index', async () => {
    await expectSafe('/api/materials/compilation.xlsx', trainer, [EVIL.regulation, EVIL.issuer]);
  });

  it('question bank export (and it imports back unchanged), roster, certificate and question templates', async () => {
    const path = `/api/question-banks/${bankId}/export.xlsx`;
    await expectSafe(path, trainer, [EVIL.stem]);
    const parsed = await parseXlsx(await download(path, trainer));
    expect(parsed.questions.map((q) => q.question.stem)).toContain(EVIL.stem);
    await expectSafe('/api/question-banks/template.xlsx', trainer);
    await expectSafe('/api/roster/template.xlsx', admin);
    await expectSafe('/api/certificates/template.xlsx', admin);
  });

  it('keeps real negative numbers as numbers in XLSX (and a negative-looking staff number as quoted text)', async () => {
    const all = await cells('/api/reports/certification/uncertified?format=xlsx', manager);
    expect(all).not.toContain('-42');
    const expiring = await cells('/api/reports/certification/expiring?days=90&format=xlsx', manager);
    expect(expiring).toContain("'-42");
  });
});

describe('hardening: response headers', () => {
  let staff: string;
  let trainer: string;
  let certificate: { id: number; number: string; code: string };

  const webLogin = async (username: string) => {
    const { res, cookie } = await pageLogin(t, username);
    expect(res.status).toBe(303);
    return { res, cookie };
  };

  beforeAll(async () => {
    staff = await t.token('staff');
    trainer = await t.token('trainer');
    certificate = await staffCertificate();
  });

  const expectPageHeaders = (what: string, headers: Record<string, string>) => {
    expect({ what, type: headers['content-type'] }).toEqual({
      what,
      type: expect.stringMatching(/^text\/html/),
    });
    expect({ what, csp: headers['content-security-policy'] }).toEqual({ what, csp: PAGE_CSP });
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['content-security-policy']).toMatch(/script-src 'self'( |;)/);
    expect(headers['content-security-policy']).not.toMatch(
      /'unsafe-inline'[^;]*;.*style-src|script-src[^;]*'unsafe-inline'/,
    );
    expect({ what, nosniff: headers['x-content-type-options'], frame: headers['x-frame-options'] }).toEqual({
      what,
      nosniff: 'nosniff',
      frame: 'DENY',
    });
  };

  it('puts CSP, nosniff and frame-ancestors on every HTML page, including the print, compilation, verify, docs and error pages', async () => {
    const { cookie } = await webLogin('staff');
    const pages: [string, () => Promise<{ headers: Record<string, string>; status: number }>][] = [
      ['/login', () => t.http().get('/login')],
      ['/app', () => t.http().get('/app').set('Cookie', cookie)],
      [
        '/app/dashboard as staff (the HTML 403 page)',
        () => t.http().get('/app/dashboard').set('Cookie', cookie),
      ],
      [
        `/api/certificates/:id/print`,
        () => t.http().get(`/api/certificates/${certificate.id}/print`).set(bearer(staff)),
      ],
      [
        '/api/materials/compilation.html',
        () => t.http().get('/api/materials/compilation.html').set(bearer(staff)),
      ],
      [
        '/verify/:number',
        () => t.http().get(`/verify/${encodeURIComponent(certificate.number)}?code=${certificate.code}`),
      ],
      ['/api/docs', () => t.http().get('/api/docs').redirects(2)],
    ];
    for (const [what, get] of pages) {
      const res = await get();
      expect({ what, status: res.status < 500 }).toEqual({ what, status: true });
      expectPageHeaders(what, res.headers);
    }
  });

  it('gives every other response nosniff and a policy that allows nothing', async () => {
    for (const res of [
      await t.http().get('/api/health'),
      await t.http().get('/api/me').set(bearer(staff)),
      await t.http().get('/api/me'),
      await t
        .http()
        .get('/api/reports/certification?format=csv')
        .set(bearer(await t.token('manager'))),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe(NON_PAGE_CSP);
    }
  });

  it('sends Cache-Control: no-store with tokens, papers, answer keys and bank exports; static assets keep their caching', async () => {
    const noStore = async (what: string, res: { headers: Record<string, string>; status: number }) => {
      expect({ what, status: res.status < 400 }).toEqual({ what, status: true });
      expect({ what, cache: res.headers['cache-control'] }).toEqual({ what, cache: 'no-store' });
    };
    await noStore(
      'POST /api/auth/login',
      await t.http().post('/api/auth/login').send({ username: 'S0010', password: DEMO_PASSWORD }),
    );
    await noStore('POST /login (sets the session cookie)', (await webLogin('S0011')).res);
    const s12 = await t.token('S0012');
    const lawStudy = (await t.http().get('/api/exams/available').set(bearer(s12)).expect(200)).body.find(
      (e: { kind: string }) => e.kind === 'law-study',
    );
    const paper = await t.http().post(`/api/exams/${lawStudy.id}/attempts`).set(bearer(s12));
    await noStore('POST /api/exams/:id/attempts (the paper)', paper);
    await noStore(
      'GET /api/attempts/:id',
      await t.http().get(`/api/attempts/${paper.body.id}`).set(bearer(s12)),
    );
    await t.http().post(`/api/attempts/${paper.body.id}/submit`).set(bearer(s12)).expect(200);
    await noStore(
      'GET /api/attempts/:id/review (answer keys, read by the administrator: the candidate may sit again)',
      await t
        .http()
        .get(`/api/attempts/${paper.body.id}/review`)
        .set(bearer(await t.token('admin'))),
    );
    const practice = await t.http().post('/api/practice/questions').set(bearer(s12)).send({ count: 1 });
    await noStore('POST /api/practice/questions', practice);
    const pq = practice.body.questions[0];
    await noStore(
      'POST /api/practice/answer (the key)',
      await t
        .http()
        .post('/api/practice/answer')
        .set(bearer(s12))
        .send({ questionId: pq.id, revisionId: pq.revisionId, response: null }),
    );
    await noStore(
      'GET /api/practice/notebook',
      await t.http().get('/api/practice/notebook').set(bearer(s12)),
    );
    const bank = (await t.http().get('/api/question-banks').set(bearer(trainer)).expect(200)).body[0];
    const q = (await t.http().get(`/api/questions?bankId=${bank.id}&pageSize=1`).set(bearer(trainer))).body
      .items[0];
    await noStore(
      'GET /api/questions/:id (the key)',
      await t.http().get(`/api/questions/${q.id}`).set(bearer(trainer)),
    );
    for (const ext of ['yaml', 'xlsx'])
      await noStore(
        `GET /api/question-banks/:id/export.${ext}`,
        await t.http().get(`/api/question-banks/${bank.id}/export.${ext}`).set(bearer(trainer)),
      );
    const asset = await t.http().get('/app/assets/app.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=300');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });
});

browserSuite('hardening: the CSP does not break the pages (chromium)', () => {
  let context: BrowserContext;
  let dir: string;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuefa-csp-'));
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'zh-CN',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await context?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a page and returns what the browser refused under the CSP (console messages and violation events). */
  async function visit(url: string, then?: (page: Page) => Promise<void>): Promise<string[]> {
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.addInitScript(() => {
      const w = globalThis as unknown as { __csp: string[]; print: () => void; __printed: boolean };
      w.__csp = [];
      w.__printed = false;
      w.print = () => {
        w.__printed = true;
      };
      (
        globalThis as unknown as { addEventListener: (t: string, f: (e: unknown) => void) => void }
      ).addEventListener('securitypolicyviolation', (e) => {
        const v = e as { violatedDirective: string; blockedURI: string };
        w.__csp.push(`${v.violatedDirective} ${v.blockedURI}`);
      });
    });
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    if (then) await then(page);
    refused.push(...(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)));
    await page.close();
    return refused;
  }

  it('the web UI, the certificate print page (its button works), compilation, verify and /api/docs', async () => {
    const staff = await t.token('staff');
    await context.addCookies([{ name: 'access_token', value: staff, url: t.url }]);
    const cert = await staffCertificate();

    expect(await visit(`${t.url}/app`)).toEqual([]);
    expect(await visit(`${t.url}/app/study`)).toEqual([]);
    expect(
      await visit(`${t.url}/api/certificates/${cert.id}/print`, async (page) => {
        await page.click('button');
        expect(await page.evaluate(() => (globalThis as unknown as { __printed: boolean }).__printed)).toBe(
          true,
        );
      }),
    ).toEqual([]);
    expect(await visit(`${t.url}/api/materials/compilation.html`)).toEqual([]);
    expect(await visit(`${t.url}/verify/${encodeURIComponent(cert.number)}?code=${cert.code}`)).toEqual([]);
    expect(
      await visit(`${t.url}/api/docs`, async (page) => {
        // Swagger UI is drawn by its scripts: the title shows only if they ran.
        await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
      }),
    ).toEqual([]);
  });
});
