import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { IdentityProvider, IdentityProvidersService } from '../contract.js';
import { IdentityErrors } from '../errors.js';
import type { IdentityTables } from '../db/identity.tables.js';
import { clientRoles, employeeRoles } from '../roles.js';
import {
  deleteProvider,
  insertProvider,
  listProviders,
  type ProviderRow,
} from './identity-providers.repo.js';

function toProvider(row: ProviderRow): IdentityProvider {
  return {
    id: toPublicId('idp', row.id),
    name: row.name,
    surface: row.surface,
    issuer: row.issuer,
    audience: row.audience,
    clientId: row.clientId,
    tenantClaim: row.tenantClaim,
    tenantClaimValue: row.tenantClaimValue,
    rolesClaim: row.rolesClaim,
    roleMapping: row.roleMapping,
    defaultRole: row.defaultRole,
    enabled: row.enabled,
    createdAt: row.createdAt,
  };
}

export function createIdentityProvidersService(deps: {
  database: Database;
  audit: AuditLog;
}): IdentityProvidersService {
  const { database, audit } = deps;
  return {
    async list(ctx) {
      const rows = await database.withTenant<IdentityTables, ProviderRow[]>(ctx, (trx) => listProviders(trx));
      return rows.map(toProvider);
    },
    async create(ctx, input) {
      const allowed: readonly string[] = input.surface === 'internal' ? employeeRoles : clientRoles;
      const mapped = [...Object.values(input.roleMapping), ...(input.defaultRole ? [input.defaultRole] : [])];
      const wrong = mapped.filter((r) => !allowed.includes(r));
      if (wrong.length > 0) {
        throw IdentityErrors.invalidRoles(
          'roleMapping',
          `roles not available on the ${input.surface} surface: ${wrong.join(', ')}`,
        );
      }
      try {
        const row = await database.withTenant<IdentityTables, ProviderRow>(ctx, async (trx) => {
          const inserted = await insertProvider(trx, {
            id: newUuid(),
            tenantId: ctx.tenantId,
            name: input.name,
            surface: input.surface,
            issuer: input.issuer.replace(/\/+$/, ''),
            audience: input.audience,
            clientId: input.clientId,
            tenantClaim: input.tenantClaim,
            tenantClaimValue: input.tenantClaimValue,
            rolesClaim: input.rolesClaim,
            roleMapping: { ...input.roleMapping },
            defaultRole: input.defaultRole,
            enabled: input.enabled,
          });
          await audit.append(trx, ctx, {
            action: 'identity_provider.created',
            target: { type: 'identity_provider', id: toPublicId('idp', inserted.id) },
            details: { issuer: inserted.issuer, surface: inserted.surface },
          });
          return inserted;
        });
        return toProvider(row);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw IdentityErrors.providerExists();
        throw error;
      }
    },
    async remove(ctx, providerId) {
      const uuid = fromPublicId('idp', providerId);
      const removed = uuid
        ? await database.withTenant<IdentityTables, boolean>(ctx, async (trx) => {
            const deleted = await deleteProvider(trx, uuid);
            if (deleted)
              await audit.append(trx, ctx, {
                action: 'identity_provider.deleted',
                target: { type: 'identity_provider', id: providerId },
              });
            return deleted;
          })
        : false;
      if (!removed) throw IdentityErrors.providerNotFound();
    },
  };
}
