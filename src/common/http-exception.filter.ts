import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { errorName, ErrorBody } from './errors';

const DEFAULT_MESSAGES: Record<number, string> = {
  400: '请求无效',
  401: '未登录或登录已过期',
  403: '无权执行此操作',
  404: '资源不存在',
  405: '不支持的请求方法',
  409: '请求与当前状态冲突',
  413: '请求内容过大',
  415: '不支持的内容类型',
  422: '内容无法处理',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误',
};

/** Renders every error as `{ statusCode, error, message, details? }` with a Chinese message. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (typeof reply.status === 'function' && typeof reply.send === 'function') {
      // The error is JSON whatever the route meant to send (an HTML page or a download sets its type and
      // disposition before it can fail): with text/html still set, Fastify cannot send the object and answers 500.
      if (typeof reply.removeHeader === 'function') reply.removeHeader('content-disposition');
      reply.header('Content-Type', 'application/json; charset=utf-8');
      reply.status(body.statusCode).send(body);
    }
  }
}

export function toErrorBody(exception: unknown): ErrorBody & Record<string, unknown> {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (
      typeof response === 'object' &&
      response !== null &&
      'statusCode' in response &&
      'error' in response
    ) {
      const r = response as ErrorBody & Record<string, unknown>;
      if (typeof r.message === 'string' && /[\u4e00-\u9fa5]/.test(r.message)) return r;
      return { ...r, message: DEFAULT_MESSAGES[status] ?? String(r.message) };
    }
    const message =
      typeof response === 'string' && /[\u4e00-\u9fa5]/.test(response)
        ? response
        : (DEFAULT_MESSAGES[status] ?? '请求失败');
    return { statusCode: status, error: errorName(status), message };
  }
  const err = exception as { statusCode?: number; code?: string } | undefined;
  // Fastify's own errors (body too large, bad JSON, bad content type) carry a statusCode.
  if (err && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    const status = err.statusCode;
    const message =
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? '请求体不是有效的 JSON'
        : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE'
          ? '请求内容过大'
          : (DEFAULT_MESSAGES[status] ?? '请求无效');
    return { statusCode: status, error: errorName(status), message };
  }
  return { statusCode: 500, error: errorName(500), message: DEFAULT_MESSAGES[500] };
}
