import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { EventEnvelope } from './event.envelope.js';

/**
 * Exactly-once effects on top of at-least-once delivery: the (group, event id) row and the
 * handler's writes commit in one withTenant transaction, so a redelivery finds the row and skips.
 * A concurrent second delivery waits on the primary key until the first commits, then skips.
 */
export async function applyOnce<DB, T>(
  database: Database,
  group: string,
  event: EventEnvelope,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<{ done: true; value: T } | { done: false }> {
  return database.withTenant<DB, { done: true; value: T } | { done: false }>(
    { tenantId: event.tenantId },
    async (trx) => {
      const inserted = await sql`insert into bus.inbox (group_name, event_id, tenant_id)
      values (${group}, ${event.id}::uuid, ${event.tenantId}::uuid) on conflict do nothing`.execute(trx);
      if (inserted.numAffectedRows === 0n) return { done: false };
      return { done: true, value: await fn(trx) };
    },
  );
}
