import { sql, type Kysely, type Selectable } from 'kysely';
import { jsonb, type NoTables } from '../../../platform/db/index.js';
import type {
  ConversationsTables,
  ConversationsTransaction,
  RecordingRunsTable,
  RecordingsTable,
  TranscriptsTable,
} from '../db/conversations.tables.js';
import type { RunOptions, StepRecord } from './pipeline.types.js';

export type RecordingRow = Selectable<RecordingsTable>;
export type RunRow = Selectable<RecordingRunsTable>;
export type TranscriptRow = Selectable<TranscriptsTable>;

export async function findRecording(
  trx: ConversationsTransaction,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RecordingRow | undefined> {
  let query = trx.selectFrom('conversations.recordings').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Inserts the run unless its workflow id exists already (a redelivered event); returns the stored run. */
export async function insertRun(
  trx: ConversationsTransaction,
  run: {
    id: string;
    tenantId: string;
    recordingId: string;
    workflowId: string;
    reason: 'received' | 'rerun';
    options: RunOptions;
  },
): Promise<RunRow> {
  await trx
    .insertInto('conversations.recording_runs')
    .values({ ...run, state: 'running', options: JSON.stringify(run.options) })
    .onConflict((oc) => oc.column('workflowId').doNothing())
    .execute();
  return parsedRun(await selectRuns(trx).where('workflowId', '=', run.workflowId).executeTakeFirstOrThrow());
}

/**
 * A run's columns, its JSON ones read as text and parsed here: the CamelCasePlugin would rename the
 * keys inside them (`CARD_NUMBER` → `CARDNUMBER`), which are data, not column names.
 */
function selectRuns(trx: ConversationsTransaction) {
  return trx
    .selectFrom('conversations.recording_runs')
    .select([
      'id',
      'tenantId',
      'recordingId',
      'workflowId',
      'reason',
      'state',
      'failureCode',
      'failureReason',
      'startedAt',
      'finishedAt',
      sql<string>`options::text`.as('optionsJson'),
      sql<string>`steps::text`.as('stepsJson'),
    ]);
}

type RunSelection = Omit<RunRow, 'options' | 'steps'> & { optionsJson: string; stepsJson: string };
const parsedRun = ({ optionsJson, stepsJson, ...row }: RunSelection): RunRow => ({
  ...row,
  options: JSON.parse(optionsJson) as unknown,
  steps: JSON.parse(stepsJson) as unknown,
});

export async function findRun(trx: ConversationsTransaction, id: string): Promise<RunRow | undefined> {
  const row = await selectRuns(trx).where('id', '=', id).executeTakeFirst();
  return row && parsedRun(row);
}

/** Every run of a recording, newest first. */
export async function listRuns(trx: ConversationsTransaction, recordingId: string): Promise<RunRow[]> {
  const rows = await selectRuns(trx)
    .where('recordingId', '=', recordingId)
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(parsedRun);
}

export async function hasRunningRun(trx: ConversationsTransaction, recordingId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('conversations.recording_runs')
    .select('id')
    .where('recordingId', '=', recordingId)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records what a step did in the run's history, replacing an earlier record of the same step (a
 * step re-run after a crash records itself once).
 */
export async function recordStep(
  trx: ConversationsTransaction,
  runId: string,
  step: StepRecord,
): Promise<void> {
  await trx
    .updateTable('conversations.recording_runs')
    .set({
      steps: sql<string>`(
        select coalesce(jsonb_agg(entry order by ordinality), '[]'::jsonb)
        from jsonb_array_elements(steps) with ordinality as e(entry, ordinality)
        where entry->>'name' <> ${step.name}
      ) || jsonb_build_array(${jsonb(step)})`,
    })
    .where('id', '=', runId)
    .execute();
}

export async function markProcessing(trx: ConversationsTransaction, recordingId: string): Promise<void> {
  await trx
    .updateTable('conversations.recordings')
    .set({ state: 'processing', failureCode: null, failureReason: null, updatedAt: new Date() })
    .where('id', '=', recordingId)
    .where('state', 'in', ['queued', 'processing', 'ready', 'failed'])
    .execute();
}

export async function setAudioFacts(
  trx: ConversationsTransaction,
  recordingId: string,
  facts: { codec: string; channels: number; sampleRate: number; durationMs: number },
): Promise<void> {
  await trx
    .updateTable('conversations.recordings')
    .set({ ...facts, updatedAt: new Date() })
    .where('id', '=', recordingId)
    .execute();
}

export async function setRedactedAudio(
  trx: ConversationsTransaction,
  recordingId: string,
  keys: { redactedAudioKey: string; audioKey?: string },
): Promise<void> {
  await trx
    .updateTable('conversations.recordings')
    .set({ ...keys, updatedAt: new Date() })
    .where('id', '=', recordingId)
    .execute();
}

export async function hasCurrentTranscript(
  trx: ConversationsTransaction,
  recordingId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('conversations.transcripts')
    .select('id')
    .where('recordingId', '=', recordingId)
    .where('isCurrent', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** The run gave up; the recording shows it unless an earlier run's transcript is still current. */
export async function failRun(
  trx: ConversationsTransaction,
  run: { runId: string; recordingId: string },
  failure: { code: string; reason: string },
): Promise<{ recordingFailed: boolean; alreadyFinished: boolean }> {
  const updated = await trx
    .updateTable('conversations.recording_runs')
    .set({
      state: 'failed',
      failureCode: failure.code,
      failureReason: failure.reason,
      finishedAt: new Date(),
    })
    .where('id', '=', run.runId)
    .where('state', '=', 'running')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return { recordingFailed: false, alreadyFinished: true };
  const keepsTranscript = await hasCurrentTranscript(trx, run.recordingId);
  await trx
    .updateTable('conversations.recordings')
    .set(
      keepsTranscript
        ? { state: 'ready', updatedAt: new Date() }
        : {
            state: 'failed',
            failureCode: failure.code,
            failureReason: failure.reason,
            updatedAt: new Date(),
          },
    )
    .where('id', '=', run.recordingId)
    .execute();
  return { recordingFailed: !keepsTranscript, alreadyFinished: false };
}

export async function transcriptOfRun(
  trx: ConversationsTransaction,
  runId: string,
): Promise<TranscriptRow | undefined> {
  return trx
    .selectFrom('conversations.transcripts')
    .selectAll()
    .where('runId', '=', runId)
    .executeTakeFirst();
}

/**
 * The run's transcript becomes the recording's current one: the previous current row is flipped
 * in the same statement sequence, the run succeeds and the recording is ready.
 */
export async function storeTranscript(
  trx: ConversationsTransaction,
  row: {
    id: string;
    tenantId: string;
    recordingId: string;
    runId: string;
    provider: string;
    language: string | null;
    durationMs: number | null;
    speakerCount: number;
    transcriptSealed: Buffer;
    redactionSpansSealed: Buffer;
    redactionCounts: Record<string, number>;
    characteristics: unknown;
    costMicros: number | null;
    enrichedKey: string;
    searchText: string;
    /** What the agent and the customer said (search/search-texts.ts); null or absent = nothing. */
    agentSearchText?: string | null;
    customerSearchText?: string | null;
  },
): Promise<void> {
  const { searchText, agentSearchText, customerSearchText, redactionCounts, characteristics, ...values } =
    row;
  const vector = (text: string | null | undefined) =>
    text === null || text === undefined ? null : sql`to_tsvector('simple', ${text})`;
  await trx
    .updateTable('conversations.transcripts')
    .set({ isCurrent: false })
    .where('recordingId', '=', row.recordingId)
    .where('isCurrent', '=', true)
    .execute();
  await trx
    .insertInto('conversations.transcripts')
    .values({
      ...values,
      isCurrent: true,
      redactionCounts: JSON.stringify(redactionCounts),
      characteristics: characteristics === null ? null : JSON.stringify(characteristics),
      searchVector: sql`to_tsvector('simple', ${searchText})`,
      agentVector: vector(agentSearchText),
      customerVector: vector(customerSearchText),
    })
    .execute();
  await trx
    .updateTable('conversations.recording_runs')
    .set({ state: 'succeeded', finishedAt: new Date(), failureCode: null, failureReason: null })
    .where('id', '=', row.runId)
    .execute();
  await trx
    .updateTable('conversations.recordings')
    .set({
      state: 'ready',
      failureCode: null,
      failureReason: null,
      ...(row.language ? { language: row.language } : {}),
      updatedAt: new Date(),
    })
    .where('id', '=', row.recordingId)
    .execute();
}

/**
 * Runs still `running` a while after they started, across tenants (owner pool): their workflow
 * may never have been started (the process died between the commit and the start).
 */
export async function staleRunningRuns(
  owner: Kysely<NoTables>,
  startedBefore: Date,
  limit: number,
): Promise<{ id: string; tenantId: string; recordingId: string; workflowId: string }[]> {
  return owner
    .withTables<Pick<ConversationsTables, 'conversations.recording_runs'>>()
    .selectFrom('conversations.recording_runs')
    .select(['id', 'tenantId', 'recordingId', 'workflowId'])
    .where('state', '=', 'running')
    .where('startedAt', '<', startedBefore)
    .orderBy('startedAt')
    .limit(limit)
    .execute();
}
