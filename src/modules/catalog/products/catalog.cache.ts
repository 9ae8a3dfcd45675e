import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { LruTtlCache } from '../../../platform/crypto/lru-ttl.cache.js';
import { createNotifyListener, type Database } from '../../../platform/db/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';

/*
 * The catalog cache: product snapshots by id and by SKU, one hour. With Redis (deps.redis) every
 * replica shares one copy and a delete is seen by all. Without it each replica keeps an in-process
 * LRU, and a change must reach every replica, not the one a consumer group hands the event to:
 * writers send a NOTIFY on `catalog_cache` inside their transaction (delivered on commit), and each
 * replica LISTENs on a connection of its own. A replica caches nothing until it listens, and drops
 * everything when the connection was lost (notifications sent meanwhile are gone).
 */

export const CACHE_TTL_SECONDS = 3600;
const CHANNEL = 'catalog_cache';

/** What a change drops: the product's entry and those of its SKUs (old and new). */
export interface CacheKeys {
  readonly tenantId: string;
  readonly productIds: readonly string[];
  readonly skus: readonly string[];
}

export interface CatalogCache {
  readonly kind: 'redis' | 'memory';
  get<T>(tenantId: string, key: string): Promise<T | undefined>;
  set(tenantId: string, key: string, value: unknown): Promise<void>;
  /** Drops the entries here (and, in memory mode, nowhere else). */
  drop(keys: CacheKeys): Promise<void>;
  /** Inside the writing transaction (memory mode): tells every replica to drop the entries on commit. */
  announce(trx: Parameters<ReturnType<typeof sql>['execute']>[0], keys: CacheKeys): Promise<void>;
  /** Memory mode: resolves once this replica listens (tests). */
  ready(): Promise<void>;
}

export const productKey = (productId: string) => `prod:${productId}`;
export const skuKey = (sku: string) => `sku:${sku.toLowerCase()}`;

function keysOf(keys: CacheKeys): string[] {
  return [...keys.productIds.map(productKey), ...keys.skus.map(skuKey)];
}

/** JSON with dates kept as dates (a Product's createdAt survives the round trip). */
const revive = (_key: string, value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)
    ? new Date(value)
    : value;

export function createCatalogCache(deps: {
  readonly redis: Redis | undefined;
  readonly database: Database;
  readonly logger: Logger;
  readonly maxEntries?: number;
}): CatalogCache {
  return deps.redis
    ? redisCache(deps.redis, deps.logger)
    : memoryCache(deps.database, deps.logger, deps.maxEntries);
}

function redisCache(redis: Redis, logger: Logger): CatalogCache {
  const full = (tenantId: string, key: string) => `switchboard:catalog:${tenantId}:${key}`;
  // A Redis that is away degrades to reading the database, never to failing an order.
  const quietly = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      logger.warn({ err: error }, `catalog cache (redis) ${what} failed`);
      return undefined;
    }
  };
  return {
    kind: 'redis',
    async get<T>(tenantId: string, key: string) {
      const text = await quietly('get', () => redis.get(full(tenantId, key)));
      return text ? (JSON.parse(text, revive) as T) : undefined;
    },
    async set(tenantId, key, value) {
      await quietly('set', () =>
        redis.set(full(tenantId, key), JSON.stringify(value), 'EX', CACHE_TTL_SECONDS),
      );
    },
    async drop(keys) {
      const all = keysOf(keys).map((key) => full(keys.tenantId, key));
      if (all.length > 0) await quietly('delete', () => redis.del(...all));
    },
    async announce() {
      // Redis is shared: the delete after commit reaches every replica.
    },
    ready: () => Promise.resolve(),
  };
}

function memoryCache(database: Database, logger: Logger, maxEntries = 50_000): CatalogCache {
  const entries = new LruTtlCache<string, string>({ maxEntries, ttlMs: CACHE_TTL_SECONDS * 1000 });
  const full = (tenantId: string, key: string) => `${tenantId}:${key}`;
  const listener = createNotifyListener(database, logger, {
    channel: CHANNEL,
    name: 'catalog cache',
    message: (payload) => {
      try {
        const keys = JSON.parse(payload) as CacheKeys;
        for (const key of keysOf(keys)) entries.delete(full(keys.tenantId, key));
      } catch {
        entries.clear();
      }
    },
    lost: () => entries.clear(),
  });
  return {
    kind: 'memory',
    get<T>(tenantId: string, key: string) {
      listener.ensure();
      const text = entries.get(full(tenantId, key));
      return Promise.resolve(text === undefined ? undefined : (JSON.parse(text, revive) as T));
    },
    set(tenantId, key, value) {
      if (listener.ensure()) entries.set(full(tenantId, key), JSON.stringify(value));
      return Promise.resolve();
    },
    drop(keys) {
      for (const key of keysOf(keys)) entries.delete(full(keys.tenantId, key));
      return Promise.resolve();
    },
    async announce(trx, keys) {
      // pg_notify in the transaction: sent on commit, never for a rollback. Payloads stay far below 8 kB.
      const payload = JSON.stringify({
        tenantId: keys.tenantId,
        productIds: keys.productIds.slice(0, 50),
        skus: keys.skus.slice(0, 50).map((s) => s.slice(0, 100)),
      });
      await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(trx);
    },
    ready: () => listener.ready(),
  };
}
