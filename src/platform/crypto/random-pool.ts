import { randomFillSync } from 'node:crypto';

/*
 * Nonces and salts come many to a batch (three column ciphertexts and an archive object per call
 * record). One OpenSSL call per few kilobytes instead of one per value, as Node does for
 * randomUUID. Each byte is handed out once; the pool is refilled when used up.
 */
const POOL_BYTES = 8 * 1024;
const MAX_POOLED = 64;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `size` cryptographically random bytes, in a buffer of their own (not a view of the pool). */
export function randomBytesPooled(size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  if (size > MAX_POOLED) return randomFillSync(out);
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  pool.copy(out, 0, offset, offset + size);
  // Used bytes are wiped, so a later heap dump cannot recover nonces and salts already given out.
  pool.fill(0, offset, offset + size);
  offset += size;
  return out;
}
