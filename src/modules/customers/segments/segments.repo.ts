import type { Insertable, Selectable } from 'kysely';
import type { CustomersTransaction, SegmentsTable } from '../db/customers.tables.js';
import type { CustomerRow } from '../profiles/profiles.repo.js';

export type SegmentRow = Selectable<SegmentsTable>;

export async function insertSegment(
  trx: CustomersTransaction,
  row: Insertable<SegmentsTable>,
): Promise<SegmentRow> {
  return trx.insertInto('customers.segments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listSegments(trx: CustomersTransaction): Promise<SegmentRow[]> {
  return trx.selectFrom('customers.segments').selectAll().orderBy('name').limit(500).execute();
}

export async function findSegment(trx: CustomersTransaction, id: string): Promise<SegmentRow | undefined> {
  return trx.selectFrom('customers.segments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSegment(
  trx: CustomersTransaction,
  id: string,
  changes: { name?: string; description?: string | null; rules?: string },
): Promise<SegmentRow | undefined> {
  return trx
    .updateTable('customers.segments')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSegment(trx: CustomersTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('customers.segments').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Active, unrestricted profiles below `before` (newest first): the candidates of a segment. */
export async function candidates(
  trx: CustomersTransaction,
  before: string | undefined,
  limit: number,
): Promise<CustomerRow[]> {
  let query = trx
    .selectFrom('customers.customers')
    .selectAll()
    .where('status', '=', 'active')
    .where('restricted', '=', false);
  if (before) query = query.where('id', '<', before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** The latest consent entry of each purpose of these customers. */
export async function currentConsents(
  trx: CustomersTransaction,
  customerIds: readonly string[],
): Promise<{ customerId: string; purpose: string; granted: boolean }[]> {
  if (customerIds.length === 0) return [];
  return trx
    .selectFrom('customers.consents')
    .distinctOn(['customerId', 'purpose'])
    .select(['customerId', 'purpose', 'granted'])
    .where('customerId', 'in', [...customerIds])
    .orderBy('customerId')
    .orderBy('purpose')
    .orderBy('at', 'desc')
    .orderBy('recordedAt', 'desc')
    .execute();
}
