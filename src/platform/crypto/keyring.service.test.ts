import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { InMemoryDataKeyStore } from './in-memory-data-key.store.js';
import { createKeyring } from './keyring.service.js';
import { createLocalMasterKeyProvider } from './local-master-key.provider.js';
import type { MasterKeyProvider } from './master-key.provider.js';

const newMaster = (): MasterKeyProvider => createLocalMasterKeyProvider(randomBytes(32));

function setup() {
  const store = new InMemoryDataKeyStore();
  const master = newMaster();
  const keyring = createKeyring({ store, masterKey: master });
  return { store, master, keyring };
}

describe('keyring: values', () => {
  it('round-trips binary and text forms, with and without AAD', async () => {
    const { keyring } = setup();
    const binary = await keyring.encrypt('ten_a', Buffer.from('secret bytes'));
    expect(binary.includes(Buffer.from('secret bytes'))).toBe(false);
    expect((await keyring.decrypt('ten_a', binary)).toString()).toBe('secret bytes');

    const text = await keyring.encryptToString('ten_a', '+442071234567', 'leads.phone');
    expect(text).toMatch(/^sbe1\.dek_ten_a_1\.[A-Za-z0-9_-]+$/);
    expect(await keyring.decryptToString('ten_a', text, 'leads.phone')).toBe('+442071234567');
  });

  it('decrypts a batch under several key versions with one decrypter, and nothing else', async () => {
    const { keyring: writer, store, master } = setup();
    const old = await writer.encrypt('ten_a', 'before rotation', 'row:1');
    await writer.rotateTenantKey('ten_a');
    const current = await writer.encryptToString('ten_a', 'after rotation', 'row:2');
    // Another process, nothing in memory yet.
    const keyring = createKeyring({ store, masterKey: master });
    const reads = { count: 0 };
    const get = store.get.bind(store);
    store.get = (tenantId, keyId) => {
      reads.count += 1;
      return get(tenantId, keyId);
    };
    const decrypt = await keyring.decrypter('ten_a', [old, current, old, current]);
    expect(decrypt(old, 'row:1').toString()).toBe('before rotation');
    expect(decrypt(current, 'row:2').toString()).toBe('after rotation');
    // One read per key the batch names, not one per value.
    expect(reads.count).toBe(2);
    expect(() => decrypt(old, 'row:2')).toThrow(expect.objectContaining({ code: 'CRYPTO_DECRYPT_FAILED' }));
    const third = (await keyring.rotateTenantKey('ten_a')).keyId;
    const newer = await keyring.encrypt('ten_a', 'third key', 'row:3');
    expect(keyring.keyIdOf(newer)).toBe(third);
    expect(() => decrypt(newer, 'row:3')).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_NOT_FOUND' }));
    await expect(keyring.decrypter('ten_b', [old])).rejects.toMatchObject({ code: 'CRYPTO_KEY_NOT_FOUND' });
  });

  it('uses a fresh nonce each time', async () => {
    const { keyring } = setup();
    const a = await keyring.encryptToString('ten_a', 'same');
    const b = await keyring.encryptToString('ten_a', 'same');
    expect(a).not.toBe(b);
  });

  it('fails on a flipped byte, wrong AAD, or another tenant', async () => {
    const { keyring } = setup();
    const ct = await keyring.encrypt('ten_a', 'hello', 'ctx');
    const tampered = Buffer.from(ct);
    tampered[tampered.length - 20]! ^= 0x01;
    await expect(keyring.decrypt('ten_a', tampered, 'ctx')).rejects.toMatchObject({
      code: 'CRYPTO_DECRYPT_FAILED',
    });
    await expect(keyring.decrypt('ten_a', ct, 'other')).rejects.toMatchObject({
      code: 'CRYPTO_DECRYPT_FAILED',
    });
    await keyring.encrypt('ten_b', 'make b exist');
    await expect(keyring.decrypt('ten_b', ct, 'ctx')).rejects.toMatchObject({ code: 'CRYPTO_KEY_NOT_FOUND' });
  });

  it('rejects malformed ciphertext with a clear code', async () => {
    const { keyring } = setup();
    await expect(keyring.decrypt('ten_a', 'sbe1.nope')).rejects.toMatchObject({
      code: 'CRYPTO_CIPHERTEXT_MALFORMED',
    });
    await expect(keyring.decrypt('ten_a', Buffer.from([9, 9, 9]))).rejects.toMatchObject({
      code: 'CRYPTO_CIPHERTEXT_MALFORMED',
    });
  });

  it('rejects tenant ids that could smuggle separators into key ids', async () => {
    const { keyring } = setup();
    await expect(keyring.encrypt('ten.a', 'x')).rejects.toMatchObject({ code: 'CRYPTO_INVALID_ARGUMENT' });
  });

  it('lets two replicas race to create the first key and agree on it', async () => {
    const store = new InMemoryDataKeyStore();
    const master = newMaster();
    const a = createKeyring({ store, masterKey: master });
    const b = createKeyring({ store, masterKey: master });
    const [ctA, ctB] = await Promise.all([a.encrypt('ten_a', 'from a'), b.encrypt('ten_a', 'from b')]);
    expect((await b.decrypt('ten_a', ctA)).toString()).toBe('from a');
    expect((await a.decrypt('ten_a', ctB)).toString()).toBe('from b');
  });
});

describe('keyring: tenant key rotation', () => {
  it('encrypts with the new key while old ciphertexts still decrypt', async () => {
    const { keyring } = setup();
    const old = await keyring.encryptToString('ten_a', 'before');
    const { keyId } = await keyring.rotateTenantKey('ten_a');
    expect(keyId).toBe('dek_ten_a_2');
    const fresh = await keyring.encryptToString('ten_a', 'after');
    expect(keyring.keyIdOf(fresh)).toBe('dek_ten_a_2');
    expect(await keyring.decryptToString('ten_a', old)).toBe('before');
    expect(await keyring.decryptToString('ten_a', fresh)).toBe('after');
  });

  it('re-encrypts old ciphertexts under the active key', async () => {
    const { keyring } = setup();
    const old = await keyring.encrypt('ten_a', 'value', 'aad');
    await keyring.rotateTenantKey('ten_a');
    const moved = await keyring.reencrypt('ten_a', old, 'aad');
    expect(keyring.keyIdOf(moved)).toBe('dek_ten_a_2');
    expect((await keyring.decrypt('ten_a', moved, 'aad')).toString()).toBe('value');
    expect(await keyring.reencrypt('ten_a', moved, 'aad')).toBe(moved);
  });

  it('keeps blind indexes stable across data key rotation', async () => {
    const { keyring } = setup();
    const before = await keyring.blindIndex('ten_a', 'phone', '+442071234567');
    await keyring.rotateTenantKey('ten_a');
    expect(await keyring.blindIndex('ten_a', 'phone', '+442071234567')).toBe(before);
  });
});

describe('keyring: blind indexes', () => {
  it('is deterministic per tenant and purpose, and differs across them', async () => {
    const { keyring } = setup();
    const phone = '+442071234567';
    const a1 = await keyring.blindIndex('ten_a', 'phone', phone);
    expect(a1).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyring.blindIndex('ten_a', 'phone', phone)).toBe(a1);
    expect(await keyring.blindIndex('ten_b', 'phone', phone)).not.toBe(a1);
    expect(await keyring.blindIndex('ten_a', 'email', phone)).not.toBe(a1);
    expect(await keyring.blindIndex('ten_a', 'phone', '+442071234568')).not.toBe(a1);
    expect(await keyring.blindIndex('ten_a', 'phone', phone, 'base64url')).toBe(
      Buffer.from(a1, 'hex').toString('base64url'),
    );
  });

  it('survives a process restart (same store and master key)', async () => {
    const { store, master, keyring } = setup();
    const before = await keyring.blindIndex('ten_a', 'email', 'ana@example.com');
    const restarted = createKeyring({ store, masterKey: master });
    expect(await restarted.blindIndex('ten_a', 'email', 'ana@example.com')).toBe(before);
  });

  it('rejects an unnamed purpose', async () => {
    const { keyring } = setup();
    await expect(keyring.blindIndex('ten_a', 'Phone Number', 'x')).rejects.toMatchObject({
      code: 'CRYPTO_INVALID_ARGUMENT',
    });
  });
});

describe('keyring: master key rotation', () => {
  it('re-wraps every tenant key without changing ciphertexts or indexes', async () => {
    const { store, master, keyring } = setup();
    const tenants = Array.from({ length: 250 }, (_, i) => `ten_${String(i).padStart(3, '0')}`);
    const cts = await Promise.all(tenants.map((t) => keyring.encryptToString(t, `hello ${t}`)));
    const index = await keyring.blindIndex('ten_007', 'phone', '+15551234567');
    await keyring.rotateTenantKey('ten_007');

    const next = newMaster();
    const result = await keyring.rotateMasterKey(next);
    // 250 data keys + 1 rotated data key + 1 index key
    expect(result).toEqual({ rewrapped: 252, alreadyCurrent: 0 });
    for (const row of await store.list(undefined, 1000)) expect(row.masterKeyId).toBe(next.keyId);

    // A process that only knows the new master key reads everything written before.
    const onlyNew = createKeyring({ store, masterKey: next });
    expect(await onlyNew.decryptToString('ten_123', cts[123]!)).toBe('hello ten_123');
    expect(await onlyNew.blindIndex('ten_007', 'phone', '+15551234567')).toBe(index);

    // A process that only knows the old one cannot, and says why.
    const onlyOld = createKeyring({ store, masterKey: master });
    await expect(onlyOld.decrypt('ten_001', cts[1]!)).rejects.toMatchObject({
      code: 'CRYPTO_MASTER_KEY_UNKNOWN',
    });

    // Re-running (e.g. after a crash half-way) is a no-op.
    expect(await keyring.rotateMasterKey(next)).toEqual({ rewrapped: 0, alreadyCurrent: 252 });
  });

  it('lets replicas configured with the previous key unwrap rows not yet rotated', async () => {
    const { store, master, keyring } = setup();
    const ct = await keyring.encrypt('ten_a', 'x');
    const next = newMaster();
    const replica = createKeyring({ store, masterKey: next, previousMasterKeys: [master] });
    expect((await replica.decrypt('ten_a', ct)).toString()).toBe('x');
    // New keys made by that replica are wrapped by the new master key.
    await replica.encrypt('ten_new', 'y');
    expect((await store.getActive('ten_new', 'data'))?.masterKeyId).toBe(next.keyId);
  });

  it('refuses to unwrap a wrapped key moved to another tenant row', async () => {
    const master = newMaster();
    const wrapped = await master.wrap(randomBytes(32), { tenantId: 'ten_a', keyId: 'dek_ten_a_1' });
    await expect(master.unwrap(wrapped, { tenantId: 'ten_b', keyId: 'dek_ten_a_1' })).rejects.toMatchObject({
      code: 'CRYPTO_DECRYPT_FAILED',
    });
  });
});

describe('keyring: caching', () => {
  it('unwraps a key once for a burst of operations and again after the TTL', async () => {
    let clock = 0;
    const inner = newMaster();
    let unwraps = 0;
    const counting: MasterKeyProvider = {
      keyId: inner.keyId,
      wrap: (key, ctx) => inner.wrap(key, ctx),
      unwrap: (wrapped, ctx) => {
        unwraps += 1;
        return inner.unwrap(wrapped, ctx);
      },
    };
    const store = new InMemoryDataKeyStore();
    const writer = createKeyring({ store, masterKey: counting });
    const ct = await writer.encrypt('ten_a', 'x');
    const reader = createKeyring({ store, masterKey: counting, cache: { keyTtlMs: 1000 }, now: () => clock });
    await Promise.all(Array.from({ length: 20 }, () => reader.decrypt('ten_a', ct)));
    expect(unwraps).toBe(1);
    clock = 1001;
    await reader.decrypt('ten_a', ct);
    expect(unwraps).toBe(2);
  });
});

describe('keyring: synchronous handles for batches', () => {
  it('blindIndexer gives the bytes blindIndex gives as hex', async () => {
    const { keyring } = setup();
    const index = await keyring.blindIndexer('ten_a', 'phone');
    expect(index('+442071234567').toString('hex')).toBe(
      await keyring.blindIndex('ten_a', 'phone', '+442071234567'),
    );
    await expect(keyring.blindIndexer('ten_a', 'Bad Purpose')).rejects.toMatchObject({
      code: 'CRYPTO_INVALID_ARGUMENT',
    });
  });

  it('encrypter output decrypts with decrypt, bound to its AAD, with a fresh nonce each call', async () => {
    const { keyring } = setup();
    const encrypt = await keyring.encrypter('ten_a');
    const a = encrypt('hello', 'ctx');
    const b = encrypt('hello', 'ctx');
    expect(a.equals(b)).toBe(false);
    expect((await keyring.decrypt('ten_a', a, 'ctx')).toString()).toBe('hello');
    await expect(keyring.decrypt('ten_a', a, 'other')).rejects.toMatchObject({
      code: 'CRYPTO_DECRYPT_FAILED',
    });
    await expect(keyring.decrypt('ten_b', a, 'ctx')).rejects.toThrow();
  });

  it('objectSealer writes what the decrypt stream reads, as sealObject does', async () => {
    const { keyring } = setup();
    const seal = await keyring.objectSealer('ten_a');
    const plaintext = randomBytes(200_000);
    const sealed = seal(plaintext);
    const decrypt = keyring.createDecryptStream('ten_a');
    const chunks: Buffer[] = [];
    decrypt.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise((resolve, reject) => decrypt.on('end', resolve).on('error', reject));
    decrypt.end(sealed);
    await done;
    expect(Buffer.concat(chunks).equals(plaintext)).toBe(true);
  });
});
