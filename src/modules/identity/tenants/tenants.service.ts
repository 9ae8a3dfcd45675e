import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid } from '../../../platform/ids.js';
import type { NewTenant, Tenant, TenantAdmin, TenantsService } from '../contract.js';
import { IdentityErrors } from '../errors.js';
import {
  findCurrentTenant,
  findTenant,
  insertTenant,
  listTenants,
  ownerTenants,
  toTenant,
  updateCurrentTenant,
} from './tenants.repo.js';
import type { IdentityTables } from '../db/identity.tables.js';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function createTenantsService(database: Database, audit: AuditLog): TenantsService {
  return {
    async current(ctx) {
      const row = await database.withTenant<IdentityTables, Awaited<ReturnType<typeof findCurrentTenant>>>(
        ctx,
        findCurrentTenant,
      );
      if (!row) throw IdentityErrors.tenantNotFound();
      return toTenant(row);
    },
    async update(ctx, changes) {
      if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone))
        throw IdentityErrors.invalidTimeZone(changes.timeZone);
      const updated = await database.withTenant<
        IdentityTables,
        Awaited<ReturnType<typeof updateCurrentTenant>>
      >(ctx, async (trx) => {
        const result = await updateCurrentTenant(trx, changes);
        if (result?.changed) {
          await audit.append(trx, ctx, {
            action: 'settings.tenant_changed',
            target: { type: 'tenant', id: toTenant(result.row).id },
            details: { changes },
          });
        }
        return result;
      });
      if (!updated) throw IdentityErrors.tenantNotFound();
      return toTenant(updated.row);
    },
  };
}

export function createTenantAdmin(database: Database): TenantAdmin {
  const db = ownerTenants(database.owner);
  return {
    async create(input: NewTenant): Promise<Tenant> {
      const timeZone = input.timeZone ?? 'UTC';
      if (!isTimeZone(timeZone)) throw IdentityErrors.invalidTimeZone(timeZone);
      try {
        const row = await insertTenant(db, { id: newUuid(), slug: input.slug, name: input.name, timeZone });
        return toTenant(row);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw IdentityErrors.slugTaken(input.slug);
        throw error;
      }
    },
    async list() {
      return (await listTenants(db)).map(toTenant);
    },
    async findBySlugOrId(ref) {
      const uuid = fromPublicId('ten', ref);
      const row = await findTenant(db, uuid ? { id: uuid } : { slug: ref });
      return row ? toTenant(row) : undefined;
    },
  };
}
