import { randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, SignJWT, type JWK, type JWTPayload } from 'jose';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { MasterKeyProvider } from '../../../platform/crypto/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';

const algorithm = 'ES256';
/** A new signing key every 30 days; the previous one stays published until every token it signed has expired. */
const rotateAfterMs = 30 * 24 * 3600 * 1000;
/** How long a superseded key stays in the JWKS (far longer than an access token lives). */
const publishRetiredForMs = 24 * 3600 * 1000;
const cacheMs = 60_000;

type PrivateKey = Awaited<ReturnType<typeof importPKCS8>>;

interface KeyRow {
  kid: string;
  algorithm: string;
  publicJwk: JWK;
  privateKeyWrapped: Buffer;
  masterKeyId: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface SigningKeys {
  /** Signs a JWT with the newest key. */
  sign(payload: JWTPayload, options: { audience: string; subject: string; expiresInSeconds: number }): Promise<string>;
  /** Public keys of every key whose tokens may still be in circulation. */
  jwks(options?: { fresh?: boolean }): Promise<{ keys: JWK[] }>;
  /** Makes a new key the signing key; the old one stays published for verification. */
  rotate(): Promise<string>;
  /** Re-wraps every signing key under the current master key (master-key rotation). */
  rewrap(): Promise<number>;
  /** Creates the first key, or rotates when the newest is older than the rotation period. */
  ensureCurrent(): Promise<void>;
  readonly issuer: string;
}

export function createSigningKeys(deps: {
  database: Database;
  masterKey: MasterKeyProvider;
  /** Master keys being rotated out, to unwrap keys not yet re-wrapped. */
  previousMasterKeys?: readonly MasterKeyProvider[];
  issuer: string;
  logger: Logger;
}): SigningKeys {
  const { database, masterKey, issuer } = deps;
  const unwrappers = new Map([...(deps.previousMasterKeys ?? []), masterKey].map((p) => [p.keyId, p]));
  let cache: { at: number; rows: KeyRow[] } | undefined;
  const privateKeys = new Map<string, PrivateKey>();

  async function load(force = false): Promise<KeyRow[]> {
    if (!force && cache && Date.now() - cache.at < cacheMs) return cache.rows;
    const result = await sql<KeyRow>`
      select kid, algorithm, public_jwk, private_key_wrapped, master_key_id, created_at, retired_at
      from identity.signing_keys
      where retired_at is null or retired_at > now() - make_interval(secs => ${publishRetiredForMs / 1000})
      order by created_at desc`.execute(database.app);
    cache = { at: Date.now(), rows: result.rows };
    return result.rows;
  }

  async function privateKeyOf(row: KeyRow): Promise<PrivateKey> {
    const known = privateKeys.get(row.kid);
    if (known) return known;
    const provider = unwrappers.get(row.masterKeyId);
    if (!provider) throw new Error(`signing key ${row.kid} is wrapped by master key ${row.masterKeyId}, which this process does not have`);
    const pkcs8 = await provider.unwrap(row.privateKeyWrapped, { tenantId: 'platform', keyId: row.kid });
    const key = await importPKCS8(pkcs8.toString('utf8'), algorithm);
    privateKeys.set(row.kid, key);
    return key;
  }

  async function rotate(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true });
    const kid = `sk_${randomUUID()}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: 'sig' };
    const wrapped = await masterKey.wrap(Buffer.from(await exportPKCS8(privateKey), 'utf8'), { tenantId: 'platform', keyId: kid });
    // Key management is an operator-level write: the application role may only read this table.
    await sql`
      with retire as (update identity.signing_keys set retired_at = now() where retired_at is null)
      insert into identity.signing_keys (kid, algorithm, public_jwk, private_key_wrapped, master_key_id)
      values (${kid}, ${algorithm}, ${JSON.stringify(publicJwk)}::jsonb, ${wrapped}, ${masterKey.keyId})`.execute(database.owner);
    deps.logger.info({ kid }, 'new JWT signing key');
    await load(true);
    return kid;
  }

  return {
    issuer,
    async sign(payload, options) {
      let rows = await load();
      let current = rows.find((r) => r.retiredAt === null);
      if (!current) {
        rows = await load(true);
        current = rows.find((r) => r.retiredAt === null);
      }
      if (!current) throw new Error('no JWT signing key: run the platform start-up (ensureCurrent) first');
      return new SignJWT(payload)
        .setProtectedHeader({ alg: algorithm, kid: current.kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(options.audience)
        .setSubject(options.subject)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(`${options.expiresInSeconds}s`)
        .sign(await privateKeyOf(current));
    },
    async jwks(options) {
      const rows = await load(options?.fresh === true);
      return { keys: rows.map((r) => r.publicJwk) };
    },
    rotate,
    async rewrap() {
      const rows = await sql<KeyRow>`select kid, private_key_wrapped, master_key_id from identity.signing_keys where master_key_id <> ${masterKey.keyId}`.execute(
        database.owner,
      );
      for (const row of rows.rows) {
        const provider = unwrappers.get(row.masterKeyId);
        if (!provider) throw new Error(`signing key ${row.kid} is wrapped by unknown master key ${row.masterKeyId}`);
        const plain = await provider.unwrap(row.privateKeyWrapped, { tenantId: 'platform', keyId: row.kid });
        const wrapped = await masterKey.wrap(plain, { tenantId: 'platform', keyId: row.kid });
        await sql`update identity.signing_keys set private_key_wrapped = ${wrapped}, master_key_id = ${masterKey.keyId}
                  where kid = ${row.kid} and master_key_id = ${row.masterKeyId}`.execute(database.owner);
      }
      return rows.rows.length;
    },
    async ensureCurrent() {
      // Replicas starting together must not each rotate: one lock (held on one connection), then look again.
      await database.owner.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(hashtextextended('identity.signing_keys', 0))`.execute(connection);
        try {
          const rows = await load(true);
          const current = rows.find((r) => r.retiredAt === null);
          if (!current || Date.now() - current.createdAt.getTime() > rotateAfterMs) await rotate();
        } finally {
          await sql`select pg_advisory_unlock(hashtextextended('identity.signing_keys', 0))`.execute(connection);
        }
      });
    },
  };
}
