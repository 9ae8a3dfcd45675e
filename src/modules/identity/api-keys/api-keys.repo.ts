import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type { ApiKeysTable, IdentityTransaction } from '../db/identity.tables.js';

export type ApiKeyRow = Selectable<ApiKeysTable>;

export async function insertApiKey(
  trx: IdentityTransaction,
  row: Insertable<ApiKeysTable>,
): Promise<ApiKeyRow> {
  return trx.insertInto('identity.api_keys').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listApiKeys(trx: IdentityTransaction): Promise<ApiKeyRow[]> {
  return trx.selectFrom('identity.api_keys').selectAll().orderBy('createdAt', 'desc').execute();
}

/** Revokes a key (a second revocation keeps the first time); undefined when no such key. */
export async function revokeApiKey(trx: IdentityTransaction, id: string): Promise<ApiKeyRow | undefined> {
  return trx
    .updateTable('identity.api_keys')
    .set((eb) => ({ revokedAt: eb.fn.coalesce('revokedAt', eb.val(new Date())) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** What checking a presented key needs, whatever its tenant. */
export interface ApiKeyForAuth {
  readonly tenantId: string;
  readonly secretHash: Buffer;
  readonly scopes: string[];
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
}

/**
 * A key as a request presents it, before its tenant is known: a SECURITY DEFINER function, since
 * row-level security hides every key then.
 */
export async function apiKeyForAuth(app: Kysely<NoTables>, id: string): Promise<ApiKeyForAuth | undefined> {
  const result = await sql<ApiKeyForAuth>`select * from identity.api_key_for_auth(${id})`.execute(app);
  return result.rows[0];
}

export async function touchApiKey(app: Kysely<NoTables>, id: string): Promise<void> {
  await sql`select identity.touch_api_key(${id})`.execute(app);
}
