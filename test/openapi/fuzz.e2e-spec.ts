/**
 * Requests generated from the OpenAPI document for every route (fast-check): bodies, query strings and path
 * parameters that follow the document's schemas except where they do not — null, the wrong type, huge, negative and
 * fractional numbers, long and odd Unicode strings (lone surrogates, NUL, bidi overrides, zero-width, astral CJK,
 * LIKE and FTS syntax), deep nesting, malformed JSON, bytes that are not UTF-8, bad files for the uploads. Each route
 * is called as every role its @Roles lets in (admin, trainer, manager, staff), so the requests get past the guards
 * and into validation and the services; path parameters are real ids of the demo data as often as odd values.
 *
 * Asserted for every request: no 5xx and no dropped connection; an error answer in the one shape
 * `{statusCode, error, message}` with a Chinese message; handled in under 2 s. Asserted for every route: at least one
 * request got past the guards, so the fuzz cannot pass by being refused everywhere.
 *
 * "Under 2 s" is measured on the server, not by the test client: Fastify's `reply.elapsedTime`, from the request's
 * arrival (onRequest) to the end of the response (onResponse), read in an onResponse hook. The client's wall time
 * would also count supertest's own work, connection setup and this jest process's other work (it shares the process
 * and event loop with the app), all of which stretch on a loaded machine without the server being any slower. The
 * requests go one at a time, so nothing of ours competes with the request being timed; the server's time still
 * counts every await, the database included (PostgreSQL runs in another process). The CPU time the process used
 * meanwhile is reported beside it, to tell a slow handler from a starved machine.
 *
 * Uploads are the exception to "measured as it comes": their worker thread compiles TypeScript under jest when it
 * starts, so each upload route gets one untimed upload first (warmUpload).
 *
 * Deterministic: a fixed seed per route and role (from the route's name, so a new route does not change the others'
 * requests) and a fixed number of requests per route. `FUZZ_RUNS=64 FUZZ_SEED=1 npx jest --selectProjects openapi --
 * test/openapi/fuzz.e2e-spec.ts` explores further. The file is in the openapi jest project because the document's
 * schemas come from the @nestjs/swagger plugin, which only that project compiles with.
 */
import { progressReporter } from '../../src/common/import-progress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/common/roles';
import { describeRoutes } from '../helpers/routes';
import { ADMIN_PASSWORD, bearer, bootTestApp, DEMO_PASSWORD, TestApp } from '../helpers/test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20261313);
/** Requests per route, spread evenly over the roles it lets in (at least 2 each). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SLOW_MS = 2000;
const CHINESE = /[\u4e00-\u9fa5]/;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  required?: string[];
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};
type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
};
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
};

/** One generated request. */
interface Call {
  path: string;
  query: [string, string][];
  body?:
    | { json: unknown }
    | { raw: string | Buffer; type: string }
    | { form: [string, string][]; file?: { name: string; content: Buffer } };
}

// ---------------------------------------------------------------- odd values

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '退役\u0000军人',
  '\uD800',
  '\uDFFF',
  'a\uDC00b',
  '\u202E\u0041\u202D',
  '\uFEFF',
  '\u200B',
  'e\u0301\u0301\u0301',
  '𠜎𠜱𡃁',
  '👨‍👩‍👧‍👦',
  'Ａ１２３',
  '١٢٣',
  '%',
  '_',
  '\\',
  '%_\\%',
  '"',
  "'",
  "' OR '1'='1",
  '"; DROP TABLE "user"; --',
  '"退役',
  '退役 AND',
  'NEAR(退役 军人)',
  '*',
  '^',
  'a:b',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  '+cmd|calc!A0',
  '../../etc/passwd',
  '..\\..\\windows',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1',
  '0x10',
  ' 1 ',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '__proto__',
  'constructor',
  '\r\n\t',
];
const ODD_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  -1.5,
  1e-7,
  5e-324,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  1e21,
  1e300,
  -1e300,
  Number.MAX_VALUE,
];
/** Path parameters that are not ids (already URL-encoded where they need it). */
const ODD_PATH = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x1',
  '99999999999999999999',
  '2147483648',
  'NaN',
  'abc',
  '%00',
  '%20',
  '%E4%B8%80',
  encodeURIComponent('𠜎'),
  encodeURIComponent('\uFEFF1'),
  '%25',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  'a'.repeat(300),
];
/** Query values that are not what the parameter wants. */
const ODD_QUERY = [
  ...ODD_STRINGS,
  '99999999999999999999',
  '1e3',
  '-5',
  '1.5',
  '0',
  'abc',
  'true',
  '[]',
  '{}',
];

const longString = fc.constantFrom(300, 5_000, 70_000).map((n) => '法'.repeat(n));
const oddString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: longString },
);
const oddNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);
const wrongType = fc.constantFrom<unknown>(true, false, {}, [], [null], [[]], { a: 1 }, '1', 'abc', 1, -1);
/** Nested arrays or objects: below the JSON guard's 32 levels (reaches class-transformer) and above it. */
const nested = fc.tuple(fc.constantFrom(5, 20, 31, 33, 200, 3000), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = arrays ? [1] : { a: 1 };
  for (let i = 1; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});
const bigArray = fc.constantFrom(1_001, 25_000).map((n) => Array.from({ length: n }, (_, i) => i + 1));
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: oddString },
  { weight: 4, arbitrary: oddNumber },
  { weight: 3, arbitrary: wrongType },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: bigArray },
);
const badRaw = fc.constantFrom<{ raw: string | Buffer; type: string }>(
  { raw: '{"a":', type: 'application/json' },
  { raw: '{"a":1}}', type: 'application/json' },
  { raw: '', type: 'application/json' },
  { raw: 'null', type: 'application/json' },
  { raw: '[]', type: 'application/json' },
  { raw: '"\\ud800"', type: 'application/json' },
  { raw: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', type: 'application/json' },
  { raw: '{"a":1,"a":2}', type: 'application/json' },
  { raw: '{"a":1e999999}', type: 'application/json' },
  {
    raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
    type: 'application/json',
  },
  { raw: '['.repeat(100_000), type: 'application/json' },
  { raw: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
  { raw: 'plain text', type: 'text/plain' },
  { raw: '<x/>', type: 'application/xml' },
  { raw: '{"a":1}', type: 'application/json; charset=gbk' },
);

// ---------------------------------------------------------------- requests from the document

/** Real values for path and query parameters, read from the demo data (see beforeAll). */
interface Pools {
  [key: string]: (string | number)[];
}

/** The pool of real values for a path parameter: by the collection it names (`/api/exams/{id}` → `exams/{id}`). */
function poolKey(path: string, param: string): string {
  const segments = path.split('/');
  return `${segments[segments.indexOf(`{${param}}`) - 1]}/{${param}}`;
}
const QUERY_POOLS: Record<string, string> = { unitId: 'units', userId: 'users', bankId: 'banks' };
/** Body fields that hold ids or codes (one, or a list): real ones as often as made-up ones. */
const FIELD_POOLS: Record<string, string> = {
  ...QUERY_POOLS,
  parentId: 'units',
  unitIds: 'units',
  userIds: 'users',
  trainerIds: 'users',
  attendeeIds: 'users',
  bankIds: 'banks',
  regulation: 'regulations/{code}',
  regulations: 'regulations/{code}',
  regulationCode: 'regulations/{code}',
  regulationIds: 'regulationIds',
  questionId: 'questions/{id}',
  materialId: 'materials/{id}',
  materialIds: 'materials/{id}',
  campaignId: 'campaigns/{id}',
};

class Generator {
  constructor(
    private readonly doc: OpenAPIObject,
    private readonly pools: Pools,
  ) {}

  resolve(s: Schema | undefined, depth = 0): Schema {
    if (!s) return {};
    if (!s.$ref || depth > 10) return s;
    return this.resolve(this.doc.components!.schemas![s.$ref.split('/').pop()!] as Schema, depth + 1);
  }

  /** A value the schema allows (an example, an enum member, within its bounds). */
  plausible(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    if (s.oneOf?.length) return fc.oneof(...s.oneOf.map((o) => this.plausible(o, depth + 1)));
    if (s.allOf?.length) return this.plausible(s.allOf[0], depth + 1);
    const example = s.example !== undefined ? [fc.constant(s.example)] : [];
    switch (s.type) {
      case 'string': {
        if (s.format === 'date-time')
          return fc.constantFrom(
            '2026-03-01T08:00:00.000Z',
            '2026-12-31T16:00:00.000Z',
            new Date().toISOString(),
          );
        if (s.format === 'binary') return fc.constant('x');
        if (example.length || s.pattern) return example[0] ?? fc.constant('S0999');
        const min = Math.max(s.minLength ?? 1, 1);
        return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(s.maxLength ?? 12, 12)) });
      }
      case 'integer':
      case 'number': {
        const min = s.minimum ?? 0;
        const max = s.maximum ?? Math.max(min + 100, 100);
        const n = fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, min + 1000)) });
        return example.length ? fc.oneof(example[0], n) : n;
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        if (depth > 6) return fc.constant([]);
        const items = this.field(s.items, depth + 1);
        return fc.array(items, { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, 3) });
      }
      default: {
        if (!s.properties || depth > 6) return example[0] ?? fc.constant({});
        const required = s.required ?? [];
        const model = Object.fromEntries(
          Object.entries(s.properties).map(([k, p]) => [k, this.field(p, depth + 1, k)]),
        );
        return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
      }
    }
  }

  /** A field: mostly what its schema allows (and what that holds is fuzzed in turn), sometimes a bad value. */
  field(schema: Schema | undefined, depth: number, name?: string): fc.Arbitrary<unknown> {
    const real = (name && this.pools[FIELD_POOLS[name]]) || [];
    const list = this.resolve(schema).type === 'array';
    return fc.oneof(
      { weight: real.length ? 3 : 7, arbitrary: this.plausible(schema, depth) },
      ...(real.length
        ? [
            {
              weight: 4,
              arbitrary: list
                ? fc.subarray(real, { maxLength: Math.min(4, real.length) })
                : fc.constantFrom(...real),
            },
          ]
        : []),
      { weight: 1, arbitrary: badValue },
    );
  }

  /** A JSON body: fuzzed field by field, with a required field dropped or an unknown one added, or bad outright. */
  jsonBody(schema: Schema | undefined): fc.Arbitrary<Call['body']> {
    const s = this.resolve(schema);
    const whole = this.plausible(s, 0);
    const fields = Object.keys(s.properties ?? {});
    return fc.oneof(
      { weight: 6, arbitrary: whole.map((json) => ({ json })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(whole, fc.constantFrom(...(s.required?.length ? s.required : ['-'])))
          .map(([json, drop]) => ({ json: omit(json, drop) })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            whole,
            fc.constantFrom('extra', '__proto__', 'constructor', 'id', 'status', 'userId'),
            badValue,
          )
          .map(([json, k, v]) => ({ json: withKey(json, k, v) })),
      },
      ...(fields.length
        ? [
            {
              weight: 2,
              arbitrary: fc
                .tuple(whole, fc.constantFrom(...fields), badValue)
                .map(([json, k, v]) => ({ json: withKey(json, k, v) })),
            },
          ]
        : []),
      { weight: 1, arbitrary: badValue.map((json) => ({ json })) },
      { weight: 1, arbitrary: badRaw },
    );
  }

  /** An upload: a bad or unexpected file under an odd name, its fields fuzzed; or no file; or JSON instead. */
  formBody(schema: Schema | undefined): fc.Arbitrary<Call['body']> {
    const s = this.resolve(schema);
    const fieldNames = Object.keys(s.properties ?? {}).filter((k) => k !== 'file');
    const fields = fc
      .array(fc.tuple(fc.constantFrom(...fieldNames, 'extra'), fc.oneof(oddString, fc.constant('1'))), {
        maxLength: 2,
      })
      .map((pairs) => pairs.map(([k, v]) => [k, String(v).slice(0, 2000)] as [string, string]));
    const file = fc.record({
      name: fc.constantFrom(
        'a.csv',
        'a.xlsx',
        'a.yaml',
        'a.json',
        'a.docx',
        'a.txt',
        'a.gift',
        'a.exe',
        '../../../../etc/passwd.csv',
        '..\\..\\win.xlsx',
        `${'长'.repeat(300)}.csv`,
        '.csv',
        'noext',
      ),
      content: fc.constantFrom(...BAD_FILES),
    });
    return fc.oneof(
      { weight: 5, arbitrary: fc.tuple(fields, file).map(([form, f]) => ({ form, file: f })) },
      { weight: 1, arbitrary: fields.map((form) => ({ form })) },
      { weight: 1, arbitrary: badValue.map((json) => ({ json })) },
    );
  }

  /** A path parameter: a real id (or code) of the demo data, or an odd value. */
  pathValue(path: string, p: Parameter): fc.Arbitrary<string> {
    const real = this.pools[poolKey(path, p.name)];
    if (!real?.length)
      throw new Error(`no real values for ${path} {${p.name}} (pool ${poolKey(path, p.name)})`);
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...real).map((v) => encodeURIComponent(String(v))) },
      { weight: 2, arbitrary: fc.constantFrom(...ODD_PATH) },
    );
  }

  /** A query parameter: left out, what it allows, a real id, an odd value, or given twice. */
  queryValue(p: Parameter): fc.Arbitrary<[string, string][]> {
    const real = this.pools[QUERY_POOLS[p.name]] ?? [];
    const one = fc.oneof(
      { weight: 3, arbitrary: this.plausible(p.schema).map(String) },
      ...(real.length ? [{ weight: 2, arbitrary: fc.constantFrom(...real).map(String) }] : []),
      { weight: 3, arbitrary: fc.constantFrom(...ODD_QUERY) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    );
    return fc.oneof(
      { weight: p.required ? 1 : 3, arbitrary: fc.constant<[string, string][]>([]) },
      { weight: 6, arbitrary: one.map((v): [string, string][] => [[p.name, v]]) },
      {
        weight: 1,
        arbitrary: fc.tuple(one, one).map(([a, b]): [string, string][] => [
          [p.name, a],
          [p.name, b],
        ]),
      },
    );
  }

  call(path: string, method: string, op: Operation): fc.Arbitrary<Call> {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const content = op.requestBody?.content ?? {};
    const body: fc.Arbitrary<Call['body']> = content['multipart/form-data']
      ? this.formBody(content['multipart/form-data'].schema)
      : content['application/json']
        ? this.jsonBody(content['application/json'].schema)
        : method === 'get' || method === 'delete'
          ? fc.constant(undefined)
          : // A route without a body still gets one now and then.
            fc.oneof(
              { weight: 3, arbitrary: fc.constant(undefined) },
              { weight: 1, arbitrary: this.jsonBody({}) },
            );
    return fc
      .record({
        path: fc.tuple(...pathParams.map((p) => this.pathValue(path, p).map((v) => [p.name, v] as const))),
        query: fc.tuple(
          ...queryParams.map((p) => this.queryValue(p)),
          fc.oneof(
            { weight: 6, arbitrary: fc.constant([] as [string, string][]) },
            { weight: 1, arbitrary: fc.constant([['unknown', '1']] as [string, string][]) },
          ),
        ),
        body,
      })
      .map(({ path: values, query, body: b }) => ({
        path: values.reduce((acc, [name, v]) => acc.replace(`{${name}}`, v), path),
        query: query.flat(),
        body: b,
      }));
  }
}

const omit = (o: unknown, key: string) => {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return o;
  const copy = { ...(o as Record<string, unknown>) };
  delete copy[key];
  return copy;
};
const withKey = (o: unknown, key: string, v: unknown) => {
  const base = o && typeof o === 'object' && !Array.isArray(o) ? { ...(o as Record<string, unknown>) } : {};
  // defineProperty: `__proto__` becomes an own key that JSON.stringify sends, not a prototype change.
  Object.defineProperty(base, key, { value: v, enumerable: true, configurable: true, writable: true });
  return base;
};

/** Files no import can use: junk, a zip header over junk, broken text formats, an empty file. */
const BAD_FILES: Buffer[] = (() => {
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  return [
    Buffer.alloc(0),
    junk,
    Buffer.concat([Buffer.from('PK\x03\x04'), junk]),
    Buffer.from('题型,题干\n单选,"未闭合\n' + '\u0000'.repeat(50)),
    Buffer.from('姓名,工号,单位\n=HYPERLINK("http://x","y"),S9999,办公室\n\uD800,S9998,不存在的单位\n'),
    Buffer.from('bank: [unclosed\nquestions:\n  - type: single\n    stem: ::\n\t- !!js/function "x"\n'),
    Buffer.from('{"bank": {"code": 1}, "questions": [{"type": "single", "answer": {}}]'),
    Buffer.from('::title:: stem {=a ~ {{{ \n::x:: {'),
    Buffer.from('第一条\n第一条\n第九千九百九十九条 ' + '法'.repeat(1000)),
  ];
})();

// ---------------------------------------------------------------- the test

/** A name → number for the seed of one route and role. */
const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

const ACTORS: Record<Role, string> = {
  admin: 'admin',
  trainer: 'trainer',
  manager: 'manager',
  staff: 'staff',
};

describe('fuzzing every route of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let pools: Pools;
  /** Server-side time of each request (by the x-fuzz-id header), from the onResponse hook. */
  const timings = new Map<string, { ms: number; cpuMs: number }>();

  beforeAll(async () => {
    t = await bootTestApp(
      { LOGIN_THROTTLE_LIMIT: '100000', LOGIN_THROTTLE_IP_LIMIT: '100000' },
      { beforeListen: (app) => timeRequests(app, timings) },
    );
    doc = (await t.http().get('/api/docs/json').expect(200)).body as OpenAPIObject;
    pools = await realValues(t);
  }, 120_000);
  afterAll(async () => t?.close());

  // ~800 requests: 25–35 s on a 2-core machine shared with other jobs; the limit leaves room for a slower one.
  it(
    'answers every generated request without a 5xx, in the error shape, within 2 s of server time',
    async () => {
      const rules = new Map(
        describeRoutes(t.app).map((r) => [r.route.replace(/:(\w+)/g, '{$1}'), r] as const),
      );
      const gen = new Generator(doc, pools);
      const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.entries(item as Record<string, Operation>)
          .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map(([method, op]) => ({ path, method, op, id: `${method.toUpperCase()} ${path}` })),
      );
      // Routes that sign out or change the callers' own accounts go last.
      const late = (p: string) => /\/me\/(password|logout)|\/users/.test(p);
      operations.sort((a, b) => Number(late(a.path)) - Number(late(b.path)));

      const failures: string[] = [];
      const slow: string[] = [];
      const passedGuards = new Map<string, number>();
      const statuses = new Map<number, number>();
      let sent = 0;
      const tokens = new Map<Role, string>();
      let slowest = { ms: 0, cpuMs: 0, what: '' };
      const began = Date.now();

      for (const { path, method, op, id } of operations) {
        const rule = rules.get(id);
        if (!rule) {
          failures.push(`${id}: in the document but not served`);
          continue;
        }
        const roles = (Object.keys(ACTORS) as Role[]).filter((r) => !rule.roles || rule.roles.includes(r));
        passedGuards.set(id, 0);
        if (op.requestBody?.content['multipart/form-data']) await warmUpload(t, path, roles[0]);
        for (const role of roles) {
          const calls = fc.sample(gen.call(path, method, op), {
            seed: SEED ^ hash(`${id} ${role}`),
            numRuns: Math.max(2, Math.ceil(RUNS / roles.length)),
          });
          for (const c of calls) {
            const n = String(++sent);
            const url =
              c.path + (c.query.length ? '?' + c.query.map(([k, v]) => `${k}=${enc(v)}`).join('&') : '');
            const what = `${role} ${method.toUpperCase()} ${url.slice(0, 160)} ${describeBody(c.body)}`;
            // A fresh token for the routes that may sign the caller out or change its password.
            if (late(path) || !tokens.has(role)) tokens.set(role, await t.token(ACTORS[role]));
            const verb = method as 'get' | 'post' | 'put' | 'patch' | 'delete';
            const client = t.http();
            let req = client[verb](url)
              .set(bearer(tokens.get(role)!))
              .set('x-fuzz-id', n);
            if (c.body && 'json' in c.body)
              req = req.set('Content-Type', 'application/json').send(JSON.stringify(c.body.json));
            else if (c.body && 'raw' in c.body) req = req.set('Content-Type', c.body.type).send(c.body.raw);
            else if (c.body && 'form' in c.body) {
              for (const [k, v] of c.body.form) req = req.field(k, v);
              if (c.body.file) req = req.attach('file', c.body.file.content, c.body.file.name);
            }
            let res;
            try {
              res = await req;
            } catch (e) {
              failures.push(`${what} → no answer: ${(e as Error).message}`);
              continue;
            }
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (![401, 403].includes(res.status)) passedGuards.set(id, passedGuards.get(id)! + 1);
            if (res.status >= 500)
              failures.push(`${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            else if (res.status >= 400) {
              const b = res.body as { statusCode?: unknown; error?: unknown; message?: unknown };
              if (
                b?.statusCode !== res.status ||
                typeof b.error !== 'string' ||
                !CHINESE.test(String(b.message))
              )
                failures.push(`${what} → ${res.status} not in the error shape: ${res.text.slice(0, 200)}`);
            }
            const time = await serverTime(timings, n);
            if (!time) failures.push(`${what} → ${res.status}, but the server recorded no time for it`);
            else {
              if (time.ms > slowest.ms) slowest = { ...time, what };
              if (time.ms > SLOW_MS)
                slow.push(
                  `${what} → ${res.status} in ${time.ms.toFixed(0)} ms (CPU ${time.cpuMs.toFixed(0)} ms)`,
                );
            }
          }
        }
      }

      console.log(
        `fuzz: ${sent} requests over ${operations.length} operations (seed ${SEED}, ${RUNS} runs per route) ` +
          `in ${((Date.now() - began) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `slowest ${slowest.ms.toFixed(0)} ms (CPU ${slowest.cpuMs.toFixed(0)} ms): ${slowest.what}`,
      );
      // The document lists the API: a fuzz over no routes would pass.
      expect(operations.length).toBeGreaterThan(90);
      expect({ failures, slow }).toEqual({ failures: [], slow: [] });
      // Each route let some of its requests past authentication and roles (into validation or further).
      expect([...passedGuards].filter(([, n]) => n === 0).map(([id]) => id)).toEqual([]);
      // Some requests were valid enough to be carried out, and many were refused as bad input.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(300);
    },
    Math.max(300_000, RUNS * 40_000),
  );

  it('is still up and the callers can still sign in', async () => {
    await t.http().get('/api/health').expect(200);
    await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    await t.http().post('/api/auth/login').send({ username: 'S0030', password: DEMO_PASSWORD }).expect(200);
  });
});

const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    // A lone surrogate has no UTF-8 form: send the bytes it would have (U+D800 as CESU-8), which are not UTF-8.
    return '%ED%A0%80';
  }
};

function describeBody(b: Call['body']): string {
  if (!b) return '';
  const text =
    'json' in b
      ? (JSON.stringify(b.json) ?? 'undefined')
      : 'raw' in b
        ? `(${b.type}) ${b.raw.toString().slice(0, 100)}`
        : `(multipart) ${JSON.stringify(b.form)} ${b.file ? `${b.file.name} ${b.file.content.length} B` : 'no file'}`;
  return text.length > 240 ? `${text.slice(0, 240)}…(${text.length} chars)` : text;
}

/** Records each request's server-side handling time and the process CPU time it used, by its x-fuzz-id. */
function timeRequests(
  app: NestFastifyApplication,
  timings: Map<string, { ms: number; cpuMs: number }>,
): void {
  const fastify = app.getHttpAdapter().getInstance();
  const cpuAt = new WeakMap<object, NodeJS.CpuUsage>();
  fastify.addHook('onRequest', (req, _reply, done) => {
    cpuAt.set(req, process.cpuUsage());
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const id = req.headers['x-fuzz-id'];
    const cpu = process.cpuUsage(cpuAt.get(req));
    if (typeof id === 'string')
      timings.set(id, { ms: reply.elapsedTime, cpuMs: (cpu.user + cpu.system) / 1000 });
    done();
  });
}

/** The server's time for a request; its onResponse hook may run just after the client has read the answer. */
async function serverTime(timings: Map<string, { ms: number; cpuMs: number }>, id: string) {
  for (let i = 0; i < 100 && !timings.has(id); i++) await new Promise((r) => setTimeout(r, 5));
  return timings.get(id);
}

/**
 * Uploads are parsed in a worker thread (src/common/worker-pool). Under jest the worker compiles the parser modules
 * from TypeScript with ts-node when it starts and when it first runs a kind of job (seconds of CPU; a built server
 * loads compiled JavaScript), and it stops after 30 s idle. One untimed upload to the route first, so the time
 * measured is the request's, not ts-node's.
 */
async function warmUpload(t: TestApp, path: string, role: Role): Promise<void> {
  const url = path.replace('{code}', 'veterans-protection-law') + '?dryRun=true';
  await t
    .http()
    .post(url)
    .set(bearer(await t.token(ACTORS[role])))
    .attach('file', Buffer.from('姓名,工号,题型,题干\n张三,S9001,单选,测试\n'), 'warm-up.csv');
}

/** Real ids and codes from the demo data, plus an attempt of each kind for the staff caller. */
async function realValues(t: TestApp): Promise<Pools> {
  const db = t.app.get(DataSource);
  const ids = async (sql: string) => ((await db.query(sql)) as { id: number | string }[]).map((r) => r.id);
  const as = async (u: string) => bearer(await t.token(u));
  const staffId = (
    await t
      .http()
      .get('/api/me')
      .set(await as('staff'))
  ).body.id as number;
  // The staff caller's own attempts: one open, one submitted.
  const available = (
    await t
      .http()
      .get('/api/exams/available')
      .set(await as('staff'))
      .expect(200)
  ).body as {
    id: number;
  }[];
  const attempts: number[] = [];
  const paperQuestions: number[] = [];
  for (const [i, exam] of available.slice(0, 2).entries()) {
    const a = await t
      .http()
      .post(`/api/exams/${exam.id}/attempts`)
      .set(await as('staff'));
    if (a.status !== 201) continue;
    attempts.push(a.body.id);
    paperQuestions.push(...(a.body.questions as { id: number }[]).slice(0, 3).map((q) => q.id));
    if (i === 1)
      await t
        .http()
        .post(`/api/attempts/${a.body.id}/submit`)
        .set(await as('staff'));
  }
  const actors = (await db.query(
    `SELECT id FROM "user" WHERE username IN ('admin','trainer','manager','staff')`,
  )) as {
    id: number;
  }[];
  const users = (await ids(`SELECT id FROM "user" ORDER BY id`)).filter(
    (id) => !actors.some((a) => a.id === Number(id)),
  );
  const exams = await ids(`SELECT id FROM exam ORDER BY id`);
  const codes = await ids(`SELECT code AS id FROM regulation ORDER BY code`);
  const pools: Pools = {
    units: await ids(`SELECT id FROM unit ORDER BY id`),
    users: users.slice(0, 8),
    banks: await ids(`SELECT id FROM question_bank ORDER BY id`),
    'units/{id}': await ids(`SELECT id FROM unit ORDER BY id`),
    'users/{id}': users.slice(0, 8),
    'question-banks/{id}': await ids(`SELECT id FROM question_bank ORDER BY id`),
    'questions/{id}': await ids(`SELECT id FROM question ORDER BY id LIMIT 5`),
    'exams/{id}': exams,
    'attempts/{id}': [
      ...attempts,
      ...(await ids(`SELECT id FROM attempt WHERE "userId" <> ${staffId} ORDER BY id LIMIT 2`)),
    ],
    'answers/{questionId}': paperQuestions,
    'certificates/{id}': await ids(`SELECT id FROM certificate ORDER BY id LIMIT 5`),
    'materials/{id}': await ids(`SELECT id FROM study_material ORDER BY id LIMIT 5`),
    'campaigns/{id}': await ids(`SELECT id FROM campaign ORDER BY id`),
    'regulations/{code}': codes.slice(0, 5),
    'articles/{number}': [1, 2, 10, 50],
    regulationIds: await ids(`SELECT id FROM regulation ORDER BY id LIMIT 5`),
    // Each caller's own upload under way (the progress store of the app this file runs in), and one nobody has.
    'progress/{id}': ['fuzz-progress-1', 'fuzz-progress-unknown'],
    // The demo data's marking queue (opaque marking ids of written answers, marked and not).
    'marking/{markingId}': await ids(`SELECT token AS id FROM written_answer ORDER BY id LIMIT 5`),
  };
  for (const a of actors) progressReporter(Number(a.id), 'fuzz-progress-1').checking(1, 2, '题');
  if (!pools['campaigns/{id}'].length) {
    const c = await t
      .http()
      .post('/api/campaigns')
      .set(await as('trainer'))
      .send({
        title: '模糊测试学习活动',
        kind: 'law-month',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        requiredHours: 1,
        audience: {},
      })
      .expect(201);
    pools['campaigns/{id}'] = [c.body.id];
  }
  return pools;
}
