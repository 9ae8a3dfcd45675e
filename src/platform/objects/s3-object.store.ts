import { putEach } from './put-many.js';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type HeadObjectCommandOutput,
  type ObjectLockMode,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

import { verifiedBody } from './checksum.stream.js';
import { mapLimited } from '../concurrency.js';
import {
  DEFAULT_CONTENT_TYPE,
  RESERVED_METADATA_PREFIX,
  assertValidDeleteReason,
  assertValidExpiry,
  assertValidObjectKey,
  assertValidPrefix,
  assertValidPutOptions,
} from './object-key.validation.js';
import {
  ObjectExistsError,
  ObjectNotFoundError,
  ObjectRetainedError,
  ObjectStoreConfigError,
  ObjectStoreError,
  unavailable,
} from './object-store.errors.js';
import type { ObjectHead, ObjectStore, PutObjectOptions, PutObjectResult } from './object-store.types.js';
import { spoolBody, type SpooledBody } from './s3-upload.spool.js';

export interface S3ObjectStoreOptions {
  readonly bucket: string;
  /** Key prefix inside the bucket (e.g. `switchboard/`), so deployments can share a bucket. */
  readonly prefix?: string;
  readonly region?: string;
  /** MinIO, R2, Ceph, ... e.g. `http://127.0.0.1:9000`. */
  readonly endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by MinIO and most emulators. */
  readonly forcePathStyle?: boolean;
  /** Omit to use the standard AWS provider chain (env, profile, web identity, instance role). */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /**
   * How `retainUntil` is enforced: Object Lock in this mode (the bucket must have Object
   * Lock enabled), or `off` to record it in metadata only, enforced by this adapter's delete.
   * Default `governance`: enforced, but an administrator with the bypass permission can
   * still correct a wrong date; `compliance` cannot be undone by anyone, root included.
   */
  readonly objectLock?: 'compliance' | 'governance' | 'off';
  /**
   * Write-once through `If-None-Match: *` on PUT (S3 since 2024, MinIO): the server refuses (412)
   * a key that exists, so no HEAD is needed before a PUT. `on` trusts the server to honour it;
   * `auto`, the default, finds out once, with a probe object (put twice, then deleted), and
   * otherwise HEADs before each PUT as with `off` (which never sends the header). A 501 answer
   * turns the header off for good. Bodies too large for one PutObject are HEADed first anyway,
   * so as not to upload them only to be refused.
   */
  readonly conditionalWrites?: 'auto' | 'on' | 'off';
  /** Bodies up to this size are sent in one PutObject from memory; default 16 MiB. */
  readonly multipartThresholdBytes?: number;
  /** Multipart part size, at least 5 MiB (an S3 rule); default 8 MiB. */
  readonly partSizeBytes?: number;
  readonly listPageSize?: number;
  /** Where large streams are spooled before upload; default os.tmpdir(). */
  readonly tmpDir?: string;
  /** A ready client, for tests or custom middleware; the connection options above are then ignored. */
  readonly client?: S3Client;
  readonly now?: () => Date;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
const HEAD_CONCURRENCY = 8;
const META_SHA256 = `${RESERVED_METADATA_PREFIX}sha256`;
const META_TENANT = `${RESERVED_METADATA_PREFIX}tenant`;
const META_RETAIN_UNTIL = `${RESERVED_METADATA_PREFIX}retain_until`;

export function createS3ObjectStore(options: S3ObjectStoreOptions): ObjectStore {
  const bucket = options.bucket;
  const prefix = options.prefix ?? '';
  const now = options.now ?? (() => new Date());
  const partSize = options.partSizeBytes ?? 8 * 1024 * 1024;
  const threshold = options.multipartThresholdBytes ?? 16 * 1024 * 1024;
  const listPageSize = options.listPageSize ?? 1000;
  const lockMode: ObjectLockMode | undefined =
    options.objectLock === 'off'
      ? undefined
      : options.objectLock === 'compliance'
        ? 'COMPLIANCE'
        : 'GOVERNANCE';
  let conditional = options.conditionalWrites !== 'off';
  /** Whether the server is known to refuse (412) a conditional PUT on an existing key. */
  let honoured: Promise<boolean> | undefined =
    options.conditionalWrites === 'on'
      ? Promise.resolve(true)
      : options.conditionalWrites === 'off'
        ? Promise.resolve(false)
        : undefined;
  if (partSize < MIN_PART_SIZE)
    throw new ObjectStoreConfigError(`S3 part size must be at least ${MIN_PART_SIZE} bytes`);
  if (prefix !== '' && !prefix.endsWith('/'))
    throw new ObjectStoreConfigError('S3 key prefix must end with /');

  const client =
    options.client ??
    new S3Client({
      ...(options.region !== undefined
        ? { region: options.region }
        : options.endpoint
          ? { region: 'us-east-1' }
          : {}),
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Newer SDKs add CRC32 checksums (aws-chunked bodies) by default, which MinIO releases
      // and emulators of the past reject or store verbatim. We verify SHA-256 end to end
      // ourselves and send Content-MD5, so only send checksums where an API requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });

  const objectKey = (key: string): string => `${prefix}${key}`;

  const rawHead = async (key: string): Promise<HeadObjectCommandOutput | undefined> => {
    try {
      return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw mapError('head', key, error);
    }
  };

  const sameObject = (head: ObjectHead, body: SpooledBody) =>
    head.sha256 === body.sha256 && head.size === body.size;

  /**
   * An object already at the key: the same bytes settle the put; other bytes refuse it. A
   * mismatch is looked at once more after a moment before it refuses: S3 and MinIO replace an
   * object atomically, but emulators (s3rver) write its body and metadata one after the other, so
   * a HEAD during another caller's upload of the same bytes can see half of it.
   */
  const settleExisting = async (
    key: string,
    existing: HeadObjectCommandOutput,
    body: SpooledBody,
  ): Promise<PutObjectResult> => {
    let head = toHead(key, existing);
    if (!sameObject(head, body)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await rawHead(key);
      if (again) head = toHead(key, again);
    }
    if (sameObject(head, body)) return { key, sha256: body.sha256, size: body.size, created: false };
    throw new ObjectExistsError(key, head.sha256);
  };

  const upload = async (key: string, body: SpooledBody, putOptions: PutObjectOptions): Promise<void> => {
    const common = {
      Bucket: bucket,
      Key: objectKey(key),
      ContentType: putOptions.contentType ?? DEFAULT_CONTENT_TYPE,
      Metadata: toS3Metadata(putOptions, body.sha256),
      ...(putOptions.retainUntil && lockMode
        ? { ObjectLockMode: lockMode, ObjectLockRetainUntilDate: putOptions.retainUntil }
        : {}),
    };
    const ifNoneMatch = conditional ? { IfNoneMatch: '*' } : {};
    if (body.buffer && body.size <= threshold) {
      // Content-MD5 lets the server reject a body damaged in transit, and S3 requires it
      // (or a checksum) on any write that carries Object Lock settings.
      await client.send(
        new PutObjectCommand({ ...common, ...ifNoneMatch, Body: body.buffer, ContentMD5: md5(body.buffer) }),
      );
      return;
    }
    const size = Math.max(partSize, Math.ceil(body.size / MAX_PARTS));
    const { UploadId } = await client.send(new CreateMultipartUploadCommand(common));
    if (!UploadId) throw unavailable('put', key, new Error('CreateMultipartUpload returned no upload id'));
    try {
      const parts: { PartNumber: number; ETag: string }[] = [];
      for (let start = 0, number = 1; start < body.size; start += size, number += 1) {
        const bytes = await body.readRange(start, Math.min(size, body.size - start));
        const { ETag } = await client.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: objectKey(key),
            UploadId,
            PartNumber: number,
            Body: bytes,
            ContentMD5: md5(bytes),
          }),
        );
        parts.push({ PartNumber: number, ETag: ETag ?? '' });
      }
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: objectKey(key),
          UploadId,
          ...ifNoneMatch,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: objectKey(key), UploadId }))
        .catch(() => undefined); // the bucket's lifecycle rule for incomplete uploads cleans up otherwise
      throw error;
    }
  };

  /**
   * PUTs a probe object twice with If-None-Match: *; the second must be refused with 412. Servers
   * that ignore the header (s3rver) overwrite it, those without it answer 501. The probe's key ends
   * with `/`, which no object key may, so listings never show it; it is deleted afterwards (every
   * version), best effort.
   */
  const probeConditionalWrites = async (): Promise<boolean> => {
    const Key = objectKey(`switchboard-conditional-write-probe-${randomBytes(8).toString('hex')}/`);
    const versions: string[] = [];
    const putProbe = async (): Promise<number> => {
      try {
        const body = Buffer.from('probe');
        const out = await client.send(
          new PutObjectCommand({ Bucket: bucket, Key, IfNoneMatch: '*', Body: body, ContentMD5: md5(body) }),
        );
        if (out.VersionId) versions.push(out.VersionId);
        return 200;
      } catch (error) {
        const code = status(error) ?? 0;
        if (code === 501) conditional = false; // as a put would conclude
        return code;
      }
    };
    try {
      return (await putProbe()) === 200 && (await putProbe()) === 412;
    } finally {
      for (const VersionId of versions.length > 0 ? versions : [undefined]) {
        await client
          .send(new DeleteObjectCommand({ Bucket: bucket, Key, ...(VersionId ? { VersionId } : {}) }))
          .catch(() => undefined);
      }
    }
  };

  /** Whether this PUT may skip the HEAD: the server settles write-once itself. */
  const serverSettles = (): Promise<boolean> => {
    honoured ??= probeConditionalWrites();
    return honoured.then((yes) => yes && conditional);
  };

  const headsOf = (keys: readonly string[]): Promise<(ObjectHead | undefined)[]> =>
    mapLimited(keys, HEAD_CONCURRENCY, async (key) => {
      const raw = await rawHead(key);
      return raw ? toHead(key, raw) : undefined;
    });

  const store: ObjectStore = {
    kind: 's3',

    // Each put is its own request: run them side by side.
    putMany(items) {
      return putEach((item) => store.put(item.key, item.body, item.options), items);
    },

    async put(key, body, putOptions = {}) {
      assertValidObjectKey(key);
      assertValidPutOptions(putOptions);
      const spooled = await spoolBody(body, { memoryLimit: threshold, tmpDir: options.tmpDir ?? tmpdir() });
      try {
        // Checking first avoids uploading a large body only to be refused, and is the only
        // write-once protection on servers that ignore If-None-Match (see docs/objects.md). Where
        // the server refuses a conditional PUT on an existing key, a small body goes straight up
        // and only a refusal costs a HEAD (below).
        const inOnePut = spooled.buffer !== undefined && spooled.size <= threshold;
        let checked = false;
        if (!(inOnePut && (await serverSettles()))) {
          const existing = await rawHead(key);
          if (existing) return await settleExisting(key, existing, spooled);
          checked = true;
        }
        for (let attempt = 1; ; attempt += 1) {
          try {
            await upload(key, spooled, putOptions);
            return { key, sha256: spooled.sha256, size: spooled.size, created: true };
          } catch (error) {
            const code = status(error);
            if (code === 412 || code === 409) {
              // Lost a race: the winner's bytes decide. 409 without a winner means a
              // conflicting upload is still in flight, so try again later.
              const winner = await rawHead(key);
              if (winner) return await settleExisting(key, winner, spooled);
              throw unavailable('put', key, error);
            }
            if (code === 501 && conditional && attempt === 1) {
              conditional = false; // this server lacks conditional writes: stop asking
              if (!checked) {
                const existing = await rawHead(key);
                if (existing) return await settleExisting(key, existing, spooled);
              }
              continue;
            }
            throw mapError('put', key, error);
          }
        }
      } finally {
        await spooled.cleanup();
      }
    },

    async get(key) {
      assertValidObjectKey(key);
      let output;
      try {
        output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      } catch (error) {
        if (status(error) === 404) throw new ObjectNotFoundError(key);
        throw mapError('get', key, error);
      }
      const head = toHead(key, output);
      if (!(output.Body instanceof Readable))
        throw unavailable('get', key, new Error('response body is not a stream'));
      return { ...head, body: verifiedBody(key, output.Body, [], head) };
    },

    async head(key) {
      assertValidObjectKey(key);
      const raw = await rawHead(key);
      return raw ? toHead(key, raw) : undefined;
    },

    async *list(listPrefix) {
      assertValidPrefix(listPrefix);
      let token: string | undefined;
      do {
        let page;
        try {
          page = await client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: objectKey(listPrefix),
              MaxKeys: listPageSize,
              ...(token ? { ContinuationToken: token } : {}),
            }),
          );
        } catch (error) {
          throw mapError('list', listPrefix, error);
        }
        // ListObjectsV2 carries no user metadata, so each entry costs a HEAD (8 at a time).
        const keys = (page.Contents ?? [])
          .map((entry) => (entry.Key ?? '').slice(prefix.length))
          .filter((key) => isValidKey(key));
        for (const head of await headsOf(keys)) if (head) yield head;
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async delete(key, { reason }) {
      assertValidDeleteReason(reason);
      assertValidObjectKey(key);
      const raw = await rawHead(key);
      if (!raw) return { deleted: false };
      const { retainUntil } = toHead(key, raw);
      if (retainUntil && retainUntil.getTime() > now().getTime())
        throw new ObjectRetainedError(key, retainUntil);
      try {
        // On a versioned (Object Lock) bucket a plain delete only adds a delete marker and
        // the bytes stay; erasure has to remove the version itself.
        const version = raw.VersionId && raw.VersionId !== 'null' ? { VersionId: raw.VersionId } : {};
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key), ...version }));
      } catch (error) {
        if (status(error) === 403 && retainUntil) throw new ObjectRetainedError(key, retainUntil);
        throw mapError('delete', key, error);
      }
      return { deleted: true };
    },

    async signedUrl(key, { expiresInSeconds }) {
      assertValidObjectKey(key);
      assertValidExpiry(expiresInSeconds);
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }), {
        expiresIn: expiresInSeconds,
      });
    },

    close() {
      if (!options.client) client.destroy();
      return Promise.resolve();
    },
  };
  return store;
}

/** Our metadata keys use `_` (Azure allows no `-`); S3 gets `-`, which proxies never drop. */
function toS3Metadata(putOptions: PutObjectOptions, sha256: string): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(putOptions.metadata ?? {}))
    metadata[name.replace(/_/g, '-')] = value;
  metadata[META_SHA256.replace(/_/g, '-')] = sha256;
  if (putOptions.tenantId !== undefined) metadata[META_TENANT.replace(/_/g, '-')] = putOptions.tenantId;
  if (putOptions.retainUntil)
    metadata[META_RETAIN_UNTIL.replace(/_/g, '-')] = putOptions.retainUntil.toISOString();
  return metadata;
}

interface S3HeadLike {
  readonly ContentLength?: number | undefined;
  readonly ContentType?: string | undefined;
  readonly LastModified?: Date | undefined;
  readonly Metadata?: Record<string, string> | undefined;
  readonly ObjectLockRetainUntilDate?: Date | undefined;
}

function toHead(key: string, raw: S3HeadLike): ObjectHead {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.Metadata ?? {}))
    all[name.toLowerCase().replace(/-/g, '_')] = value;
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(all))
    if (!name.startsWith(RESERVED_METADATA_PREFIX)) metadata[name] = value;
  const retainText = all[META_RETAIN_UNTIL];
  const retainUntil = retainText !== undefined ? new Date(retainText) : raw.ObjectLockRetainUntilDate;
  const tenantId = all[META_TENANT];
  return {
    key,
    size: raw.ContentLength ?? 0,
    sha256: all[META_SHA256] ?? '',
    contentType: raw.ContentType ?? DEFAULT_CONTENT_TYPE,
    metadata,
    createdAt: raw.LastModified ?? new Date(0),
    ...(retainUntil ? { retainUntil } : {}),
    ...(tenantId !== undefined ? { tenantId } : {}),
  };
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('base64');
}

function status(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

function isValidKey(key: string): boolean {
  try {
    assertValidObjectKey(key);
    return true;
  } catch {
    return false; // written by something else with a key we could not address anyway
  }
}

function mapError(operation: string, key: string, error: unknown): ObjectStoreError {
  if (error instanceof ObjectStoreError) return error;
  const code = status(error);
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined || code >= 500 || code === 429 || name === 'SlowDown')
    return unavailable(operation, key, error);
  if (name === 'NoSuchBucket') return new ObjectStoreConfigError(`S3 bucket does not exist (${message})`);
  if (code === 403 || code === 401)
    return new ObjectStoreConfigError(`S3 refused ${operation} ${key}: ${message}`);
  if (/object lock/i.test(message)) {
    return new ObjectStoreConfigError(
      `S3 rejected Object Lock settings for ${key}: ${message} (enable Object Lock on the bucket or set objectLock=off)`,
    );
  }
  return new ObjectStoreError('OBJECTS_INVALID_ARGUMENT', `S3 ${operation} ${key} failed: ${message}`, {
    cause: error,
  });
}
