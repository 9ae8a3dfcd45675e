import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';

/** Read notifications are kept 30 days, any notification 90 days (their deliveries go with them). */
export const readRetentionDays = 30;
export const retentionDays = 90;

/**
 * Deletes what the retention rules no longer keep, across tenants (the owner pool: a timer has no
 * tenant), in batches so a large backlog never holds a long lock.
 */
export async function deleteOldNotifications(database: Database, now = new Date()): Promise<number> {
  const readBefore = new Date(now.getTime() - readRetentionDays * 86_400_000);
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  let deleted = 0;
  for (;;) {
    const result = await sql`
      delete from notifications.notifications where id in (
        select id from notifications.notifications
        where (read_at is not null and read_at < ${readBefore}) or created_at < ${before}
        limit 5000)`.execute(database.owner);
    const n = Number(result.numAffectedRows ?? 0n);
    deleted += n;
    if (n < 5000) return deleted;
  }
}
