import { sql, type Insertable, type Selectable } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { DeliveriesTable, NotificationsTransaction } from '../db/notifications.tables.js';

export type DeliveryRow = Selectable<DeliveriesTable>;

export async function insertDeliveries(
  trx: NotificationsTransaction,
  rows: readonly Insertable<DeliveriesTable>[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('notifications.deliveries')
      .values([...rows])
      .execute();
}

export async function deliveriesOf(
  trx: NotificationsTransaction,
  notificationId: string,
): Promise<DeliveryRow[]> {
  return trx
    .selectFrom('notifications.deliveries')
    .selectAll()
    .where('notificationId', '=', notificationId)
    .orderBy('channel')
    .execute();
}

/** A delivery stuck in `sending` this long was left by a crashed process: it is taken again. */
const staleSendingMs = 5 * 60_000;

/**
 * Takes a due delivery for sending (one process wins): `sending`, one more attempt. Undefined when
 * it is not due or another process has it.
 */
export async function claimDelivery(
  trx: NotificationsTransaction,
  id: string,
  now: Date,
): Promise<DeliveryRow | undefined> {
  return trx
    .updateTable('notifications.deliveries')
    .set({ status: 'sending', attempts: sql`attempts + 1`, updatedAt: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['queued', 'deferred']), eb('dueAt', '<=', now)]),
        eb.and([
          eb('status', '=', 'sending'),
          eb('updatedAt', '<', new Date(now.getTime() - staleSendingMs)),
        ]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function settleDelivery(
  trx: NotificationsTransaction,
  id: string,
  changes: Partial<
    Pick<DeliveryRow, 'status' | 'reason' | 'providerId' | 'sentAt' | 'dueAt' | 'contentCiphertext'>
  >,
): Promise<void> {
  await trx
    .updateTable('notifications.deliveries')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Due deliveries of every tenant (the dispatcher's sweep; the owner pool, ids only). */
export async function dueDeliveries(
  database: Database,
  now: Date,
  limit: number,
): Promise<{ tenantId: string; id: string }[]> {
  const { rows } = await sql<{ tenantId: string; id: string }>`
    select tenant_id as "tenantId", id from notifications.deliveries
    where (status in ('queued', 'deferred') and due_at <= ${now})
       or (status = 'sending' and updated_at < ${new Date(now.getTime() - staleSendingMs)})
    order by due_at limit ${limit}`.execute(database.owner);
  return rows;
}
