import { createHash } from 'node:crypto';
import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';

import { ObjectChecksumMismatchError, ObjectStoreError, unavailable } from './object-store.errors.js';

/** Counts and hashes bytes passing through; read `digest()` after the stream finished. */
export function createSha256Meter(): Transform & { digest(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  let sha256: string | undefined;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  return Object.assign(meter, {
    digest() {
      sha256 ??= hash.digest('hex');
      return { sha256, size };
    },
  });
}

/**
 * Returns the object's bytes as a Readable that errors at the end if they do not hash to
 * `expected.sha256` (skipped when unknown) or do not add up to `expected.size`. Errors of
 * the inner streams (e.g. a failed decryption) surface as ObjectChecksumMismatchError too,
 * so callers handle one error type for "this object is bad".
 */
export function verifiedBody(
  key: string,
  source: Readable,
  transforms: readonly Transform[],
  expected: { sha256: string; size: number },
): Readable {
  const hash = createHash('sha256');
  let size = 0;
  const verifier = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (size !== expected.size) {
        callback(new ObjectChecksumMismatchError(key, `expected ${expected.size} bytes, read ${size}`));
        return;
      }
      const actual = hash.digest('hex');
      if (expected.sha256 !== '' && actual !== expected.sha256) {
        callback(
          new ObjectChecksumMismatchError(key, `sha256 ${actual} does not match recorded ${expected.sha256}`),
        );
        return;
      }
      callback();
    },
  });
  pipeline([source, ...transforms, verifier], () => {
    // pipeline destroys `verifier` with the first error; the generator below rethrows it.
  });
  async function* guarded(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of verifier) yield chunk as Buffer;
    } catch (error) {
      throw classifyReadError(key, error);
    }
  }
  return Readable.from(guarded(), { objectMode: false });
}

/**
 * A failed decryption means the stored bytes are not what was written: corruption. Any
 * other failure while reading (socket reset, EIO) may pass on retry.
 */
function classifyReadError(key: string, error: unknown): Error {
  if (error instanceof ObjectStoreError) return error;
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('CRYPTO_')
  ) {
    return new ObjectChecksumMismatchError(key, error.message, { cause: error });
  }
  return unavailable('reading', key, error);
}

/** Reads a stream to its end, returning the bytes (for tests and small objects only). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
