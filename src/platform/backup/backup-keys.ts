import { createHmac, createSecretKey, hkdfSync } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { Transform } from 'node:stream';
import type { Config } from '../config/index.js';
import { MASTER_KEY_FILE_NAME, decodeMasterKey, loadMasterKey } from '../crypto/index.js';
import {
  createSegmentedDecryptStream,
  createSegmentedEncryptStream,
} from '../crypto/stream-aead.transform.js';
import { BackupError } from './backup.errors.js';

export interface MasterKeys {
  /** The key new data keys are wrapped by, then the previous ones (SWITCHBOARD_PREVIOUS_MASTER_KEYS). */
  readonly keys: readonly Buffer[];
  readonly origin: 'environment' | 'file';
  readonly path?: string;
}

/**
 * A master key's fingerprint: names the key in a manifest and in KEYS.md without revealing it
 * (an HMAC under the key of a fixed label, 16 hex digits).
 */
export function masterKeyFingerprint(key: Buffer): string {
  return `mk1-${createHmac('sha256', key).update('switchboard/backup/master-key-fingerprint/v1').digest('hex').slice(0, 16)}`;
}

/**
 * The master keys this configuration gives, without ever generating one: a restore into a data dir
 * without a key must stop and say so, because a new key could unwrap nothing in the backup.
 */
export async function configuredMasterKeys(config: Config): Promise<MasterKeys | undefined> {
  const previous = config.security.previousMasterKeys.map((k) =>
    decodeMasterKey(k, 'SWITCHBOARD_PREVIOUS_MASTER_KEYS'),
  );
  if (config.security.masterKey !== undefined && config.security.masterKey.trim() !== '')
    return {
      keys: [decodeMasterKey(config.security.masterKey, 'SWITCHBOARD_MASTER_KEY'), ...previous],
      origin: 'environment',
    };
  const file = path.join(config.dataDir, MASTER_KEY_FILE_NAME);
  try {
    await access(file);
  } catch {
    return undefined;
  }
  const loaded = await loadMasterKey({ dataDir: config.dataDir });
  return { keys: [loaded.key, ...previous], origin: 'file', path: file };
}

/** Writes a master key from a backup as the data dir's key file (mode 0600); never replaces one. */
export async function installMasterKeyFile(dataDir: string, keyText: string): Promise<string> {
  decodeMasterKey(keyText, 'the master key in the backup');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, MASTER_KEY_FILE_NAME);
  const handle = await open(file, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
  try {
    await handle.writeFile(`${keyText.trim()}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return file;
}

/** Refuses master keys none of which is one the backup's data keys were wrapped by. */
export function assertMasterKeyMatches(keys: MasterKeys, fingerprints: readonly string[]): void {
  const given = keys.keys.map(masterKeyFingerprint);
  if (given.some((f) => fingerprints.includes(f))) return;
  throw new BackupError(
    'BACKUP_MASTER_KEY',
    `the master key ${keys.origin === 'file' ? `in ${keys.path}` : 'in SWITCHBOARD_MASTER_KEY'} (${given.join(', ')}) ` +
      `is not the one this backup was made with (${fingerprints.join(', ')}): nothing in it could be decrypted. ` +
      `Restore that key first (KEYS.md in the backup), or name the old key in SWITCHBOARD_PREVIOUS_MASTER_KEYS.`,
  );
}

const OBJECTS_SALT = Buffer.from('switchboard/backup-objects/v1', 'utf8');
/** The stream format binds each stream to a name; object copies all use this one. */
const STREAM_SCOPE = 'backup-objects';

const objectKey = (masterKey: Buffer) =>
  createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, OBJECTS_SALT, Buffer.alloc(0), 32)));

/**
 * Object copies in a backup are encrypted (the segmented AEAD stream of the keyring) under a key
 * derived from the master key, the key id in each header being the master key's fingerprint: they
 * are as unreadable without the master key as the database's data keys are, whatever the store
 * (S3 and Azure objects are plaintext to whoever reads the bucket).
 */
export function backupObjectCipher(keys: readonly Buffer[]): {
  encrypt(): Transform;
  decrypt(): Transform;
} {
  const [current] = keys;
  if (!current) throw new BackupError('BACKUP_MASTER_KEY', 'no master key');
  const byFingerprint = new Map(keys.map((k) => [masterKeyFingerprint(k), k]));
  return {
    encrypt: () =>
      createSegmentedEncryptStream({
        tenantId: STREAM_SCOPE,
        resolveActiveKey: () =>
          Promise.resolve({ keyId: masterKeyFingerprint(current), key: objectKey(current) }),
      }),
    decrypt: () =>
      createSegmentedDecryptStream({
        tenantId: STREAM_SCOPE,
        resolveKey: (keyId) => {
          const key = byFingerprint.get(keyId);
          if (!key)
            return Promise.reject(
              new BackupError(
                'BACKUP_MASTER_KEY',
                `an object copy is encrypted under master key ${keyId}, which is not configured`,
              ),
            );
          return Promise.resolve(objectKey(key));
        },
      }),
  };
}
