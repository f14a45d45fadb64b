import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, registerDecorator, ValidationTypes } from 'class-validator';
import { AppError, ErrorDetail } from './errors';

/**
 * The largest number any request may carry, anywhere (PostgreSQL `integer`): ids, page numbers, `seq`, minutes,
 * points, counts. A field that needs less says so with its own `@Max`.
 */
export const MAX_INT = 2_147_483_647;

const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isString: '应为文本',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为 true 或 false',
  isArray: '应为数组',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  min: '数值过小',
  max: '数值过大',
  minLength: '长度过短',
  maxLength: '长度过长',
  isDateString: '应为日期（YYYY-MM-DD 或 ISO 时间）',
  isISO8601: '应为日期（YYYY-MM-DD 或 ISO 时间）',
  matches: '格式不正确',
  arrayMinSize: '元素过少',
  arrayMaxSize: '元素过多',
  arrayUnique: '有重复的元素',
  isPositive: '应为正数',
  nestedValidation: '格式不正确',
  isObject: '应为对象',
};

const TYPE_CONSTRAINTS = [
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'whitelistValidation',
];

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    let constraints = Object.entries(e.constraints ?? {});
    // A value of the wrong type gets one message, not one per rule it also breaks.
    const typeError = constraints.find(([name]) => TYPE_CONSTRAINTS.includes(name));
    if (typeError) constraints = [typeError];
    for (const [name, given] of constraints) {
      // A message written in Chinese on the decorator wins over the generic one.
      out.push({
        field,
        message: /[\u4e00-\u9fa5]/.test(given) ? given : (CONSTRAINT_MESSAGES[name] ?? given),
      });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

const invalid = (details: ErrorDetail[]) => AppError.badRequest('请求参数无效', details);

// ---- rules every request follows, whatever its DTO says -------------------------------------------------------

const NULLABLE = 'isNullable';

/**
 * An optional field that may be sent as `null` (meaning: clear it). Without this, `null` is refused for every
 * field: `@IsOptional()` alone would let it past every other rule and into a NOT NULL column.
 */
export function Nullable(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: NULLABLE,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: () => true },
    });
}

const CHANGE_REQUIRED = Symbol('changeRequired');

/** An update body (PATCH): `{}` changes nothing and is refused with 400 instead of reaching the database. */
export function AtLeastOneField(): ClassDecorator {
  return (target) => Reflect.defineMetadata(CHANGE_REQUIRED, true, target);
}

interface FieldRules {
  optional: boolean;
  nullable: boolean;
  /** @ValidateNested(): one nested object, or (`each`) a list of them. */
  nested?: 'one' | 'each';
}

const rulesCache = new WeakMap<object, Map<string, FieldRules>>();

/** Per property of a DTO class: whether it may be left out (@IsOptional) and whether it may be null (@Nullable). */
function fieldRules(cls: object): Map<string, FieldRules> {
  let rules = rulesCache.get(cls);
  if (rules) return rules;
  rules = new Map();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls as Function, '', true, false)) {
    const r = rules.get(m.propertyName) ?? { optional: false, nullable: false };
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) r.optional = true;
    if (m.name === NULLABLE) r.nullable = true;
    if (m.type === ValidationTypes.NESTED_VALIDATION) r.nested = m.each ? 'each' : 'one';
    rules.set(m.propertyName, r);
  }
  rulesCache.set(cls, rules);
  return rules;
}

const isDto = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && v.constructor !== Object;

/**
 * Presence and null rules (fields named as class-validator names them: `blueprint.parts.0.source`) on a DTO instance that class-validator passed, nested DTOs included: a field without
 * @IsOptional must be present (a nested object with only @ValidateNested would otherwise pass when missing),
 * null is refused unless the field is @Nullable, and a @ValidateNested field holds an object (or, `each`, a list of
 * objects) — not a list where one object belongs, nor lists or values inside the list.
 */
function presenceProblems(dto: Record<string, unknown>, prefix: string, out: ErrorDetail[]): void {
  for (const [name, rule] of fieldRules(dto.constructor)) {
    const field = prefix ? `${prefix}.${name}` : name;
    const v = dto[name];
    if (v === undefined && !rule.optional) out.push({ field, message: '必须填写' });
    else if (v === null && !rule.nullable)
      out.push({ field, message: rule.optional ? '不能为 null（不修改请省略该字段）' : '必须填写' });
    // class-validator validates an array given for one nested object element by element (`[]` and `[[]]` pass),
    // and an array inside a list of nested objects likewise.
    else if (rule.nested === 'one' && Array.isArray(v)) out.push({ field, message: '应为对象' });
    else if (rule.nested === 'each' && Array.isArray(v) && v.some((x) => !isDto(x)))
      v.forEach((x, i) => !isDto(x) && out.push({ field: `${field}.${i}`, message: '应为对象' }));
    else if (Array.isArray(v)) v.forEach((x, i) => isDto(x) && presenceProblems(x, `${field}.${i}`, out));
    else if (isDto(v)) presenceProblems(v, field, out);
  }
}

/** Numbers beyond ±MAX_INT (or not finite) and strings with NUL anywhere in a value, with the path to them. */
export function valueProblems(value: unknown, field: string, out: ErrorDetail[], depth = 0): void {
  if (out.length >= 20) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_INT)
      out.push({ field, message: `数值超出允许范围（绝对值不超过 ${MAX_INT}）` });
  } else if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field, message: '含有不允许的控制字符（\\u0000）' });
  } else if (typeof value === 'object' && value !== null && depth < 64) {
    if (Array.isArray(value)) value.forEach((x, i) => valueProblems(x, `${field}.${i}`, out, depth + 1));
    else
      for (const [k, x] of Object.entries(value))
        valueProblems(x, field ? `${field}.${k}` : k, out, depth + 1);
  }
}

/**
 * The global ValidationPipe (whitelist, forbidNonWhitelisted, transform) plus the rules that close whole classes
 * of bad input at once, whatever a DTO forgot to say:
 * - a body for a DTO must be a JSON object (an 800 KB array is refused before class-transformer walks it);
 * - an update marked @AtLeastOneField must change something;
 * - no field may be null unless @Nullable, and a field without @IsOptional must be present;
 * - every number is finite and within ±MAX_INT; no string holds NUL (PostgreSQL refuses it in text);
 * - a numeric path or query parameter (`@Param('id', ParseIntPipe) id: number`) is 0…MAX_INT in plain digits,
 *   and a single query parameter (`@Query('q') q: string`) is given once.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Page form posts arrive through the @Form() decorator of src/web and are validated like API bodies.
      validateCustomDecorators: true,
      exceptionFactory: (errors) => invalid(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type, metatype, data } = metadata;
    const field = data ?? (type === 'body' ? '' : type);
    if (type !== 'body' && type !== 'custom' && (typeof value === 'string' || Array.isArray(value))) {
      const problems: ErrorDetail[] = [];
      valueProblems(value, field, problems);
      if (problems.length) throw invalid(problems);
      if (Array.isArray(value) && data && metatype !== Array)
        throw invalid([{ field: data, message: '只能填写一次' }]);
      if (metatype === Number && data && value !== undefined && !isPlainInt(value))
        throw invalid([{ field: data, message: `应为 0 到 ${MAX_INT} 之间的整数` }]);
    }
    const dtoClass = metatype && this.toValidate(metadata) ? metatype : undefined;
    if (dtoClass && type === 'body' && value !== undefined && value !== null) {
      if (typeof value !== 'object' || Array.isArray(value))
        throw AppError.badRequest('请求体应为 JSON 对象', [{ field: 'body', message: '应为 JSON 对象' }]);
      if (
        Reflect.getMetadata(CHANGE_REQUIRED, dtoClass) &&
        Object.values(value).every((v) => v === undefined)
      )
        throw AppError.badRequest('请求中没有要修改的字段', [{ field: 'body', message: '至少填写一个字段' }]);
    }
    const result = await super.transform(value, metadata);
    if (dtoClass && isDto(result)) {
      const problems: ErrorDetail[] = [];
      presenceProblems(result, '', problems);
      valueProblems(result, '', problems);
      if (problems.length) throw invalid(problems);
    }
    return result;
  }
}

function isPlainInt(value: unknown): boolean {
  return typeof value === 'string' && /^\d{1,10}$/.test(value) && Number(value) <= MAX_INT;
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe();
}
