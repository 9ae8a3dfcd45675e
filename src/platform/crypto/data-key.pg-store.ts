import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { DataKeyConflictError } from './crypto.errors.js';
import type {
  DataKeyCursor,
  DataKeyStore,
  NewDataKey,
  StoredDataKey,
  TenantKeyKind,
} from './data-key.store.js';

type KeyRow = {
  tenantId: string;
  keyId: string;
  kind: TenantKeyKind;
  version: number;
  wrappedKey: Buffer;
  masterKeyId: string;
  createdAt: Date;
};

type CryptoTables = { 'crypto.tenant_keys': KeyRow };

/**
 * Wrapped tenant keys in PostgreSQL. Reads and inserts run as the application role inside the
 * tenant's own transaction (row-level security applies), on the database's reserved pool: a key is
 * often fetched by a caller already holding a main-pool connection in its transaction, and when
 * every caller does, a read waiting on the main pool would never get one. Listing and re-wrapping every tenant's
 * keys is master-key rotation, an operator task, and runs on the owner connection.
 */
export function createPgDataKeyStore(database: Database): DataKeyStore {
  const inTenant = <T>(tenantId: string, fn: (trx: Transaction<CryptoTables>) => Promise<T>) =>
    database.reserved.withTenant<CryptoTables, T>({ tenantId }, fn);
  const owner: Kysely<CryptoTables> = database.owner.withTables<CryptoTables>();

  return {
    getActive(tenantId, kind) {
      return inTenant(tenantId, (trx) =>
        trx
          .selectFrom('crypto.tenant_keys')
          .selectAll()
          .where('kind', '=', kind)
          .orderBy('version', 'desc')
          .limit(1)
          .executeTakeFirst(),
      );
    },
    get(tenantId, keyId) {
      return inTenant(tenantId, (trx) =>
        trx.selectFrom('crypto.tenant_keys').selectAll().where('keyId', '=', keyId).executeTakeFirst(),
      );
    },
    async create(tenantId, key: NewDataKey): Promise<StoredDataKey> {
      try {
        return await inTenant(tenantId, (trx) =>
          trx
            .insertInto('crypto.tenant_keys')
            .values({ tenantId, ...key, createdAt: new Date() })
            .returningAll()
            .executeTakeFirstOrThrow(),
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505')
          throw new DataKeyConflictError(tenantId, key.keyId);
        throw error;
      }
    },
    async rewrap(tenantId, keyId, next, expectedMasterKeyId) {
      const result = await owner
        .updateTable('crypto.tenant_keys')
        .set({ wrappedKey: next.wrappedKey, masterKeyId: next.masterKeyId })
        .where('tenantId', '=', tenantId)
        .where('keyId', '=', keyId)
        .where('masterKeyId', '=', expectedMasterKeyId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async list(after: DataKeyCursor | undefined, limit: number) {
      let query = owner.selectFrom('crypto.tenant_keys').selectAll();
      if (after) {
        // uuid and text compare in byte order here, matching the cursor contract.
        query = query.where(sql<boolean>`(tenant_id::text, key_id) > (${after.tenantId}, ${after.keyId})`);
      }
      return query
        .orderBy(sql`tenant_id::text`)
        .orderBy('keyId')
        .limit(limit)
        .execute();
    },
  };
}
