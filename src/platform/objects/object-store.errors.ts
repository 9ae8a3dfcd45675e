import { AppError, type ErrorKind } from '../errors.js';

/**
 * Error codes of the object store. The kind decides the HTTP status and whether the bus
 * retries: a backend outage (`unavailable`) may pass; a write-once conflict or a corrupt
 * object will not.
 */
export type ObjectStoreErrorCode =
  | 'OBJECTS_EXISTS'
  | 'OBJECTS_NOT_FOUND'
  | 'OBJECTS_INVALID_KEY'
  | 'OBJECTS_INVALID_ARGUMENT'
  | 'OBJECTS_CHECKSUM_MISMATCH'
  | 'OBJECTS_RETAINED'
  | 'OBJECTS_CONFIG'
  | 'OBJECTS_UNAVAILABLE';

function kindOf(code: ObjectStoreErrorCode): ErrorKind {
  switch (code) {
    case 'OBJECTS_EXISTS':
    case 'OBJECTS_RETAINED':
      return 'conflict';
    case 'OBJECTS_NOT_FOUND':
      return 'not_found';
    case 'OBJECTS_INVALID_KEY':
    case 'OBJECTS_INVALID_ARGUMENT':
      return 'invalid_input';
    case 'OBJECTS_UNAVAILABLE':
      return 'unavailable';
    case 'OBJECTS_CHECKSUM_MISMATCH':
    case 'OBJECTS_CONFIG':
      return 'internal';
  }
}

export class ObjectStoreError extends AppError {
  declare readonly code: ObjectStoreErrorCode;

  constructor(code: ObjectStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, kindOf(code), message, options?.cause === undefined ? {} : { cause: options.cause });
    this.name = 'ObjectStoreError';
  }
}

export class ObjectExistsError extends ObjectStoreError {
  constructor(
    readonly key: string,
    readonly existingSha256: string,
  ) {
    super('OBJECTS_EXISTS', `object ${key} already exists with different content (write-once)`);
    this.name = 'ObjectExistsError';
  }
}

export class ObjectNotFoundError extends ObjectStoreError {
  constructor(readonly key: string) {
    super('OBJECTS_NOT_FOUND', `object ${key} does not exist`);
    this.name = 'ObjectNotFoundError';
  }
}

export class InvalidObjectKeyError extends ObjectStoreError {
  constructor(key: string, reason: string) {
    super('OBJECTS_INVALID_KEY', `invalid object key ${JSON.stringify(key.slice(0, 200))}: ${reason}`);
    this.name = 'InvalidObjectKeyError';
  }
}

export class ObjectChecksumMismatchError extends ObjectStoreError {
  constructor(key: string, detail: string, options?: { cause?: unknown }) {
    super('OBJECTS_CHECKSUM_MISMATCH', `object ${key} is corrupt: ${detail}`, options);
    this.name = 'ObjectChecksumMismatchError';
  }
}

export class ObjectRetainedError extends ObjectStoreError {
  constructor(
    readonly key: string,
    readonly retainUntil: Date,
  ) {
    super(
      'OBJECTS_RETAINED',
      `object ${key} is retained until ${retainUntil.toISOString()} and cannot be deleted`,
    );
    this.name = 'ObjectRetainedError';
  }
}

export class ObjectStoreConfigError extends ObjectStoreError {
  constructor(message: string) {
    super('OBJECTS_CONFIG', message);
    this.name = 'ObjectStoreConfigError';
  }
}

/** A backend failure that may pass (network, 5xx, throttling). */
export function unavailable(operation: string, key: string, cause: unknown): ObjectStoreError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ObjectStoreError('OBJECTS_UNAVAILABLE', `${operation} ${key} failed: ${detail}`, { cause });
}
