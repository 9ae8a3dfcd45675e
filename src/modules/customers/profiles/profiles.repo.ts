import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type {
  AddressesTable,
  ConsentsTable,
  CustomersTable,
  CustomersTransaction,
  PreferencesTable,
} from '../db/customers.tables.js';

/** The SQL of profiles, addresses, preferences and consents; row-level security narrows every query to the tenant. */

export type CustomerRow = Selectable<CustomersTable>;
export type AddressRow = Selectable<AddressesTable>;
export type ConsentRow = Selectable<ConsentsTable>;
export type PreferencesRow = Selectable<PreferencesTable>;

export async function insertCustomer(
  trx: CustomersTransaction,
  row: Insertable<CustomersTable>,
): Promise<CustomerRow> {
  return trx.insertInto('customers.customers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function replaceNameTerms(
  trx: CustomersTransaction,
  tenantId: string,
  customerId: string,
  terms: readonly Buffer[],
): Promise<void> {
  await trx.deleteFrom('customers.name_terms').where('customerId', '=', customerId).execute();
  if (terms.length > 0)
    await trx
      .insertInto('customers.name_terms')
      .values(terms.map((term) => ({ tenantId, customerId, term })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function findCustomer(trx: CustomersTransaction, id: string): Promise<CustomerRow | undefined> {
  return trx.selectFrom('customers.customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCustomerForUpdate(
  trx: CustomersTransaction,
  id: string,
): Promise<CustomerRow | undefined> {
  return trx
    .selectFrom('customers.customers')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findByUser(
  trx: CustomersTransaction,
  userId: string,
): Promise<CustomerRow | undefined> {
  return trx.selectFrom('customers.customers').selectAll().where('userId', '=', userId).executeTakeFirst();
}

/** Active profiles with this e-mail index and no client user yet (the one a new client takes over). */
export async function unlinkedByEmail(trx: CustomersTransaction, emailIndex: Buffer): Promise<CustomerRow[]> {
  return trx
    .selectFrom('customers.customers')
    .selectAll()
    .where('emailIndex', '=', emailIndex)
    .where('userId', 'is', null)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(2)
    .execute();
}

export interface SearchFilter {
  readonly emailIndex?: Buffer | undefined;
  readonly phoneIndex?: Buffer | undefined;
  /** Every one of these name words must match. */
  readonly nameTerms?: readonly Buffer[] | undefined;
  /** Keyset: ids below this one (ids are time-ordered, so newest first). */
  readonly before?: string | undefined;
  readonly limit: number;
}

/** Newest first; a filter with several look-ups matches any of them. */
export async function searchCustomers(
  trx: CustomersTransaction,
  filter: SearchFilter,
): Promise<CustomerRow[]> {
  let query = trx.selectFrom('customers.customers as c').selectAll('c');
  const { emailIndex, phoneIndex, nameTerms } = filter;
  if (emailIndex || phoneIndex || nameTerms) {
    query = query.where((eb) => {
      const any = [];
      if (emailIndex) any.push(eb('c.emailIndex', '=', emailIndex));
      if (phoneIndex) any.push(eb('c.phoneIndex', '=', phoneIndex));
      if (nameTerms && nameTerms.length > 0)
        any.push(
          eb(
            'c.id',
            'in',
            eb
              .selectFrom('customers.name_terms as t')
              .select('t.customerId')
              .where('t.term', 'in', [...nameTerms])
              .groupBy('t.customerId')
              .having(
                sql<number>`count(distinct t.term)`,
                '=',
                new Set(nameTerms.map((t) => t.toString('hex'))).size,
              ),
          ),
        );
      return any.length > 0 ? eb.or(any) : eb.val(false);
    });
  }
  if (filter.before) query = query.where('c.id', '<', filter.before);
  return query.orderBy('c.id', 'desc').limit(filter.limit).execute();
}

/** Updates a profile if it is still at `version`; undefined when someone else got there first. */
export async function updateCustomer(
  trx: CustomersTransaction,
  id: string,
  version: number,
  changes: Updateable<CustomersTable>,
): Promise<CustomerRow | undefined> {
  return trx
    .updateTable('customers.customers')
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function touchActivity(trx: CustomersTransaction, id: string, at: Date): Promise<void> {
  await trx
    .updateTable('customers.customers')
    .set({ lastActivityAt: at })
    .where('id', '=', id)
    .where('lastActivityAt', '<', at)
    .execute();
}

export async function insertAddress(
  trx: CustomersTransaction,
  row: Insertable<AddressesTable>,
): Promise<AddressRow> {
  return trx.insertInto('customers.addresses').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listAddresses(trx: CustomersTransaction, customerId: string): Promise<AddressRow[]> {
  return trx
    .selectFrom('customers.addresses')
    .selectAll()
    .where('customerId', '=', customerId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function deleteAddress(
  trx: CustomersTransaction,
  customerId: string,
  id: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('customers.addresses')
    .where('customerId', '=', customerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function deleteAddresses(trx: CustomersTransaction, customerId: string): Promise<number> {
  const result = await trx
    .deleteFrom('customers.addresses')
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findPreferences(
  trx: CustomersTransaction,
  customerId: string,
): Promise<PreferencesRow | undefined> {
  return trx
    .selectFrom('customers.preferences')
    .selectAll()
    .where('customerId', '=', customerId)
    .executeTakeFirst();
}

export async function upsertPreferences(
  trx: CustomersTransaction,
  tenantId: string,
  customerId: string,
  preferences: unknown,
): Promise<void> {
  const json = JSON.stringify(preferences);
  await trx
    .insertInto('customers.preferences')
    .values({ tenantId, customerId, preferences: json })
    .onConflict((oc) => oc.column('customerId').doUpdateSet({ preferences: json, updatedAt: new Date() }))
    .execute();
}

export async function deletePreferences(trx: CustomersTransaction, customerId: string): Promise<number> {
  const result = await trx
    .deleteFrom('customers.preferences')
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertConsents(
  trx: CustomersTransaction,
  rows: readonly Insertable<ConsentsTable>[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('customers.consents')
      .values([...rows])
      .execute();
}

/** Oldest first: the order the history was written in. */
export async function listConsents(trx: CustomersTransaction, customerId: string): Promise<ConsentRow[]> {
  return trx
    .selectFrom('customers.consents')
    .selectAll()
    .where('customerId', '=', customerId)
    .orderBy('at')
    .orderBy('recordedAt')
    .orderBy('id')
    .execute();
}

export async function findSettingsRegion(trx: CustomersTransaction): Promise<string | undefined> {
  const row = await trx.selectFrom('customers.settings').select('defaultRegion').executeTakeFirst();
  return row?.defaultRegion;
}

export async function upsertSettingsRegion(
  trx: CustomersTransaction,
  tenantId: string,
  defaultRegion: string,
): Promise<void> {
  await trx
    .insertInto('customers.settings')
    .values({ tenantId, defaultRegion })
    .onConflict((oc) => oc.column('tenantId').doUpdateSet({ defaultRegion, updatedAt: new Date() }))
    .execute();
}

/** Profiles matching any of these (the privacy contract's look-up). */
export async function findSubjectRows(
  trx: CustomersTransaction,
  match: {
    readonly ids: readonly string[];
    readonly userIds: readonly string[];
    readonly emailIndexes: readonly Buffer[];
    readonly phoneIndexes: readonly Buffer[];
  },
): Promise<CustomerRow[]> {
  if (match.ids.length + match.userIds.length + match.emailIndexes.length + match.phoneIndexes.length === 0)
    return [];
  return trx
    .selectFrom('customers.customers')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(match.ids.length > 0 ? [eb('id', 'in', [...match.ids])] : []),
        ...(match.userIds.length > 0 ? [eb('userId', 'in', [...match.userIds])] : []),
        ...(match.emailIndexes.length > 0 ? [eb('emailIndex', 'in', [...match.emailIndexes])] : []),
        ...(match.phoneIndexes.length > 0 ? [eb('phoneIndex', 'in', [...match.phoneIndexes])] : []),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

export async function setRestricted(
  trx: CustomersTransaction,
  ids: readonly string[],
  restricted: boolean,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('customers.customers')
    .set((eb) => ({ restricted, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
}
