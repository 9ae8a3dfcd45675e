export { CryptoError, DataKeyConflictError, type CryptoErrorCode } from './crypto.errors.js';
export {
  loadMasterKey,
  decodeMasterKey,
  MASTER_KEY_FILE_NAME,
  type LoadedMasterKey,
  type MasterKeySource,
} from './master-key.loader.js';
export type { MasterKeyProvider, DataKeyContext } from './master-key.provider.js';
export { createLocalMasterKeyProvider } from './local-master-key.provider.js';
export type * from './kms-master-key.types.js';
export type {
  DataKeyStore,
  DataKeyCursor,
  NewDataKey,
  RewrappedDataKey,
  StoredDataKey,
  TenantKeyKind,
} from './data-key.store.js';
export { InMemoryDataKeyStore } from './in-memory-data-key.store.js';
export {
  createKeyring,
  type Keyring,
  type KeyringOptions,
  type BlindIndexEncoding,
} from './keyring.service.js';
export { DEFAULT_SEGMENT_SIZE } from './stream-aead.format.js';
export { ciphertextToText } from './ciphertext.format.js';
export { SubjectErasedError } from './crypto.errors.js';
export type { SubjectIdentifier, SubjectKeys, SubjectSealer } from './subject-keys.contract.js';
export {
  createSubjectKeys,
  createInMemorySubjectKeyStore,
  type SubjectKeyStore,
  type SubjectTombstoneRecorder,
} from './subject-keys.service.js';
export { createPgSubjectKeyStore } from './subject-key.pg-store.js';
