import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { NoTables } from '../../platform/db/index.js';
import type {
  DeliveriesTable,
  EndpointsTable,
  MessagesTable,
  WebhooksTransaction,
} from './db/webhooks.tables.js';

/** The module's SQL; row-level security narrows every tenant query to the transaction's tenant. */

export type EndpointRow = Selectable<EndpointsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type MessageRow = Selectable<MessagesTable>;

export async function insertEndpoint(
  trx: WebhooksTransaction,
  row: Insertable<EndpointsTable>,
): Promise<EndpointRow> {
  return trx.insertInto('webhooks.endpoints').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listEndpoints(trx: WebhooksTransaction): Promise<EndpointRow[]> {
  return trx.selectFrom('webhooks.endpoints').selectAll().orderBy('createdAt', 'desc').execute();
}

export async function findEndpoint(trx: WebhooksTransaction, id: string): Promise<EndpointRow | undefined> {
  return trx.selectFrom('webhooks.endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateEndpoint(
  trx: WebhooksTransaction,
  id: string,
  patch: Updateable<EndpointsTable>,
): Promise<EndpointRow | undefined> {
  return trx
    .updateTable('webhooks.endpoints')
    .set({ ...patch, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteEndpoint(trx: WebhooksTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('webhooks.endpoints').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Enabled endpoints of the tenant subscribed to the type. */
export async function subscribedEndpoints(
  trx: WebhooksTransaction,
  eventType: string,
): Promise<EndpointRow[]> {
  return trx
    .selectFrom('webhooks.endpoints')
    .selectAll()
    .where('enabled', '=', true)
    .where(sql<boolean>`${eventType} = any(event_types)`)
    .execute();
}

/** Which of `eventTypes` an enabled endpoint of the tenant subscribed to. */
export async function subscribedTypes(
  trx: WebhooksTransaction,
  eventTypes: readonly string[],
): Promise<string[]> {
  const { rows } = await sql<{
    type: string;
  }>`select t.type from unnest(${[...eventTypes]}::text[]) as t(type)
    where exists (select 1 from webhooks.endpoints e where e.enabled and t.type = any(e.event_types))`.execute(
    trx,
  );
  return rows.map((row) => row.type);
}

export async function insertMessage(trx: WebhooksTransaction, row: Insertable<MessagesTable>): Promise<void> {
  await trx
    .insertInto('webhooks.messages')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findMessage(trx: WebhooksTransaction, id: string): Promise<MessageRow | undefined> {
  return trx.selectFrom('webhooks.messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One delivery per endpoint and event: a second insert of the pair changes nothing. */
export async function insertDeliveries(
  trx: WebhooksTransaction,
  rows: readonly Insertable<DeliveriesTable>[],
): Promise<DeliveryRow[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto('webhooks.deliveries')
    .values([...rows])
    .onConflict((oc) => oc.columns(['endpointId', 'messageId']).doNothing())
    .returningAll()
    .execute();
}

export async function findDelivery(trx: WebhooksTransaction, id: string): Promise<DeliveryRow | undefined> {
  return trx.selectFrom('webhooks.deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDeliveries(
  trx: WebhooksTransaction,
  endpointId: string,
  limit: number,
): Promise<DeliveryRow[]> {
  return trx
    .selectFrom('webhooks.deliveries')
    .selectAll()
    .where('endpointId', '=', endpointId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function updateDelivery(
  trx: WebhooksTransaction,
  id: string,
  patch: Updateable<DeliveriesTable>,
): Promise<DeliveryRow | undefined> {
  return trx
    .updateTable('webhooks.deliveries')
    .set({ ...patch, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Claims pending deliveries due at `at`, across tenants (owner connection): each gets a claim of
 * `leaseMs` on the clock (not on `at`, which a caller may set ahead to send retries early), so no
 * other sender (another replica, the next tick) takes it while it is sent. Recording the attempt
 * clears the claim; a sender that dies mid-attempt leaves it to be tried again when the claim passes.
 */
export async function claimDue(
  owner: Kysely<NoTables>,
  at: Date,
  leaseMs: number,
  limit: number,
): Promise<{ id: string; tenantId: string }[]> {
  const { rows } = await sql<{ id: string; tenantId: string }>`
    update webhooks.deliveries d set claimed_until = now() + ${leaseMs} * interval '1 millisecond'
    where d.id in (
      select id from webhooks.deliveries
      where state = 'pending' and next_attempt_at <= ${at}
        and (claimed_until is null or claimed_until <= now())
      order by next_attempt_at, id limit ${limit}
      for update skip locked)
    returning d.id, d.tenant_id as "tenantId"`.execute(owner);
  return rows;
}

/**
 * Housekeeping across tenants (owner connection): events whose deliveries all settled before
 * `settledBefore` go, with their deliveries (cascade); so do events left without any delivery
 * (their endpoints were deleted) once `orphanedBefore` has passed.
 */
export async function pruneMessages(
  owner: Kysely<NoTables>,
  settledBefore: Date,
  orphanedBefore: Date,
): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from webhooks.messages m
      where (m.created_at < ${settledBefore}
             and not exists (select 1 from webhooks.deliveries d where d.message_id = m.id
                             and (d.state = 'pending' or d.updated_at >= ${settledBefore})))
         or (m.created_at < ${orphanedBefore}
             and not exists (select 1 from webhooks.deliveries d where d.message_id = m.id))
      returning 1)
    select count(*) as n from gone`.execute(owner);
  return Number(rows[0]?.n ?? 0);
}
