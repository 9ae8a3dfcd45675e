import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { EventContext, SqlExecutor } from './bus.types.js';
import type { EventEnvelope } from './event.envelope.js';

/**
 * Records the (group, event id) row in `trx`, a withTenant transaction of the event's tenant;
 * false when it is there already (a delivery before this one committed its effects). A concurrent
 * delivery of the same event waits on the primary key until the other commits or rolls back.
 */
export async function claimInbox(trx: SqlExecutor, group: string, event: EventEnvelope): Promise<boolean> {
  const inserted = await sql`insert into bus.inbox (group_name, event_id, tenant_id)
    values (${group}, ${event.id}::uuid, ${event.tenantId}::uuid) on conflict do nothing`.execute(trx);
  return inserted.numAffectedRows !== 0n;
}

/**
 * `claimInbox` of several events of one tenant in one statement (a handler that commits the
 * effects of a group of events in one transaction): answers how many were recorded now, so fewer
 * than asked means a delivery before this one committed the effects of at least one of them. Rows
 * go in in key order, so two transactions claiming overlapping events wait for each other instead
 * of deadlocking.
 */
export async function claimInboxes(
  trx: SqlExecutor,
  claims: readonly Pick<EventContext, 'group' | 'eventId' | 'tenantId'>[],
): Promise<number> {
  if (claims.length === 0) return 0;
  const inserted = await sql`insert into bus.inbox (group_name, event_id, tenant_id)
    select * from unnest(${claims.map((c) => c.group)}::text[], ${claims.map((c) => c.eventId)}::uuid[],
      ${claims.map((c) => c.tenantId)}::uuid[]) as c(group_name, event_id, tenant_id)
    order by group_name, event_id
    on conflict do nothing`.execute(trx);
  return Number(inserted.numAffectedRows ?? 0n);
}

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
      if (!(await claimInbox(trx, group, event))) return { done: false };
      return { done: true, value: await fn(trx) };
    },
  );
}
