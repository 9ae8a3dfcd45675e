import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Database } from '../../../platform/db/index.js';
import type { MasterKeyProvider } from '../../../platform/crypto/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import {
  insertSigningKey,
  publishedSigningKeys,
  rewrapSigningKey,
  signingKeysWrappedOtherThan,
  withSigningKeysLock,
  type SigningKeyRow,
} from './signing-keys.repo.js';

const algorithm = 'ES256';
/** A new signing key every 30 days; the previous one stays published until every token it signed has expired. */
const rotateAfterMs = 30 * 24 * 3600 * 1000;
/** How long a superseded key stays in the JWKS (far longer than an access token lives). */
const publishRetiredForMs = 24 * 3600 * 1000;
const cacheMs = 60_000;

type PrivateKey = Awaited<ReturnType<typeof importPKCS8>>;

export interface SigningKeys {
  /** Signs a JWT with the newest key. */
  sign(
    payload: JWTPayload,
    options: { audience: string; subject: string; expiresInSeconds: number },
  ): Promise<string>;
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
  let cache: { at: number; rows: SigningKeyRow[] } | undefined;
  const privateKeys = new Map<string, PrivateKey>();

  async function load(force = false): Promise<SigningKeyRow[]> {
    if (!force && cache && Date.now() - cache.at < cacheMs) return cache.rows;
    const rows = await publishedSigningKeys(database.app, publishRetiredForMs / 1000);
    cache = { at: Date.now(), rows };
    return rows;
  }

  async function privateKeyOf(row: SigningKeyRow): Promise<PrivateKey> {
    const known = privateKeys.get(row.kid);
    if (known) return known;
    const provider = unwrappers.get(row.masterKeyId);
    if (!provider)
      throw new Error(
        `signing key ${row.kid} is wrapped by master key ${row.masterKeyId}, which this process does not have`,
      );
    const pkcs8 = await provider.unwrap(row.privateKeyWrapped, { tenantId: 'platform', keyId: row.kid });
    const key = await importPKCS8(pkcs8.toString('utf8'), algorithm);
    privateKeys.set(row.kid, key);
    return key;
  }

  async function rotate(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true });
    const kid = `sk_${randomUUID()}`;
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: 'sig' };
    const wrapped = await masterKey.wrap(Buffer.from(await exportPKCS8(privateKey), 'utf8'), {
      tenantId: 'platform',
      keyId: kid,
    });
    // Key management is an operator-level write: the application role may only read this table.
    await insertSigningKey(database.owner, {
      kid,
      algorithm,
      publicJwk,
      privateKeyWrapped: wrapped,
      masterKeyId: masterKey.keyId,
    });
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
      const rows = await signingKeysWrappedOtherThan(database.owner, masterKey.keyId);
      for (const row of rows) {
        const provider = unwrappers.get(row.masterKeyId);
        if (!provider)
          throw new Error(`signing key ${row.kid} is wrapped by unknown master key ${row.masterKeyId}`);
        const plain = await provider.unwrap(row.privateKeyWrapped, { tenantId: 'platform', keyId: row.kid });
        const wrapped = await masterKey.wrap(plain, { tenantId: 'platform', keyId: row.kid });
        await rewrapSigningKey(database.owner, {
          kid: row.kid,
          from: row.masterKeyId,
          to: masterKey.keyId,
          wrapped,
        });
      }
      return rows.length;
    },
    async ensureCurrent() {
      // Replicas starting together must not each rotate: one lock, then look again.
      await withSigningKeysLock(database.owner, async () => {
        const rows = await load(true);
        const current = rows.find((r) => r.retiredAt === null);
        if (!current || Date.now() - current.createdAt.getTime() > rotateAfterMs) await rotate();
      });
    },
  };
}
