import { InvalidObjectKeyError, ObjectStoreError } from './object-store.errors.js';
import type { PutObjectOptions } from './object-store.types.js';

const MAX_KEY_BYTES = 1024;
const MAX_METADATA_BYTES = 2048;
const METADATA_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const CONTENT_TYPE = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;
export const RESERVED_METADATA_PREFIX = 'sb_';
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * One set of key rules for every adapter, so a key that works on a laptop (filesystem)
 * also works on S3 and Azure, and no key can climb out of the filesystem root.
 */
export function assertValidObjectKey(key: string): void {
  if (key.length === 0) throw new InvalidObjectKeyError(key, 'must not be empty');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new InvalidObjectKeyError(key, `must be at most ${MAX_KEY_BYTES} bytes`);
  }
  if (key.includes('\\')) throw new InvalidObjectKeyError(key, 'must not contain backslashes');
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key))
    throw new InvalidObjectKeyError(key, 'must not contain NUL or control characters');
  if (key.startsWith('/')) throw new InvalidObjectKeyError(key, 'must be relative (no leading /)');
  if (key.endsWith('/')) throw new InvalidObjectKeyError(key, 'must not end with /');
  if (/[\ud800-\udfff]/.test(key.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
    throw new InvalidObjectKeyError(key, 'must be valid Unicode');
  }
  for (const segment of key.split('/')) {
    if (segment === '') throw new InvalidObjectKeyError(key, 'must not contain empty segments (//)');
    if (segment === '.' || segment === '..')
      throw new InvalidObjectKeyError(key, 'must not contain . or .. segments');
  }
}

/** A list prefix may be empty or end with `/`, but follows the key rules otherwise. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  const probe = prefix.endsWith('/') ? `${prefix}x` : prefix;
  assertValidObjectKey(probe);
}

export function assertValidPutOptions(options: PutObjectOptions): void {
  if (options.contentType !== undefined && !CONTENT_TYPE.test(options.contentType)) {
    throw invalid('contentType must be 1..255 printable ASCII characters');
  }
  if (options.retainUntil !== undefined && Number.isNaN(options.retainUntil.getTime())) {
    throw invalid('retainUntil is not a valid date');
  }
  if (options.tenantId !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(options.tenantId)) {
    throw invalid('tenantId must be 1..100 characters of [A-Za-z0-9_-]');
  }
  let bytes = 0;
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    if (!METADATA_KEY.test(name)) {
      throw invalid(`metadata key ${JSON.stringify(name)} must match ${String(METADATA_KEY)}`);
    }
    if (name.startsWith(RESERVED_METADATA_PREFIX))
      throw invalid(`metadata key ${name} uses the reserved prefix sb_`);
    if (!PRINTABLE_ASCII.test(value)) throw invalid(`metadata value of ${name} must be printable ASCII`);
    bytes += name.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES) throw invalid(`metadata must total at most ${MAX_METADATA_BYTES} bytes`);
}

export function assertValidDeleteReason(reason: string): void {
  if (reason.trim() === '') throw invalid('delete needs a reason');
}

export function assertValidExpiry(expiresInSeconds: number): void {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > 604_800) {
    throw invalid('expiresInSeconds must be an integer from 1 to 604800 (7 days)');
  }
}

function invalid(message: string): ObjectStoreError {
  return new ObjectStoreError('OBJECTS_INVALID_ARGUMENT', message);
}
