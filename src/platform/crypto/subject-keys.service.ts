import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { CryptoError, SubjectErasedError } from './crypto.errors.js';
import { hkdfSha256Key } from './hkdf.js';
import type { Keyring } from './keyring.service.js';
import { LruTtlCache } from './lru-ttl.cache.js';
import type { SubjectIdentifier, SubjectKeys, SubjectSealer } from './subject-keys.contract.js';

/**
 * Where subject keys are kept: rows of (tenant, ref) with the key wrapped by the tenant's data key,
 * or null once shredded. The PostgreSQL store (subject-key.pg-store.ts) is the production one.
 */
export interface SubjectKeyStore {
  /** The wrapped keys of these refs that exist; a shredded one maps to null. */
  get(tenantId: string, refs: readonly string[]): Promise<Map<string, Buffer | null>>;
  /**
   * Inserts the keys whose refs have no row yet and answers what is stored for every ref given
   * (another process may have created one first: its key wins; a shredded ref stays null).
   */
  create(
    tenantId: string,
    keys: readonly { readonly ref: string; readonly wrappedKey: Buffer }[],
  ): Promise<Map<string, Buffer | null>>;
  /** Drops the wrapped keys of these refs (keeps a tombstone); answers how many were still there. */
  shred(tenantId: string, refs: readonly string[]): Promise<number>;
  /**
   * Tells this process of every shred, made by any process (a store shared by replicas). Without
   * it, keys are cached for `cacheTtlMs` and a shred elsewhere takes effect here within that.
   */
  watchShreds?(on: {
    shredded(tenantId: string, refs: readonly string[]): void;
    /** The feed was cut: shreds may have been missed. */
    lost(): void;
  }): { ensure(): boolean; ready(): Promise<void> };
}

/**
 * A record of shredded refs kept outside the database (the object store: see
 * src/platform/backup/subject-tombstones.ts), so that a restore of a backup taken before an erasure
 * can shred the keys again. It holds no personal data: the tenant, the refs (blind indexes) and a time.
 */
export interface SubjectTombstoneRecorder {
  record(tenantId: string, refs: readonly string[], shreddedAt: Date): Promise<void>;
}

/*
 * Ciphertext: "SBS1" | n (1 byte) | n refs (32 bytes each) | nonce (12) | AES-256-GCM ciphertext | tag (16).
 * The key is HKDF-SHA256 over the n subject keys in the order of their refs (sorted), so it can be
 * rebuilt only while every one of them exists. n = 0 carries a tenant-key ciphertext instead.
 */
const MAGIC = Buffer.from('SBS1', 'latin1');
const REF_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const MAX_SUBJECTS = 16;
const HKDF_SALT = Buffer.from('switchboard/subject-seal/v1', 'utf8');
const NONCE_INFO = Buffer.from('nonce', 'utf8');

const identifierText = (identifier: SubjectIdentifier) => `${identifier.kind}:${identifier.value}`;
const toBuffer = (value: Buffer | string | undefined) =>
  value === undefined ? Buffer.alloc(0) : typeof value === 'string' ? Buffer.from(value, 'utf8') : value;

export function createSubjectKeys(options: {
  readonly keyring: Keyring;
  readonly store: SubjectKeyStore;
  /**
   * Where every shred is recorded before the keys are destroyed. Written first: a shred whose record
   * failed is not done (the erasure retries), and a record whose shred then failed only erases again
   * on a restore what was meant to be erased anyway.
   */
  readonly tombstones?: SubjectTombstoneRecorder;
  /**
   * How long an unwrapped key is reused. A shred by another process takes effect here at once when
   * the store has `watchShreds`, within this time otherwise.
   */
  readonly cacheTtlMs?: number;
}): SubjectKeys {
  const { keyring, store, tombstones } = options;
  const cache = new LruTtlCache<string, Buffer>({ maxEntries: 50_000, ttlMs: options.cacheTtlMs ?? 30_000 });
  const cacheKey = (tenantId: string, ref: string) => `${tenantId}/${ref}`;
  // An erasure on any replica drops the keys here too; while the feed is down nothing is cached.
  const shreds = store.watchShreds?.({
    shredded: (tenantId, refs) => {
      for (const ref of refs) cache.delete(cacheKey(tenantId, ref));
    },
    lost: () => cache.clear(),
  });
  const mayCache = () => shreds === undefined || shreds.ensure();
  const wrapAad = (ref: string) => `crypto.subject_key:${ref}`;

  const refsOf = async (tenantId: string, subjects: readonly SubjectIdentifier[]) => {
    const index = await keyring.blindIndexer(tenantId, 'subject');
    const refs = [...new Set(subjects.map((s) => index(identifierText(s)).toString('hex')))].sort();
    if (refs.length > MAX_SUBJECTS)
      throw new CryptoError(
        'CRYPTO_INVALID_ARGUMENT',
        `a record may name at most ${MAX_SUBJECTS} data subjects`,
      );
    return refs;
  };

  /**
   * The unwrapped keys of refs: a key, null for a shredded one (tombstone), no entry for one that
   * never existed. With `create`, the missing ones are made first (another process may win: its key
   * is the one kept). One store round trip for every ref not in the cache.
   */
  const loadKeys = async (
    tenantId: string,
    refs: readonly string[],
    create: boolean,
  ): Promise<Map<string, Buffer | null>> => {
    const found = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const ref of refs) {
      const key = cache.get(cacheKey(tenantId, ref));
      if (key) found.set(ref, key);
      else missing.push(ref);
    }
    if (missing.length === 0) return found;
    let stored = await store.get(tenantId, missing);
    const made = new Map<string, { key: Buffer; wrappedKey: Buffer }>();
    const absent = missing.filter((ref) => !stored.has(ref));
    if (absent.length > 0 && create) {
      await Promise.all(
        absent.map(async (ref) => {
          const key = randomBytes(32);
          made.set(ref, { key, wrappedKey: await keyring.encrypt(tenantId, key, wrapAad(ref)) });
        }),
      );
      const created = await store.create(
        tenantId,
        [...made].map(([ref, { wrappedKey }]) => ({ ref, wrappedKey })),
      );
      stored = new Map([...stored, ...created]);
    }
    await Promise.all(
      missing.map(async (ref) => {
        if (!stored.has(ref)) return;
        const wrapped = stored.get(ref) ?? null;
        if (wrapped === null) {
          found.set(ref, null);
          return;
        }
        const mine = made.get(ref);
        // Our own new key won the insert: no need to unwrap what we just wrapped.
        const key =
          mine?.wrappedKey.equals(wrapped) === true
            ? mine.key
            : await keyring.decrypt(tenantId, wrapped, wrapAad(ref));
        if (mayCache()) cache.set(cacheKey(tenantId, ref), key);
        found.set(ref, key);
      }),
    );
    return found;
  };

  /** The keys of refs in order; refused when one was shredded or never existed. */
  const keysIn = (found: ReadonlyMap<string, Buffer | null>, refs: readonly string[]): Buffer[] => {
    const erased = refs.filter((ref) => found.get(ref) === null);
    if (erased.length > 0) throw new SubjectErasedError(erased);
    return refs.map((ref) => {
      const key = found.get(ref);
      // A ref without any row: not an erased subject but a ciphertext naming a key that never was.
      if (!key)
        throw new CryptoError(
          'CRYPTO_DECRYPT_FAILED',
          'the ciphertext names a subject key that never existed',
        );
      return key;
    });
  };

  // HKDF-SHA256 as two HMACs (hkdf.ts): the same key as hkdfSync, at half the cost per sealer.
  const derive = (keys: readonly Buffer[], refs: readonly string[]) =>
    hkdfSha256Key(Buffer.concat(keys), HKDF_SALT, Buffer.from(refs.join(','), 'utf8'));

  const header = (refs: readonly string[]) =>
    Buffer.concat([MAGIC, Buffer.from([refs.length]), ...refs.map((ref) => Buffer.from(ref, 'hex'))]);

  const parse = (ciphertext: Buffer) => {
    if (ciphertext.length < 5 || !ciphertext.subarray(0, 4).equals(MAGIC))
      throw new CryptoError('CRYPTO_CIPHERTEXT_MALFORMED', 'not a subject-sealed ciphertext');
    const count = ciphertext[4] ?? 0;
    if (count > MAX_SUBJECTS)
      throw new CryptoError(
        'CRYPTO_CIPHERTEXT_MALFORMED',
        'subject-sealed ciphertext names too many subjects',
      );
    const start = 5 + count * REF_BYTES;
    if (ciphertext.length < start)
      throw new CryptoError('CRYPTO_CIPHERTEXT_MALFORMED', 'subject-sealed ciphertext is cut short');
    const refs = Array.from({ length: count }, (_, i) =>
      ciphertext.subarray(5 + i * REF_BYTES, 5 + (i + 1) * REF_BYTES).toString('hex'),
    );
    return { refs, headerBytes: ciphertext.subarray(0, start), body: ciphertext.subarray(start) };
  };

  const subjectSealer = (refs: readonly string[], keys: readonly Buffer[]): SubjectSealer => {
    const key = derive(keys, refs);
    // Only deterministic sealing needs it: derived on first use.
    let nonceKey: Buffer | undefined;
    const head = header(refs);
    const sealWith = (nonce: Buffer, plaintext: Buffer, aad: Buffer) => {
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.concat([head, aad]));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([head, nonce, body, cipher.getAuthTag()]);
    };
    return {
      refs,
      seal: (plaintext, aad) => sealWith(randomBytes(NONCE_BYTES), toBuffer(plaintext), toBuffer(aad)),
      sealDeterministic(plaintext, aad) {
        const bytes = toBuffer(plaintext);
        const extra = toBuffer(aad);
        const length = Buffer.alloc(8);
        length.writeBigUInt64BE(BigInt(extra.length));
        nonceKey ??= hkdfSha256Key(key, HKDF_SALT, NONCE_INFO);
        const nonce = createHmac('sha256', nonceKey)
          .update(length)
          .update(extra)
          .update(bytes)
          .digest()
          .subarray(0, NONCE_BYTES);
        return sealWith(nonce, bytes, extra);
      },
    };
  };

  const tenantSealer = async (tenantId: string): Promise<SubjectSealer> => {
    const encrypt = await keyring.encrypter(tenantId);
    const head = header([]);
    return {
      refs: [],
      seal: (plaintext, aad) => Buffer.concat([head, encrypt(plaintext, aad)]),
      sealDeterministic: () => {
        throw new CryptoError(
          'CRYPTO_INVALID_ARGUMENT',
          'deterministic sealing needs at least one data subject (the tenant key seals at random)',
        );
      },
    };
  };

  const sealersFor = async (
    tenantId: string,
    sets: readonly (readonly SubjectIdentifier[])[],
    skipErased: boolean,
  ): Promise<SubjectSealer[]> => {
    const refSets = await Promise.all(sets.map((subjects) => refsOf(tenantId, subjects)));
    const found = await loadKeys(tenantId, [...new Set(refSets.flat())], true);
    const made = new Map<string, Promise<SubjectSealer>>();
    return Promise.all(
      refSets.map((all) => {
        const refs = skipErased ? all.filter((ref) => found.get(ref) !== null) : all;
        const id = refs.join(',');
        let sealer = made.get(id);
        if (!sealer) {
          sealer =
            refs.length === 0
              ? tenantSealer(tenantId)
              : Promise.resolve().then(() => subjectSealer(refs, keysIn(found, refs)));
          made.set(id, sealer);
        }
        return sealer;
      }),
    );
  };

  const sealerFor = async (tenantId: string, subjects: readonly SubjectIdentifier[]) => {
    const [sealer] = await sealersFor(tenantId, [subjects], false);
    if (!sealer) throw new CryptoError('CRYPTO_INVALID_ARGUMENT', 'no sealer was made');
    return sealer;
  };

  return {
    async ref(tenantId, identifier) {
      return (await refsOf(tenantId, [identifier]))[0] ?? '';
    },
    sealer: sealerFor,
    sealers: (tenantId, sets, options) => sealersFor(tenantId, sets, options?.skipErased ?? false),
    async seal(tenantId, subjects, plaintext, aad) {
      return (await sealerFor(tenantId, subjects)).seal(plaintext, aad);
    },
    async open(tenantId, ciphertext, aad) {
      const { refs, headerBytes, body } = parse(ciphertext);
      if (refs.length === 0) return keyring.decrypt(tenantId, body, aad);
      const key = derive(keysIn(await loadKeys(tenantId, refs, false), refs), refs);
      if (body.length < NONCE_BYTES + TAG_BYTES)
        throw new CryptoError('CRYPTO_CIPHERTEXT_MALFORMED', 'subject-sealed ciphertext is cut short');
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.concat([headerBytes, toBuffer(aad)]));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch (error) {
        throw new CryptoError('CRYPTO_DECRYPT_FAILED', 'subject-sealed ciphertext does not authenticate', {
          cause: error,
        });
      }
    },
    isSealed: (bytes) => bytes.length >= 5 && bytes.subarray(0, 4).equals(MAGIC),
    refsOf: (ciphertext) => parse(ciphertext).refs,
    async shred(tenantId, subjects) {
      const refs = await refsOf(tenantId, subjects);
      for (const ref of refs) cache.delete(cacheKey(tenantId, ref));
      if (refs.length === 0) return { shredded: 0 };
      await tombstones?.record(tenantId, refs, new Date());
      return { shredded: await store.shred(tenantId, refs) };
    },
    async isShredded(tenantId, identifier) {
      const [ref = ''] = await refsOf(tenantId, [identifier]);
      return (await store.get(tenantId, [ref])).get(ref) === null;
    },
  };
}

/** Keeps subject keys in memory: unit tests and tools only. */
export function createInMemorySubjectKeyStore(): SubjectKeyStore {
  const rows = new Map<string, Buffer | null>();
  const k = (tenantId: string, ref: string) => `${tenantId}/${ref}`;
  return {
    get(tenantId, refs) {
      return Promise.resolve(
        new Map(
          refs.filter((r) => rows.has(k(tenantId, r))).map((r) => [r, rows.get(k(tenantId, r)) ?? null]),
        ),
      );
    },
    create(tenantId, keys) {
      for (const key of keys)
        if (!rows.has(k(tenantId, key.ref))) rows.set(k(tenantId, key.ref), key.wrappedKey);
      return Promise.resolve(new Map(keys.map((key) => [key.ref, rows.get(k(tenantId, key.ref)) ?? null])));
    },
    shred(tenantId, refs) {
      let count = 0;
      for (const ref of refs) {
        if (rows.get(k(tenantId, ref))) count += 1;
        rows.set(k(tenantId, ref), null);
      }
      return Promise.resolve(count);
    },
  };
}
