import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

import { ByteQueue } from './byte.queue.js';
import { hkdfSha256Key } from './hkdf.js';
import { CryptoError } from './crypto.errors.js';
import { randomBytesPooled } from './random-pool.js';
import {
  DEFAULT_SEGMENT_SIZE,
  MAX_SEGMENTS,
  STREAM_NONCE_PREFIX_BYTES,
  STREAM_SALT_BYTES,
  STREAM_TAG_BYTES,
  encodeStreamHeader,
  parseStreamHeader,
  segmentAad,
  segmentNonce,
  streamKeyInfo,
  type StreamHeader,
} from './stream-aead.format.js';

/*
 * Hand-written on purpose: Node's crypto only offers one-shot AES-GCM, whose tag can be
 * checked only after the whole message, and no maintained npm library implements a
 * segmented GCM stream. The format is in stream-aead.format.ts. Consumers must treat an
 * error at the end of a decrypt stream as "the whole object is bad": segments already
 * emitted were authentic, but the stream as a whole is not proven until it ends cleanly.
 */

export interface EncryptStreamOptions {
  readonly tenantId: string;
  readonly segmentSize?: number;
  /** Resolves the tenant's active data key when the first byte (or the end) arrives. */
  readonly resolveActiveKey: () => Promise<{ keyId: string; key: KeyObject }>;
}

export interface DecryptStreamOptions {
  readonly tenantId: string;
  /** Resolves the data key named in the stream header. */
  readonly resolveKey: (keyId: string) => Promise<KeyObject>;
}

interface StreamState {
  readonly header: StreamHeader;
  readonly key: KeyObject;
  index: number;
}

export function createSegmentedEncryptStream(options: EncryptStreamOptions): Transform {
  const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  const queue = new ByteQueue();
  let starting: Promise<StreamState> | undefined;

  const start = (stream: Transform): Promise<StreamState> => {
    starting ??= options.resolveActiveKey().then((active) => {
      const state = beginStream(active, segmentSize, options.tenantId);
      stream.push(state.header.bytes);
      return state;
    });
    return starting;
  };

  return new Transform({
    transform(this: Transform, chunk: Buffer, _encoding, callback: TransformCallback) {
      start(this).then((state) => {
        queue.push(chunk);
        // Strictly greater: the segment that ends exactly at end-of-input must be sealed
        // as the last one, and we only know it is last when flush() runs.
        while (queue.length > segmentSize) this.push(seal(state, queue.take(segmentSize), false));
        callback();
      }, callback);
    },
    flush(this: Transform, callback: TransformCallback) {
      start(this).then((state) => {
        this.push(seal(state, queue.takeAll(), true));
        callback();
      }, callback);
    },
  });
}

/**
 * The whole of what createSegmentedEncryptStream emits for `plaintext`, in one call: the same
 * format, segment for segment, without a stream's per-chunk machinery. For small objects written
 * many at a time (one call record's raw payload), where the stream's set-up costs more than the
 * encryption. Decrypt with createSegmentedDecryptStream.
 */
export function sealSegmented(
  active: { keyId: string; key: KeyObject },
  tenantId: string,
  plaintext: Buffer,
  segmentSize: number = DEFAULT_SEGMENT_SIZE,
): Buffer {
  const state = beginStream(active, segmentSize, tenantId);
  const parts: Buffer[] = [state.header.bytes];
  // As the stream does: every full segment but the one ending the input is sealed as not-last;
  // the final segment (possibly empty, possibly full) carries the last flag.
  let offset = 0;
  while (plaintext.length - offset > segmentSize) {
    parts.push(seal(state, plaintext.subarray(offset, offset + segmentSize), false));
    offset += segmentSize;
  }
  parts.push(seal(state, plaintext.subarray(offset), true));
  return Buffer.concat(parts);
}

function beginStream(
  active: { keyId: string; key: KeyObject },
  segmentSize: number,
  tenantId: string,
): StreamState {
  const header = encodeStreamHeader({
    keyId: active.keyId,
    segmentSize,
    salt: randomBytesPooled(STREAM_SALT_BYTES),
    noncePrefix: randomBytesPooled(STREAM_NONCE_PREFIX_BYTES),
  });
  return { header, key: deriveStreamKey(active.key, header, tenantId), index: 0 };
}

function seal(state: StreamState, plaintext: Buffer, last: boolean): Buffer {
  if (state.index > MAX_SEGMENTS) {
    throw new CryptoError(
      'CRYPTO_INVALID_ARGUMENT',
      'encrypted stream exceeds the maximum number of segments',
    );
  }
  const cipher = createCipheriv(
    'aes-256-gcm',
    state.key,
    segmentNonce(state.header.noncePrefix, state.index),
  );
  cipher.setAAD(segmentAad(state.header, last));
  state.index += 1;
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export function createSegmentedDecryptStream(options: DecryptStreamOptions): Transform {
  const queue = new ByteQueue();
  let state: StreamState | undefined;

  const readHeader = async (): Promise<StreamState | undefined> => {
    const header = parseStreamHeader(queue.peek(queue.length));
    if (!header) return undefined;
    queue.take(header.bytes.length);
    const dataKey = await options.resolveKey(header.keyId);
    return { header, key: deriveStreamKey(dataKey, header, options.tenantId), index: 0 };
  };

  const open = (current: StreamState, sealed: Buffer, last: boolean): Buffer => {
    const index = current.index;
    if (index > MAX_SEGMENTS) throw authenticationFailure(index);
    const decipher = createDecipheriv(
      'aes-256-gcm',
      current.key,
      segmentNonce(current.header.noncePrefix, index),
    );
    decipher.setAAD(segmentAad(current.header, last));
    decipher.setAuthTag(sealed.subarray(sealed.length - STREAM_TAG_BYTES));
    current.index += 1;
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - STREAM_TAG_BYTES)),
        decipher.final(),
      ]);
    } catch (cause) {
      throw authenticationFailure(index, cause);
    }
  };

  const drain = (stream: Transform, current: StreamState): void => {
    const sealedSize = current.header.segmentSize + STREAM_TAG_BYTES;
    // Keep at least one full segment back: it may turn out to be the last one.
    while (queue.length > sealedSize) stream.push(open(current, queue.take(sealedSize), false));
  };

  return new Transform({
    transform(this: Transform, chunk: Buffer, _encoding, callback: TransformCallback) {
      queue.push(chunk);
      const step = async (): Promise<void> => {
        state ??= await readHeader();
        if (state) drain(this, state);
      };
      step().then(() => callback(), callback);
    },
    flush(this: Transform, callback: TransformCallback) {
      const step = async (): Promise<void> => {
        state ??= await readHeader();
        if (!state) {
          throw new CryptoError(
            'CRYPTO_DECRYPT_FAILED',
            'encrypted stream ended inside its header (truncated)',
          );
        }
        drain(this, state);
        if (queue.length < STREAM_TAG_BYTES) {
          throw new CryptoError('CRYPTO_DECRYPT_FAILED', 'encrypted stream is truncated (no final segment)');
        }
        this.push(open(state, queue.takeAll(), true));
      };
      step().then(() => callback(), callback);
    },
  });
}

/** The raw bytes of each data key, exported once (a data key lives as long as the keyring caches it). */
const dataKeyBytes = new WeakMap<KeyObject, Buffer>();

/** HKDF-SHA256 as two HMACs (hkdf.ts): the key hkdfSync gave, without its per-call cost on every object. */
function deriveStreamKey(dataKey: KeyObject, header: StreamHeader, tenantId: string): KeyObject {
  let bytes = dataKeyBytes.get(dataKey);
  if (!bytes) {
    bytes = dataKey.export();
    dataKeyBytes.set(dataKey, bytes);
  }
  return createSecretKey(hkdfSha256Key(bytes, header.salt, streamKeyInfo(tenantId)));
}

function authenticationFailure(index: number, cause?: unknown): CryptoError {
  return new CryptoError(
    'CRYPTO_DECRYPT_FAILED',
    `encrypted stream segment ${index} failed authentication (tampered, reordered, truncated or another tenant's)`,
    { cause },
  );
}
