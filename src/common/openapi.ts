/**
 * The OpenAPI document beyond what the @nestjs/swagger CLI plugin reads from the types (nest-cli.json): uploads,
 * downloads, reports that answer JSON or a file, and answers of any JSON type.
 */
import { applyDecorators, type Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  getSchemaPath,
} from '@nestjs/swagger';
import type { ApiPropertyOptions, OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const binary: SchemaObject = { type: 'string', format: 'binary' };

/**
 * An answer or an answer key: 'B' (single), ['A','C'] (multiple), true (true/false), ['答案一','答案二'] or
 * [['答案','同义答案']] (fill-blank); null clears a saved answer.
 */
export const ANSWER_SCHEMA: ApiPropertyOptions = {
  nullable: true,
  oneOf: [
    { type: 'string', example: 'B' },
    { type: 'boolean', example: true },
    {
      type: 'array',
      items: {
        nullable: true,
        oneOf: [{ type: 'string' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
      },
      example: ['A', 'C'],
    },
    {
      type: 'object',
      description: '主观题的答案：简答题 { reference, rubric }，案例分析题 { questions }',
      additionalProperties: true,
    },
  ],
};

/** A multipart upload: the file and the plain fields sent with it. */
export const ApiUpload = (description: string, fields: Record<string, SchemaObject> = {}) =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { ...binary, description }, ...fields },
      },
    }),
  );

/** A download (a template, an export, a printable page). */
export const ApiFile = (mime: string, description: string) =>
  applyDecorators(ApiProduces(mime), ApiOkResponse({ description, content: { [mime]: { schema: binary } } }));

/** A report: JSON by default, or the same table as CSV or XLSX with `format`. */
export const ApiReport = (type: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiProduces('application/json', 'text/csv', XLSX),
    ApiOkResponse({
      description: 'format=json（默认）返回 JSON；format=csv / xlsx 返回同一张表的文件',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: binary },
        [XLSX]: { schema: binary },
      },
    }),
  );

/** Plain text (the annual summary). */
export const ApiText = (description: string, example: string) =>
  applyDecorators(
    ApiProduces('text/plain'),
    ApiOkResponse({ description, content: { 'text/plain': { schema: { type: 'string', example } } } }),
  );

/**
 * What the CLI plugin cannot tell from the TypeScript types, set from what the document already knows:
 * - a union of string literals (`type: QuestionType`) comes out as `object`, while @IsIn gave it the right enum:
 *   it is a string;
 * - a property with `oneOf` (ANSWER_SCHEMA) keeps the plugin's `object` beside it: it has no single type;
 * - a `number` checked by @IsInt is an integer, a `string` checked by @IsDateString a date-time (class-validator's
 *   own metadata, by class name).
 */
export function refineDocument(doc: OpenAPIObject): OpenAPIObject {
  const visit = (s: unknown): void => {
    if (!s || typeof s !== 'object') return;
    const o = s as SchemaObject & Record<string, unknown>;
    if (o.type === 'object' && Array.isArray(o.enum) && o.enum.every((v) => typeof v === 'string'))
      o.type = 'string';
    if (o.type === 'object' && o.oneOf && !o.properties) delete o.type;
    for (const v of Object.values(o)) visit(v);
  };
  visit(doc.components?.schemas);
  visit(doc.paths);
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<{ name: string }, { name?: string; propertyName: string; each?: boolean }[]>;
  };
  for (const [target, rules] of storage.validationMetadatas) {
    const schema = doc.components?.schemas?.[target.name] as SchemaObject | undefined;
    for (const rule of rules) {
      const p = schema?.properties?.[rule.propertyName] as SchemaObject | undefined;
      const t = (rule.each && p?.type === 'array' ? p.items : p) as SchemaObject | undefined;
      if (!t) continue;
      if (rule.name === 'isInt' && t.type === 'number') t.type = 'integer';
      if ((rule.name === 'isDateString' || rule.name === 'isISO8601') && t.type === 'string')
        t.format = 'date-time';
    }
  }
  return doc;
}

/**
 * A property holding one of a list of strings (or a list of them), which the plugin cannot read from a union of
 * literal types. Optional properties say `required: false`.
 */
export const ApiEnum = (
  values: readonly string[],
  o: { isArray?: boolean; nullable?: boolean; required?: boolean; example?: unknown } = {},
) => ApiProperty({ enum: [...values], ...o });

/** A property holding an object of a response class, or null (the plugin cannot read `Class | null`). */
export const ApiNullable = (of: () => Type<unknown>) => ApiProperty({ type: () => of(), nullable: true });
