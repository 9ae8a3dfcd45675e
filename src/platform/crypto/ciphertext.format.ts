import { CryptoError } from './crypto.errors.js';

/**
 * Self-describing ciphertext for values (one AES-256-GCM message):
 *
 *   binary:  version(1)=0x01 | keyIdLength(1) | keyId (ASCII) | nonce(12) | ciphertext | tag(16)
 *   text:    sbe1.<keyId>.<base64url(nonce | ciphertext | tag)>
 *
 * The key id travels with the value so old ciphertexts keep decrypting after a rotation,
 * and the text form shows it in clear so a re-encryption sweep can find rows by key
 * (`WHERE col LIKE 'sbe1.dek_x_1.%'`). Both forms carry the same bytes and authenticate the
 * same header, so converting between them is lossless.
 */
export const CIPHERTEXT_VERSION = 1;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const TEXT_PREFIX = 'sbe1';
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

export interface ParsedCiphertext {
  readonly keyId: string;
  /** version | keyIdLength | keyId: authenticated as part of the AAD. */
  readonly header: Buffer;
  readonly nonce: Buffer;
  readonly body: Buffer;
  readonly tag: Buffer;
}

export function encodeHeader(keyId: string): Buffer {
  assertKeyId(keyId);
  return Buffer.concat([Buffer.of(CIPHERTEXT_VERSION, keyId.length), Buffer.from(keyId, 'ascii')]);
}

export function encodeCiphertext(header: Buffer, nonce: Buffer, body: Buffer, tag: Buffer): Buffer {
  return Buffer.concat([header, nonce, body, tag]);
}

export function parseCiphertext(input: Buffer | string): ParsedCiphertext {
  return typeof input === 'string' ? parseBinary(textToBinary(input)) : parseBinary(input);
}

export function ciphertextToText(binary: Buffer): string {
  const parsed = parseBinary(binary);
  const payload = Buffer.concat([parsed.nonce, parsed.body, parsed.tag]).toString('base64url');
  return `${TEXT_PREFIX}.${parsed.keyId}.${payload}`;
}

function textToBinary(text: string): Buffer {
  const parts = text.split('.');
  const [prefix, keyId, payload] = parts;
  if (parts.length !== 3 || prefix !== TEXT_PREFIX || keyId === undefined || payload === undefined) {
    throw malformed('text ciphertext must look like sbe1.<keyId>.<base64url>');
  }
  if (!/^[A-Za-z0-9_-]*$/.test(payload)) throw malformed('text ciphertext payload is not base64url');
  if (!KEY_ID_PATTERN.test(keyId)) throw malformed('text ciphertext has an invalid key id');
  return Buffer.concat([encodeHeader(keyId), Buffer.from(payload, 'base64url')]);
}

function parseBinary(buf: Buffer): ParsedCiphertext {
  if (buf.length < 2) throw malformed('ciphertext is too short');
  if (buf[0] !== CIPHERTEXT_VERSION) throw malformed(`unknown ciphertext version ${String(buf[0])}`);
  const keyIdLength = buf[1] ?? 0;
  const headerLength = 2 + keyIdLength;
  if (keyIdLength === 0 || buf.length < headerLength + NONCE_BYTES + TAG_BYTES) {
    throw malformed('ciphertext is too short');
  }
  const keyId = buf.subarray(2, headerLength).toString('ascii');
  if (!KEY_ID_PATTERN.test(keyId)) throw malformed('ciphertext has an invalid key id');
  return {
    keyId,
    header: buf.subarray(0, headerLength),
    nonce: buf.subarray(headerLength, headerLength + NONCE_BYTES),
    body: buf.subarray(headerLength + NONCE_BYTES, buf.length - TAG_BYTES),
    tag: buf.subarray(buf.length - TAG_BYTES),
  };
}

function assertKeyId(keyId: string): void {
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw new CryptoError('CRYPTO_INVALID_ARGUMENT', `invalid key id ${JSON.stringify(keyId)}`);
  }
}

function malformed(message: string): CryptoError {
  return new CryptoError('CRYPTO_CIPHERTEXT_MALFORMED', message);
}
