import { createHash } from 'node:crypto';
import type { CallStatsQuery } from '../contract.js';

/**
 * Subscribes to "calls of this tenant changed" (committed ingest batches); resolves once listening
 * and returns the unsubscribe. The live feed's hub (calls-live.hub.ts) is one.
 */
export type TenantChanges = (tenantId: string, changed: () => void) => Promise<() => void>;

export interface StatsCoalescer<T> {
  /** The answer to this tenant's query: shared with an identical one in flight or answered within the micro-cache's time. */
  answer(tenantId: string, query: CallStatsQuery, compute: () => Promise<T>): Promise<T>;
  /**
   * Lets answers be kept for `cacheMs` after they settle, dropped when the tenant's calls change.
   * Without a source of changes answers are only shared while in flight. Returns the detach.
   */
  watch(changes: TenantChanges): () => void;
  /** Forgets the tenant's answers (in flight ones too: later requests start a new query). */
  invalidate(tenantId: string): void;
}

interface Entry<T> {
  readonly promise: Promise<T>;
  /** When it settled; undefined while in flight. */
  settledAt: number | undefined;
}

interface TenantAnswers<T> {
  readonly entries: Map<string, Entry<T>>;
  /** Subscribed to the tenant's changes: settled answers may be kept. */
  watched: boolean;
  subscribing: boolean;
  unsubscribe: (() => void) | undefined;
  lastUsedAt: number;
}

/**
 * The normalised query as a digest: the same question however its lists are ordered or repeated.
 * A digest, so that numbers and names searched for are not kept in memory as keys.
 */
export function statsQueryKey(query: CallStatsQuery): string {
  const f = query.filters;
  const set = (list: readonly string[] | undefined) => (list?.length ? [...new Set(list)].sort() : null);
  const normal = [
    f.from.toISOString(),
    f.to.toISOString(),
    set(f.sources),
    set(f.directions),
    set(f.dispositions),
    f.number ?? null,
    f.agent?.toLowerCase() ?? null,
    f.queue ?? null,
    f.minDurationSeconds ?? null,
    f.q ?? null,
    query.interval,
    query.groupBy ?? null,
    query.comparePrevious ?? false,
  ];
  return createHash('sha256').update(JSON.stringify(normal)).digest('base64url');
}

/**
 * Identical statistics requests of a tenant share one computation: 50 supervisors whose
 * dashboards ask "last 24 hours, hourly" in the same minute (the console rounds a preset's end to
 * the minute) cost one query. With a source of changes, an answer is also kept for `cacheMs` after
 * it settles and dropped as soon as the tenant's calls change, so a client that reloads on the
 * live feed's "calls changed" never gets the answer from before. Failures are not kept.
 */
export function createStatsCoalescer<T>(options: {
  readonly cacheMs: number;
  /** Tenants whose watch is dropped after this long without a request. */
  readonly idleMs?: number;
  /** At most this many answers kept (in flight ones are always shared). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}): StatsCoalescer<T> {
  const { cacheMs, idleMs = 5 * 60_000, maxEntries = 2_000, now = () => Date.now() } = options;
  const tenants = new Map<string, TenantAnswers<T>>();
  let changes: TenantChanges | undefined;
  let kept = 0;

  const forget = (answers: TenantAnswers<T>, key: string, entry: Entry<T>) => {
    if (answers.entries.get(key) !== entry) return;
    answers.entries.delete(key);
    if (entry.settledAt !== undefined) kept -= 1;
  };

  function invalidate(tenantId: string): void {
    const answers = tenants.get(tenantId);
    if (!answers) return;
    for (const entry of answers.entries.values()) if (entry.settledAt !== undefined) kept -= 1;
    answers.entries.clear();
  }

  function sweep(at: number): void {
    for (const [tenantId, answers] of tenants) {
      for (const [key, entry] of answers.entries)
        if (entry.settledAt !== undefined && at - entry.settledAt >= cacheMs) forget(answers, key, entry);
      if (answers.entries.size === 0 && at - answers.lastUsedAt >= idleMs && !answers.subscribing) {
        answers.unsubscribe?.();
        tenants.delete(tenantId);
      }
    }
  }

  function watchTenant(tenantId: string, answers: TenantAnswers<T>): void {
    const source = changes;
    if (!source || answers.watched || answers.subscribing) return;
    answers.subscribing = true;
    source(tenantId, () => invalidate(tenantId)).then(
      (unsubscribe) => {
        answers.subscribing = false;
        if (changes !== source || tenants.get(tenantId) !== answers) {
          unsubscribe();
          return;
        }
        answers.unsubscribe = unsubscribe;
        // Answers computed before the subscription may predate a change it did not hear.
        invalidate(tenantId);
        answers.watched = true;
      },
      () => {
        // Not listening (database unreachable): answers are shared while in flight only; the next request tries again.
        answers.subscribing = false;
      },
    );
  }

  return {
    answer(tenantId, query, compute) {
      const at = now();
      sweep(at);
      let answers = tenants.get(tenantId);
      if (!answers) {
        answers = {
          entries: new Map(),
          watched: false,
          subscribing: false,
          unsubscribe: undefined,
          lastUsedAt: at,
        };
        tenants.set(tenantId, answers);
      }
      answers.lastUsedAt = at;
      watchTenant(tenantId, answers);
      const key = statsQueryKey(query);
      const seen = answers.entries.get(key);
      if (seen) return seen.promise;
      const entry: Entry<T> = { promise: compute(), settledAt: undefined };
      answers.entries.set(key, entry);
      const mine = answers;
      entry.promise.then(
        () => {
          if (mine.entries.get(key) !== entry) return;
          if (mine.watched && cacheMs > 0 && kept < maxEntries) {
            entry.settledAt = now();
            kept += 1;
          } else {
            mine.entries.delete(key);
          }
        },
        () => forget(mine, key, entry),
      );
      return entry.promise;
    },
    watch(source) {
      changes = source;
      return () => {
        if (changes !== source) return;
        changes = undefined;
        for (const [tenantId, answers] of tenants) {
          answers.unsubscribe?.();
          answers.unsubscribe = undefined;
          answers.watched = false;
          invalidate(tenantId);
        }
      };
    },
    invalidate,
  };
}
