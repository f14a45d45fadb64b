/**
 * A guard on JSON request bodies, run on the text before it is parsed (in the JSON content-type parser), so a body
 * the server will not use costs a character scan instead of JSON.parse and class-transformer:
 * - nested deeper than MAX_JSON_DEPTH → 400 (800 KB of `[[[…]]]` took JSON.parse 0.3 s and then overflowed
 *   class-transformer's stack);
 * - more than MAX_JSON_VALUES array elements and object members in all → 413 (an 800 KB flat array took the
 *   validation pipe 0.2–1.8 s of the event loop before its 400).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQuery } from 'node:querystring';
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

  /**
   * Feeds bytes (UTF-8: every byte this looks at is ASCII) or text (every character it looks at is ASCII). Returns
   * false once a problem is found.
   */
  feed(chunk: Uint8Array | string): boolean {
    if (this.problem) return false;
    const text = typeof chunk === 'string';
    for (let i = 0; i < chunk.length; i++) {
      const c = text ? chunk.charCodeAt(i) : (chunk as Uint8Array)[i];
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

/** What registerBodyParsers needs of the Nest application (NestFastifyApplication#useBodyParser). */
export interface BodyParserHost {
  useBodyParser(
    type: string,
    options: { bodyLimit?: number },
    parser: (req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => void,
  ): unknown;
}

/**
 * The body parsers, registered in place of Nest's own (which it then skips): JSON read within the route's body limit
 * (as before), scanned, and only then parsed by Fastify's own parser (secure-json-parse, prototype poisoning
 * refused); forms parsed as Nest parsed them (querystring, no key limit). Before, the scan was a Transform stream
 * piped in a preParsing hook on every JSON request: a stream, a pipe and their events per answer save. A refused
 * body has been read whole before the answer, so the client can read it.
 */
export function registerBodyParsers(app: BodyParserHost, fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (req, body, done) => {
    const scanner = new JsonShapeScanner();
    if (!scanner.feed(body)) return done(scanner.problem!, undefined);
    parseJson(req, body as unknown as string, done);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_req, body, done) =>
    done(null, parseQuery(body.toString('utf8'), undefined, undefined, { maxKeys: 0 })),
  );
}
