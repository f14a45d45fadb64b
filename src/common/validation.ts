import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, ErrorDetail } from './errors';

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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Page form posts arrive through the @Form() decorator of src/web and are validated like API bodies.
    validateCustomDecorators: true,
    exceptionFactory: (errors) => AppError.badRequest('请求参数无效', flatten(errors)),
  });
}
