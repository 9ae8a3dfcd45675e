import type { Kysely, Selectable, Transaction } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { Tenant } from '../contract.js';

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  createdAt: Date;
}

export type IdentityTables = {
  'identity.tenants': TenantsTable;
};

type TenantRow = Selectable<TenantsTable>;

export function toTenant(row: TenantRow): Tenant {
  return {
    id: toPublicId('ten', row.id),
    uuid: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.timeZone,
    createdAt: row.createdAt,
  };
}

export async function findCurrentTenant(trx: Transaction<IdentityTables>): Promise<TenantRow | undefined> {
  // RLS narrows the table to the transaction's tenant: no WHERE needed, and none could widen it.
  return trx.selectFrom('identity.tenants').selectAll().executeTakeFirst();
}

export function ownerTenants(owner: Kysely<NoTables>): Kysely<IdentityTables> {
  return owner.withTables<IdentityTables>();
}

export async function insertTenant(db: Kysely<IdentityTables>, row: TenantsTable): Promise<TenantRow> {
  return db.insertInto('identity.tenants').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listTenants(db: Kysely<IdentityTables>): Promise<TenantRow[]> {
  return db.selectFrom('identity.tenants').selectAll().orderBy('createdAt').execute();
}

export async function findTenant(db: Kysely<IdentityTables>, by: { id?: string; slug?: string }): Promise<TenantRow | undefined> {
  let query = db.selectFrom('identity.tenants').selectAll();
  if (by.id) query = query.where('id', '=', by.id);
  if (by.slug) query = query.where('slug', '=', by.slug);
  return query.executeTakeFirst();
}
