import { LruTtlCache } from '../../../platform/crypto/lru-ttl.cache.js';
import type { ApiKeyForAuth } from './api-keys.repo.js';

/**
 * Keys this process has verified lately, by key id, so a busy machine client does not cost a
 * database look-up per request. An entry lives `ttlMs` (5 s by default): a key revoked by this
 * process is forgotten at once (`forget`), one revoked by another process keeps working here until
 * its entry expires. Only valid keys are kept; a wrong secret is still compared against the
 * stored hash on every request.
 */
export interface ApiKeyCache {
  get(id: string): ApiKeyForAuth | undefined;
  set(id: string, key: ApiKeyForAuth): void;
  /** Drops a key (its revocation, on this process). */
  forget(id: string): void;
  now(): number;
}

export const defaultApiKeyCacheTtlMs = 5_000;
const maxEntries = 10_000;

export function createApiKeyCache(options: { ttlMs?: number; now?: () => number } = {}): ApiKeyCache {
  const ttlMs = options.ttlMs ?? defaultApiKeyCacheTtlMs;
  const now = options.now ?? Date.now;
  const entries = new LruTtlCache<string, ApiKeyForAuth>({ maxEntries, ttlMs, now });
  // Keys forgotten lately: a look-up that began before the revocation committed must not put the
  // key back when it returns.
  const forgotten = new LruTtlCache<string, true>({ maxEntries, ttlMs, now });
  return {
    get: (id) => entries.get(id),
    set(id, key) {
      if (ttlMs <= 0 || forgotten.get(id)) return;
      entries.set(id, key);
    },
    forget(id) {
      entries.delete(id);
      forgotten.set(id, true);
    },
    now,
  };
}
