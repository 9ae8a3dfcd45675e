import type { FastifyPluginAsync } from 'fastify';
import type { IdentityApi } from '../modules/identity/index.js';
import { systemContext } from '../platform/context.js';
import { consolePlugin } from '../platform/http/console.plugin.js';
import type { ModuleApis } from './modules.js';

/** The console (the web app), told by identity whether anybody can sign in yet. */
export function consoleFor(modules: Pick<ModuleApis, 'identity'>): FastifyPluginAsync {
  return consolePlugin({ firstRun: consoleFirstRunProbe(modules.identity) });
}

/**
 * Whether this installation still has nobody who can sign in to the console: no tenant, or no
 * active employee in any tenant. The answer only ever flips from true to false, so once someone
 * exists it is remembered and the (cross-tenant) look-up stops.
 */
export function consoleFirstRunProbe(
  identity: Pick<IdentityApi, 'tenantAdmin' | 'users'>,
): () => Promise<boolean> {
  let someoneCanSignIn = false;
  let inFlight: Promise<boolean> | undefined;
  const lookUp = async (): Promise<boolean> => {
    for (const tenant of await identity.tenantAdmin.list()) {
      const users = await identity.users.list(systemContext(tenant.uuid, 'console-first-run', 'console'));
      if (users.some((user) => user.kind === 'employee' && user.status === 'active')) {
        someoneCanSignIn = true;
        return false;
      }
    }
    return true;
  };
  return () => {
    if (someoneCanSignIn) return Promise.resolve(false);
    inFlight ??= lookUp().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
