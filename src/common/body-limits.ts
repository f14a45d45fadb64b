/**
 * Request-body limits per route, and a 413 a client can read.
 *
 * Fastify answers a body over the limit with 413 and `Connection: close` before reading the body, so a client still
 * writing it (Node's fetch, most HTTP libraries) gets EPIPE and never sees the answer. Here a body over its route's
 * limit is read and thrown away — up to DRAIN_LIMIT_BYTES — before the 413 goes out, so the client reads the status
 * and the Chinese message and the connection stays usable. A body larger than that bound is still cut off at once.
 * Multipart uploads are left to @fastify/multipart and MAX_UPLOAD_BYTES.
 */
import type { FastifyInstance } from 'fastify';
import { pipeline, Transform, TransformCallback } from 'node:stream';
import { AppError } from './errors';
import { formatBytes } from './upload';

/** The limit of every JSON and form body without an entry below. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The most a too-large body is read (and discarded) so that its 413 can be read; beyond it the socket is closed. */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** Routes whose bodies are small by nature. A test sends each a body just over its limit. */
export const ROUTE_BODY_LIMITS: readonly { method: string; url: string; limit: number }[] = [
  { method: 'POST', url: '/api/auth/login', limit: 4 * 1024 },
  { method: 'POST', url: '/login', limit: 4 * 1024 },
  { method: 'POST', url: '/api/me/password', limit: 4 * 1024 },
  { method: 'PUT', url: '/api/attempts/:id/answers/:questionId', limit: 16 * 1024 },
  { method: 'POST', url: '/api/attempts/:id/events', limit: 4 * 1024 },
  { method: 'POST', url: '/api/study/heartbeat', limit: 4 * 1024 },
];

export function tooLarge(limit: number): AppError {
  return new AppError(413, `请求内容过大：此接口的上限为 ${formatBytes(limit)}`);
}

/**
 * Installs the per-route limits (onRoute: before the routes are registered) and the draining preParsing hook
 * (callback style, not async: it runs on every request with a body, the answer saves included).
 */
export function installBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const entry = ROUTE_BODY_LIMITS.find((e) => e.url === route.url && methods.includes(e.method));
    if (entry) route.bodyLimit = entry.limit;
  });
  fastify.addHook('preParsing', (req, reply, payload, done) => {
    const type = String(req.headers['content-type'] ?? '');
    if (/^multipart\//i.test(type)) return done(null, payload);
    const limit = req.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared)) {
      if (declared <= limit) return done(null, payload);
      if (declared <= DRAIN_LIMIT_BYTES)
        return void drain(payload, DRAIN_LIMIT_BYTES).then(() => done(tooLarge(limit)));
      // Beyond the bound Node would read the rest to keep the connection alive: close it instead.
      reply.header('connection', 'close');
      return done(tooLarge(limit));
    }
    if (req.headers['transfer-encoding'] === undefined) return done(null, payload);
    // Chunked, without Content-Length: pass up to the limit, then discard the rest and fail at its end. pipeline
    // carries a client's abort through to the parser.
    const limited = new OverLimitDrain(limit);
    pipeline(payload, limited, () => undefined);
    done(null, limited);
  });
}

/** Reads a stream to its end (or until `max` bytes), discarding what it reads. */
function drain(stream: NodeJS.ReadableStream, max: number): Promise<void> {
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', done);
      stream.removeListener('error', done);
      stream.removeListener('close', done);
      resolve();
    };
    const onData = (chunk: Buffer | string) => {
      read += chunk.length;
      if (read > max) done();
    };
    stream.on('data', onData);
    stream.on('end', done);
    stream.on('error', done);
    stream.on('close', done);
    stream.resume();
  });
}

/**
 * Passes a chunked body through while it is within `limit`; past it, passes nothing more, reads on to the end (up to
 * DRAIN_LIMIT_BYTES) and then fails with the 413, so the client has finished writing when the answer comes.
 */
class OverLimitDrain extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen <= this.limit) {
      callback(null, chunk);
    } else if (this.seen > DRAIN_LIMIT_BYTES) {
      callback(tooLarge(this.limit));
    } else {
      callback();
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.seen > this.limit ? tooLarge(this.limit) : null);
  }
}
