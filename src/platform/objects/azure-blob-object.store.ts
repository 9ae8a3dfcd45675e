import { putEach } from './put-many.js';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import {
  BlobSASPermissions,
  BlobServiceClient,
  RestError,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  type BlobItem,
  type BlockBlobClient,
  type ContainerClient,
} from '@azure/storage-blob';

import { verifiedBody } from './checksum.stream.js';
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

/** An Entra ID credential (e.g. DefaultAzureCredential from @azure/identity), supplied by the caller. */
export type AzureTokenCredential = Extract<BlobServiceClient['credential'], { getToken: unknown }>;

export interface AzureBlobObjectStoreOptions {
  readonly container: string;
  /** Name prefix inside the container (e.g. `switchboard/`). */
  readonly prefix?: string;
  /** Either a connection string ... */
  readonly connectionString?: string;
  /** ... or an account with a key or an Entra ID credential. */
  readonly account?: string;
  readonly accountKey?: string;
  readonly credential?: AzureTokenCredential;
  /** Default `https://<account>.blob.core.windows.net`. */
  readonly endpoint?: string;
  /**
   * How `retainUntil` is enforced. `auto`: set a version-level immutability policy, and if
   * the service does not support it (Azurite, or a container without version-level
   * immutability) keep it in metadata only, enforced by this adapter's delete, and report it
   * once through `onWarning`. `required`: fail instead. `off`: metadata only.
   */
  readonly immutability?: 'auto' | 'required' | 'off';
  /** `unlocked` (default) can be shortened by an administrator; `locked` cannot, by anyone. */
  readonly immutabilityMode?: 'unlocked' | 'locked';
  /** Block size for staged uploads; default 4 MiB. Memory per upload is about one block. */
  readonly blockSizeBytes?: number;
  readonly listPageSize?: number;
  /** A ready client, for tests; the connection options above are then ignored. */
  readonly serviceClient?: BlobServiceClient;
  readonly onWarning?: (message: string) => void;
  readonly now?: () => Date;
}

const META_SHA256 = `${RESERVED_METADATA_PREFIX}sha256`;
const META_TENANT = `${RESERVED_METADATA_PREFIX}tenant`;
const META_RETAIN_UNTIL = `${RESERVED_METADATA_PREFIX}retain_until`;

export function createAzureBlobObjectStore(options: AzureBlobObjectStoreOptions): ObjectStore {
  const service = options.serviceClient ?? createServiceClient(options);
  const container: ContainerClient = service.getContainerClient(options.container);
  const prefix = options.prefix ?? '';
  const blockSize = options.blockSizeBytes ?? 4 * 1024 * 1024;
  const listPageSize = options.listPageSize ?? 1000;
  const immutability = options.immutability ?? 'auto';
  const now = options.now ?? (() => new Date());
  let immutabilitySupported: boolean | undefined = immutability === 'off' ? false : undefined;
  if (prefix !== '' && !prefix.endsWith('/'))
    throw new ObjectStoreConfigError('Azure blob name prefix must end with /');

  const blobFor = (key: string): BlockBlobClient => container.getBlockBlobClient(`${prefix}${key}`);

  const rawHead = async (key: string): Promise<ObjectHead | undefined> => {
    try {
      const props = await blobFor(key).getProperties();
      return toHead(key, {
        contentLength: props.contentLength,
        contentType: props.contentType,
        createdOn: props.createdOn ?? props.lastModified,
        metadata: props.metadata,
        immutabilityPolicyExpiresOn: props.immutabilityPolicyExpiresOn,
      });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw mapError('head', key, error);
    }
  };

  const settle = (key: string, existing: ObjectHead, sha256: string, size: number): PutObjectResult => {
    if (existing.sha256 === sha256 && existing.size === size) return { key, sha256, size, created: false };
    throw new ObjectExistsError(key, existing.sha256);
  };

  /**
   * Uploads once, refusing to replace (If-None-Match: *). Returns the SHA-256 and size of
   * the body, and whether the service refused because the blob appeared meanwhile.
   */
  const upload = async (
    key: string,
    body: Buffer | Readable,
    putOptions: PutObjectOptions,
  ): Promise<{ sha256: string; size: number; conflict: boolean }> => {
    const blob = blobFor(key);
    const base = {
      conditions: { ifNoneMatch: '*' },
      blobHTTPHeaders: { blobContentType: putOptions.contentType ?? DEFAULT_CONTENT_TYPE },
    };
    const metadata = (sha256: string): Record<string, string> => ({
      ...baseMetadata(putOptions),
      [META_SHA256]: sha256,
    });
    if (Buffer.isBuffer(body) && body.length <= blockSize) {
      const sha256 = createHash('sha256').update(body).digest('hex');
      const conflict = await refusedAsExisting(() =>
        blob.upload(body, body.length, {
          ...base,
          blobHTTPHeaders: {
            ...base.blobHTTPHeaders,
            blobContentMD5: createHash('md5').update(body).digest(),
          },
          metadata: metadata(sha256),
        }),
      );
      return { sha256, size: body.length, conflict };
    }
    // Staged blocks, committed at the end: the commit carries the metadata, so the SHA-256
    // computed while streaming can be recorded without spooling the body anywhere. Block ids
    // carry a per-upload random part, because uncommitted blocks are shared by every writer
    // of the blob name and a concurrent put must not commit ours (or we theirs).
    const uploadId = randomBytes(6).toString('hex');
    const hash = createHash('sha256');
    const ids: string[] = [];
    let size = 0;
    let last: Buffer | undefined;
    for await (const block of blocksOf(Buffer.isBuffer(body) ? Readable.from([body]) : body, blockSize)) {
      hash.update(block);
      size += block.length;
      if (block.length < blockSize && ids.length === 0) {
        last = block; // the whole body fits in one short block: a single upload will do
        break;
      }
      const id = Buffer.from(`${uploadId}-${String(ids.length).padStart(6, '0')}`).toString('base64');
      await blob.stageBlock(id, block, block.length, {
        transactionalContentMD5: createHash('md5').update(block).digest(),
      });
      ids.push(id);
    }
    const sha256 = hash.digest('hex');
    const bytes = last ?? Buffer.alloc(0);
    const conflict = await refusedAsExisting(() =>
      ids.length === 0
        ? blob.upload(bytes, bytes.length, {
            ...base,
            blobHTTPHeaders: {
              ...base.blobHTTPHeaders,
              blobContentMD5: createHash('md5').update(bytes).digest(),
            },
            metadata: metadata(sha256),
          })
        : blob.commitBlockList(ids, { ...base, metadata: metadata(sha256) }),
    );
    return { sha256, size, conflict };
  };

  const applyRetention = async (key: string, retainUntil: Date): Promise<void> => {
    if (immutabilitySupported === false) return;
    try {
      await blobFor(key).setImmutabilityPolicy({
        expiriesOn: retainUntil,
        policyMode: options.immutabilityMode === 'locked' ? 'Locked' : 'Unlocked',
      });
      immutabilitySupported = true;
    } catch (error) {
      if (immutability === 'auto' && isImmutabilityUnsupported(error)) {
        immutabilitySupported = false;
        options.onWarning?.(
          'Azure Blob: version-level immutability is not available here; retainUntil is recorded in metadata ' +
            'and enforced only by Switchboard, not by the storage service',
        );
        return;
      }
      throw mapError('set retention on', key, error);
    }
  };

  const store: ObjectStore = {
    kind: 'azure-blob',

    // Each put is its own request: run them side by side.
    putMany(items) {
      return putEach((item) => store.put(item.key, item.body, item.options), items);
    },

    async put(key, body, putOptions = {}) {
      assertValidObjectKey(key);
      assertValidPutOptions(putOptions);
      // Azure refuses (If-None-Match: *) an upload over an existing blob, and a refusal is settled
      // below, so a body sent in one request goes straight up. Larger ones are checked first, so as
      // not to stage them only to be refused.
      const inOneUpload = Buffer.isBuffer(body) && body.length <= blockSize;
      const existing = inOneUpload ? undefined : await rawHead(key);
      if (existing) {
        // Compare without storing: hash the candidate body and settle.
        const { sha256, size } = await hashBody(body);
        return settle(key, existing, sha256, size);
      }
      let sent;
      try {
        sent = await upload(key, body, putOptions);
      } catch (error) {
        throw mapError('put', key, error);
      }
      if (sent.conflict) {
        // Lost a race with a concurrent put: the winner's bytes decide.
        const winner = await rawHead(key);
        if (!winner) throw unavailable('put', key, new Error('blob exists but cannot be read yet'));
        return settle(key, winner, sent.sha256, sent.size);
      }
      if (putOptions.retainUntil && immutability !== 'off') await applyRetention(key, putOptions.retainUntil);
      return { key, sha256: sent.sha256, size: sent.size, created: true };
    },

    async get(key) {
      assertValidObjectKey(key);
      let response;
      try {
        response = await blobFor(key).download();
      } catch (error) {
        if (statusOf(error) === 404) throw new ObjectNotFoundError(key);
        throw mapError('get', key, error);
      }
      const head = toHead(key, {
        contentLength: response.contentLength,
        contentType: response.contentType,
        createdOn: response.createdOn ?? response.lastModified,
        metadata: response.metadata,
        immutabilityPolicyExpiresOn: response.immutabilityPolicyExpiresOn,
      });
      const stream = response.readableStreamBody;
      if (!(stream instanceof Readable))
        throw unavailable('get', key, new Error('response body is not a stream'));
      return { ...head, body: verifiedBody(key, stream, [], head) };
    },

    async head(key) {
      assertValidObjectKey(key);
      return rawHead(key);
    },

    async *list(listPrefix) {
      assertValidPrefix(listPrefix);
      const pages = container
        .listBlobsFlat({
          prefix: `${prefix}${listPrefix}`,
          includeMetadata: true,
          includeImmutabilityPolicy: true,
        })
        .byPage({ maxPageSize: listPageSize });
      try {
        for await (const page of pages) {
          for (const item of page.segment.blobItems) {
            const key = item.name.slice(prefix.length);
            if (isValidKey(key)) yield headOfItem(key, item);
          }
        }
      } catch (error) {
        throw mapError('list', listPrefix, error);
      }
    },

    async delete(key, { reason }) {
      assertValidDeleteReason(reason);
      assertValidObjectKey(key);
      const existing = await rawHead(key);
      if (!existing) return { deleted: false };
      const { retainUntil } = existing;
      if (retainUntil && retainUntil.getTime() > now().getTime())
        throw new ObjectRetainedError(key, retainUntil);
      try {
        await blobFor(key).delete({ deleteSnapshots: 'include' });
      } catch (error) {
        const code = statusOf(error);
        if (code === 404) return { deleted: false };
        if (code === 409 && retainUntil) throw new ObjectRetainedError(key, retainUntil);
        throw mapError('delete', key, error);
      }
      return { deleted: true };
    },

    async signedUrl(key, { expiresInSeconds }) {
      assertValidObjectKey(key);
      assertValidExpiry(expiresInSeconds);
      const blob = blobFor(key);
      const expiresOn = new Date(now().getTime() + expiresInSeconds * 1000);
      const permissions = BlobSASPermissions.parse('r');
      if (blob.credential instanceof StorageSharedKeyCredential)
        return blob.generateSasUrl({ permissions, expiresOn });
      // Entra ID: sign with a user delegation key instead of an account key.
      try {
        const startsOn = new Date(now().getTime() - 5 * 60_000);
        const delegationKey = await service.getUserDelegationKey(startsOn, expiresOn);
        const sas = generateBlobSASQueryParameters(
          { containerName: container.containerName, blobName: blob.name, permissions, startsOn, expiresOn },
          delegationKey,
          service.accountName,
        );
        return `${blob.url}?${sas.toString()}`;
      } catch (error) {
        throw mapError('sign', key, error);
      }
    },

    close() {
      return Promise.resolve();
    },
  };
  return store;
}

/** Runs a conditional write; true when the service refused it because the blob exists. */
async function refusedAsExisting(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return false;
  } catch (error) {
    const code = statusOf(error);
    if (code === 409 || code === 412) return true;
    throw error;
  }
}

function createServiceClient(options: AzureBlobObjectStoreOptions): BlobServiceClient {
  if (options.connectionString) return BlobServiceClient.fromConnectionString(options.connectionString);
  if (!options.account) {
    throw new ObjectStoreConfigError(
      'Azure Blob store needs a connectionString, or an account with an accountKey or credential',
    );
  }
  const endpoint = options.endpoint ?? `https://${options.account}.blob.core.windows.net`;
  if (options.accountKey) {
    return new BlobServiceClient(
      endpoint,
      new StorageSharedKeyCredential(options.account, options.accountKey),
    );
  }
  if (options.credential) return new BlobServiceClient(endpoint, options.credential);
  throw new ObjectStoreConfigError(
    `Azure Blob account ${options.account} needs an accountKey or a credential`,
  );
}

/**
 * Splits a stream into blocks of exactly `size` bytes (the last may be shorter). Incoming
 * chunks are copied into the block as they arrive rather than collected and concatenated,
 * so about one block is alive at a time.
 */
async function* blocksOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  // Allocated only when bytes arrive for it, so a finished block and an empty next one
  // are never alive together while the finished one uploads.
  let block: Buffer | undefined;
  let held = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    for (let offset = 0; offset < bytes.length;) {
      block ??= Buffer.allocUnsafe(size);
      const copied = bytes.copy(block, held, offset, Math.min(bytes.length, offset + size - held));
      held += copied;
      offset += copied;
      if (held === size) {
        const full = block;
        block = undefined;
        held = 0;
        yield full;
      }
    }
  }
  if (block && held > 0) yield block.subarray(0, held);
}

async function hashBody(body: Buffer | Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  if (Buffer.isBuffer(body)) return { sha256: hash.update(body).digest('hex'), size: body.length };
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

function baseMetadata(putOptions: PutObjectOptions): Record<string, string> {
  return {
    ...putOptions.metadata,
    ...(putOptions.tenantId !== undefined ? { [META_TENANT]: putOptions.tenantId } : {}),
    ...(putOptions.retainUntil ? { [META_RETAIN_UNTIL]: putOptions.retainUntil.toISOString() } : {}),
  };
}

interface AzureProps {
  readonly contentLength?: number | undefined;
  readonly contentType?: string | undefined;
  readonly createdOn?: Date | undefined;
  readonly metadata?: Record<string, string> | undefined;
  readonly immutabilityPolicyExpiresOn?: Date | undefined;
}

function headOfItem(key: string, item: BlobItem): ObjectHead {
  return toHead(key, {
    contentLength: item.properties.contentLength,
    contentType: item.properties.contentType,
    createdOn: item.properties.createdOn ?? item.properties.lastModified,
    metadata: item.metadata,
    immutabilityPolicyExpiresOn: item.properties.immutabilityPolicyExpiresOn,
  });
}

function toHead(key: string, props: AzureProps): ObjectHead {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries(props.metadata ?? {})) all[name.toLowerCase()] = value;
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(all))
    if (!name.startsWith(RESERVED_METADATA_PREFIX)) metadata[name] = value;
  const retainText = all[META_RETAIN_UNTIL];
  const retainUntil = retainText !== undefined ? new Date(retainText) : props.immutabilityPolicyExpiresOn;
  const tenantId = all[META_TENANT];
  return {
    key,
    size: props.contentLength ?? 0,
    sha256: all[META_SHA256] ?? '',
    contentType: props.contentType ?? DEFAULT_CONTENT_TYPE,
    metadata,
    createdAt: props.createdOn ?? new Date(0),
    ...(retainUntil ? { retainUntil } : {}),
    ...(tenantId !== undefined ? { tenantId } : {}),
  };
}

function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

function isImmutabilityUnsupported(error: unknown): boolean {
  if (!(error instanceof RestError)) return false;
  return (
    error.statusCode === 501 ||
    /immutab|notimplemented|featurenotsupported|notsupported/i.test(error.code ?? '')
  );
}

function isValidKey(key: string): boolean {
  try {
    assertValidObjectKey(key);
    return true;
  } catch {
    return false;
  }
}

function mapError(operation: string, key: string, error: unknown): ObjectStoreError {
  if (error instanceof ObjectStoreError) return error;
  const code = statusOf(error);
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (code === undefined || code >= 500 || code === 429) return unavailable(operation, key, error);
  if (error instanceof RestError && error.code === 'ContainerNotFound') {
    return new ObjectStoreConfigError(`Azure container does not exist (${message})`);
  }
  if (code === 401 || code === 403)
    return new ObjectStoreConfigError(`Azure refused ${operation} ${key}: ${message}`);
  return new ObjectStoreError('OBJECTS_INVALID_ARGUMENT', `Azure ${operation} ${key} failed: ${message}`, {
    cause: error,
  });
}
