import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type { IdentityTransaction, RefreshTokensTable } from '../db/identity.tables.js';

/** Sessions: a family of refresh tokens, each used once, rotated on every refresh. */

export type RefreshTokenRow = Selectable<RefreshTokensTable>;

/**
 * The tenant a refresh token belongs to, asked before any tenant is known (refresh, sign-out): a
 * SECURITY DEFINER function, since row-level security hides every token then.
 */
export async function refreshTokenTenant(
  app: Kysely<NoTables>,
  tokenId: string,
): Promise<string | undefined> {
  const found = await sql<{
    id: string | null;
  }>`select identity.refresh_token_tenant(${tokenId}) as id`.execute(app);
  return found.rows[0]?.id ?? undefined;
}

export async function findRefreshToken(
  trx: IdentityTransaction,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RefreshTokenRow | undefined> {
  let query = trx.selectFrom('identity.refresh_tokens').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertRefreshToken(
  trx: IdentityTransaction,
  row: Insertable<RefreshTokensTable>,
): Promise<void> {
  await trx.insertInto('identity.refresh_tokens').values(row).execute();
}

export async function markRefreshTokenUsed(trx: IdentityTransaction, id: string): Promise<void> {
  await trx.updateTable('identity.refresh_tokens').set({ usedAt: new Date() }).where('id', '=', id).execute();
}

/** Ends a session: every token of the family not revoked yet. */
export async function revokeSession(
  trx: IdentityTransaction,
  familyId: string,
  reason: string,
): Promise<void> {
  await trx
    .updateTable('identity.refresh_tokens')
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where('familyId', '=', familyId)
    .where('revokedAt', 'is', null)
    .execute();
}

/** Ends every session of a user; returns how many tokens it revoked. */
export async function revokeUserSessions(
  trx: IdentityTransaction,
  userId: string,
  reason: string,
): Promise<number> {
  const result = await trx
    .updateTable('identity.refresh_tokens')
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
