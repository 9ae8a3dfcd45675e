import { DataKeyConflictError } from './crypto.errors.js';
import type {
  DataKeyCursor,
  DataKeyStore,
  NewDataKey,
  RewrappedDataKey,
  StoredDataKey,
  TenantKeyKind,
} from './data-key.store.js';

/**
 * For unit tests only: keys vanish with the process, which in production would make every
 * ciphertext unreadable. Production uses the PostgreSQL store from the database kernel.
 */
export class InMemoryDataKeyStore implements DataKeyStore {
  private readonly rows = new Map<string, StoredDataKey>();

  getActive(tenantId: string, kind: TenantKeyKind): Promise<StoredDataKey | undefined> {
    let best: StoredDataKey | undefined;
    for (const row of this.rows.values()) {
      if (row.tenantId === tenantId && row.kind === kind && (!best || row.version > best.version)) best = row;
    }
    return Promise.resolve(best);
  }

  get(tenantId: string, keyId: string): Promise<StoredDataKey | undefined> {
    return Promise.resolve(this.rows.get(rowKey(tenantId, keyId)));
  }

  create(tenantId: string, key: NewDataKey): Promise<StoredDataKey> {
    for (const row of this.rows.values()) {
      const sameVersion = row.tenantId === tenantId && row.kind === key.kind && row.version === key.version;
      if (sameVersion || (row.tenantId === tenantId && row.keyId === key.keyId)) {
        return Promise.reject(new DataKeyConflictError(tenantId, key.keyId));
      }
    }
    const row: StoredDataKey = {
      ...key,
      tenantId,
      wrappedKey: Buffer.from(key.wrappedKey),
      createdAt: new Date(),
    };
    this.rows.set(rowKey(tenantId, key.keyId), row);
    return Promise.resolve(row);
  }

  rewrap(
    tenantId: string,
    keyId: string,
    next: RewrappedDataKey,
    expectedMasterKeyId: string,
  ): Promise<boolean> {
    const row = this.rows.get(rowKey(tenantId, keyId));
    if (row?.masterKeyId !== expectedMasterKeyId) return Promise.resolve(false);
    this.rows.set(rowKey(tenantId, keyId), {
      ...row,
      wrappedKey: Buffer.from(next.wrappedKey),
      masterKeyId: next.masterKeyId,
    });
    return Promise.resolve(true);
  }

  list(after: DataKeyCursor | undefined, limit: number): Promise<readonly StoredDataKey[]> {
    const sorted = [...this.rows.values()].sort(compareRows);
    const start = after ? sorted.filter((row) => compareRows(row, after) > 0) : sorted;
    return Promise.resolve(start.slice(0, limit));
  }
}

function rowKey(tenantId: string, keyId: string): string {
  return `${tenantId}\0${keyId}`;
}

function compareRows(a: DataKeyCursor, b: DataKeyCursor): number {
  return Buffer.compare(Buffer.from(`${a.tenantId}\0${a.keyId}`), Buffer.from(`${b.tenantId}\0${b.keyId}`));
}
