import type { Insertable, Selectable } from 'kysely';
import type { ItemsTable, NotificationsTransaction } from '../db/notifications.tables.js';

/** The SQL of the feature, and nothing else; row-level security narrows every query to the transaction's tenant. */

export type ItemRow = Selectable<ItemsTable>;

export async function insertItem(
  trx: NotificationsTransaction,
  row: Insertable<ItemsTable>,
): Promise<ItemRow> {
  return trx.insertInto('notifications.items').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listItems(trx: NotificationsTransaction): Promise<ItemRow[]> {
  return trx.selectFrom('notifications.items').selectAll().orderBy('createdAt', 'desc').execute();
}

export async function findItem(trx: NotificationsTransaction, id: string): Promise<ItemRow | undefined> {
  return trx.selectFrom('notifications.items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAnnounced(trx: NotificationsTransaction, id: string): Promise<void> {
  await trx
    .updateTable('notifications.items')
    .set({ announcedAt: new Date() })
    .where('id', '=', id)
    .where('announcedAt', 'is', null)
    .execute();
}
