/**
 * The OpenAPI document at /api/docs/json, built by the app compiled with the @nestjs/swagger CLI plugin (this jest
 * project uses the plugin's AST transformer with the options of nest-cli.json). Clients and the fuzz suite are
 * generated from it, so every body must be described: no empty request schema, a schema with properties and an
 * example for every JSON body, and the types, required fields, enums and bounds of the validation rules.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { bootTestApp, TestApp } from '../helpers/test-app';

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
  examples?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};
type Media = { schema?: Schema; example?: unknown; examples?: unknown };
type Operation = {
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let operations: { id: string; method: string; op: Operation }[];

  beforeAll(async () => {
    t = await bootTestApp();
    doc = (await t.http().get('/api/docs/json').expect(200)).body as OpenAPIObject;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]) => ({
        id: `${method.toUpperCase()} ${path}`,
        method,
        op,
      })),
    );
  });
  afterAll(async () => t?.close());

  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s?.$ref || depth > 10) return s;
    return resolve(doc.components!.schemas![s.$ref.split('/').pop()!] as Schema, depth + 1);
  };
  const schema = (name: string) => doc.components!.schemas![name] as Schema;

  /** An object with properties, or a list of them. */
  const hasProperties = (s: Schema | undefined): boolean => {
    const r = resolve(s);
    if (!r) return false;
    if (r.type === 'array') return hasProperties(r.items);
    if (r.allOf) return r.allOf.some(hasProperties);
    return Object.keys(r.properties ?? {}).length > 0;
  };

  /** An example on the schema, on one of its properties, or on what it lists. */
  const hasExample = (s: Schema | undefined, depth = 0): boolean => {
    const r = resolve(s);
    if (!r || depth > 5) return false;
    if (r.example !== undefined || r.examples !== undefined) return true;
    if (r.type === 'array') return hasExample(r.items, depth + 1);
    if ((r.allOf ?? []).some((x) => hasExample(x, depth + 1))) return true;
    return Object.values(r.properties ?? {}).some((p) => p.example !== undefined || p.examples !== undefined);
  };

  it('documents the API', () => {
    expect(operations.length).toBeGreaterThan(90);
    expect(doc.paths).toHaveProperty('/api/exams');
  });

  it('has no operation with an empty request-body schema', () => {
    const empty = operations.flatMap(({ id, op }) =>
      Object.entries(op.requestBody?.content ?? {})
        .filter(([, media]) => !hasProperties(media.schema))
        .map(([type]) => `${id} (${type})`),
    );
    expect(empty).toEqual([]);
  });

  it('describes every JSON request body with properties and an example', () => {
    const bodies = operations.flatMap(({ id, op }) =>
      Object.entries(op.requestBody?.content ?? {})
        .filter(([type]) => type.includes('json'))
        .map(([, media]) => ({ id, media })),
    );
    expect(bodies.length).toBeGreaterThan(25);
    const wrong = bodies
      .filter(({ media }) => !(media.example ?? media.examples) && !hasExample(media.schema))
      .map(({ id }) => id);
    expect(wrong).toEqual([]);
  });

  it('describes every upload as multipart with its file', () => {
    const uploads = operations.filter(({ op }) => op.requestBody?.content['multipart/form-data']);
    expect(uploads.map((u) => u.id).sort()).toEqual([
      'POST /api/certificates/import',
      'POST /api/question-banks/import',
      'POST /api/regulations/{code}/versions',
      'POST /api/roster/import',
    ]);
    for (const { op } of uploads)
      expect(resolve(op.requestBody!.content['multipart/form-data'].schema)?.properties?.file).toMatchObject({
        type: 'string',
        format: 'binary',
      });
  });

  it('gives every operation a success response, and every JSON one a schema with properties and an example', () => {
    const wrong: string[] = [];
    for (const { id, method, op } of operations) {
      const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      if (!ok.length) wrong.push(`${id}: no 2xx response`);
      for (const [status, res] of ok) {
        // Only a deletion or a 204 answers with nothing.
        if (!res.content) {
          if (status !== '204' && method !== 'delete') wrong.push(`${id} ${status}: no content`);
          continue;
        }
        for (const [type, media] of Object.entries(res.content)) {
          if (!media.schema) wrong.push(`${id} ${status} ${type}: no schema`);
          else if (type.includes('json') && !hasProperties(media.schema))
            wrong.push(`${id} ${status}: no properties`);
          else if (type.includes('json') && !hasExample(media.schema))
            wrong.push(`${id} ${status}: no example`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('states the validation rules: types, required fields, enums, bounds', () => {
    const exam = schema('CreateExamDto');
    expect(exam.required).toEqual(expect.arrayContaining(['title', 'kind', 'blueprint']));
    expect(exam.required).not.toContain('description');
    expect(exam.properties!.title).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    expect(exam.properties!.kind).toMatchObject({
      type: 'string',
      enum: expect.arrayContaining(['qualification']),
    });
    expect(exam.properties!.timeLimitMinutes).toMatchObject({ type: 'integer', minimum: 1, maximum: 1440 });
    expect(exam.properties!.opensAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(schema('RuleDto').properties).toMatchObject({
      type: {
        type: 'string',
        enum: ['single', 'multiple', 'true-false', 'fill-blank', 'short-answer', 'case'],
      },
      count: { type: 'integer', minimum: 1, maximum: 500 },
      points: { type: 'number', minimum: 0.01 },
    });
    expect(schema('AudienceDto').properties!.userIds).toMatchObject({
      type: 'array',
      items: { type: 'integer' },
    });
    expect(schema('CreateBankDto').properties!.curriculum).toMatchObject({
      type: 'string',
      enum: expect.any(Array),
    });
    const answer = schema('SaveAnswerDto').properties!.response;
    expect(answer).toMatchObject({ nullable: true, oneOf: expect.any(Array) });
    expect(answer.type).toBeUndefined();
    expect(schema('ExamResponse').properties).toMatchObject({
      status: { type: 'string', enum: ['draft', 'published', 'archived'] },
      opensAt: { type: 'string', format: 'date-time', nullable: true },
    });
    expect(schema('UserResponse').properties!.roles).toMatchObject({
      type: 'array',
      items: { enum: expect.any(Array) },
    });
  });

  it('leaves no property typed as a bare object', () => {
    const bare: string[] = [];
    for (const [name, s] of Object.entries(doc.components!.schemas!) as [string, Schema][])
      for (const [prop, p] of Object.entries(s.properties ?? {}))
        if (p.type === 'object' && !p.properties && !p.oneOf && !p.allOf && !('additionalProperties' in p))
          bare.push(`${name}.${prop}`);
    expect(bare).toEqual([]);
  });
});
