/**
 * A guard on JSON request bodies, run on the raw bytes as they arrive (a Fastify preParsing hook), so a body the
 * server will not use costs a byte scan instead of JSON.parse and class-transformer:
 * - nested deeper than MAX_JSON_DEPTH → 400 (800 KB of `[[[…]]]` took JSON.parse 0.3 s and then overflowed
 *   class-transformer's stack);
 * - more than MAX_JSON_VALUES array elements and object members in all → 413 (an 800 KB flat array took the
 *   validation pipe 0.2–1.8 s of the event loop before its 400).
 * The rest of a refused body is still read (and dropped) before the answer, so the client can read it.
 */
import { Transform, TransformCallback } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/** Far deeper than any DTO here (an exam blueprint is 5 levels). */
export const MAX_JSON_DEPTH = 32;
/** Far more than any DTO accepts (1,000 attendees, 100 materials); a body of ids for 20,000 people still fits. */
export const MAX_JSON_VALUES = 20_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = [0x5b, 0x7b]; // [ {
const CLOSE = [0x5d, 0x7d]; // ] }

/** Scans JSON text chunk by chunk: depth and the number of separators outside strings. */
export class JsonShapeScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private separators = 0;
  problem: AppError | undefined;

  constructor(
    private readonly maxDepth = MAX_JSON_DEPTH,
    private readonly maxValues = MAX_JSON_VALUES,
  ) {}

  /** Feeds bytes (UTF-8: every byte this looks at is ASCII). Returns false once a problem is found. */
  feed(chunk: Uint8Array): boolean {
    if (this.problem) return false;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) this.inString = true;
      else if (c === COMMA) {
        if (++this.separators >= this.maxValues) {
          this.problem = new AppError(
            413,
            `请求内容过多：JSON 中的数组元素和字段合计超过 ${this.maxValues} 个`,
            [{ field: 'body', message: `超过 ${this.maxValues} 个值` }],
          );
          return false;
        }
      } else if (c === OPEN[0] || c === OPEN[1]) {
        if (++this.depth > this.maxDepth) {
          this.problem = AppError.badRequest(`请求体嵌套层数过多（最多 ${this.maxDepth} 层）`, [
            { field: 'body', message: `嵌套超过 ${this.maxDepth} 层` },
          ]);
          return false;
        }
      } else if (c === CLOSE[0] || c === CLOSE[1]) this.depth--;
    }
    return true;
  }
}

const isJson = (contentType: unknown) =>
  typeof contentType === 'string' && /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim());

/** Most bytes of a refused body read and dropped before answering (beyond it the answer does not wait). */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** Passes the body through unchanged while scanning it; after a problem it drops the rest and fails at the end. */
function guardedStream(source: NodeJS.ReadableStream): Transform {
  const scanner = new JsonShapeScanner();
  let dropped = 0;
  const out = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (scanner.feed(chunk)) return done(null, chunk);
      dropped += chunk.length;
      done(dropped > DRAIN_LIMIT ? scanner.problem : undefined);
    },
    flush(done: TransformCallback) {
      done(scanner.problem);
    },
  });
  source.on('error', (e) => out.destroy(e));
  source.pipe(out);
  return out;
}

export function registerJsonGuard(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (req, _reply, payload, done) => {
    done(null, isJson(req.headers['content-type']) ? guardedStream(payload) : payload);
  });
}
