/**
 * The answer save's fast lane (issue #19). A Fastify preHandler on `PUT /api/attempts/:id/answers/:questionId`
 * answers the common case itself: a signed-in candidate, the usual `{ response, seq }` body, a paper drawn or resumed
 * in this process, and exactly one answer row written (AttemptsService.quickSave). It skips Nest's router, guards,
 * pipes and response handling, which cost more of a save than its SQL (bench/results). Everything else — no or a bad
 * token, a CSRF failure, an account that must change its password, an odd body or id, an unknown paper, a save to
 * refuse or explain, an error — goes on to the Nest route unchanged, which checks again and answers as always. So
 * the lane only ever says yes, and only where the Nest route would have said the same yes.
 *
 * The checks of the global guards for this route, in the same order: CsrfGuard's double submit (csrfSatisfied),
 * JwtAuthGuard's token and account (JwtStrategy.authenticate) and its must-change-password rule. RolesGuard has
 * nothing to check: the route has no @Roles, and installSaveFastLane refuses to start if that changes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { IS_PUBLIC, OPTIONAL_AUTH, PASSWORD_CHANGE_EXEMPT, ROLES_KEY } from '../common/decorators';
import type { AuthUser } from '../common/roles';
import type { SaveAnswerResponse } from '../exams/attempt.response';
import { plainSaveBody, type SaveAnswerDto } from '../exams/dto/exam.dto';
import { ExamsController } from '../exams/exams.controller';
import { accessTokenOf } from '../identity/jwt.strategy';
import { csrfSatisfied } from './shared/csrf';

export const SAVE_ROUTE = '/api/attempts/:id/answers/:questionId';

/** What the lane needs: the guards' authentication and the service's one-statement save. */
export interface SaveLane {
  authenticate(token: string | null): Promise<AuthUser | null>;
  quickSave(
    user: AuthUser,
    attemptId: number,
    questionId: number,
    dto: SaveAnswerDto,
  ): Promise<SaveAnswerResponse | null>;
}

/** A request as the lane reads it (a FastifyRequest after body parsing). */
export interface LaneRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
  params: unknown;
  body: unknown;
  user?: AuthUser | null;
}

/** An id ParseIntPipe reads the same way (digits only, no sign, within int4). */
const ID = /^[0-9]{1,9}$/;

/** The answer to send, or null to pass the request on to the Nest route. */
export async function fastSave(req: LaneRequest, lane: SaveLane): Promise<SaveAnswerResponse | null> {
  if (!csrfSatisfied(req)) return null;
  const { id, questionId } = (req.params ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof questionId !== 'string' || !ID.test(id) || !ID.test(questionId))
    return null;
  const dto = plainSaveBody(req.body);
  if (!dto) return null;
  const user = await lane.authenticate(accessTokenOf(req));
  if (!user || user.mustChangePassword) return null;
  const saved = await lane.quickSave(user, Number(id), Number(questionId), dto);
  if (saved) req.user = user;
  return saved;
}

/**
 * The metadata of the save handler that the lane would bypass: none is allowed (a @Roles, @Public, @OptionalAuth
 * or @PasswordChangeExempt added to the route must be checked by the lane too, so it refuses to start instead).
 */
export function bypassedMetadata(): string[] {
  const targets = [ExamsController.prototype.save, ExamsController];
  return [ROLES_KEY, IS_PUBLIC, OPTIONAL_AUTH, PASSWORD_CHANGE_EXEMPT].filter((key) =>
    targets.some((t) => Reflect.getMetadata(key, t) !== undefined),
  );
}

/** Installs the lane as the save route's last preHandler (onRoute: before the routes are registered). */
export function installSaveFastLane(fastify: FastifyInstance, lane: SaveLane): void {
  const found = bypassedMetadata();
  if (found.length)
    throw new Error(`save fast lane: the save route now has ${found.join(', ')}; teach the lane`);
  const handler = (req: FastifyRequest, reply: FastifyReply, done: (e?: Error) => void): void => {
    fastSave(req as unknown as LaneRequest, lane).then(
      (saved) => (saved ? void reply.send(saved) : done()),
      // An error (the database, say) is the Nest route's to report, in the one error shape.
      () => done(),
    );
  };
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url !== SAVE_ROUTE || !methods.includes('PUT')) return;
    const before = route.preHandler ? [route.preHandler].flat() : [];
    route.preHandler = [...before, handler as preHandlerHookHandler];
  });
}
