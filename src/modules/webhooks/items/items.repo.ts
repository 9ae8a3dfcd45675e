import type { Insertable, Selectable } from 'kysely';
import type { ItemsTable, WebhooksTransaction } from '../db/webhooks.tables.js';

/** The SQL of the feature, and nothing else; row-level security narrows every query to the transaction's tenant. */

export type ItemRow = Selectable<ItemsTable>;

export async function insertItem(trx: WebhooksTransaction, row: Insertable<ItemsTable>): Promise<ItemRow> {
  return trx.insertInto('webhooks.items').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listItems(trx: WebhooksTransaction): Promise<ItemRow[]> {
  return trx.selectFrom('webhooks.items').selectAll().orderBy('createdAt', 'desc').execute();
}

export async function findItem(trx: WebhooksTransaction, id: string): Promise<ItemRow | undefined> {
  return trx.selectFrom('webhooks.items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAnnounced(trx: WebhooksTransaction, id: string): Promise<void> {
  await trx
    .updateTable('webhooks.items')
    .set({ announcedAt: new Date() })
    .where('id', '=', id)
    .where('announcedAt', 'is', null)
    .execute();
}
