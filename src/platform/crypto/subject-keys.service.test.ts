import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoError, SubjectErasedError } from './crypto.errors.js';
import { InMemoryDataKeyStore } from './in-memory-data-key.store.js';
import { createKeyring } from './keyring.service.js';
import { createLocalMasterKeyProvider } from './local-master-key.provider.js';
import type { SubjectIdentifier } from './subject-keys.contract.js';
import { createInMemorySubjectKeyStore, createSubjectKeys } from './subject-keys.service.js';

function setup() {
  const keyring = createKeyring({
    store: new InMemoryDataKeyStore(),
    masterKey: createLocalMasterKeyProvider(randomBytes(32)),
  });
  const store = createInMemorySubjectKeyStore();
  return { keyring, store, subjectKeys: createSubjectKeys({ keyring, store }) };
}

const alice: SubjectIdentifier = { kind: 'phone', value: '+447700900001' };
const bob: SubjectIdentifier = { kind: 'email', value: 'bob@example.com' };

describe('subject keys (crypto-shredding)', () => {
  it('seals and opens under one subject, two subjects and none', async () => {
    const { subjectKeys } = setup();
    const tenant = randomUUID();
    const one = await subjectKeys.seal(tenant, [alice], 'about alice', 'aad-1');
    const two = await subjectKeys.seal(tenant, [alice, bob], 'a call between them', 'aad-2');
    const none = await subjectKeys.seal(tenant, [], 'about nobody');
    expect(one.toString('utf8')).not.toContain('alice');
    expect(subjectKeys.isSealed(one)).toBe(true);
    expect(subjectKeys.isSealed(Buffer.from('{"raw":1}'))).toBe(false);
    expect(subjectKeys.refsOf(two)).toHaveLength(2);
    expect(subjectKeys.refsOf(none)).toEqual([]);
    expect((await subjectKeys.open(tenant, one, 'aad-1')).toString()).toBe('about alice');
    expect((await subjectKeys.open(tenant, two, 'aad-2')).toString()).toBe('a call between them');
    expect((await subjectKeys.open(tenant, none)).toString()).toBe('about nobody');
    // The order the subjects are given in does not matter.
    const sealer = await subjectKeys.sealer(tenant, [bob, alice]);
    expect((await subjectKeys.open(tenant, sealer.seal('x'))).toString()).toBe('x');
    // The aad binds the ciphertext to where it belongs.
    await expect(subjectKeys.open(tenant, one, 'aad-other')).rejects.toMatchObject({
      code: 'CRYPTO_DECRYPT_FAILED',
    });
  });

  it('shredding one subject makes what names it unreadable and leaves the other readable', async () => {
    const { subjectKeys } = setup();
    const tenant = randomUUID();
    const ofAlice = await subjectKeys.seal(tenant, [alice], 'alice');
    const ofBob = await subjectKeys.seal(tenant, [bob], 'bob');
    const ofBoth = await subjectKeys.seal(tenant, [alice, bob], 'both');
    expect(await subjectKeys.shred(tenant, [alice])).toEqual({ shredded: 1 });
    expect(await subjectKeys.shred(tenant, [alice])).toEqual({ shredded: 0 });
    const erased = await subjectKeys.open(tenant, ofAlice).catch((error: unknown) => error);
    expect(erased).toBeInstanceOf(SubjectErasedError);
    expect(erased).toMatchObject({ code: 'CRYPTO_SUBJECT_ERASED', kind: 'gone' });
    await expect(subjectKeys.open(tenant, ofBoth)).rejects.toBeInstanceOf(SubjectErasedError);
    expect((await subjectKeys.open(tenant, ofBob)).toString()).toBe('bob');
    expect(await subjectKeys.isShredded(tenant, alice)).toBe(true);
    expect(await subjectKeys.isShredded(tenant, bob)).toBe(false);
  });

  it('refuses to seal anything new under a shredded subject, unless told to leave them out', async () => {
    const { subjectKeys } = setup();
    const tenant = randomUUID();
    await subjectKeys.seal(tenant, [alice], 'before');
    await subjectKeys.shred(tenant, [alice]);
    await expect(subjectKeys.seal(tenant, [alice], 'after')).rejects.toBeInstanceOf(SubjectErasedError);
    await expect(subjectKeys.sealer(tenant, [alice, bob])).rejects.toBeInstanceOf(SubjectErasedError);
    const [both, aliceOnly] = await subjectKeys.sealers(tenant, [[alice, bob], [alice]], {
      skipErased: true,
    });
    expect(both?.refs).toEqual([await subjectKeys.ref(tenant, bob)]);
    expect(aliceOnly?.refs).toEqual([]);
  });

  it('a never-seen identifier shredded stays shredded: nothing is sealed under it later', async () => {
    const { subjectKeys } = setup();
    const tenant = randomUUID();
    expect(await subjectKeys.shred(tenant, [bob])).toEqual({ shredded: 0 });
    await expect(subjectKeys.seal(tenant, [bob], 'x')).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('refuses a tampered header, a cut ciphertext and a body that does not authenticate', async () => {
    const { subjectKeys } = setup();
    const tenant = randomUUID();
    const sealed = await subjectKeys.seal(tenant, [alice, bob], 'secret');
    const otherRef = Buffer.from(sealed);
    otherRef[10] = (otherRef[10] ?? 0) ^ 0xff;
    // A ref nobody has is damage, not an erasure: not a 410.
    const tampered = await subjectKeys.open(tenant, otherRef).catch((error: unknown) => error);
    expect(tampered).toBeInstanceOf(CryptoError);
    expect(tampered).not.toBeInstanceOf(SubjectErasedError);
    expect(tampered).toMatchObject({ code: 'CRYPTO_DECRYPT_FAILED' });
    // Swapping in another existing subject's ref: the derived key differs, GCM refuses.
    const swapped = await subjectKeys.seal(tenant, [alice], 'x');
    const mixed = Buffer.concat([swapped.subarray(0, 5 + 32), sealed.subarray(5 + 64)]);
    mixed[4] = 1;
    await expect(subjectKeys.open(tenant, mixed)).rejects.toMatchObject({ code: 'CRYPTO_DECRYPT_FAILED' });
    const count = Buffer.from(sealed);
    count[4] = 200;
    await expect(subjectKeys.open(tenant, count)).rejects.toMatchObject({
      code: 'CRYPTO_CIPHERTEXT_MALFORMED',
    });
    await expect(subjectKeys.open(tenant, sealed.subarray(0, 40))).rejects.toMatchObject({
      code: 'CRYPTO_CIPHERTEXT_MALFORMED',
    });
    const body = Buffer.from(sealed);
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1;
    await expect(subjectKeys.open(tenant, body)).rejects.toMatchObject({ code: 'CRYPTO_DECRYPT_FAILED' });
    await expect(subjectKeys.open(tenant, Buffer.from('{"not":"sealed"}'))).rejects.toMatchObject({
      code: 'CRYPTO_CIPHERTEXT_MALFORMED',
    });
  });

  it('keeps tenants apart: the same identifier has another key in another tenant', async () => {
    const { subjectKeys } = setup();
    const [a, b] = [randomUUID(), randomUUID()];
    const sealed = await subjectKeys.seal(a, [alice], 'of tenant a');
    expect(await subjectKeys.ref(a, alice)).not.toBe(await subjectKeys.ref(b, alice));
    await subjectKeys.shred(b, [alice]);
    expect((await subjectKeys.open(a, sealed)).toString()).toBe('of tenant a');
    await expect(subjectKeys.open(b, sealed)).rejects.toBeInstanceOf(CryptoError);
  });

  it('seals deterministically on request (write-once retries write the same bytes)', async () => {
    const { subjectKeys, keyring, store } = setup();
    const tenant = randomUUID();
    const [first, again] = await subjectKeys.sealers(tenant, [[alice], [alice]]);
    expect(first).toBe(again);
    const one = first?.sealDeterministic('payload', 'key-1');
    expect(one).toEqual(first?.sealDeterministic('payload', 'key-1'));
    expect(one).not.toEqual(first?.sealDeterministic('payload', 'key-2'));
    expect(first?.seal('payload')).not.toEqual(first?.seal('payload'));
    expect((await subjectKeys.open(tenant, one ?? Buffer.alloc(0), 'key-1')).toString()).toBe('payload');
    // A process with an empty cache rebuilds the same key from the store.
    const other = createSubjectKeys({ keyring, store });
    expect((await other.open(tenant, one ?? Buffer.alloc(0), 'key-1')).toString()).toBe('payload');
  });

  it('refuses a record about more than 16 subjects', async () => {
    const { subjectKeys } = setup();
    const many = Array.from({ length: 17 }, (_, i) => ({ kind: 'phone' as const, value: `+4477009000${i}` }));
    await expect(subjectKeys.seal(randomUUID(), many, 'x')).rejects.toMatchObject({
      code: 'CRYPTO_INVALID_ARGUMENT',
    });
  });
});
