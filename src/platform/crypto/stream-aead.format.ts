import { CryptoError } from './crypto.errors.js';

/**
 * Segmented AEAD stream format ("STREAM" construction, as in Tink's streaming AEAD and
 * age), version 1:
 *
 *   header:  magic "SBS\x01"(4) | keyIdLength(1) | keyId | segmentSize u32 BE(4) | salt(16) | noncePrefix(8)
 *   then:    segment_0 | segment_1 | ... | segment_n       each = AES-256-GCM(ciphertext | tag(16))
 *
 * - Every segment holds exactly `segmentSize` plaintext bytes except the last, which holds
 *   0..segmentSize (an empty input still produces one, empty, last segment).
 * - Segment key = HKDF-SHA256(DEK, salt, "switchboard/stream/v1\0" + tenantId): a fresh key
 *   per stream, so random nonce prefixes can never collide under one key, and a stream
 *   only decrypts for the tenant it was written for.
 * - Nonce of segment i = noncePrefix | u32 BE(i): reordering or dropping a middle segment
 *   fails authentication.
 * - AAD of every segment = header | lastFlag (1 for the final segment, else 0): cutting the
 *   stream at a segment boundary leaves a final segment that was sealed with flag 0, so
 *   truncation is detected; editing the header breaks every segment.
 */
export const STREAM_MAGIC = Buffer.from([0x53, 0x42, 0x53, 0x01]);
export const STREAM_SALT_BYTES = 16;
export const STREAM_NONCE_PREFIX_BYTES = 8;
export const STREAM_TAG_BYTES = 16;
export const DEFAULT_SEGMENT_SIZE = 64 * 1024;
/** Bounds on a header's segment size, so a hostile header cannot make us buffer gigabytes. */
export const MIN_SEGMENT_SIZE = 64;
export const MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
export const MAX_SEGMENTS = 0xffffffff;

export interface StreamHeader {
  readonly keyId: string;
  readonly segmentSize: number;
  readonly salt: Buffer;
  readonly noncePrefix: Buffer;
  /** The exact header bytes, authenticated in every segment. */
  readonly bytes: Buffer;
}

export function encodeStreamHeader(fields: Omit<StreamHeader, 'bytes'>): StreamHeader {
  assertSegmentSize(fields.segmentSize);
  const keyId = Buffer.from(fields.keyId, 'ascii');
  if (keyId.length === 0 || keyId.length > 255) {
    throw new CryptoError('CRYPTO_INVALID_ARGUMENT', 'stream key id must be 1..255 ASCII bytes');
  }
  const size = Buffer.alloc(4);
  size.writeUInt32BE(fields.segmentSize);
  const bytes = Buffer.concat([
    STREAM_MAGIC,
    Buffer.of(keyId.length),
    keyId,
    size,
    fields.salt,
    fields.noncePrefix,
  ]);
  return { ...fields, bytes };
}

/**
 * Parses a header from the start of `buf`; returns undefined while more bytes are needed.
 */
export function parseStreamHeader(buf: Buffer): StreamHeader | undefined {
  if (buf.length < STREAM_MAGIC.length + 1) return undefined;
  if (!buf.subarray(0, STREAM_MAGIC.length).equals(STREAM_MAGIC)) {
    throw new CryptoError(
      'CRYPTO_CIPHERTEXT_MALFORMED',
      'not a Switchboard encrypted stream (bad magic or version)',
    );
  }
  const keyIdLength = buf[STREAM_MAGIC.length] ?? 0;
  const total = headerLength(keyIdLength);
  if (buf.length < total) return undefined;
  let offset = STREAM_MAGIC.length + 1;
  const keyId = buf.subarray(offset, offset + keyIdLength).toString('ascii');
  offset += keyIdLength;
  const segmentSize = buf.readUInt32BE(offset);
  offset += 4;
  assertSegmentSize(segmentSize);
  if (!/^[A-Za-z0-9_-]+$/.test(keyId)) {
    throw new CryptoError('CRYPTO_CIPHERTEXT_MALFORMED', 'encrypted stream header has an invalid key id');
  }
  const salt = Buffer.from(buf.subarray(offset, offset + STREAM_SALT_BYTES));
  offset += STREAM_SALT_BYTES;
  const noncePrefix = Buffer.from(buf.subarray(offset, offset + STREAM_NONCE_PREFIX_BYTES));
  return { keyId, segmentSize, salt, noncePrefix, bytes: Buffer.from(buf.subarray(0, total)) };
}

export function headerLength(keyIdLength: number): number {
  return STREAM_MAGIC.length + 1 + keyIdLength + 4 + STREAM_SALT_BYTES + STREAM_NONCE_PREFIX_BYTES;
}

export function segmentNonce(noncePrefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(STREAM_NONCE_PREFIX_BYTES + 4);
  noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, STREAM_NONCE_PREFIX_BYTES);
  return nonce;
}

export function segmentAad(header: StreamHeader, last: boolean): Buffer {
  return Buffer.concat([header.bytes, Buffer.of(last ? 1 : 0)]);
}

export function streamKeyInfo(tenantId: string): Buffer {
  return Buffer.from(`switchboard/stream/v1\0${tenantId}`, 'utf8');
}

function assertSegmentSize(size: number): void {
  if (!Number.isInteger(size) || size < MIN_SEGMENT_SIZE || size > MAX_SEGMENT_SIZE) {
    throw new CryptoError(
      'CRYPTO_CIPHERTEXT_MALFORMED',
      `stream segment size ${size} is outside ${MIN_SEGMENT_SIZE}..${MAX_SEGMENT_SIZE}`,
    );
  }
}
