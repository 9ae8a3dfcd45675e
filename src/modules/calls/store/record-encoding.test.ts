import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  createLocalMasterKeyProvider,
  InMemoryDataKeyStore,
} from '../../../platform/crypto/index.js';
import { normalisedPart } from './upsert-plan.js';
import { callRecord } from '../testing/index.js';
import { createCallCrypto } from './call-crypto.js';
import { decodeParties, decodeRecord, encodeParties, encodeRecord } from './record-encoding.js';

const tenantId = '0190a000-0000-7000-8000-0000000000c2';
const callUuid = '0190a000-0000-7000-8000-0000000000d1';

describe('record encoding', () => {
  const call = normalisedPart(callRecord(tenantId, { sourceCallId: 'enc-1' }));

  it('compresses a record to well under half its JSON, and reads it back equal', () => {
    const json = encodeRecord(call, 'json');
    const packed = encodeRecord(call);
    expect(packed[0]).toBe(0x01);
    expect(packed.length).toBeLessThan(json.length / 2);
    expect(decodeRecord(packed)).toEqual(call);
    expect(decodeRecord(json)).toEqual(call);
  });

  it('refuses a plaintext of no known format', () => {
    expect(() => decodeRecord(Buffer.from([0x02, 0x00]))).toThrow(/format 2/);
  });

  it('reads records encrypted before compression (plain JSON) beside compressed ones', async () => {
    const keyring = createKeyring({
      store: new InMemoryDataKeyStore(),
      masterKey: createLocalMasterKeyProvider(randomBytes(32)),
    });
    const before = await createCallCrypto(keyring, { recordEncoding: 'json' }).writer(tenantId);
    const now = await createCallCrypto(keyring).writer(tenantId);
    const reader = createCallCrypto(keyring);
    const old = before.encryptRecord(callUuid, call);
    const compressed = now.encryptRecord(callUuid, call);
    expect(compressed.length).toBeLessThan(old.length / 2);
    expect(await reader.decryptRecord(tenantId, callUuid, old)).toEqual(call);
    expect(await reader.decryptRecord(tenantId, callUuid, compressed)).toEqual(call);
    // Still bound to its call: the compressed record does not open under another call's id.
    await expect(
      reader.decryptRecord(tenantId, '0190a000-0000-7000-8000-0000000000d2', compressed),
    ).rejects.toThrow();
  });

  it('writes parties as a short array and reads both forms, e164 equal to raw or not', async () => {
    const parties = {
      from: { raw: '+4930123456', e164: '+4930123456', displayName: 'Ann Lee' },
      to: { raw: '0301234567', e164: '+49301234567', displayName: null },
    };
    const none = {
      from: { raw: null, e164: null, displayName: null },
      to: { raw: '1001', e164: null, displayName: 'Desk' },
    };
    for (const p of [parties, none]) {
      expect(decodeParties(encodeParties(p))).toEqual(p);
      expect(decodeParties(encodeParties(p, 'json'))).toEqual(p);
      expect(decodeParties(JSON.stringify(p))).toEqual(p);
    }
    expect(encodeParties(parties).length).toBeLessThan(encodeParties(parties, 'json').length / 2);
    const keyring = createKeyring({
      store: new InMemoryDataKeyStore(),
      masterKey: createLocalMasterKeyProvider(randomBytes(32)),
    });
    const old = (await createCallCrypto(keyring, { recordEncoding: 'json' }).writer(tenantId)).encryptParties(
      callUuid,
      parties,
    );
    const compact = (await createCallCrypto(keyring).writer(tenantId)).encryptParties(callUuid, parties);
    const crypto = createCallCrypto(keyring);
    const reader = await crypto.reader(tenantId, [old, compact]);
    expect(reader.decryptParties(callUuid, old)).toEqual(parties);
    expect(reader.decryptParties(callUuid, compact)).toEqual(parties);
    expect(await crypto.decryptParties(tenantId, callUuid, compact)).toEqual(parties);
  });
});
