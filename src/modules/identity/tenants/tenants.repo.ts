import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { Tenant } from '../contract.js';
import type { IdentityTables, IdentityTransaction, TenantsTable } from '../db/identity.tables.js';

type TenantRow = Selectable<TenantsTable>;

export function toTenant(row: TenantRow): Tenant {
  return {
    id: toPublicId('ten', row.id),
    uuid: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.timeZone,
    mfaRequiredForAdmins: row.mfaRequiredForAdmins,
    createdAt: row.createdAt,
  };
}

export async function findCurrentTenant(trx: IdentityTransaction): Promise<TenantRow | undefined> {
  // RLS narrows the table to the transaction's tenant: no WHERE needed, and none could widen it.
  return trx.selectFrom('identity.tenants').selectAll().executeTakeFirst();
}

/** The row after `changes`, and whether anything was written: an empty change is no UPDATE at all (it has nothing to SET). */
export async function updateCurrentTenant(
  trx: IdentityTransaction,
  changes: Partial<Pick<TenantRow, 'name' | 'timeZone' | 'mfaRequiredForAdmins'>>,
): Promise<{ row: TenantRow; changed: boolean } | undefined> {
  if (Object.keys(changes).length === 0) {
    const row = await findCurrentTenant(trx);
    return row && { row, changed: false };
  }
  const row = await trx.updateTable('identity.tenants').set(changes).returningAll().executeTakeFirst();
  return row && { row, changed: true };
}

/** Whether the transaction's tenant makes owners and admins use a second factor. */
export async function mfaRequiredForAdmins(trx: IdentityTransaction): Promise<boolean> {
  const tenant = await trx
    .selectFrom('identity.tenants')
    .select('mfaRequiredForAdmins')
    .executeTakeFirstOrThrow();
  return tenant.mfaRequiredForAdmins;
}

/**
 * The tenant of a slug, asked before any tenant is known (sign-in): row-level security hides every
 * tenant then, so a SECURITY DEFINER function answers this one question.
 */
export async function tenantIdBySlug(app: Kysely<NoTables>, slug: string): Promise<string | undefined> {
  const found = await sql<{ id: string | null }>`select identity.tenant_id_by_slug(${slug}) as id`.execute(
    app,
  );
  return found.rows[0]?.id ?? undefined;
}

export function ownerTenants(owner: Kysely<NoTables>): Kysely<IdentityTables> {
  return owner.withTables<IdentityTables>();
}

export async function insertTenant(
  db: Kysely<IdentityTables>,
  row: Insertable<TenantsTable>,
): Promise<TenantRow> {
  return db.insertInto('identity.tenants').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listTenants(db: Kysely<IdentityTables>): Promise<TenantRow[]> {
  return db.selectFrom('identity.tenants').selectAll().orderBy('createdAt').execute();
}

export async function findTenant(
  db: Kysely<IdentityTables>,
  by: { id?: string; slug?: string },
): Promise<TenantRow | undefined> {
  let query = db.selectFrom('identity.tenants').selectAll();
  if (by.id) query = query.where('id', '=', by.id);
  if (by.slug) query = query.where('slug', '=', by.slug);
  return query.executeTakeFirst();
}
