import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import {
  countUpTo,
  EXACT_COUNT_CAP,
  keysetAfter,
  orderByKeys,
  type ListTotal,
  type NoTables,
} from '../../../platform/db/index.js';
import type {
  ConversationsTransaction,
  RecordingRunsTable,
  RecordingsTable,
  TranscriptsTable,
} from '../db/conversations.tables.js';
import type {
  RecordingCursor,
  RecordingDirection,
  RecordingSort,
  RecordingSortKey,
  RecordingState,
} from '../contract.js';

/*
 * The recordings feature's SQL. Tenant scoping comes from row-level security (callers run inside
 * withTenant). Numbers and agents arrive as blind indexes, already computed.
 */

type Trx = ConversationsTransaction;
export type RecordingRow = Selectable<RecordingsTable>;

export interface NewRecording {
  readonly id: string;
  readonly tenantId: string;
  readonly source: string;
  readonly sourceRecordingId: string;
  readonly startedAt: Date | null;
  readonly direction: RecordingDirection;
  readonly queue: string | null;
  readonly team: string | null;
  readonly language: string | null;
  readonly tags: readonly string[];
  readonly agentIndex: Buffer | null;
  readonly callId: string | null;
  readonly callLink: RecordingRow['callLink'];
  readonly metadataSealed: Buffer;
  readonly audioKey: string;
  readonly uploadExpiresAt: Date;
  readonly uploadExpectedBytes: number | null;
  readonly uploadExpectedSha256: string | null;
}

/** Inserts the claim, or answers the row already holding (tenant, source, sourceRecordingId). */
export async function claimRecording(
  trx: Trx,
  row: NewRecording,
): Promise<{ readonly inserted: boolean; readonly row: RecordingRow }> {
  const values = {
    ...row,
    tags: [...row.tags],
    state: 'uploading' as const,
    // Milliseconds, as page cursors carry it (now() would keep microseconds a cursor cannot hold).
    createdAt: new Date(),
  };
  const inserted = await trx
    .insertInto('conversations.recordings')
    .values(values)
    .onConflict((oc) => oc.columns(['tenantId', 'source', 'sourceRecordingId']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { inserted: true, row: inserted };
  const existing = await trx
    .selectFrom('conversations.recordings')
    .selectAll()
    .where('source', '=', row.source)
    .where('sourceRecordingId', '=', row.sourceRecordingId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { inserted: false, row: existing };
}

/** A newer delivery takes over an unfinished claim: its metadata, its object key, its time. */
export async function takeOverClaim(
  trx: Trx,
  id: string,
  row: Omit<NewRecording, 'id' | 'tenantId' | 'source' | 'sourceRecordingId'>,
): Promise<RecordingRow | undefined> {
  return trx
    .updateTable('conversations.recordings')
    .set({
      startedAt: row.startedAt,
      direction: row.direction,
      queue: row.queue,
      team: row.team,
      language: row.language,
      tags: [...row.tags],
      agentIndex: row.agentIndex,
      callId: row.callId,
      callLink: row.callLink,
      metadataSealed: row.metadataSealed,
      audioKey: row.audioKey,
      audioBytes: null,
      audioSha256: null,
      audioContentType: null,
      suppliedTranscriptKey: null,
      uploadExpiresAt: row.uploadExpiresAt,
      uploadExpectedBytes: row.uploadExpectedBytes,
      uploadExpectedSha256: row.uploadExpectedSha256,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('state', '=', 'uploading')
    .returningAll()
    .executeTakeFirst();
}

/** Records the stored audio on the claim, if the claim is still this delivery's (its key). */
export async function recordAudio(
  trx: Trx,
  id: string,
  audioKey: string,
  storedKey: string,
  audio: { contentType: string; bytes: number; sha256: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('conversations.recordings')
    .set({
      audioKey: storedKey,
      audioContentType: audio.contentType,
      audioBytes: audio.bytes,
      audioSha256: audio.sha256,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('state', '=', 'uploading')
    .where('audioKey', '=', audioKey)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function recordSuppliedTranscript(
  trx: Trx,
  id: string,
  audioKey: string,
  transcriptKey: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('conversations.recordings')
    .set({ suppliedTranscriptKey: transcriptKey, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('state', '=', 'uploading')
    .where('audioKey', '=', audioKey)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * `uploading` → `queued`, only for the delivery still holding the claim. A recording received as
 * a transcript only keeps no audio key.
 */
export async function markQueued(
  trx: Trx,
  id: string,
  audioKey: string,
  hasAudio: boolean,
): Promise<RecordingRow | undefined> {
  return trx
    .updateTable('conversations.recordings')
    .set({
      state: 'queued',
      audioKey: hasAudio ? audioKey : null,
      uploadExpiresAt: null,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('state', '=', 'uploading')
    .where('audioKey', '=', audioKey)
    .returningAll()
    .executeTakeFirst();
}

/** Drops a claim nobody completed (only while it is still this delivery's). */
export async function deleteClaim(trx: Trx, id: string, audioKey: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('conversations.recordings')
    .where('id', '=', id)
    .where('state', '=', 'uploading')
    .where('audioKey', '=', audioKey)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function replaceNumbers(
  trx: Trx,
  tenantId: string,
  recordingId: string,
  indexes: readonly Buffer[],
): Promise<void> {
  await trx.deleteFrom('conversations.recording_numbers').where('recordingId', '=', recordingId).execute();
  const distinct = [...new Map(indexes.map((b) => [b.toString('hex'), b])).values()];
  if (distinct.length === 0) return;
  await trx
    .insertInto('conversations.recording_numbers')
    .values(distinct.map((numberIndex) => ({ tenantId, recordingId, numberIndex })))
    .execute();
}

export async function findRecording(trx: Trx, id: string): Promise<RecordingRow | undefined> {
  return trx.selectFrom('conversations.recordings').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface RecordingIndexFilters {
  readonly callId?: string | undefined;
  readonly numberIndexes?: readonly Buffer[] | undefined;
  readonly agentIndex?: Buffer | undefined;
  readonly queue?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly states?: readonly RecordingState[] | undefined;
  readonly q?: string | undefined;
}

/** Text search configuration of transcripts.search_vector (the pipeline builds it with the same). */
export const SEARCH_CONFIG = 'simple';

/** The recordings that match, as a query to select from (no order, no limit). */
function matching(trx: Trx, filters: RecordingIndexFilters) {
  let query = trx.selectFrom('conversations.recordings as r');
  if (filters.callId !== undefined) query = query.where('r.callId', '=', filters.callId);
  if (filters.agentIndex !== undefined) query = query.where('r.agentIndex', '=', filters.agentIndex);
  if (filters.queue !== undefined) query = query.where('r.queue', '=', filters.queue);
  if (filters.states?.length) query = query.where('r.state', 'in', [...filters.states]);
  if (filters.from)
    query = query.where(sql<boolean>`coalesce(r.started_at, r.created_at) >= ${filters.from}`);
  if (filters.to) query = query.where(sql<boolean>`coalesce(r.started_at, r.created_at) < ${filters.to}`);
  const numbers = filters.numberIndexes;
  if (numbers?.length) {
    query = query.where(
      sql<boolean>`exists (select from conversations.recording_numbers n where n.recording_id = r.id and n.number_index = any(${[...numbers]}::bytea[]))`,
    );
  }
  if (filters.q !== undefined) {
    query = query.where(
      sql<boolean>`exists (select from conversations.transcripts t where t.recording_id = r.id and t.is_current and t.search_vector @@ websearch_to_tsquery(${sql.lit(SEARCH_CONFIG)}::regconfig, ${filters.q}))`,
    );
  }
  return query;
}

/**
 * The keys of each order, as the indexes of migration 0004 hold them: a recording without a call
 * start sorts by when it was received, one without a duration as -1.
 */
const orderKeys: Record<RecordingSortKey, readonly RawBuilder<unknown>[]> = {
  createdAt: [sql`r.created_at`, sql`r.id`],
  startedAt: [sql`coalesce(r.started_at, r.created_at)`, sql`r.id`],
  duration: [sql`coalesce(r.duration_ms, -1)`, sql`r.created_at`, sql`r.id`],
};

/** The order's time of a row, as its cursor carries it. */
export const sortTimeOf = (row: RecordingRow, key: RecordingSortKey): Date =>
  key === 'startedAt' ? (row.startedAt ?? row.createdAt) : row.createdAt;

/** One page in `sort` (newest received first by default), after the cursor. */
export async function listRecordings(
  trx: Trx,
  filters: RecordingIndexFilters,
  page: { limit: number; after?: RecordingCursor | undefined; sort?: RecordingSort | undefined },
): Promise<RecordingRow[]> {
  const sort = page.sort ?? { key: 'createdAt', direction: 'desc' };
  const keys = orderKeys[sort.key];
  let query = matching(trx, filters).selectAll('r');
  const after = page.after;
  if (after) {
    const values = [
      ...(sort.key === 'duration' ? [sql`${after.durationMs ?? -1}::bigint`] : []),
      sql`${after.at}::timestamptz`,
      sql`${after.id}::uuid`,
    ];
    query = query.where(keysetAfter(keys, values, sort.direction));
  }
  return query.orderBy(orderByKeys(keys, sort.direction)).limit(page.limit).execute();
}

/** How many recordings match: exact up to `cap`, beyond it the planner's estimate. */
export async function countRecordings(
  trx: Trx,
  filters: RecordingIndexFilters,
  cap: number = EXACT_COUNT_CAP,
): Promise<ListTotal> {
  return countUpTo(trx, matching(trx, filters).select(sql<number>`1`.as('one')), cap);
}

export async function runsOf(trx: Trx, recordingId: string): Promise<Selectable<RecordingRunsTable>[]> {
  return trx
    .selectFrom('conversations.recording_runs')
    .selectAll()
    .where('recordingId', '=', recordingId)
    .orderBy('startedAt', 'desc')
    .limit(50)
    .execute();
}

export type TranscriptRow = Omit<
  Selectable<TranscriptsTable>,
  'searchVector' | 'agentVector' | 'customerVector'
>;

/** A transcript row with its JSON columns as text (parse them where they are read). */
export type CurrentTranscriptRow = Omit<TranscriptRow, 'redactionCounts' | 'characteristics'> & {
  readonly redactionCounts: string;
  readonly characteristics: string | null;
};

export async function currentTranscript(
  trx: Trx,
  recordingId: string,
): Promise<CurrentTranscriptRow | undefined> {
  return trx
    .selectFrom('conversations.transcripts')
    .select([
      'id',
      'tenantId',
      'recordingId',
      'runId',
      'isCurrent',
      'provider',
      'language',
      'durationMs',
      'speakerCount',
      'transcriptSealed',
      'redactionSpansSealed',
      // As text: the CamelCasePlugin would rename keys inside the JSON (CARD_NUMBER, spk_0).
      sql<string>`redaction_counts::text`.as('redactionCounts'),
      sql<string | null>`characteristics::text`.as('characteristics'),
      'costMicros',
      'enrichedKey',
      'createdAt',
    ])
    .where('recordingId', '=', recordingId)
    .where('isCurrent', '=', true)
    .executeTakeFirst();
}

export interface LapsedClaim {
  readonly id: string;
  readonly tenantId: string;
  readonly audioKey: string | null;
}

/**
 * Claims whose upload lapsed before `before`, across tenants: run on the owner's connection (the
 * sweep spans tenants, like the kernel's relays), never in request handling.
 */
export async function lapsedClaims(
  owner: Kysely<NoTables>,
  before: Date,
  limit: number,
): Promise<LapsedClaim[]> {
  const { rows } = await sql<LapsedClaim>`
    select id, tenant_id, audio_key from conversations.recordings
     where state = 'uploading' and upload_expires_at < ${before}
     order by upload_expires_at limit ${limit}`.execute(owner);
  return rows;
}

export async function deleteLapsedClaim(owner: Kysely<NoTables>, id: string, before: Date): Promise<boolean> {
  const { numAffectedRows } = await sql`
    delete from conversations.recordings
     where id = ${id}::uuid and state = 'uploading' and upload_expires_at < ${before}`.execute(owner);
  return (numAffectedRows ?? 0n) > 0n;
}

/** The received recordings of these calls (a vCon export's page), oldest start first. */
export async function recordingsOfCalls(trx: Trx, callIds: readonly string[]): Promise<RecordingRow[]> {
  if (callIds.length === 0) return [];
  return trx
    .selectFrom('conversations.recordings')
    .selectAll()
    .where('callId', 'in', [...callIds])
    .where('state', '!=', 'uploading')
    .orderBy(sql`coalesce(started_at, created_at)`)
    .orderBy('id')
    .execute();
}

/** The current transcript of each of these recordings that has one: the sealed (redacted) body and its id. */
export async function currentTranscriptsOf(
  trx: Trx,
  recordingIds: readonly string[],
): Promise<Pick<TranscriptRow, 'id' | 'recordingId' | 'provider' | 'language' | 'transcriptSealed'>[]> {
  if (recordingIds.length === 0) return [];
  return trx
    .selectFrom('conversations.transcripts')
    .select(['id', 'recordingId', 'provider', 'language', 'transcriptSealed'])
    .where('recordingId', 'in', [...recordingIds])
    .where('isCurrent', '=', true)
    .execute();
}
