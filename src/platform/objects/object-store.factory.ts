import { randomBytes } from 'node:crypto';

import type { Keyring } from '../crypto/index.js';
import { createAzureBlobObjectStore, type AzureTokenCredential } from './azure-blob-object.store.js';
import { createFilesystemObjectStore } from './fs-object.store.js';
import type { ObjectStore } from './object-store.types.js';
import { parseObjectStoreUrl } from './object-store.url.js';
import { createObjectUrlSigner } from './object-url.signer.js';
import { createS3ObjectStore } from './s3-object.store.js';

export interface ObjectStoreDeps {
  /** Filesystem store: encrypts objects put with a tenantId. */
  readonly keyring?: Keyring;
  /**
   * Filesystem store: secret for signed download URLs (at least 32 bytes) and the public
   * base URL the API is reached at. Without both, signedUrl() fails with OBJECTS_CONFIG.
   */
  readonly urlSigningSecret?: Buffer | string;
  readonly publicBaseUrl?: string;
  /** Base for `file://./relative` URLs; default process.cwd(). */
  readonly cwd?: string;
  /** S3: where large streams are spooled before upload; default os.tmpdir(). */
  readonly tmpDir?: string;
  /** Azure with `account=` and no key: an Entra ID credential (e.g. DefaultAzureCredential). */
  readonly azureCredential?: AzureTokenCredential;
  /** Notices worth a log line, e.g. retention that the backend cannot enforce. */
  readonly onWarning?: (message: string) => void;
}

/** Picks and configures the adapter from OBJECT_STORE_URL (see object-store.url.ts for the forms). */
export function createObjectStore(url: string, deps: ObjectStoreDeps = {}): ObjectStore {
  const location = parseObjectStoreUrl(url, { cwd: deps.cwd ?? process.cwd() });
  switch (location.kind) {
    case 'filesystem':
      return createFilesystemObjectStore({
        root: location.root,
        ...(deps.keyring ? { keyring: deps.keyring } : {}),
        ...(deps.urlSigningSecret !== undefined && deps.publicBaseUrl !== undefined
          ? {
              urlSigner: createObjectUrlSigner({
                secret: deps.urlSigningSecret,
                publicBaseUrl: deps.publicBaseUrl,
              }),
            }
          : {}),
      });
    case 's3':
      return createS3ObjectStore({
        ...location.options,
        ...(deps.tmpDir !== undefined ? { tmpDir: deps.tmpDir } : {}),
      });
    case 'azure-blob':
      return createAzureBlobObjectStore({
        ...location.options,
        ...(deps.azureCredential ? { credential: deps.azureCredential } : {}),
        ...(deps.onWarning ? { onWarning: deps.onWarning } : {}),
      });
  }
}

/** A random signing secret, for single-process setups that do not configure one. */
export function generateUrlSigningSecret(): Buffer {
  return randomBytes(32);
}
