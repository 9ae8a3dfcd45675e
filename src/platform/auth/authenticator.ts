import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Actor, RequestContext } from '../context.js';
import { PlatformErrors } from '../errors.js';

/** The two API surfaces, as a gateway would expose them: employees and machines, or clients. */
export type Surface = 'internal' | 'external';

/** What an authenticator establishes about a caller. */
export interface Principal {
  readonly tenantId: string;
  readonly actor: Actor;
  /** Everything this caller may do, already resolved from roles or key scopes. */
  readonly permissions: ReadonlySet<string>;
}

/**
 * A strategy that recognises one kind of credential (a bearer JWT, an API key...). It returns
 * undefined when the request does not carry its kind of credential, so the next one can try, and
 * throws an `unauthenticated` AppError when the credential is present but bad or meant for the
 * other surface.
 */
export interface Authenticator {
  readonly name: string;
  authenticate(request: FastifyRequest, surface: Surface): Promise<Principal | undefined>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every non-public route. */
    ctx: RequestContext;
    principal: Principal | undefined;
  }
}

/**
 * Runs the authenticators on every route that is not marked `config.public`, sets
 * `request.ctx`, tags the request's log lines with the tenant, and enforces `config.permission`.
 */
export function authenticationHook(
  authenticators: readonly Authenticator[],
  surface: Surface,
): onRequestAsyncHookHandler {
  return async (request) => {
    const config = request.routeOptions.config;
    if (config.public) return;
    let principal: Principal | undefined;
    for (const authenticator of authenticators) {
      principal = await authenticator.authenticate(request, surface);
      if (principal) break;
    }
    if (!principal) throw PlatformErrors.unauthenticated();
    request.principal = principal;
    request.ctx = { tenantId: principal.tenantId, actor: principal.actor, requestId: request.id };
    request.log = request.log.child({ tenantId: principal.tenantId, actorId: principal.actor.id });
    if (config.permission && !principal.permissions.has(config.permission)) {
      throw PlatformErrors.forbidden(config.permission);
    }
  };
}
