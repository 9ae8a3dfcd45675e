/**
 * Configuration shapes for master-key providers backed by an external KMS.
 *
 * Types only: no adapter is implemented yet, and none is faked. Each future adapter is a
 * factory `createXMasterKeyProvider(config, client): MasterKeyProvider` in its own file
 * (`vault-transit-master-key.provider.ts`, ...). docs/encryption.md describes how each maps
 * `wrap`/`unwrap` and the data-key context onto the service's API.
 */

export type MasterKeyProviderKind = 'local' | 'vault-transit' | 'azure-key-vault' | 'aws-kms';

/**
 * HashiCorp Vault transit engine: `POST <mount>/encrypt/<keyName>` and `/decrypt/<keyName>`.
 * The data-key context travels as `associated_data` (aes256-gcm96 keys) so Vault enforces it.
 * keyId: `vault-transit:<mount>/<keyName>`; Vault's own key versions live inside its
 * ciphertext (`vault:v3:...`), so rotating the Vault key needs no action here, and the
 * transit `rewrap` endpoint can refresh rows lazily.
 */
export interface VaultTransitMasterKeyConfig {
  readonly kind: 'vault-transit';
  readonly address: string;
  readonly mount: string;
  readonly keyName: string;
  readonly namespace?: string;
  /** Token, AppRole or Kubernetes auth is resolved by the adapter's client, not stored here. */
  readonly auth: { readonly method: 'token' | 'approle' | 'kubernetes'; readonly role?: string };
}

/**
 * Azure Key Vault / Managed HSM: `wrapKey` / `unwrapKey` with RSA-OAEP-256 (or A256KW on a
 * Managed HSM). These operations take no associated data, so the adapter binds the context
 * itself: it wraps `dataKey` and stores `HMAC(dataKey, context)` beside it, checked on unwrap.
 * keyId: `azure-key-vault:<vaultUrl>/keys/<name>/<version>` (the version is pinned so an
 * unwrap after a Key Vault rotation still uses the right key).
 */
export interface AzureKeyVaultMasterKeyConfig {
  readonly kind: 'azure-key-vault';
  readonly vaultUrl: string;
  readonly keyName: string;
  readonly keyVersion?: string;
  readonly algorithm: 'RSA-OAEP-256' | 'A256KW';
}

/**
 * AWS KMS: `Encrypt` / `Decrypt` (or `GenerateDataKey`) with the data-key context passed as
 * `EncryptionContext: { tenantId, keyId }`, which KMS binds and also writes to CloudTrail.
 * keyId: `aws-kms:<key ARN>`.
 */
export interface AwsKmsMasterKeyConfig {
  readonly kind: 'aws-kms';
  readonly keyArn: string;
  readonly region: string;
  readonly endpoint?: string;
}

export interface LocalMasterKeyConfig {
  readonly kind: 'local';
  /** base64 of 32 bytes; when absent the key file under the data dir is used. */
  readonly masterKeyBase64?: string;
  readonly dataDir: string;
}

export type MasterKeyConfig =
  LocalMasterKeyConfig | VaultTransitMasterKeyConfig | AzureKeyVaultMasterKeyConfig | AwsKmsMasterKeyConfig;
