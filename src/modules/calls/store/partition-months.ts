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
    const created = await ensureMonthPartitions(database.app, [...missing.values()]);
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
