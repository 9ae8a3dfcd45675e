import type { Insertable, Selectable, Updateable } from 'kysely';
import type { IdentityTransaction, UsersTable } from '../db/identity.tables.js';

/** The users of the transaction's tenant (row-level security narrows every query to it). */

export type UserRow = Selectable<UsersTable>;

export async function findUser(
  trx: IdentityTransaction,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserRow | undefined> {
  let query = trx.selectFrom('identity.users').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The user with this blind index of the e-mail address (users.service makes it). */
export async function findUserByEmailIndex(
  trx: IdentityTransaction,
  emailIndex: string,
): Promise<UserRow | undefined> {
  return trx.selectFrom('identity.users').selectAll().where('emailIndex', '=', emailIndex).executeTakeFirst();
}

export async function listUsers(trx: IdentityTransaction): Promise<UserRow[]> {
  return trx.selectFrom('identity.users').selectAll().orderBy('createdAt').execute();
}

export async function insertUser(trx: IdentityTransaction, row: Insertable<UsersTable>): Promise<UserRow> {
  return trx.insertInto('identity.users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The row after `changes`; undefined when no such user. */
export async function updateUser(
  trx: IdentityTransaction,
  id: string,
  changes: Updateable<UsersTable>,
): Promise<UserRow | undefined> {
  return trx
    .updateTable('identity.users')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Whether an active owner other than this user exists. */
export async function hasOtherActiveOwner(trx: IdentityTransaction, exceptUserId: string): Promise<boolean> {
  const others = await trx
    .selectFrom('identity.users')
    .select('id')
    .where('id', '!=', exceptUserId)
    .where('status', '=', 'active')
    .where('roles', '@>', ['owner'])
    .limit(1)
    .execute();
  return others.length > 0;
}
