import type { Insertable, Selectable } from 'kysely';
import type { ItemsTable, CustomersTransaction } from '../db/customers.tables.js';

/** The SQL of the feature, and nothing else; row-level security narrows every query to the transaction's tenant. */

export type ItemRow = Selectable<ItemsTable>;

export async function insertItem(trx: CustomersTransaction, row: Insertable<ItemsTable>): Promise<ItemRow> {
  return trx.insertInto('customers.items').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first. */
export async function listItems(trx: CustomersTransaction): Promise<ItemRow[]> {
  return trx.selectFrom('customers.items').selectAll().orderBy('createdAt', 'desc').execute();
}

export async function findItem(trx: CustomersTransaction, id: string): Promise<ItemRow | undefined> {
  return trx.selectFrom('customers.items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAnnounced(trx: CustomersTransaction, id: string): Promise<void> {
  await trx
    .updateTable('customers.items')
    .set({ announcedAt: new Date() })
    .where('id', '=', id)
    .where('announcedAt', 'is', null)
    .execute();
}
