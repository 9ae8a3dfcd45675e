import { sql, type Selectable } from 'kysely';
import type {
  ConversationsTransaction,
  RescoreFailure,
  RescoreJobsTable,
  RescoreScope,
} from '../db/conversations.tables.js';

export type RescoreJobRow = Selectable<RescoreJobsTable>;

/** Reasons kept per job: enough to see what went wrong, bounded so a broken period cannot grow the row. */
export const MAX_FAILURES_KEPT = 100;

export interface NewRescoreJob {
  readonly id: string;
  readonly tenantId: string;
  readonly rangeFrom: Date;
  readonly rangeTo: Date;
  readonly queue: string | null;
  readonly scope: RescoreScope;
  readonly requestedBy: string;
}

/** The new job, or undefined when one for the same range, queue and scope is running (rescore_jobs_one_running). */
export async function insertRescoreJob(
  trx: ConversationsTransaction,
  job: NewRescoreJob,
): Promise<RescoreJobRow | undefined> {
  return trx
    .insertInto('conversations.rescore_jobs')
    .values({
      ...job,
      state: 'running',
      total: null,
      cursorStartedAt: null,
      cursorId: null,
      error: null,
      finishedAt: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function runningRescoreJob(
  trx: ConversationsTransaction,
  job: Pick<NewRescoreJob, 'rangeFrom' | 'rangeTo' | 'queue' | 'scope'>,
): Promise<RescoreJobRow | undefined> {
  return trx
    .selectFrom('conversations.rescore_jobs')
    .selectAll()
    .where('state', '=', 'running')
    .where('rangeFrom', '=', job.rangeFrom)
    .where('rangeTo', '=', job.rangeTo)
    .where(sql<string>`coalesce(queue, '')`, '=', job.queue ?? '')
    .where('scope', '=', job.scope)
    .executeTakeFirst();
}

export async function findRescoreJob(
  trx: ConversationsTransaction,
  id: string,
): Promise<RescoreJobRow | undefined> {
  return trx.selectFrom('conversations.rescore_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first, by keyset after (createdAt, id) when given. */
export async function listRescoreJobs(
  trx: ConversationsTransaction,
  limit: number,
  after?: { readonly createdAt: Date; readonly id: string },
): Promise<RescoreJobRow[]> {
  let query = trx.selectFrom('conversations.rescore_jobs').selectAll();
  if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt}, ${after.id}::uuid)`);
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function requestRescoreCancel(
  trx: ConversationsTransaction,
  id: string,
): Promise<RescoreJobRow | undefined> {
  return trx
    .updateTable('conversations.rescore_jobs')
    .set({ cancelRequested: true, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export interface RecordingCursor {
  /** ISO time: the cursor travels through the workflow's recorded step results as JSON. */
  readonly startedAt: string;
  readonly id: string;
}

/** The recordings a job covers: started in [from, to), of the queue when given, with a current transcript. */
function inRange(trx: ConversationsTransaction, job: RescoreJobRow) {
  let query = trx
    .selectFrom('conversations.recordings as r')
    .where('r.startedAt', '>=', job.rangeFrom)
    .where('r.startedAt', '<', job.rangeTo)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('conversations.transcripts as t')
          .select('t.id')
          .whereRef('t.recordingId', '=', 'r.id')
          .where('t.isCurrent', '=', true),
      ),
    );
  if (job.queue !== null) query = query.where('r.queue', '=', job.queue);
  return query;
}

export async function countInRange(trx: ConversationsTransaction, job: RescoreJobRow): Promise<number> {
  const row = await inRange(trx, job)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The next page in (started_at, id) order after the cursor. */
export async function pageInRange(
  trx: ConversationsTransaction,
  job: RescoreJobRow,
  after: RecordingCursor | null,
  limit: number,
): Promise<{ id: string; startedAt: Date }[]> {
  let query = inRange(trx, job).select(['r.id', 'r.startedAt']);
  if (after)
    query = query.where(
      sql<boolean>`(r.started_at, r.id) > (${new Date(after.startedAt)}, ${after.id}::uuid)`,
    );
  const rows = await query.orderBy('r.startedAt').orderBy('r.id').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, startedAt: row.startedAt ?? job.rangeFrom }));
}

export async function setRescoreTotal(
  trx: ConversationsTransaction,
  id: string,
  total: number,
): Promise<void> {
  await trx
    .updateTable('conversations.rescore_jobs')
    .set({ total, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Adds a batch's outcome once: the update applies only when the batch before it was the last one
 * recorded, so a batch that runs again after a crash (its update committed, its checkpoint not)
 * does not count its recordings twice.
 */
export async function recordRescoreBatch(
  trx: ConversationsTransaction,
  id: string,
  batch: number,
  outcome: { done: number; failures: readonly RescoreFailure[]; cursor: RecordingCursor },
): Promise<void> {
  await trx
    .updateTable('conversations.rescore_jobs')
    .set({
      done: sql`done + ${outcome.done}`,
      failed: sql`failed + ${outcome.failures.length}`,
      failures: sql`(
        select coalesce(jsonb_agg(f), '[]'::jsonb) from (
          select f from jsonb_array_elements(failures || ${JSON.stringify(outcome.failures)}::jsonb) f
          limit ${MAX_FAILURES_KEPT}
        ) kept)`,
      batchesDone: batch,
      cursorStartedAt: new Date(outcome.cursor.startedAt),
      cursorId: outcome.cursor.id,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .where('batchesDone', '=', batch - 1)
    .execute();
}

export async function finishRescoreJob(
  trx: ConversationsTransaction,
  id: string,
  state: 'succeeded' | 'failed' | 'cancelled',
  error: string | null,
): Promise<void> {
  await trx
    .updateTable('conversations.rescore_jobs')
    .set({ state, error, finishedAt: new Date(), updatedAt: new Date() })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();
}
