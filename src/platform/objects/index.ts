export type {
  DeleteObjectOptions,
  GetObjectResult,
  ObjectHead,
  ObjectStore,
  ObjectStoreKind,
  PutObjectOptions,
  PutObjectResult,
  SignedUrlOptions,
} from './object-store.types.js';
export {
  InvalidObjectKeyError,
  ObjectChecksumMismatchError,
  ObjectExistsError,
  ObjectNotFoundError,
  ObjectRetainedError,
  ObjectStoreConfigError,
  ObjectStoreError,
  type ObjectStoreErrorCode,
} from './object-store.errors.js';
export { assertValidObjectKey } from './object-key.validation.js';
export { createObjectStore, generateUrlSigningSecret, type ObjectStoreDeps } from './object-store.factory.js';
export { parseObjectStoreUrl, type ObjectStoreLocation } from './object-store.url.js';
export {
  createFilesystemObjectStore,
  type FilesystemObjectStore,
  type FilesystemObjectStoreOptions,
} from './fs-object.store.js';
export { createS3ObjectStore, type S3ObjectStoreOptions } from './s3-object.store.js';
export {
  createAzureBlobObjectStore,
  type AzureBlobObjectStoreOptions,
  type AzureTokenCredential,
} from './azure-blob-object.store.js';
export {
  createObjectUrlSigner,
  type ObjectUrlSigner,
  type ObjectUrlSignerOptions,
} from './object-url.signer.js';
export { withCreatedEvents, withDeletionAudit } from './object-events.decorator.js';
export { withTracing } from './object-tracing.decorator.js';
export { signedDownloadRoutes } from './signed-download.routes.js';
