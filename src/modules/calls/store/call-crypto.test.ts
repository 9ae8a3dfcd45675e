import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  createLocalMasterKeyProvider,
  InMemoryDataKeyStore,
} from '../../../platform/crypto/index.js';
import { createCallCrypto } from './call-crypto.js';

const tenantId = '0190a000-0000-7000-8000-0000000000c1';

describe('call write crypto: agents', () => {
  it('encrypts an agent once per writer: the same ciphertext for its calls, which decrypts to it', async () => {
    const keyring = createKeyring({
      store: new InMemoryDataKeyStore(),
      masterKey: createLocalMasterKeyProvider(randomBytes(32)),
    });
    const crypto = createCallCrypto(keyring);
    const writer = await crypto.writer(tenantId);
    const ann = { id: 'agent-1', name: 'Ann' };
    const first = writer.encryptAgent(ann);
    expect(writer.encryptAgent({ id: 'agent-1', name: 'Ann' })).toBe(first);
    expect(await crypto.decryptAgent(tenantId, first)).toEqual(ann);
    // Another agent, or the same id under another name, is a ciphertext of its own.
    const renamed = writer.encryptAgent({ id: 'agent-1', name: 'Anne' });
    expect(renamed).not.toBe(first);
    expect(await crypto.decryptAgent(tenantId, renamed)).toEqual({ id: 'agent-1', name: 'Anne' });
    // A writer of the next batch encrypts afresh (nothing outlives a batch).
    expect((await crypto.writer(tenantId)).encryptAgent(ann)).not.toBe(first);
  });
});
