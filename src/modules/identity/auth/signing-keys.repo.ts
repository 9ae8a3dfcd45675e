import { sql, type Kysely } from 'kysely';
import type { JWK } from 'jose';
import { jsonb, type NoTables } from '../../../platform/db/index.js';

/**
 * The platform's JWT signing keys (not tenant data: no row-level security). The application role
 * may only read them; new keys and re-wrapping are operator writes through the owner connection.
 */

export interface SigningKeyRow {
  readonly kid: string;
  readonly algorithm: string;
  readonly publicJwk: JWK;
  readonly privateKeyWrapped: Buffer;
  readonly masterKeyId: string;
  readonly createdAt: Date;
  readonly retiredAt: Date | null;
}

/** The current key and those retired less than `retiredWithinSeconds` ago, newest first. */
export async function publishedSigningKeys(
  app: Kysely<NoTables>,
  retiredWithinSeconds: number,
): Promise<SigningKeyRow[]> {
  const result = await sql<SigningKeyRow>`
    select kid, algorithm, public_jwk, private_key_wrapped, master_key_id, created_at, retired_at
    from identity.signing_keys
    where retired_at is null or retired_at > now() - make_interval(secs => ${retiredWithinSeconds})
    order by created_at desc`.execute(app);
  return result.rows;
}

/** Retires the current key and inserts the new one, in one statement. */
export async function insertSigningKey(
  owner: Kysely<NoTables>,
  key: Pick<SigningKeyRow, 'kid' | 'algorithm' | 'publicJwk' | 'privateKeyWrapped' | 'masterKeyId'>,
): Promise<void> {
  await sql`
    with retire as (update identity.signing_keys set retired_at = now() where retired_at is null)
    insert into identity.signing_keys (kid, algorithm, public_jwk, private_key_wrapped, master_key_id)
    values (${key.kid}, ${key.algorithm}, ${jsonb(key.publicJwk)}, ${key.privateKeyWrapped}, ${key.masterKeyId})`.execute(
    owner,
  );
}

/** Keys wrapped by another master key than this one (what a master-key rotation re-wraps). */
export async function signingKeysWrappedOtherThan(
  owner: Kysely<NoTables>,
  masterKeyId: string,
): Promise<Pick<SigningKeyRow, 'kid' | 'privateKeyWrapped' | 'masterKeyId'>[]> {
  const result = await sql<Pick<SigningKeyRow, 'kid' | 'privateKeyWrapped' | 'masterKeyId'>>`
    select kid, private_key_wrapped, master_key_id from identity.signing_keys where master_key_id <> ${masterKeyId}`.execute(
    owner,
  );
  return result.rows;
}

/** Stores a key re-wrapped under `to`, unless another process re-wrapped it meanwhile. */
export async function rewrapSigningKey(
  owner: Kysely<NoTables>,
  key: { readonly kid: string; readonly from: string; readonly to: string; readonly wrapped: Buffer },
): Promise<void> {
  await sql`update identity.signing_keys set private_key_wrapped = ${key.wrapped}, master_key_id = ${key.to}
            where kid = ${key.kid} and master_key_id = ${key.from}`.execute(owner);
}

/** Runs `fn` holding the lock of the signing keys (on a connection of its own), so replicas starting together take turns. */
export async function withSigningKeysLock<T>(owner: Kysely<NoTables>, fn: () => Promise<T>): Promise<T> {
  return owner.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtextextended('identity.signing_keys', 0))`.execute(connection);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended('identity.signing_keys', 0))`.execute(connection);
    }
  });
}
