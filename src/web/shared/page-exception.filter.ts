import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { MUST_CHANGE_PASSWORD } from '../../common/decorators';
import { toErrorBody } from '../../common/http-exception.filter';
import { csrfTokenOf, errorPage, errorText, forbiddenPage, type PageRequest } from './page';

/** RolesGuard's refusal (AppError.forbidden()): the page says 无权访问 rather than the API's sentence. */
const NO_ROLE = '无权执行此操作';

/**
 * The one exception filter of the page routes: never JSON. Not signed in (401) → /login?next=…; a failed form
 * post → back to its form page with the message (FormPage); an initial or reset password → 修改密码; the caller lacks the page's role (403) → 无权访问;
 * any other error (404, a service's 403/409, a bad address) → an error page with the message and a way home.
 */
@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<PageRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // A form post whose handler ran (PageGuard set onFormError) and failed — even with 401, e.g. a wrong password.
    if (req.onFormError) return req.onFormError(req, reply, errorText(body, '出错了'), body.statusCode);
    if (body.statusCode === 401) {
      reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      return;
    }
    // A password someone else set: 修改密码 first, then back here (a GET; a form post goes home afterwards).
    if (body.statusCode === 403 && body.message === MUST_CHANGE_PASSWORD) {
      const back = req.method === 'GET' ? req.url : '/app';
      reply.redirect(`/app/password?next=${encodeURIComponent(back)}`, 303);
      return;
    }
    const message = errorText(body, '页面不存在');
    // Refused by a global guard before PageGuard ran: the layout still needs the token for its logout form.
    req.csrfToken ??= csrfTokenOf(req, reply);
    if (body.statusCode === 403 && body.message === NO_ROLE) return forbiddenPage(reply);
    errorPage(reply, message, body.statusCode);
  }
}
