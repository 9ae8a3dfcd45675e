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
  const entries = new Map<string, { key: ApiKeyForAuth; until: number }>();
  // Keys forgotten lately: a look-up that began before the revocation committed must not put the
  // key back when it returns.
  const forgotten = new Map<string, number>();
  return {
    get(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(id);
        return undefined;
      }
      return entry.key;
    },
    set(id, key) {
      if (ttlMs <= 0) return;
      const gone = forgotten.get(id);
      if (gone !== undefined) {
        if (gone > now()) return;
        forgotten.delete(id);
      }
      entries.delete(id);
      entries.set(id, { key, until: now() + ttlMs });
      // Oldest first in a Map: past the bound, drop the entries set longest ago.
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    forget(id) {
      entries.delete(id);
      forgotten.set(id, now() + ttlMs);
      for (const [oldest, until] of forgotten) {
        if (forgotten.size <= maxEntries && until > now()) break;
        forgotten.delete(oldest);
      }
    },
    now,
  };
}
