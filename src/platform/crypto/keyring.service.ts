import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import type { Transform } from 'node:stream';

import {
  NONCE_BYTES,
  ciphertextToText,
  encodeCiphertext,
  encodeHeader,
  parseCiphertext,
  type ParsedCiphertext,
} from './ciphertext.format.js';
import { CryptoError, DataKeyConflictError } from './crypto.errors.js';
import type { DataKeyStore, StoredDataKey, TenantKeyKind } from './data-key.store.js';
import { LruTtlCache } from './lru-ttl.cache.js';
import { randomBytesPooled } from './random-pool.js';
import type { MasterKeyProvider } from './master-key.provider.js';
import {
  createSegmentedDecryptStream,
  createSegmentedEncryptStream,
  sealSegmented,
} from './stream-aead.transform.js';

export type BlindIndexEncoding = 'hex' | 'base64url';

export interface Keyring {
  /** AES-256-GCM under the tenant's active data key; binary self-describing ciphertext. */
  encrypt(tenantId: string, plaintext: Buffer | string, aad?: Buffer | string): Promise<Buffer>;
  /** Same, in the compact text form (`sbe1.<keyId>.<base64url>`) for text columns. */
  encryptToString(tenantId: string, plaintext: Buffer | string, aad?: Buffer | string): Promise<string>;
  /** Accepts either form; the key id inside picks the data key, so rotated keys still work. */
  decrypt(tenantId: string, ciphertext: Buffer | string, aad?: Buffer | string): Promise<Buffer>;
  decryptToString(tenantId: string, ciphertext: Buffer | string, aad?: Buffer | string): Promise<string>;
  /**
   * `decrypt` as a synchronous function for a batch of the tenant's ciphertexts (a page of rows):
   * the data keys they name are looked up once, before it returns, not once per value. A
   * ciphertext under a key none of `ciphertexts` named is refused (CRYPTO_KEY_NOT_FOUND).
   */
  decrypter(
    tenantId: string,
    ciphertexts: Iterable<Buffer | string>,
  ): Promise<(ciphertext: Buffer | string, aad?: Buffer | string) => Buffer>;
  /**
   * Deterministic HMAC-SHA256 of `value` for equality look-ups on encrypted columns. The
   * caller normalises first (E.164 phone numbers, trimmed lower-case e-mails): the index
   * compares bytes, nothing more. `purpose` names the kind of value ("phone", "email"), not
   * the column, so the same phone number matches across tables that share the purpose.
   */
  blindIndex(
    tenantId: string,
    purpose: string,
    value: Buffer | string,
    encoding?: BlindIndexEncoding,
  ): Promise<string>;
  /**
   * The same blind index as a synchronous function, its key loaded once: for hashing many
   * values of one purpose in a loop without a promise per value.
   */
  blindIndexer(tenantId: string, purpose: string): Promise<(value: Buffer | string) => Buffer>;
  /**
   * `encrypt` under the tenant's active data key as of now, as a synchronous function: for
   * encrypting many values of one batch without a promise per value.
   */
  encrypter(tenantId: string): Promise<(plaintext: Buffer | string, aad?: Buffer | string) => Buffer>;
  /** `sealObject` as a synchronous function under the active data key as of now. */
  objectSealer(tenantId: string): Promise<(plaintext: Buffer) => Buffer>;
  /** Transform: plaintext in, segmented AEAD stream out (see stream-aead.format.ts). */
  createEncryptStream(tenantId: string): Transform;
  /**
   * The bytes createEncryptStream would produce for `plaintext`, in one call: for many small
   * objects, where a stream per object costs more than the encryption. Same format, same decryption.
   */
  sealObject(tenantId: string, plaintext: Buffer): Promise<Buffer>;
  /** Transform: encrypted stream in, plaintext out; errors at the end if the stream is not intact. */
  createDecryptStream(tenantId: string): Transform;
  /** Re-encrypts under the active key if `ciphertext` uses an older one; returns it unchanged otherwise. */
  reencrypt(tenantId: string, ciphertext: Buffer, aad?: Buffer | string): Promise<Buffer>;
  /** The data key id a ciphertext was made with, without decrypting it. */
  keyIdOf(ciphertext: Buffer | string): string;
  activeKeyId(tenantId: string): Promise<string>;
  /** Creates data key version n+1 and makes it active; old ciphertexts still decrypt. */
  rotateTenantKey(tenantId: string): Promise<{ keyId: string }>;
  /**
   * Makes `next` the master key and re-wraps every stored tenant key with it. Ciphertexts
   * are untouched (their data keys do not change), so nothing is re-encrypted and no
   * downtime is needed. Safe to re-run after a crash: rows already wrapped by `next` are
   * skipped.
   */
  rotateMasterKey(next: MasterKeyProvider): Promise<{ rewrapped: number; alreadyCurrent: number }>;
}

export interface KeyringOptions {
  readonly store: DataKeyStore;
  readonly masterKey: MasterKeyProvider;
  /**
   * Providers that may still have wrapped some rows (during a master-key rotation across
   * several replicas). Unwrap only; new keys are always wrapped by `masterKey`.
   */
  readonly previousMasterKeys?: readonly MasterKeyProvider[];
  readonly cache?: {
    readonly maxKeys?: number;
    /** How long an unwrapped key stays in memory. */
    readonly keyTtlMs?: number;
    /**
     * How long this process keeps using the active key id it last saw. After another
     * replica rotates a tenant key, this one switches within this delay; until then it
     * encrypts with the previous key, which is harmless because that key still decrypts.
     */
    readonly activeKeyTtlMs?: number;
  };
  readonly streamSegmentSize?: number;
  readonly now?: () => number;
}

const KEY_BYTES = 32;
const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const PURPOSE_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;
const KEY_ID_PREFIX: Record<TenantKeyKind, string> = { data: 'dek', index: 'bik' };
const BLIND_INDEX_SALT = Buffer.from('switchboard/blind-index/v1', 'utf8');
const REWRAP_PAGE_SIZE = 200;

interface ActiveKey {
  readonly keyId: string;
  readonly key: KeyObject;
}

export function createKeyring(options: KeyringOptions): Keyring {
  const { store } = options;
  const providers = new Map<string, MasterKeyProvider>();
  for (const provider of [...(options.previousMasterKeys ?? []), options.masterKey]) {
    providers.set(provider.keyId, provider);
  }
  let activeProvider = options.masterKey;

  const now = options.now;
  const maxKeys = options.cache?.maxKeys ?? 10_000;
  // Promises, not values, are cached so that concurrent first uses share one unwrap.
  const keys = new LruTtlCache<string, Promise<KeyObject>>({
    maxEntries: maxKeys,
    ttlMs: options.cache?.keyTtlMs ?? 5 * 60_000,
    ...(now ? { now } : {}),
  });
  const activeKeys = new LruTtlCache<string, Promise<ActiveKey>>({
    maxEntries: maxKeys,
    ttlMs: options.cache?.activeKeyTtlMs ?? 30_000,
    ...(now ? { now } : {}),
  });
  const indexKeys = new LruTtlCache<string, KeyObject>({
    maxEntries: maxKeys,
    ttlMs: options.cache?.keyTtlMs ?? 5 * 60_000,
    ...(now ? { now } : {}),
  });

  const cached = <V>(
    cache: LruTtlCache<string, Promise<V>>,
    key: string,
    load: () => Promise<V>,
  ): Promise<V> => {
    const hit = cache.get(key);
    if (hit) return hit;
    const promise = load();
    cache.set(key, promise);
    // A failed load must not be remembered, or one KMS hiccup would stick for minutes.
    promise.catch(() => {
      if (cache.get(key) === promise) cache.delete(key);
    });
    return promise;
  };

  const unwrapStored = async (row: StoredDataKey): Promise<KeyObject> => {
    const provider = providers.get(row.masterKeyId);
    if (!provider) {
      throw new CryptoError(
        'CRYPTO_MASTER_KEY_UNKNOWN',
        `key ${row.keyId} of tenant ${row.tenantId} is wrapped by master key ${row.masterKeyId}, which is not configured ` +
          `(configure it as a previous master key until rotation has finished)`,
      );
    }
    const raw = await provider.unwrap(row.wrappedKey, { tenantId: row.tenantId, keyId: row.keyId });
    if (raw.length !== KEY_BYTES) {
      throw new CryptoError('CRYPTO_DECRYPT_FAILED', `key ${row.keyId} unwrapped to ${raw.length} bytes`);
    }
    const key = createSecretKey(raw);
    raw.fill(0);
    return key;
  };

  const getKey = (tenantId: string, keyId: string, kind: TenantKeyKind): Promise<KeyObject> =>
    cached(keys, `${tenantId}\0${keyId}`, async () => {
      const row = await store.get(tenantId, keyId);
      if (row?.kind !== kind) {
        throw new CryptoError('CRYPTO_KEY_NOT_FOUND', `tenant ${tenantId} has no ${kind} key ${keyId}`);
      }
      return unwrapStored(row);
    });

  const createKey = async (tenantId: string, kind: TenantKeyKind, version: number): Promise<ActiveKey> => {
    const keyId = `${KEY_ID_PREFIX[kind]}_${tenantId}_${version}`;
    const raw = randomBytes(KEY_BYTES);
    const provider = activeProvider;
    const wrappedKey = await provider.wrap(raw, { tenantId, keyId });
    await store.create(tenantId, { keyId, kind, version, wrappedKey, masterKeyId: provider.keyId });
    const key = createSecretKey(raw);
    raw.fill(0);
    keys.set(`${tenantId}\0${keyId}`, Promise.resolve(key));
    return { keyId, key };
  };

  const loadActive = async (tenantId: string, kind: TenantKeyKind): Promise<ActiveKey> => {
    const row = await store.getActive(tenantId, kind);
    if (row) return { keyId: row.keyId, key: await getKey(tenantId, row.keyId, kind) };
    try {
      return await createKey(tenantId, kind, 1);
    } catch (error) {
      // Another replica created version 1 first: use theirs.
      if (!(error instanceof DataKeyConflictError)) throw error;
      const winner = await store.getActive(tenantId, kind);
      if (!winner) throw error;
      return { keyId: winner.keyId, key: await getKey(tenantId, winner.keyId, kind) };
    }
  };

  const getActive = (tenantId: string, kind: TenantKeyKind): Promise<ActiveKey> => {
    assertTenantId(tenantId);
    return cached(activeKeys, `${tenantId}\0${kind}`, () => loadActive(tenantId, kind));
  };

  const indexKey = async (tenantId: string, purpose: string): Promise<KeyObject> => {
    const cacheKey = `${tenantId}\0${purpose}`;
    const hit = indexKeys.get(cacheKey);
    if (hit) return hit;
    const secret = await getActive(tenantId, 'index');
    const info = Buffer.from(`${tenantId}\0${purpose}`, 'utf8');
    const key = createSecretKey(Buffer.from(hkdfSync('sha256', secret.key, BLIND_INDEX_SALT, info, 32)));
    indexKeys.set(cacheKey, key);
    return key;
  };

  const encryptWith = (
    active: ActiveKey,
    header: Buffer,
    tenantId: string,
    plaintext: Buffer | string,
    aad?: Buffer | string,
  ): Buffer => {
    const nonce = randomBytesPooled(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', active.key, nonce);
    cipher.setAAD(messageAad(header, tenantId, aad));
    const body = Buffer.concat([cipher.update(toBuffer(plaintext)), cipher.final()]);
    return encodeCiphertext(header, nonce, body, cipher.getAuthTag());
  };

  const encrypt = async (
    tenantId: string,
    plaintext: Buffer | string,
    aad?: Buffer | string,
  ): Promise<Buffer> => {
    const active = await getActive(tenantId, 'data');
    return encryptWith(active, encodeHeader(active.keyId), tenantId, plaintext, aad);
  };

  const assertPurpose = (purpose: string) => {
    if (!PURPOSE_PATTERN.test(purpose)) {
      throw new CryptoError(
        'CRYPTO_INVALID_ARGUMENT',
        `blind index purpose ${JSON.stringify(purpose)} must match ${String(PURPOSE_PATTERN)}`,
      );
    }
  };

  const decryptWith = (
    key: KeyObject,
    parsed: ParsedCiphertext,
    tenantId: string,
    aad?: Buffer | string,
  ): Buffer => {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, parsed.nonce);
      decipher.setAAD(messageAad(parsed.header, tenantId, aad));
      decipher.setAuthTag(parsed.tag);
      return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
    } catch (cause) {
      throw new CryptoError(
        'CRYPTO_DECRYPT_FAILED',
        `ciphertext under ${parsed.keyId} does not authenticate for tenant ${tenantId} (tampered, or wrong AAD)`,
        { cause },
      );
    }
  };

  const decrypt = async (
    tenantId: string,
    ciphertext: Buffer | string,
    aad?: Buffer | string,
  ): Promise<Buffer> => {
    assertTenantId(tenantId);
    const parsed = parseCiphertext(ciphertext);
    return decryptWith(await getKey(tenantId, parsed.keyId, 'data'), parsed, tenantId, aad);
  };

  return {
    encrypt,
    async encryptToString(tenantId, plaintext, aad) {
      return ciphertextToText(await encrypt(tenantId, plaintext, aad));
    },
    decrypt,
    async decryptToString(tenantId, ciphertext, aad) {
      return (await decrypt(tenantId, ciphertext, aad)).toString('utf8');
    },
    async decrypter(tenantId, ciphertexts) {
      assertTenantId(tenantId);
      const keyIds = new Set<string>();
      for (const ciphertext of ciphertexts) keyIds.add(parseCiphertext(ciphertext).keyId);
      const loaded = new Map(
        await Promise.all(
          [...keyIds].map(async (keyId) => [keyId, await getKey(tenantId, keyId, 'data')] as const),
        ),
      );
      return (ciphertext, aad) => {
        const parsed = parseCiphertext(ciphertext);
        const key = loaded.get(parsed.keyId);
        if (!key)
          throw new CryptoError(
            'CRYPTO_KEY_NOT_FOUND',
            `key ${parsed.keyId} was not among the keys this decrypter loaded for tenant ${tenantId}`,
          );
        return decryptWith(key, parsed, tenantId, aad);
      };
    },

    async blindIndex(tenantId, purpose, value, encoding = 'hex') {
      assertPurpose(purpose);
      const key = await indexKey(tenantId, purpose);
      return createHmac('sha256', key).update(toBuffer(value)).digest(encoding);
    },

    async blindIndexer(tenantId, purpose) {
      assertPurpose(purpose);
      const key = await indexKey(tenantId, purpose);
      return (value) => createHmac('sha256', key).update(toBuffer(value)).digest();
    },

    async encrypter(tenantId) {
      const active = await getActive(tenantId, 'data');
      const header = encodeHeader(active.keyId);
      return (plaintext, aad) => encryptWith(active, header, tenantId, plaintext, aad);
    },

    async objectSealer(tenantId) {
      assertTenantId(tenantId);
      const active = await getActive(tenantId, 'data');
      return (plaintext) => sealSegmented(active, tenantId, plaintext, options.streamSegmentSize);
    },

    createEncryptStream(tenantId) {
      assertTenantId(tenantId);
      return createSegmentedEncryptStream({
        tenantId,
        ...(options.streamSegmentSize ? { segmentSize: options.streamSegmentSize } : {}),
        resolveActiveKey: () => getActive(tenantId, 'data'),
      });
    },

    async sealObject(tenantId, plaintext) {
      assertTenantId(tenantId);
      return sealSegmented(await getActive(tenantId, 'data'), tenantId, plaintext, options.streamSegmentSize);
    },

    createDecryptStream(tenantId) {
      assertTenantId(tenantId);
      return createSegmentedDecryptStream({
        tenantId,
        resolveKey: (keyId) => getKey(tenantId, keyId, 'data'),
      });
    },

    async reencrypt(tenantId, ciphertext, aad) {
      const active = await getActive(tenantId, 'data');
      if (parseCiphertext(ciphertext).keyId === active.keyId) return ciphertext;
      return encrypt(tenantId, await decrypt(tenantId, ciphertext, aad), aad);
    },

    keyIdOf(ciphertext) {
      return parseCiphertext(ciphertext).keyId;
    },

    async activeKeyId(tenantId) {
      return (await getActive(tenantId, 'data')).keyId;
    },

    async rotateTenantKey(tenantId) {
      assertTenantId(tenantId);
      const current = await store.getActive(tenantId, 'data');
      const version = (current?.version ?? 0) + 1;
      activeKeys.delete(`${tenantId}\0data`);
      try {
        const created = await createKey(tenantId, 'data', version);
        activeKeys.set(`${tenantId}\0data`, Promise.resolve(created));
        return { keyId: created.keyId };
      } catch (error) {
        // Someone rotated at the same moment; their newer key satisfies this request too.
        if (!(error instanceof DataKeyConflictError)) throw error;
        const winner = await store.getActive(tenantId, 'data');
        if (!winner || winner.version < version) throw error;
        return { keyId: winner.keyId };
      }
    },

    async rotateMasterKey(next) {
      providers.set(next.keyId, next);
      // New keys are wrapped by the new master key from now on, so the sweep below can
      // only shrink the set of rows left on the old one.
      activeProvider = next;
      let rewrapped = 0;
      let alreadyCurrent = 0;
      let cursor: { tenantId: string; keyId: string } | undefined;
      for (;;) {
        const page = await store.list(cursor, REWRAP_PAGE_SIZE);
        for (const row of page) {
          if (row.masterKeyId === next.keyId) {
            alreadyCurrent += 1;
            continue;
          }
          const raw = await unwrapRaw(providers, row);
          try {
            const wrappedKey = await next.wrap(raw, { tenantId: row.tenantId, keyId: row.keyId });
            const swapped = await store.rewrap(
              row.tenantId,
              row.keyId,
              { wrappedKey, masterKeyId: next.keyId },
              row.masterKeyId,
            );
            if (swapped) rewrapped += 1;
            else alreadyCurrent += 1; // a concurrent rotation re-wrapped it first
          } finally {
            raw.fill(0);
          }
        }
        const last = page.at(-1);
        if (!last || page.length < REWRAP_PAGE_SIZE) break;
        cursor = { tenantId: last.tenantId, keyId: last.keyId };
      }
      return { rewrapped, alreadyCurrent };
    },
  };
}

async function unwrapRaw(providers: Map<string, MasterKeyProvider>, row: StoredDataKey): Promise<Buffer> {
  const provider = providers.get(row.masterKeyId);
  if (!provider) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_UNKNOWN',
      `cannot re-wrap ${row.keyId} of tenant ${row.tenantId}: master key ${row.masterKeyId} is not configured`,
    );
  }
  return provider.unwrap(row.wrappedKey, { tenantId: row.tenantId, keyId: row.keyId });
}

/** header | u32 tenantIdLength | tenantId | caller AAD: unambiguous and binds the tenant. */
function messageAad(header: Buffer, tenantId: string, aad: Buffer | string | undefined): Buffer {
  const tenant = Buffer.from(tenantId, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(tenant.length);
  return Buffer.concat([header, length, tenant, aad === undefined ? Buffer.alloc(0) : toBuffer(aad)]);
}

function toBuffer(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function assertTenantId(tenantId: string): void {
  if (!TENANT_ID_PATTERN.test(tenantId)) {
    throw new CryptoError(
      'CRYPTO_INVALID_ARGUMENT',
      `tenant id ${JSON.stringify(tenantId)} must match ${String(TENANT_ID_PATTERN)}`,
    );
  }
}
