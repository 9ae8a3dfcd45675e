import type { Database } from '../../../platform/db/index.js';
import type { MeteringTables } from '../db/metering.tables.js';
import { addToRollup, insertCountedEvents, type RollupRow } from './usage.repo.js';
import type { UsageIncrement } from './usage-of-event.js';

/** One handled event's usage: its id makes it count once. */
export interface UsageFact {
  readonly tenantId: string;
  readonly eventId: string;
  /** UTC day, `2024-05-01`. */
  readonly day: string;
  readonly increments: readonly UsageIncrement[];
}

export interface UsageRecorder {
  /** Resolves once the fact is committed: true when it counted, false when its id had counted before. */
  record(fact: UsageFact): Promise<boolean>;
  /** Waits until everything queued is written. */
  drain(): Promise<void>;
}

interface Pending {
  readonly fact: UsageFact;
  readonly resolve: (counted: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/** The day's rows the counted facts add to, one per (day, meter): a batch touches each row once. */
function rollupOf(facts: readonly UsageFact[]): RollupRow[] {
  const sums = new Map<string, RollupRow>();
  for (const fact of facts) {
    for (const { meter, quantity } of fact.increments) {
      const key = `${fact.day}|${meter}`;
      const previous = sums.get(key);
      sums.set(key, {
        day: fact.day,
        meter,
        dimension: '',
        quantity: (previous?.quantity ?? 0n) + BigInt(quantity),
      });
    }
  }
  return [...sums.values()];
}

/**
 * Group commit for usage. Events arrive one handler call at a time (a call record each, thousands
 * a second; sixteen partitions in flight per process), and one transaction per event would spend
 * its time on commits and on the lock of the tenant's hot rollup row. Calls that arrive while a
 * write is in flight wait and are written together by the next: one transaction per tenant of the
 * batch (a few side by side) records the event ids and adds the summed quantities. Each caller learns its own tenant's
 * outcome only, so a failure never fails (and re-delivers) events whose counts committed.
 */
export function createUsageRecorder(deps: {
  readonly database: Database;
  /** Events per write at most. */
  readonly maxBatch?: number;
  /** Tenant transactions of one batch at a time at most (default 4). */
  readonly parallelTenants?: number;
}): UsageRecorder {
  const maxBatch = deps.maxBatch ?? 1_000;
  const parallelTenants = deps.parallelTenants ?? 4;
  const queue: Pending[] = [];
  let running: Promise<void> | undefined;

  async function writeTenant(tenantId: string, pending: readonly Pending[]): Promise<void> {
    const byId = new Map<string, UsageFact>();
    for (const { fact } of pending) if (!byId.has(fact.eventId)) byId.set(fact.eventId, fact);
    try {
      const counted = await deps.database.withTenant<MeteringTables, Set<string>>(
        { tenantId },
        async (trx) => {
          const fresh = await insertCountedEvents(trx, tenantId, [...byId.keys()]);
          await addToRollup(
            trx,
            tenantId,
            rollupOf([...byId.values()].filter((fact) => fresh.has(fact.eventId))),
          );
          return fresh;
        },
      );
      // The same event twice in one batch (two deliveries at once): its first copy counted.
      const answered = new Set<string>();
      for (const { fact, resolve } of pending) {
        resolve(counted.has(fact.eventId) && !answered.has(fact.eventId));
        answered.add(fact.eventId);
      }
    } catch (error) {
      for (const { reject } of pending) reject(error);
    }
  }

  async function flushLoop(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const byTenant = new Map<string, Pending[]>();
      for (const pending of batch) {
        const list = byTenant.get(pending.fact.tenantId);
        if (list) list.push(pending);
        else byTenant.set(pending.fact.tenantId, [pending]);
      }
      // Tenants touch rows of their own: their transactions run side by side, a few at a time
      // (each holds a pooled connection until it commits).
      const tenants = [...byTenant];
      const lanes = Array.from({ length: Math.min(parallelTenants, tenants.length) }, async () => {
        for (let next = tenants.shift(); next; next = tenants.shift()) await writeTenant(next[0], next[1]);
      });
      await Promise.all(lanes);
    }
  }

  function kick(): Promise<void> {
    running ??= flushLoop().finally(() => {
      running = undefined;
      if (queue.length > 0) void kick();
    });
    return running;
  }

  return {
    record(fact) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ fact, resolve, reject });
        void kick();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
