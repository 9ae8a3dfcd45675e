import type { Insertable, Selectable } from 'kysely';
import type { IdentityTransaction, SavedViewsTable } from '../db/identity.tables.js';

export type SavedViewRow = Selectable<SavedViewsTable>;

/** Every query names the owner: row-level security keeps tenants apart, this keeps users apart. */

export async function listSavedViews(
  trx: IdentityTransaction,
  owner: string,
  list: string,
): Promise<SavedViewRow[]> {
  return trx
    .selectFrom('identity.saved_views')
    .selectAll()
    .where('owner', '=', owner)
    .where('list', '=', list)
    .orderBy('name')
    .execute();
}

export async function insertSavedView(
  trx: IdentityTransaction,
  row: Insertable<SavedViewsTable>,
): Promise<SavedViewRow> {
  return trx.insertInto('identity.saved_views').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSavedView(
  trx: IdentityTransaction,
  owner: string,
  id: string,
  changes: { name?: string | undefined; state?: string | undefined },
): Promise<SavedViewRow | undefined> {
  return trx
    .updateTable('identity.saved_views')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.state === undefined ? {} : { state: changes.state }),
      updatedAt: new Date(),
    })
    .where('owner', '=', owner)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSavedView(
  trx: IdentityTransaction,
  owner: string,
  id: string,
): Promise<SavedViewRow | undefined> {
  return trx
    .deleteFrom('identity.saved_views')
    .where('owner', '=', owner)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
