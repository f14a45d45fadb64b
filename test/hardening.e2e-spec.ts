import type { Server, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';
import { DRAIN_LIMIT_BYTES, ROUTE_BODY_LIMITS } from '../src/common/body-limits';
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

let t: TestApp;

describe('hardening: request bodies', () => {
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = await t.token('admin');
    staff = await t.token('staff');
  });
  afterAll(async () => t.close());

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
