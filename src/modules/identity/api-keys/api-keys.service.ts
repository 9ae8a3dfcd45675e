import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ApiKey, ApiKeysService } from '../contract.js';
import { IdentityErrors } from '../errors.js';
import type { IdentityTables } from '../db/identity.tables.js';
import { actorPermissions, apiKeyScopes } from '../roles.js';
import type { ApiKeyCache } from './api-key.cache.js';
import { insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from './api-keys.repo.js';

/**
 * Keys look like `key_<id>.<secret>`. The secret is 32 random bytes, so a plain SHA-256 is as
 * strong as a slow password hash here and keeps per-request verification cheap.
 */
export function hashApiKeySecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  const [idPart, secret, extra] = key.split('.');
  if (!idPart || !secret || extra !== undefined) return undefined;
  const id = fromPublicId('key', idPart);
  return id ? { id, secret } : undefined;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: toPublicId('key', row.id),
    name: row.name,
    scopes: row.scopes,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export function createApiKeysService(deps: {
  database: Database;
  audit: AuditLog;
  /** What this process's authenticator remembers: a revoked key is forgotten here at once. */
  cache: Pick<ApiKeyCache, 'forget'>;
}): ApiKeysService {
  const { database, audit, cache } = deps;
  return {
    async create(ctx, input) {
      const unknown = input.scopes.filter((s) => !(apiKeyScopes as readonly string[]).includes(s));
      if (input.scopes.length === 0 || unknown.length > 0) {
        throw IdentityErrors.invalidScopes(
          input.scopes.length === 0
            ? 'at least one scope is required'
            : `not API key scopes: ${unknown.join(', ')}`,
        );
      }
      // Nobody hands a machine more than they may do themselves.
      const own = actorPermissions(ctx.actor);
      const beyond = input.scopes.filter((s) => !own.has(s));
      if (beyond.length > 0)
        throw IdentityErrors.invalidScopes(
          `you do not hold these permissions yourself: ${beyond.join(', ')}`,
        );
      const id = newUuid();
      const secret = randomBytes(32).toString('base64url');
      const row = await database.withTenant<IdentityTables, ApiKeyRow>(ctx, async (trx) => {
        const inserted = await insertApiKey(trx, {
          id,
          tenantId: ctx.tenantId,
          name: input.name,
          secretHash: hashApiKeySecret(secret),
          scopes: [...new Set(input.scopes)],
          createdBy: ctx.actor.id,
          expiresAt: input.expiresAt ?? null,
          lastUsedAt: null,
          revokedAt: null,
        });
        await audit.append(trx, ctx, {
          action: 'api_key.created',
          target: { type: 'api_key', id: toPublicId('key', id) },
          details: { name: input.name, scopes: inserted.scopes },
        });
        return inserted;
      });
      return { apiKey: toApiKey(row), key: `${toPublicId('key', id)}.${secret}` };
    },
    async list(ctx) {
      const rows = await database.withTenant<IdentityTables, ApiKeyRow[]>(ctx, listApiKeys);
      return rows.map(toApiKey);
    },
    async revoke(ctx, apiKeyId) {
      const uuid = fromPublicId('key', apiKeyId);
      if (!uuid) throw IdentityErrors.apiKeyNotFound();
      const row = await database.withTenant<IdentityTables, ApiKeyRow | undefined>(ctx, async (trx) => {
        const updated = await revokeApiKey(trx, uuid);
        if (updated)
          await audit.append(trx, ctx, {
            action: 'api_key.revoked',
            target: { type: 'api_key', id: apiKeyId },
          });
        return updated;
      });
      if (!row) throw IdentityErrors.apiKeyNotFound();
      cache.forget(uuid);
      return toApiKey(row);
    },
  };
}
