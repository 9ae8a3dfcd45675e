import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

import { CryptoError } from './crypto.errors.js';
import type { DataKeyContext, MasterKeyProvider } from './master-key.provider.js';

const WRAP_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Default master-key provider: AES-256-GCM with a key held in this process (from
 * SWITCHBOARD_MASTER_KEY or the key file). Wrapped form: version(1) | nonce(12) | ct | tag(16).
 */
export function createLocalMasterKeyProvider(masterKey: Buffer): MasterKeyProvider {
  if (masterKey.length !== 32) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_INVALID',
      `local master key must be 32 bytes, got ${masterKey.length}`,
    );
  }
  const key = createSecretKey(Buffer.from(masterKey));
  // A fingerprint, not a secret: lets operators see which master key wrapped each data key
  // without revealing anything about it (HMAC under the key itself is one-way).
  const keyId = `local:${createHmac('sha256', key).update('switchboard/master-key-id/v1').digest('hex').slice(0, 16)}`;

  return {
    keyId,
    // Promise executors turn a synchronous throw into a rejection, as callers expect.
    wrap: (dataKey, context) => new Promise((resolve) => resolve(wrapLocal(key, keyId, dataKey, context))),
    unwrap: (wrapped, context) =>
      new Promise((resolve) => resolve(unwrapLocal(key, keyId, wrapped, context))),
  };
}

function wrapLocal(key: KeyObject, keyId: string, dataKey: Buffer, context: DataKeyContext): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(wrapAad(keyId, context));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([Buffer.of(WRAP_VERSION), nonce, body, cipher.getAuthTag()]);
}

function unwrapLocal(key: KeyObject, keyId: string, wrapped: Buffer, context: DataKeyContext): Buffer {
  if (wrapped.length < 1 + NONCE_BYTES + TAG_BYTES || wrapped[0] !== WRAP_VERSION) {
    throw new CryptoError('CRYPTO_CIPHERTEXT_MALFORMED', `wrapped data key ${context.keyId} is malformed`);
  }
  const nonce = wrapped.subarray(1, 1 + NONCE_BYTES);
  const body = wrapped.subarray(1 + NONCE_BYTES, wrapped.length - TAG_BYTES);
  const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(wrapAad(keyId, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch (cause) {
    throw new CryptoError(
      'CRYPTO_DECRYPT_FAILED',
      `data key ${context.keyId} of tenant ${context.tenantId} does not unwrap with master key ${keyId}`,
      { cause },
    );
  }
}

function wrapAad(keyId: string, context: DataKeyContext): Buffer {
  return Buffer.from(`switchboard/dek-wrap/v1\0${keyId}\0${context.tenantId}\0${context.keyId}`, 'utf8');
}
