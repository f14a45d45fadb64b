/**
 * One error shape everywhere: `{ statusCode, error, message, details? }`. Services throw AppError (or Nest's
 * HttpExceptions); the global filter renders both the same way.
 */
import { HttpException, HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  line?: number;
  row?: number;
  column?: string;
  field?: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
}

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function errorName(status: number): string {
  return ERROR_NAMES[status] ?? 'Error';
}

export class AppError extends HttpException {
  constructor(status: number, message: string, details?: ErrorDetail[], extra?: Record<string, unknown>) {
    const body: ErrorBody & Record<string, unknown> = {
      statusCode: status,
      error: errorName(status),
      message,
      ...(details && details.length ? { details } : {}),
      ...extra,
    };
    super(body, status);
  }

  static badRequest(message: string, details?: ErrorDetail[]): AppError {
    return new AppError(HttpStatus.BAD_REQUEST, message, details);
  }
  static notFound(message = '资源不存在'): AppError {
    return new AppError(HttpStatus.NOT_FOUND, message);
  }
  static forbidden(message = '无权执行此操作'): AppError {
    return new AppError(HttpStatus.FORBIDDEN, message);
  }
  static conflict(message: string): AppError {
    return new AppError(HttpStatus.CONFLICT, message);
  }
  static unprocessable(message: string, details?: ErrorDetail[], extra?: Record<string, unknown>): AppError {
    return new AppError(HttpStatus.UNPROCESSABLE_ENTITY, message, details, extra);
  }
}
