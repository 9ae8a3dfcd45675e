import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type {
  ConversationsTransaction,
  RecordingSourceCursorsTable,
  RecordingSourceRunsTable,
  RecordingSourcesTable,
} from '../db/conversations.tables.js';

export type SourceRow = Selectable<RecordingSourcesTable>;
export type CursorRow = Selectable<RecordingSourceCursorsTable>;
export type RunRow = Selectable<RecordingSourceRunsTable>;

const sources = 'conversations.recording_sources' as const;
const cursors = 'conversations.recording_source_cursors' as const;
const runs = 'conversations.recording_source_runs' as const;

/** Runs kept per source; older ones are removed when a run ends. */
const runsKept = 200;

export async function insertSource(
  trx: ConversationsTransaction,
  row: Insertable<RecordingSourcesTable>,
): Promise<SourceRow | undefined> {
  return trx
    .insertInto(sources)
    .values(row)
    .onConflict((oc) => oc.columns(['tenantId', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findSource(trx: ConversationsTransaction, id: string): Promise<SourceRow | undefined> {
  return trx.selectFrom(sources).selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSources(trx: ConversationsTransaction): Promise<SourceRow[]> {
  return trx.selectFrom(sources).selectAll().orderBy('createdAt').orderBy('id').execute();
}

export async function nameTaken(
  trx: ConversationsTransaction,
  name: string,
  except: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom(sources)
    .select('id')
    .where('name', '=', name)
    .where('id', '<>', except)
    .executeTakeFirst();
  return row !== undefined;
}

export function updateSource(
  trx: ConversationsTransaction,
  id: string,
  change: Updateable<RecordingSourcesTable>,
): Promise<SourceRow | undefined> {
  return trx
    .updateTable(sources)
    .set({ ...change, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSource(trx: ConversationsTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom(sources).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** The run's bookkeeping on its source: what the list shows, and when the timer comes back. */
export async function noteRun(
  trx: ConversationsTransaction,
  id: string,
  change: Pick<Updateable<RecordingSourcesTable>, 'lastRunAt' | 'lastRunStatus' | 'lastError' | 'nextRunAt'>,
): Promise<void> {
  await trx.updateTable(sources).set(change).where('id', '=', id).execute();
}

export function findCursor(trx: ConversationsTransaction, sourceId: string): Promise<CursorRow | undefined> {
  return trx.selectFrom(cursors).selectAll().where('sourceId', '=', sourceId).executeTakeFirst();
}

export function cursorsOf(trx: ConversationsTransaction, sourceIds: readonly string[]): Promise<CursorRow[]> {
  if (sourceIds.length === 0) return Promise.resolve([]);
  return trx.selectFrom(cursors).selectAll().where('sourceId', 'in', sourceIds).execute();
}

/** Moves the high-water mark (only forward) and adds the run's counts to the totals. */
export async function saveCursor(
  trx: ConversationsTransaction,
  input: {
    sourceId: string;
    tenantId: string;
    highWaterMark: Date;
    succeededAt: Date;
    imported: number;
    duplicates: number;
    failed: number;
  },
): Promise<void> {
  await sql`
    insert into conversations.recording_source_cursors
      (source_id, tenant_id, high_water_mark, last_success_at, imported_total, duplicates_total, failed_total)
    values (${input.sourceId}::uuid, ${input.tenantId}::uuid, ${input.highWaterMark}, ${input.succeededAt},
      ${input.imported}, ${input.duplicates}, ${input.failed})
    on conflict (source_id) do update set
      high_water_mark = greatest(recording_source_cursors.high_water_mark, excluded.high_water_mark),
      last_success_at = excluded.last_success_at,
      imported_total = recording_source_cursors.imported_total + excluded.imported_total,
      duplicates_total = recording_source_cursors.duplicates_total + excluded.duplicates_total,
      failed_total = recording_source_cursors.failed_total + excluded.failed_total,
      updated_at = now()`.execute(trx);
}

export async function insertRun(
  trx: ConversationsTransaction,
  row: Insertable<RecordingSourceRunsTable>,
): Promise<RunRow> {
  return trx.insertInto(runs).values(row).returningAll().executeTakeFirstOrThrow();
}

export async function finishRun(
  trx: ConversationsTransaction,
  id: string,
  change: Updateable<RecordingSourceRunsTable>,
): Promise<RunRow | undefined> {
  return trx.updateTable(runs).set(change).where('id', '=', id).returningAll().executeTakeFirst();
}

export function findRun(trx: ConversationsTransaction, id: string): Promise<RunRow | undefined> {
  return trx.selectFrom(runs).selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRuns(trx: ConversationsTransaction, sourceId: string, limit: number): Promise<RunRow[]> {
  return trx
    .selectFrom(runs)
    .selectAll()
    .where('sourceId', '=', sourceId)
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Runs of the source still marked running when a new run holds its lease: their process stopped
 * (its lease ran out). Callback runs hold no lease and are left alone.
 */
export async function abandonStaleRuns(
  trx: ConversationsTransaction,
  sourceId: string,
  except: string,
): Promise<void> {
  await trx
    .updateTable(runs)
    .set({
      state: 'abandoned',
      finishedAt: new Date(),
      error: 'the process running it stopped before it finished',
    })
    .where('sourceId', '=', sourceId)
    .where('state', '=', 'running')
    .where('trigger', '<>', 'callback')
    .where('id', '<>', except)
    .execute();
}

export async function pruneRuns(trx: ConversationsTransaction, sourceId: string): Promise<void> {
  await sql`
    delete from conversations.recording_source_runs where source_id = ${sourceId}::uuid and id in (
      select id from conversations.recording_source_runs where source_id = ${sourceId}::uuid
      order by started_at desc, id desc offset ${runsKept})`.execute(trx);
}

/** Enabled sources whose next run is due, across tenants (the timer's list; owner connection). */
export async function dueSources(
  owner: Kysely<NoTables>,
  at: Date,
  limit: number,
): Promise<{ id: string; tenantId: string }[]> {
  const { rows } = await sql<{ id: string; tenantId: string }>`
    select id, tenant_id as "tenantId" from conversations.recording_sources
    where enabled and (next_run_at is null or next_run_at <= ${at})
    order by next_run_at nulls first, id limit ${limit}`.execute(owner);
  return rows;
}
