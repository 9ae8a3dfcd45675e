import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { jsonb, type NoTables } from '../../../platform/db/index.js';
import type { IdentityProvidersTable, IdentityTransaction } from '../db/identity.tables.js';

export type ProviderRow = Selectable<IdentityProvidersTable>;

/** In the order they were configured, or by name (the sign-in buttons). */
export async function listProviders(
  trx: IdentityTransaction,
  order: 'configured' | 'name' = 'configured',
): Promise<ProviderRow[]> {
  const query = trx.selectFrom('identity.identity_providers').selectAll();
  return (
    order === 'name' ? query.orderBy('name').orderBy('createdAt') : query.orderBy('createdAt')
  ).execute();
}

export async function findProvider(trx: IdentityTransaction, id: string): Promise<ProviderRow | undefined> {
  return trx.selectFrom('identity.identity_providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProvider(
  trx: IdentityTransaction,
  row: Insertable<IdentityProvidersTable>,
): Promise<ProviderRow> {
  return trx
    .insertInto('identity.identity_providers')
    .values({ ...row, roleMapping: jsonb(row.roleMapping) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether there was such a provider. */
export async function deleteProvider(trx: IdentityTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('identity.identity_providers').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** What validating a token of an external issuer needs, from every tenant that configured it. */
export interface ProviderForIssuer {
  readonly id: string;
  readonly tenantId: string;
  readonly surface: 'internal' | 'external';
  readonly audience: string;
  readonly tenantClaim: string | null;
  readonly tenantClaimValue: string | null;
  readonly rolesClaim: string | null;
  readonly roleMapping: Record<string, string>;
  readonly defaultRole: string | null;
}

/**
 * The providers of an issuer across tenants, for a bearer token whose tenant is not known yet: a
 * SECURITY DEFINER function, since row-level security hides every provider then.
 */
export async function providersForIssuer(
  app: Kysely<NoTables>,
  issuer: string,
): Promise<ProviderForIssuer[]> {
  const result = await sql<ProviderForIssuer>`select * from identity.providers_for_issuer(${issuer})`.execute(
    app,
  );
  return result.rows;
}

// ---------------------------------------------------------------- accounts at a provider, linked to users

/** The user a provider's account (`sub`) signed in as before. */
export async function findOidcLink(
  trx: IdentityTransaction,
  providerId: string,
  subject: string,
): Promise<{ userId: string } | undefined> {
  return trx
    .selectFrom('identity.oidc_identities')
    .select('userId')
    .where('providerId', '=', providerId)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** The provider account a user is linked to, if any. */
export async function findOidcLinkOfUser(
  trx: IdentityTransaction,
  providerId: string,
  userId: string,
): Promise<{ subject: string } | undefined> {
  return trx
    .selectFrom('identity.oidc_identities')
    .select('subject')
    .where('providerId', '=', providerId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Links the account to the user on its first sign-in; later ones only note the time. */
export async function recordOidcSignIn(
  trx: IdentityTransaction,
  link: {
    readonly providerId: string;
    readonly subject: string;
    readonly tenantId: string;
    readonly userId: string;
  },
): Promise<void> {
  await trx
    .insertInto('identity.oidc_identities')
    .values({ ...link, lastSignInAt: new Date() })
    .onConflict((oc) => oc.columns(['providerId', 'subject']).doUpdateSet({ lastSignInAt: new Date() }))
    .execute();
}
