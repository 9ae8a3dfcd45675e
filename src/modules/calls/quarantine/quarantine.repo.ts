import type { Insertable, Selectable, Transaction } from 'kysely';
import type { QuarantineListQuery } from '../contract.js';
import type { CallsTables, QuarantineTable } from '../db/calls.tables.js';

type Trx = Transaction<CallsTables>;
export type QuarantineRow = Selectable<QuarantineTable>;

const listColumns = [
  'id',
  'tenantId',
  'source',
  'reason',
  'category',
  'field',
  'rawObjectKey',
  'options',
  'rawSha256',
  'rawBytes',
  'receivedAt',
  'status',
  'replayAttempts',
  'lastReplayError',
  'replayedAt',
  'replayedBy',
] as const;
export type QuarantineListRow = Pick<QuarantineRow, (typeof listColumns)[number]>;

export async function insertQuarantined(
  trx: Trx,
  row: Insertable<QuarantineTable>,
): Promise<QuarantineListRow> {
  return trx.insertInto('calls.quarantine').values(row).returning(listColumns).executeTakeFirstOrThrow();
}

/** Newest first, keyset on (received_at, id). */
export async function listQuarantined(
  trx: Trx,
  query: QuarantineListQuery & { limit: number },
): Promise<QuarantineListRow[]> {
  let select = trx.selectFrom('calls.quarantine').select(listColumns);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.source) select = select.where('source', '=', query.source);
  if (query.category) select = select.where('category', '=', query.category);
  const after = query.after;
  if (after)
    select = select.where((eb) =>
      eb(eb.refTuple('receivedAt', 'id'), '<', eb.tuple(after.receivedAt, after.id)),
    );
  return select.orderBy('receivedAt', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
}

/** Items per stored category, largest first. */
export async function countQuarantinedByCategory(
  trx: Trx,
  query: { status: 'open' | 'replayed'; source?: string | undefined },
): Promise<{ category: string; count: number }[]> {
  let select = trx
    .selectFrom('calls.quarantine')
    .select((eb) => ['category', eb.fn.countAll<string>().as('count')])
    .where('status', '=', query.status);
  if (query.source) select = select.where('source', '=', query.source);
  const rows = await select.groupBy('category').orderBy('count', 'desc').orderBy('category').execute();
  return rows.map((row) => ({ category: row.category, count: Number(row.count) }));
}

export async function findQuarantined(
  trx: Trx,
  id: string,
  options: { lock?: boolean } = {},
): Promise<QuarantineRow | undefined> {
  const select = trx.selectFrom('calls.quarantine').selectAll().where('id', '=', id);
  return (options.lock ? select.forUpdate() : select).executeTakeFirst();
}

export async function markQuarantinedReplayed(
  trx: Trx,
  id: string,
  by: string,
): Promise<QuarantineListRow | undefined> {
  return trx
    .updateTable('calls.quarantine')
    .set((eb) => ({
      status: 'replayed',
      replayedAt: new Date(),
      replayedBy: by,
      replayAttempts: eb('replayAttempts', '+', 1),
      lastReplayError: null,
    }))
    .where('id', '=', id)
    .returning(listColumns)
    .executeTakeFirst();
}

export async function recordReplayFailure(trx: Trx, id: string, reason: string): Promise<void> {
  await trx
    .updateTable('calls.quarantine')
    .set((eb) => ({ replayAttempts: eb('replayAttempts', '+', 1), lastReplayError: reason }))
    .where('id', '=', id)
    .execute();
}
