import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';

/**
 * How long an event's id is kept after it counted. A redelivery comes from the bus's log, which
 * keeps events seven days (both adapters' default retention); twice that leaves room. A dead
 * letter never counted (its handler failed before anything committed), so its replay, however
 * late, counts it for the first time.
 */
export const countedEventsRetentionDays = 14;

/** Deletes expired event ids across tenants (the owner pool: a timer has no tenant), in batches. */
export async function deleteExpiredCountedEvents(database: Database, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - countedEventsRetentionDays * 86_400_000);
  let deleted = 0;
  for (;;) {
    const result = await sql`
      delete from metering.counted_events where event_id in (
        select event_id from metering.counted_events where counted_at < ${before} limit 10000)`.execute(
      database.owner,
    );
    const n = Number(result.numAffectedRows ?? 0n);
    deleted += n;
    if (n < 10_000) return deleted;
  }
}

export function countedEventsJob(database: Database, logger: Logger): TimerTrigger {
  return {
    kind: 'timer',
    name: 'metering.counted-events',
    cron: '0 45 3 * * *',
    missed: 'run-once',
    run: async () => {
      const deleted = await deleteExpiredCountedEvents(database);
      if (deleted > 0) logger.info({ deleted }, 'expired metering event ids deleted');
    },
  };
}
