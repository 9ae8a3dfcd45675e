import type { Insertable, Selectable } from 'kysely';
import type { ItemsTable, PrivacyTransaction } from '../db/privacy.tables.js';

/** The SQL of the feature, and nothing else; row-level security narrows every query to the transaction's tenant. */

export type ItemRow = Selectable<ItemsTable>;

export async function insertItem(trx: PrivacyTransaction, row: Insertable<ItemsTable>): Promise<ItemRow> {
  return trx.insertInto('privacy.items').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listItems(trx: PrivacyTransaction): Promise<ItemRow[]> {
  return trx.selectFrom('privacy.items').selectAll().orderBy('createdAt', 'desc').execute();
}

export async function findItem(trx: PrivacyTransaction, id: string): Promise<ItemRow | undefined> {
  return trx.selectFrom('privacy.items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAnnounced(trx: PrivacyTransaction, id: string): Promise<void> {
  await trx
    .updateTable('privacy.items')
    .set({ announcedAt: new Date() })
    .where('id', '=', id)
    .where('announcedAt', 'is', null)
    .execute();
}
