import DataLoader from 'dataloader';
import type { Database } from './database.js';
import type { TenantTransaction } from './tables.js';

/** What is looked up: a key within a tenant. */
export interface TenantKey<K> {
  readonly tenantId: string;
  readonly key: K;
}

export interface TenantBatchLoader<K, V> {
  /** Resolves with the value for `key` of `tenantId` (undefined when there is none). */
  load(tenantId: string, key: K): Promise<V | undefined>;
}

/**
 * Reads asked for at the same moment, one transaction per tenant instead of one each. A consumer
 * handles its partitions in parallel, so the events of one fetch round reach their handlers in the
 * same turn of the event loop; a handler that reads a row per event (the stored payload, whether
 * anybody subscribed) then pays one transaction of three round trips per event. Here the reads of
 * that turn are gathered (DataLoader, nothing cached beyond the batch) and each tenant's are made
 * by one `loadMany` in one tenant transaction.
 *
 * `loadMany` answers a map from `keyId(key)` to value; a key it leaves out resolves undefined. A
 * failing transaction rejects every read of its tenant, as each read alone would have failed.
 */
export function createTenantBatchLoader<DB, K, V>(options: {
  readonly database: Pick<Database, 'withTenant'>;
  /** A string that identifies the key within its tenant (two reads of one key share the answer). */
  readonly keyId: (key: K) => string;
  readonly loadMany: (trx: TenantTransaction<DB>, keys: readonly K[]) => Promise<ReadonlyMap<string, V>>;
  /** Reads gathered into one batch at most (default 100). */
  readonly maxBatchSize?: number;
}): TenantBatchLoader<K, V> {
  const { database, keyId, loadMany } = options;
  const loader = new DataLoader<TenantKey<K>, V | undefined, string>(
    async (asked) => {
      const byTenant = new Map<string, K[]>();
      for (const { tenantId, key } of asked) {
        const keys = byTenant.get(tenantId);
        if (keys) keys.push(key);
        else byTenant.set(tenantId, [key]);
      }
      const found = new Map<string, Promise<ReadonlyMap<string, V>>>();
      for (const [tenantId, keys] of byTenant)
        found.set(
          tenantId,
          database.withTenant<DB, ReadonlyMap<string, V>>({ tenantId }, (trx) => loadMany(trx, keys)),
        );
      return Promise.all(
        asked.map(async ({ tenantId, key }) => {
          try {
            return (await found.get(tenantId))?.get(keyId(key));
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      );
    },
    {
      cache: false,
      maxBatchSize: options.maxBatchSize ?? 100,
      cacheKeyFn: ({ tenantId, key }) => `${tenantId}\0${keyId(key)}`,
    },
  );
  return { load: (tenantId, key) => loader.load({ tenantId, key }) };
}
