/**
 * The seam between the keyring and whatever holds the master key (key-encryption key).
 *
 * The keyring never sees the master key itself, only this interface: it hands over a
 * freshly generated 32-byte data key and stores the opaque wrapped bytes, and later asks
 * for them to be unwrapped. That is all a KMS offers, so the same interface fits the local
 * AES-256-GCM provider and the remote ones described in `kms-master-key.types.ts`.
 */
export interface MasterKeyProvider {
  /**
   * Stable identifier of the wrapping key, stored beside every wrapped data key. The keyring
   * uses it to pick the provider that can unwrap a given row (during master-key rotation two
   * providers are live) and to find the rows that still need re-wrapping.
   */
  readonly keyId: string;

  /**
   * Encrypts a data key. `context` must be bound to the result (AAD or KMS encryption
   * context) so that a wrapped key copied to another tenant's row fails to unwrap.
   */
  wrap(dataKey: Buffer, context: DataKeyContext): Promise<Buffer>;

  /** Inverse of `wrap`; rejects if the bytes or the context were altered. */
  unwrap(wrappedKey: Buffer, context: DataKeyContext): Promise<Buffer>;
}

/** What a wrapped data key is bound to. */
export interface DataKeyContext {
  readonly tenantId: string;
  readonly keyId: string;
}
