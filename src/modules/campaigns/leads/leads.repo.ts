import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type {
  CampaignsTransaction,
  ColumnMappingsTable,
  ImportState,
  LeadImportRejectionsTable,
  LeadImportsTable,
  LeadListsTable,
  LeadsTable,
  LeadStatus,
  LeadStatusHistoryTable,
} from '../db/campaigns.tables.js';

/** The SQL of leads, lists, mappings and imports; row-level security narrows every query to the transaction's tenant. */

export type LeadListRow = Selectable<LeadListsTable> & { leadCount: number };
export type LeadRow = Selectable<LeadsTable>;
export type LeadImportRow = Selectable<LeadImportsTable>;
export type ColumnMappingRow = Selectable<ColumnMappingsTable>;
export type StatusHistoryRow = Selectable<LeadStatusHistoryTable>;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

// lists

function listsWithCount(trx: CampaignsTransaction) {
  return trx
    .selectFrom('campaigns.lead_lists as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .selectFrom('campaigns.leads as d')
        .whereRef('d.listId', '=', 'l.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('leadCount'),
    );
}

/** undefined when the name is taken. */
export async function insertList(
  trx: CampaignsTransaction,
  row: Insertable<LeadListsTable>,
): Promise<LeadListRow | undefined> {
  try {
    await trx.insertInto('campaigns.lead_lists').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
  return findList(trx, row.id);
}

export async function findList(trx: CampaignsTransaction, id: string): Promise<LeadListRow | undefined> {
  const row = await listsWithCount(trx).where('l.id', '=', id).executeTakeFirst();
  return row ? { ...row, leadCount: row.leadCount ?? 0 } : undefined;
}

export async function listLists(trx: CampaignsTransaction): Promise<LeadListRow[]> {
  const rows = await listsWithCount(trx).orderBy('l.name').execute();
  return rows.map((row) => ({ ...row, leadCount: row.leadCount ?? 0 }));
}

/** 'taken' when the new name is another list's; undefined when there is no such list. */
export async function updateList(
  trx: CampaignsTransaction,
  id: string,
  changes: Partial<Pick<LeadListsTable, 'name' | 'description' | 'defaultRegion'>>,
): Promise<LeadListRow | 'taken' | undefined> {
  try {
    const updated = await trx
      .updateTable('campaigns.lead_lists')
      .set({ ...changes, updatedAt: new Date() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return undefined;
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
  return findList(trx, id);
}

export async function deleteList(trx: CampaignsTransaction, id: string): Promise<boolean> {
  // The status history is append-only for the application: the list's leads' history goes with
  // the leads by the foreign key's cascade, which runs with the owner's rights.
  const result = await trx.deleteFrom('campaigns.lead_lists').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// leads

export interface InsertedLead {
  readonly id: string;
  readonly phoneIndex: Buffer;
}

/** Inserts the leads a list does not have yet (by number); returns those inserted. */
export async function insertLeads(
  trx: CampaignsTransaction,
  rows: readonly Insertable<LeadsTable>[],
): Promise<InsertedLead[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto('campaigns.leads')
    .values([...rows])
    .onConflict((oc) => oc.columns(['tenantId', 'listId', 'phoneIndex']).doNothing())
    .returning(['id', 'phoneIndex'])
    .execute();
}

export async function insertStatusHistory(
  trx: CampaignsTransaction,
  rows: readonly Insertable<LeadStatusHistoryTable>[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('campaigns.lead_status_history')
      .values([...rows])
      .execute();
}

export interface LeadFilter {
  readonly listId?: string | undefined;
  readonly phoneIndex?: Buffer | undefined;
  readonly emailIndex?: Buffer | undefined;
  readonly status?: LeadStatus | undefined;
  /** Keyset: leads older than this (created_at, id). */
  readonly before?: { readonly createdAt: Date; readonly id: string } | undefined;
  readonly limit: number;
}

/** Newest first. */
export async function listLeads(trx: CampaignsTransaction, filter: LeadFilter): Promise<LeadRow[]> {
  let query = trx.selectFrom('campaigns.leads').selectAll();
  if (filter.listId) query = query.where('listId', '=', filter.listId);
  if (filter.phoneIndex) query = query.where('phoneIndex', '=', filter.phoneIndex);
  if (filter.emailIndex) query = query.where('emailIndex', '=', filter.emailIndex);
  if (filter.status) query = query.where('status', '=', filter.status);
  const before = filter.before;
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb('createdAt', '<', before.createdAt),
        eb.and([eb('createdAt', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function findLead(trx: CampaignsTransaction, id: string): Promise<LeadRow | undefined> {
  return trx.selectFrom('campaigns.leads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves the lead from `from` to `to`; false when its status is no longer `from` (changed meanwhile). */
export async function updateLeadStatus(
  trx: CampaignsTransaction,
  id: string,
  from: LeadStatus,
  to: LeadStatus,
): Promise<boolean> {
  const updated = await trx
    .updateTable('campaigns.leads')
    .set({ status: to, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function statusHistory(trx: CampaignsTransaction, leadId: string): Promise<StatusHistoryRow[]> {
  return trx
    .selectFrom('campaigns.lead_status_history')
    .selectAll()
    .where('leadId', '=', leadId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

// column mappings

export async function insertMapping(
  trx: CampaignsTransaction,
  row: Insertable<ColumnMappingsTable>,
): Promise<ColumnMappingRow | undefined> {
  try {
    return await trx
      .insertInto('campaigns.column_mappings')
      .values({ ...row, mapping: JSON.stringify(row.mapping) })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export async function listMappings(trx: CampaignsTransaction): Promise<ColumnMappingRow[]> {
  return trx.selectFrom('campaigns.column_mappings').selectAll().orderBy('name').execute();
}

export async function findMapping(
  trx: CampaignsTransaction,
  id: string,
): Promise<ColumnMappingRow | undefined> {
  return trx.selectFrom('campaigns.column_mappings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteMapping(trx: CampaignsTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('campaigns.column_mappings').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// imports

export async function insertImport(
  trx: CampaignsTransaction,
  row: Insertable<LeadImportsTable>,
): Promise<LeadImportRow> {
  return trx
    .insertInto('campaigns.lead_imports')
    .values({ ...row, mapping: JSON.stringify(row.mapping) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findImport(trx: CampaignsTransaction, id: string): Promise<LeadImportRow | undefined> {
  return trx.selectFrom('campaigns.lead_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listImports(trx: CampaignsTransaction, limit: number): Promise<LeadImportRow[]> {
  return trx
    .selectFrom('campaigns.lead_imports')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Claims an unfinished import for a run of `seconds`: only when no other run holds it. The first
 * claim moves it from queued to scanning.
 */
export async function claimImport(
  trx: CampaignsTransaction,
  id: string,
  seconds: number,
): Promise<LeadImportRow | undefined> {
  return trx
    .updateTable('campaigns.lead_imports')
    .set((eb) => ({
      claimedUntil: sql<Date>`now() + make_interval(secs => ${seconds})`,
      attempts: eb('attempts', '+', 1),
      state: sql<ImportState>`CASE WHEN state = 'queued' THEN 'scanning' ELSE state END`,
      startedAt: sql<Date>`coalesce(started_at, now())`,
    }))
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'scanning', 'importing'])
    .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}

export async function updateImport(
  trx: CampaignsTransaction,
  id: string,
  changes: Updateable<LeadImportsTable>,
): Promise<void> {
  await trx.updateTable('campaigns.lead_imports').set(changes).where('id', '=', id).execute();
}

/** Adds one batch's counts and moves the checkpoint; extends the claim. */
export async function recordBatch(
  trx: CampaignsTransaction,
  id: string,
  batch: { read: number; accepted: number; rejected: number; duplicate: number; lastRow: number },
  claimSeconds: number,
): Promise<void> {
  await trx
    .updateTable('campaigns.lead_imports')
    .set((eb) => ({
      rowsRead: eb('rowsRead', '+', batch.read),
      rowsAccepted: eb('rowsAccepted', '+', batch.accepted),
      rowsRejected: eb('rowsRejected', '+', batch.rejected),
      rowsDuplicate: eb('rowsDuplicate', '+', batch.duplicate),
      checkpointRow: batch.lastRow,
      claimedUntil: sql<Date>`now() + make_interval(secs => ${claimSeconds})`,
    }))
    .where('id', '=', id)
    .execute();
}

export async function insertRejections(
  trx: CampaignsTransaction,
  rows: readonly Insertable<LeadImportRejectionsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('campaigns.lead_import_rejections')
    .values([...rows])
    .onConflict((oc) => oc.columns(['tenantId', 'importId', 'rowNumber']).doNothing())
    .execute();
}

export async function listRejections(
  trx: CampaignsTransaction,
  importId: string,
  after: number,
  limit: number,
): Promise<Selectable<LeadImportRejectionsTable>[]> {
  return trx
    .selectFrom('campaigns.lead_import_rejections')
    .selectAll()
    .where('importId', '=', importId)
    .where('rowNumber', '>', after)
    .orderBy('rowNumber')
    .limit(limit)
    .execute();
}

/**
 * Unfinished imports no run holds (its claim lapsed, or it was never claimed a minute after it was
 * queued), across tenants: on the owner connection, reading ids only.
 */
export async function stalledImports(
  owner: Kysely<NoTables>,
  limit: number,
): Promise<{ id: string; tenantId: string }[]> {
  const { rows } = await sql<{ id: string; tenantId: string }>`
    select id, tenant_id as "tenantId" from campaigns.lead_imports
    where state in ('queued', 'scanning', 'importing')
      and (claimed_until < now() or (claimed_until is null and created_at < now() - interval '1 minute'))
    order by created_at limit ${limit}`.execute(owner);
  return rows;
}
