import {
  applyDecorators,
  CanActivate,
  Controller,
  ExecutionContext,
  Injectable,
  Param,
  ParseIntPipe,
  SetMetadata,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageExceptionFilter } from './page-exception.filter';
import { csrfTokenOf, redirectWithError, type FormErrorHandler, type PageRequest } from './page';

const ON_FORM_ERROR = 'web:onFormError';

/** What a failed form post of this handler does (validation or service error): see FormPage. */
export const OnFormError = (handler: FormErrorHandler) => SetMetadata(ON_FORM_ERROR, handler);

/** A failed form post goes back to its form page (303) with the message in the flash cookie. */
export const FormPage = (path: (req: PageRequest) => string) =>
  OnFormError((req, reply, message) => redirectWithError(reply, path(req), message));

/**
 * The page guard. It runs after the global guards, which already did the work of access: the JWT guard found
 * the caller from the session cookie and the role guard checked the handler's @Roles (both refusals become a
 * redirect or an HTML page in PageExceptionFilter). It gives the page its CSRF token — issuing the cookie on a
 * first visit — and notes where a failed form post of the handler goes back to.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<PageRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    req.csrfToken = csrfTokenOf(req, reply);
    req.onFormError = this.reflector.get<FormErrorHandler | undefined>(ON_FORM_ERROR, context.getHandler());
    return true;
  }
}

/** A controller of server-rendered pages: not in the API document, behind PageGuard and PageExceptionFilter. */
export const PageController = () =>
  applyDecorators(
    ApiExcludeController(),
    Controller(),
    UseGuards(PageGuard),
    UseFilters(PageExceptionFilter),
  );

/** The `:id` of a page address as a number (anything else is a 400 page). */
export const Id = () => Param('id', ParseIntPipe);
