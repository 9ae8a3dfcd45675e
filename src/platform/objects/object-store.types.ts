import type { Readable } from 'node:stream';

export type ObjectStoreKind = 'filesystem' | 's3' | 'azure-blob';

export interface PutObjectOptions {
  /** Defaults to application/octet-stream. */
  readonly contentType?: string;
  /**
   * Small string facts about the object. Keys: lower-case letters, digits and `_`, starting
   * with a letter (the intersection of what S3 and Azure accept); `sb_` is reserved. Values:
   * printable ASCII. At most 2 KiB in all.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Legal/retention hold: `delete` refuses until then (and the backend enforces it where it can). */
  readonly retainUntil?: Date;
  /** Owner of the bytes. The filesystem store encrypts the object under this tenant's key. */
  readonly tenantId?: string;
}

export interface PutObjectResult {
  readonly key: string;
  /** Lower-case hex SHA-256 of the bytes as given to `put`. */
  readonly sha256: string;
  readonly size: number;
  /** false when the key already held exactly these bytes (an idempotent retry). */
  readonly created: boolean;
}

/** One object of a putMany call. */
export interface PutManyItem {
  readonly key: string;
  readonly body: Buffer;
  readonly options?: PutObjectOptions;
}

export interface ObjectHead {
  readonly key: string;
  readonly size: number;
  /** Lower-case hex SHA-256 recorded at put time; '' for objects written by something else. */
  readonly sha256: string;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAt: Date;
  readonly retainUntil?: Date;
  readonly tenantId?: string;
}

export interface GetObjectResult extends ObjectHead {
  /**
   * The bytes. Checked against `sha256` while streaming: a mismatch (or, for encrypted
   * objects, a failed authentication) errors the stream at its end with
   * ObjectChecksumMismatchError, so never act on the content before the stream has ended.
   */
  readonly body: Readable;
}

export interface DeleteObjectOptions {
  /**
   * Why the object is being removed ("retention policy rp_12 expired", "erasure dsr_9").
   * Required so every deletion can be traced; only retention and erasure code should delete.
   */
  readonly reason: string;
}

export interface SignedUrlOptions {
  /** 1 second to 7 days. */
  readonly expiresInSeconds: number;
}

/**
 * Write-once blob storage. Keys are `/`-separated paths such as
 * `ten_1/calls/2024/05/01/call_9_1714560000.json`; see object-key.validation.ts for the rules.
 */
export interface ObjectStore {
  readonly kind: ObjectStoreKind;

  /**
   * Stores `body` under `key` once. A second put with identical bytes succeeds with
   * `created: false`; with different bytes it fails with ObjectExistsError.
   */
  put(key: string, body: Buffer | Readable, options?: PutObjectOptions): Promise<PutObjectResult>;

  /**
   * Stores many small objects, each exactly as `put` would (write-once; identical bytes again
   * answer `created: false`), and resolves once every one of them is durable, in the order given.
   * Not atomic across objects: when it rejects, some may exist, and a retry with the same bytes
   * succeeds for those. Keys must be distinct within a call. A store makes the batch cheaper than
   * as many puts where it can (the filesystem store syncs the batch together).
   */
  putMany(items: readonly PutManyItem[]): Promise<PutObjectResult[]>;

  /** Throws ObjectNotFoundError when the key does not exist. */
  get(key: string): Promise<GetObjectResult>;

  /** undefined when the key does not exist. */
  head(key: string): Promise<ObjectHead | undefined>;

  /** Every object whose key starts with `prefix`, in key order, fetched page by page. */
  list(prefix: string): AsyncIterable<ObjectHead>;

  /**
   * Removes an object; `deleted: false` if there was none. Throws ObjectRetainedError while
   * `retainUntil` is in the future.
   */
  delete(key: string, options: DeleteObjectOptions): Promise<{ deleted: boolean }>;

  /** A URL that downloads the object without credentials until it expires. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;

  /** Releases clients and sockets. */
  close(): Promise<void>;
}
