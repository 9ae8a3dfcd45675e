import { AppError, type ErrorKind } from '../errors.js';

/**
 * Error codes of the crypto kernel. Almost all are `internal`: ciphertexts and keys come
 * from our own storage, so a key that cannot be found or a value that does not
 * authenticate means misconfiguration or tampering, and retrying will not fix it.
 */
export type CryptoErrorCode =
  | 'CRYPTO_MASTER_KEY_INVALID'
  | 'CRYPTO_MASTER_KEY_INSECURE_FILE'
  | 'CRYPTO_MASTER_KEY_UNKNOWN'
  | 'CRYPTO_KEY_NOT_FOUND'
  | 'CRYPTO_DATA_KEY_CONFLICT'
  | 'CRYPTO_CIPHERTEXT_MALFORMED'
  | 'CRYPTO_DECRYPT_FAILED'
  | 'CRYPTO_INVALID_ARGUMENT'
  /** A data subject's key was shredded (erasure): what it sealed is gone for good. */
  | 'CRYPTO_SUBJECT_ERASED';

function kindOf(code: CryptoErrorCode): ErrorKind {
  switch (code) {
    case 'CRYPTO_INVALID_ARGUMENT':
      return 'invalid_input';
    case 'CRYPTO_DATA_KEY_CONFLICT':
      return 'conflict';
    case 'CRYPTO_SUBJECT_ERASED':
      return 'gone';
    case 'CRYPTO_MASTER_KEY_INVALID':
    case 'CRYPTO_MASTER_KEY_INSECURE_FILE':
    case 'CRYPTO_MASTER_KEY_UNKNOWN':
    case 'CRYPTO_KEY_NOT_FOUND':
    case 'CRYPTO_CIPHERTEXT_MALFORMED':
    case 'CRYPTO_DECRYPT_FAILED':
      return 'internal';
  }
}

export class CryptoError extends AppError {
  declare readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, kindOf(code), message, options?.cause === undefined ? {} : { cause: options.cause });
    this.name = 'CryptoError';
  }
}

/** Thrown by a DataKeyStore when a key with the same (tenant, kind, version) or id already exists. */
export class DataKeyConflictError extends CryptoError {
  constructor(tenantId: string, keyId: string) {
    super('CRYPTO_DATA_KEY_CONFLICT', `data key ${keyId} already exists for tenant ${tenantId}`);
    this.name = 'DataKeyConflictError';
  }
}

/**
 * What sealed data about an erased data subject answers: the key was destroyed on purpose, so the
 * data is gone, not damaged. Callers show "erased" where the value was.
 */
export class SubjectErasedError extends CryptoError {
  constructor(readonly refs: readonly string[]) {
    super('CRYPTO_SUBJECT_ERASED', 'the data subject was erased: this data can no longer be read');
    this.name = 'SubjectErasedError';
  }
}
