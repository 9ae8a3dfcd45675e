import { timingSafeEqual } from 'node:crypto';
import type { Authenticator, Principal } from '../../../platform/auth/index.js';
import type { Database } from '../../../platform/db/index.js';
import { IdentityErrors } from '../errors.js';
import { hashApiKeySecret, parseApiKey } from './api-keys.service.js';
import { bearerToken } from '../auth/bearer-token.authenticator.js';
import { apiKeyForAuth, touchApiKey, type ApiKeyForAuth } from './api-keys.repo.js';
import type { ApiKeyCache } from './api-key.cache.js';

export interface ApiKeyAuthenticator extends Authenticator {
  /** Checks a presented key (`key_<id>.<secret>`) and says whom it acts for; throws when it is bad. */
  verify(presented: string): Promise<Principal>;
}

/**
 * API keys for machines: `x-api-key: key_...` or `Authorization: Bearer key_...`, internal API only.
 * A key verified in the last few seconds is taken from `cache` (api-key.cache.ts) instead of the
 * database; its secret is still hashed and compared, and its expiry checked, on every request.
 */
export function createApiKeyAuthenticator(deps: {
  database: Database;
  cache: ApiKeyCache;
}): ApiKeyAuthenticator {
  const { database, cache } = deps;
  const touched = new Map<string, number>();
  const stored = async (id: string): Promise<ApiKeyForAuth | undefined> => {
    const hit = cache.get(id);
    if (hit) return hit;
    const row = await apiKeyForAuth(database.app, id);
    // Revoked keys are not kept: their refusal costs the look-up, as it did before the cache.
    if (row && !row.revokedAt) cache.set(id, row);
    return row;
  };
  const verify = async (presented: string): Promise<Principal> => {
    const parsed = parseApiKey(presented);
    if (!parsed) throw IdentityErrors.invalidApiKey();
    const row = await stored(parsed.id);
    const matches = row !== undefined && timingSafeEqual(row.secretHash, hashApiKeySecret(parsed.secret));
    if (!row || !matches || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() < cache.now()))
      throw IdentityErrors.invalidApiKey();
    const last = touched.get(parsed.id) ?? 0;
    if (Date.now() - last > 60_000) {
      touched.set(parsed.id, Date.now());
      // Best effort and off the request's path: a missed last-used time is not worth a failed call.
      void touchApiKey(database.app, parsed.id).catch(() => undefined);
    }
    return {
      tenantId: row.tenantId,
      actor: { type: 'api_key', id: presented.slice(0, presented.indexOf('.')), scopes: row.scopes },
      permissions: new Set(row.scopes),
    };
  };
  return {
    name: 'api-key',
    verify,
    async authenticate(request, surface) {
      const header = request.headers['x-api-key'];
      const bearer = bearerToken(request);
      const presented = typeof header === 'string' ? header : bearer?.startsWith('key_') ? bearer : undefined;
      if (!presented) return undefined;
      if (surface !== 'internal') throw IdentityErrors.wrongSurface();
      return verify(presented);
    },
  };
}
