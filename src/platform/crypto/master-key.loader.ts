import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { CryptoError } from './crypto.errors.js';

export const MASTER_KEY_BYTES = 32;
export const MASTER_KEY_FILE_NAME = 'master.key';

export interface MasterKeySource {
  /** Value of SWITCHBOARD_MASTER_KEY, passed in by the config module. */
  readonly masterKeyBase64?: string | undefined;
  /** SWITCHBOARD_DATA_DIR; the key file lives here when no key is given. */
  readonly dataDir: string;
}

export interface LoadedMasterKey {
  readonly key: Buffer;
  /** Where the key came from, so startup can log it (never the key itself). */
  readonly origin: 'argument' | 'file' | 'generated';
  readonly path?: string;
}

/**
 * Resolves the master key: an explicit base64 value wins; otherwise `<dataDir>/master.key`,
 * created with mode 0600 on first use. An existing key file that group or others can read
 * is refused rather than silently tightened, because it may already have leaked and the
 * operator should know.
 */
export async function loadMasterKey(source: MasterKeySource): Promise<LoadedMasterKey> {
  if (source.masterKeyBase64 !== undefined && source.masterKeyBase64.trim() !== '') {
    return { key: decodeMasterKey(source.masterKeyBase64, 'SWITCHBOARD_MASTER_KEY'), origin: 'argument' };
  }
  const path = join(source.dataDir, MASTER_KEY_FILE_NAME);
  const existing = await readKeyFile(path);
  if (existing) return { key: existing, origin: 'file', path };
  return generateKeyFile(source.dataDir, path);
}

/** Strict base64 (standard or url-safe, padding optional) of exactly 32 bytes. */
export function decodeMasterKey(value: string, label: string): Buffer {
  const text = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_INVALID',
      `${label} is not base64 (generate one with: openssl rand -base64 32)`,
    );
  }
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_INVALID',
      `${label} must be base64 of exactly ${MASTER_KEY_BYTES} bytes, got ${key.length} bytes (generate one with: openssl rand -base64 32)`,
    );
  }
  return key;
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  // POSIX permission bits mean nothing on Windows; there the directory ACL must protect it.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CryptoError(
      'CRYPTO_MASTER_KEY_INSECURE_FILE',
      `master key file ${path} is readable by group or others (mode ${(mode & 0o777).toString(8)}); ` +
        `run \`chmod 600 ${path}\` and consider rotating the master key if others could have read it`,
    );
  }
  return decodeMasterKey(await readFile(path, 'utf8'), `master key file ${path}`);
}

async function generateKeyFile(dataDir: string, path: string): Promise<LoadedMasterKey> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(MASTER_KEY_BYTES);
  const tempPath = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  const handle = await open(tempPath, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
  try {
    await handle.writeFile(`${key.toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() rather than rename(): it refuses to replace a key another process created
    // a moment ago, and replacing a master key would orphan every data key it wrapped.
    await link(tempPath, path);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
    const winner = await readKeyFile(path);
    if (!winner) throw error;
    return { key: winner, origin: 'file', path };
  } finally {
    await unlink(tempPath);
  }
  await fsyncDirectory(dataDir);
  return { key, origin: 'generated', path };
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
