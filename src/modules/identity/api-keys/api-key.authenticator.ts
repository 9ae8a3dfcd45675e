import { timingSafeEqual } from 'node:crypto';
import type { Authenticator } from '../../../platform/auth/index.js';
import type { Database } from '../../../platform/db/index.js';
import { IdentityErrors } from '../errors.js';
import { hashApiKeySecret, parseApiKey } from './api-keys.service.js';
import { bearerToken } from '../auth/bearer-token.authenticator.js';
import { apiKeyForAuth, touchApiKey } from './api-keys.repo.js';

/** API keys for machines: `x-api-key: key_...` or `Authorization: Bearer key_...`, internal API only. */
export function createApiKeyAuthenticator(deps: { database: Database }): Authenticator {
  const { database } = deps;
  const touched = new Map<string, number>();
  return {
    name: 'api-key',
    async authenticate(request, surface) {
      const header = request.headers['x-api-key'];
      const bearer = bearerToken(request);
      const presented = typeof header === 'string' ? header : bearer?.startsWith('key_') ? bearer : undefined;
      if (!presented) return undefined;
      if (surface !== 'internal') throw IdentityErrors.wrongSurface();
      const parsed = parseApiKey(presented);
      if (!parsed) throw IdentityErrors.invalidApiKey();
      const row = await apiKeyForAuth(database.app, parsed.id);
      const matches = row !== undefined && timingSafeEqual(row.secretHash, hashApiKeySecret(parsed.secret));
      if (!row || !matches || row.revokedAt || (row.expiresAt && row.expiresAt < new Date()))
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
    },
  };
}
