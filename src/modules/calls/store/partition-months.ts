import type { Database } from '../../../platform/db/index.js';
import { ensureMonthPartitions } from './call-writes.repo.js';

/**
 * Makes sure the monthly partitions exist before rows of a month are written. Months already
 * seen by this process are remembered (a cache only: every replica checks on its own, and the
 * database function is idempotent), so a steady stream of calls costs nothing. Months outside
 * 1990 .. two years ahead are left to the default partition.
 */
export interface PartitionMonths {
  ensureFor(startedAt: Iterable<string | Date>): Promise<number>;
  /** The previous month through `monthsAhead` months after `now`. */
  ensureAround(now: Date, monthsAhead: number): Promise<number>;
}

function monthStart(value: string | Date): Date {
  const at = new Date(value);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function createPartitionMonths(
  database: Database,
  now: () => Date = () => new Date(),
): PartitionMonths {
  const known = new Set<number>();
  const ensure = async (months: Iterable<Date>): Promise<number> => {
    const lowest = Date.UTC(1990, 0, 1);
    const current = now();
    const highest = Date.UTC(current.getUTCFullYear() + 2, current.getUTCMonth(), 1);
    const missing = new Map<number, Date>();
    for (const month of months) {
      const time = month.getTime();
      if (Number.isNaN(time) || time < lowest || time > highest || known.has(time)) continue;
      missing.set(time, month);
    }
    if (missing.size === 0) return 0;
    // On the owner pool, never the application pool: callers ask from inside their transactions
    // (upsertWithin), and when every application connection is held by such a caller, a check
    // waiting for one of them would wait for ever (seen: a NATS worker's sixteen partition
    // handlers on a pool of five, each holding its inbox transaction).
    const wanted = [...missing.values()];
    let created: number;
    try {
      created = await ensureMonthPartitions(database.owner, wanted);
    } catch (error) {
      // Two callers making one month at once: the second waits on the function's lock, and its
      // catalog cache, not refreshed by an advisory lock, may still miss the table the first
      // made. A new statement sees it and makes nothing.
      if ((error as { code?: string }).code !== '42P07') throw error;
      created = await ensureMonthPartitions(database.owner, wanted);
    }
    for (const time of missing.keys()) known.add(time);
    return created;
  };
  return {
    ensureFor: (startedAt) => ensure([...startedAt].map(monthStart)),
    ensureAround(at, monthsAhead) {
      const first = monthStart(at);
      const months = Array.from(
        { length: monthsAhead + 2 },
        (_, i) => new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - 1 + i, 1)),
      );
      return ensure(months);
    },
  };
}
