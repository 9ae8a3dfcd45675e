import { sql, type ColumnType, type Generated, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type { ExportFormat, ExportStatus } from '../contract.js';

/** calls.exports (migration 0011): one background export, its progress and its file. */
export type CallExportsTable = {
  id: string;
  tenantId: string;
  requestedBy: string;
  format: ExportFormat;
  filtersCiphertext: Buffer;
  status: Generated<ExportStatus>;
  attempts: Generated<number>;
  rowsWritten: Generated<number>;
  bytesWritten: Generated<number>;
  objectKey: string | null;
  sha256: string | null;
  error: string | null;
  createdAt: ColumnType<Date, Date | undefined, Date>;
  startedAt: Date | null;
  progressAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
};

export type ExportsTables = { 'calls.exports': CallExportsTable };
type Trx = Transaction<ExportsTables>;
export type ExportRow = Selectable<CallExportsTable>;

/** The console hears every change of a tenant's exports on this channel (payload: the tenant id). */
export const callExportsChannel = 'calls_exports';

export async function notifyExportsChanged(trx: Trx, tenantId: string): Promise<void> {
  await sql`select pg_notify(${callExportsChannel}, ${tenantId})`.execute(trx);
}

export async function insertExport(
  trx: Trx,
  row: { id: string; tenantId: string; requestedBy: string; format: ExportFormat; filtersCiphertext: Buffer },
): Promise<ExportRow> {
  return trx.insertInto('calls.exports').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findExport(trx: Trx, id: string): Promise<ExportRow | undefined> {
  return trx.selectFrom('calls.exports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first (ids are UUIDv7), keyset on id. */
export async function listExports(
  trx: Trx,
  query: { limit: number; before?: string | undefined },
): Promise<ExportRow[]> {
  let select = trx.selectFrom('calls.exports').selectAll();
  if (query.before) select = select.where('id', '<', query.before);
  return select.orderBy('id', 'desc').limit(query.limit).execute();
}

/**
 * Takes the export for one more attempt: queued or running (a worker that stopped mid-way left it
 * running) becomes running with the counts back at zero, since the file is written again from the
 * start. undefined when it is finished or cancelled: nothing to do.
 */
export async function claimExport(trx: Trx, id: string): Promise<ExportRow | undefined> {
  return trx
    .updateTable('calls.exports')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      rowsWritten: 0,
      bytesWritten: 0,
      error: null,
      startedAt: new Date(),
      progressAt: new Date(),
    }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

/** Records progress of a running export; answers its status, so the writer sees a cancellation. */
export async function recordProgress(
  trx: Trx,
  id: string,
  progress: { rows: number; bytes: number },
): Promise<ExportStatus | undefined> {
  const row = await trx
    .updateTable('calls.exports')
    .set({ rowsWritten: progress.rows, bytesWritten: progress.bytes, progressAt: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returning('status')
    .executeTakeFirst();
  if (row) return row.status;
  return (await trx.selectFrom('calls.exports').select('status').where('id', '=', id).executeTakeFirst())
    ?.status;
}

export async function finishExport(
  trx: Trx,
  id: string,
  done: { rows: number; bytes: number; objectKey: string; sha256: string; expiresAt: Date },
): Promise<ExportRow | undefined> {
  return trx
    .updateTable('calls.exports')
    .set({
      status: 'succeeded',
      rowsWritten: done.rows,
      bytesWritten: done.bytes,
      objectKey: done.objectKey,
      sha256: done.sha256,
      finishedAt: new Date(),
      progressAt: new Date(),
      expiresAt: done.expiresAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
}

export async function failExport(trx: Trx, id: string, error: string): Promise<void> {
  await trx
    .updateTable('calls.exports')
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

export async function cancelExport(trx: Trx, id: string): Promise<ExportRow | undefined> {
  return trx
    .updateTable('calls.exports')
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

/** Finished exports whose file is past its expiry, across tenants (the expiry timer, on the owner pool). */
export async function expiredExports(
  owner: Kysely<NoTables>,
  now: Date,
  limit: number,
): Promise<{ id: string; tenantId: string }[]> {
  const { rows } = await sql<{ id: string; tenantId: string }>`
    select id, tenant_id as "tenantId" from calls.exports
    where status = 'succeeded' and expires_at <= ${now}
    order by expires_at limit ${limit}`.execute(owner);
  return rows;
}

export async function markExpired(owner: Kysely<NoTables>, id: string, tenantId: string): Promise<void> {
  await sql`update calls.exports set status = 'expired', object_key = null where id = ${id} and status = 'succeeded'`.execute(
    owner,
  );
  await sql`select pg_notify(${callExportsChannel}, ${tenantId})`.execute(owner);
}

/** Exports still queued since before `cutoff`: their job's start was lost (the sweeper starts them again). */
export async function staleQueuedExports(
  owner: Kysely<NoTables>,
  cutoff: Date,
  limit: number,
): Promise<{ id: string; tenantId: string }[]> {
  const { rows } = await sql<{ id: string; tenantId: string }>`
    select id, tenant_id as "tenantId" from calls.exports
    where status = 'queued' and created_at < ${cutoff}
    order by created_at limit ${limit}`.execute(owner);
  return rows;
}
