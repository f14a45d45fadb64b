import type { Server, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';
import { Workbook } from 'exceljs';
import { DRAIN_LIMIT_BYTES, ROUTE_BODY_LIMITS } from '../src/common/body-limits';
import { csvToSheet } from '../src/common/csv';
import { parseXlsx } from '../src/question-bank/parsers';
import { publishCommonExam } from './helpers/sit-exam';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

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
