/**
 * Persistence of wrapped per-tenant keys. The keyring owns the crypto; a store only keeps
 * rows. The production implementation lives with the database kernel (PostgreSQL); the
 * in-memory one in this folder is for unit tests.
 *
 * Two kinds of tenant key share the table:
 * - `data` (`dek_<tenant>_<n>`): encrypts values and objects; rotated by creating version n+1.
 *   The highest version is the active one; older ones stay to decrypt old ciphertexts.
 * - `index` (`bik_<tenant>_<n>`): the secret blind indexes are derived from. Kept apart from
 *   the data keys so rotating a DEK never changes an index (see docs/encryption.md).
 *
 * Suggested table: tenant_keys(tenant_id, key_id, kind, version, wrapped_key bytea,
 * master_key_id, created_at), primary key (tenant_id, key_id), unique (tenant_id, kind, version).
 */
export type TenantKeyKind = 'data' | 'index';

export interface StoredDataKey {
  readonly tenantId: string;
  readonly keyId: string;
  readonly kind: TenantKeyKind;
  readonly version: number;
  /** The key encrypted by the master-key provider named in `masterKeyId`. */
  readonly wrappedKey: Buffer;
  readonly masterKeyId: string;
  readonly createdAt: Date;
}

export interface NewDataKey {
  readonly keyId: string;
  readonly kind: TenantKeyKind;
  readonly version: number;
  readonly wrappedKey: Buffer;
  readonly masterKeyId: string;
}

export interface RewrappedDataKey {
  readonly wrappedKey: Buffer;
  readonly masterKeyId: string;
}

/** Keyset position for `list`: rows strictly after (tenantId, keyId) in byte order. */
export interface DataKeyCursor {
  readonly tenantId: string;
  readonly keyId: string;
}

export interface DataKeyStore {
  /** Highest-version key of that kind for the tenant, or undefined if none was created yet. */
  getActive(tenantId: string, kind: TenantKeyKind): Promise<StoredDataKey | undefined>;

  get(tenantId: string, keyId: string): Promise<StoredDataKey | undefined>;

  /**
   * Inserts a key. Must throw `DataKeyConflictError` when (tenantId, kind, version) or
   * (tenantId, keyId) already exists: that is how two replicas rotating at once settle
   * on one winner instead of both believing they created version n+1.
   */
  create(tenantId: string, key: NewDataKey): Promise<StoredDataKey>;

  /**
   * Replaces the wrapped bytes of one key if it is still wrapped by `expectedMasterKeyId`
   * (compare-and-set); returns false otherwise. Used by master-key rotation only.
   */
  rewrap(
    tenantId: string,
    keyId: string,
    next: RewrappedDataKey,
    expectedMasterKeyId: string,
  ): Promise<boolean>;

  /**
   * All keys of all tenants in (tenantId, keyId) byte order, `limit` at a time, starting
   * after `after`. Cross-tenant by nature (master-key rotation), so the PostgreSQL store
   * must run it with a role that bypasses row-level security.
   */
  list(after: DataKeyCursor | undefined, limit: number): Promise<readonly StoredDataKey[]>;
}
