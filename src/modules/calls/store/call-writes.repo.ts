import { sql, type Insertable, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type { CallSource } from '../call-record.js';
import type { CallKeysTable, CallRecordsTable, CallsTables } from '../db/calls.tables.js';

/*
 * The write side of the index. Each function is one statement for a whole batch; tenant scoping
 * comes from row-level security (the caller runs inside withTenant).
 */

type Trx = Transaction<CallsTables>;

export interface CallKeyRef {
  readonly source: CallSource;
  readonly sourceCallId: string;
}

/** Where a stored call lives: its partition key and id. */
export interface CallLocation {
  readonly startedAt: Date;
  readonly id: string;
}

/**
 * The stored keys of a batch, locked until the transaction ends so that concurrent batches of
 * the same calls take turns. Locked in key order, which every writer uses, to avoid deadlocks.
 */
export async function lockCallKeys(
  trx: Trx,
  keys: readonly CallKeyRef[],
): Promise<Selectable<CallKeysTable>[]> {
  if (keys.length === 0) return [];
  return trx
    .selectFrom('calls.call_keys')
    .selectAll()
    .where((eb) =>
      eb(
        eb.refTuple('source', 'sourceCallId'),
        'in',
        keys.map((k) => eb.tuple(k.source, k.sourceCallId)),
      ),
    )
    .orderBy('source')
    .orderBy('sourceCallId')
    .forUpdate()
    .execute();
}

/** Ids of the stored calls among these keys (no lock: for naming archive objects before the write). */
export async function findCallIds(
  trx: Trx,
  keys: readonly CallKeyRef[],
): Promise<{ source: CallSource; sourceCallId: string; id: string }[]> {
  if (keys.length === 0) return [];
  return trx
    .selectFrom('calls.call_keys')
    .select(['source', 'sourceCallId', 'id'])
    .where((eb) =>
      eb(
        eb.refTuple('source', 'sourceCallId'),
        'in',
        keys.map((k) => eb.tuple(k.source, k.sourceCallId)),
      ),
    )
    .execute();
}

/** Stored record ciphertexts with their platform fields, for deliveries to be merged into what is stored. */
export async function storedRecordCiphertexts(
  trx: Trx,
  locations: readonly CallLocation[],
): Promise<
  Pick<
    Selectable<CallRecordsTable>,
    | 'id'
    | 'recordCiphertext'
    | 'rawObjectKey'
    | 'rawSha256'
    | 'rawSegmentKey'
    | 'rawSegmentOffset'
    | 'rawSegmentLength'
    | 'ingestedAt'
  >[]
> {
  if (locations.length === 0) return [];
  return trx
    .selectFrom('calls.call_records')
    .select([
      'id',
      'recordCiphertext',
      'rawObjectKey',
      'rawSha256',
      'rawSegmentKey',
      'rawSegmentOffset',
      'rawSegmentLength',
      'ingestedAt',
    ])
    .where((eb) =>
      eb(
        eb.refTuple('startedAt', 'id'),
        'in',
        locations.map((l) => eb.tuple(l.startedAt, l.id)),
      ),
    )
    .execute();
}

/**
 * Claims new keys. Returns the keys actually inserted: one missing means another transaction
 * created it since lockCallKeys ran (ON CONFLICT waited for it to commit), and the batch must run again.
 */
export async function insertCallKeys(
  trx: Trx,
  rows: readonly Insertable<CallKeysTable>[],
): Promise<CallKeyRef[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto('calls.call_keys')
    .values([...rows])
    .onConflict((oc) => oc.columns(['tenantId', 'source', 'sourceCallId']).doNothing())
    .returning(['source', 'sourceCallId'])
    .execute();
}

export async function updateCallKeys(trx: Trx, rows: readonly Insertable<CallKeysTable>[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.source}::text, ${r.sourceCallId}::text, ${r.startedAt}::timestamptz, ${r.sourceVersion}::text, ${r.contentDigest}::bytea)`,
    ),
  );
  await sql`
    update calls.call_keys k
       set started_at = v.started_at, source_version = v.source_version, content_digest = v.content_digest, updated_at = now()
      from (values ${values}) as v (source, source_call_id, started_at, source_version, content_digest)
     where k.source = v.source and k.source_call_id = v.source_call_id`.execute(trx);
}

/** Removes the index and search rows of calls about to be written again (their month may change). */
export async function deleteCallRows(trx: Trx, locations: readonly CallLocation[]): Promise<void> {
  if (locations.length === 0) return;
  const matches = (columns: readonly ['startedAt', 'id'] | readonly ['startedAt', 'callId']) =>
    sql<SqlBool>`(${sql.join(columns.map((c) => sql.ref(c)))}) in (${sql.join(locations.map((l) => sql`(${l.startedAt}::timestamptz, ${l.id}::uuid)`))})`;
  await trx
    .deleteFrom('calls.call_records')
    .where(matches(['startedAt', 'id']))
    .execute();
  await trx
    .deleteFrom('calls.call_numbers')
    .where(matches(['startedAt', 'callId']))
    .execute();
  await trx
    .deleteFrom('calls.call_name_terms')
    .where(matches(['startedAt', 'callId']))
    .execute();
}

/*
 * The index and search rows as json_populate_recordset reads them: keys are the column names
 * (snake_case, as in SQL: the JSON is handed to PostgreSQL as it is built, with no renaming pass),
 * bytea in PostgreSQL's hex form (`\\x…`), instants as ISO text. Built once per call by
 * buildCallRows (query/call-rows.ts) and serialised once per table.
 */
export interface CallRecordRow {
  readonly tenant_id: string;
  readonly id: string;
  readonly started_at: string;
  readonly source: CallSource;
  readonly source_call_id: string;
  readonly conversation_id: string;
  readonly source_version: string;
  readonly direction: CallRecordsTable['direction'];
  readonly disposition: CallRecordsTable['disposition'];
  readonly answered_at: string | null;
  readonly ended_at: string | null;
  readonly ring_seconds: number | null;
  readonly talk_seconds: number | null;
  readonly total_seconds: number | null;
  readonly handle_seconds: number | null;
  readonly hold_seconds: number | null;
  readonly agent_index: string | null;
  readonly agent_ciphertext: string | null;
  readonly queue_id: string | null;
  readonly queue_name: string | null;
  readonly mos: number | null;
  readonly jitter_ms: number | null;
  readonly packet_loss_pct: number | null;
  readonly rtt_ms: number | null;
  readonly leg_count: number;
  readonly recording_count: number;
  readonly raw_object_key: string;
  readonly raw_sha256: string;
  /** The segments layout: the segment object holding the record's stored bytes, and where in it (else null). */
  readonly raw_segment_key: string | null;
  readonly raw_segment_offset: number | null;
  readonly raw_segment_length: number | null;
  readonly ingested_at: string;
  readonly parties_ciphertext: string;
  readonly record_ciphertext: string;
}

export interface CallNumberRow {
  readonly tenant_id: string;
  readonly number_index: string;
  readonly started_at: string;
  readonly call_id: string;
}

export interface CallNameTermRow {
  readonly tenant_id: string;
  readonly term_index: string;
  readonly started_at: string;
  readonly call_id: string;
}

/** A column list for SQL (the names checked against the row types below). */
const columnList = (columns: readonly string[]) => sql.raw(columns.join(', '));

const recordColumnNames: readonly (keyof CallRecordRow)[] = [
  'tenant_id',
  'id',
  'started_at',
  'source',
  'source_call_id',
  'conversation_id',
  'source_version',
  'direction',
  'disposition',
  'answered_at',
  'ended_at',
  'ring_seconds',
  'talk_seconds',
  'total_seconds',
  'handle_seconds',
  'hold_seconds',
  'agent_index',
  'agent_ciphertext',
  'queue_id',
  'queue_name',
  'mos',
  'jitter_ms',
  'packet_loss_pct',
  'rtt_ms',
  'leg_count',
  'recording_count',
  'raw_object_key',
  'raw_sha256',
  'raw_segment_key',
  'raw_segment_offset',
  'raw_segment_length',
  'ingested_at',
  'parties_ciphertext',
  'record_ciphertext',
];
const numberColumnNames: readonly (keyof CallNumberRow)[] = [
  'tenant_id',
  'number_index',
  'started_at',
  'call_id',
];
const nameTermColumnNames: readonly (keyof CallNameTermRow)[] = [
  'tenant_id',
  'term_index',
  'started_at',
  'call_id',
];
const recordColumns = columnList(recordColumnNames);
const numberColumns = columnList(numberColumnNames);
const nameTermColumns = columnList(nameTermColumnNames);

/**
 * The index and search rows of a batch in one statement of three parameters, one JSON array per
 * table turned back into rows of the table's type by json_populate_recordset. Far cheaper than a
 * multi-row VALUES of thousands of parameters, for Node (one JSON.stringify per table, nothing
 * to rename or copy per row) and for PostgreSQL (nothing to parse and plan per row), and one round
 * trip instead of three.
 */
export async function insertCallRows(
  trx: Trx,
  rows: {
    readonly records: readonly CallRecordRow[];
    readonly numbers: readonly CallNumberRow[];
    readonly nameTerms: readonly CallNameTermRow[];
  },
): Promise<void> {
  if (rows.records.length === 0 && rows.numbers.length === 0 && rows.nameTerms.length === 0) return;
  await sql`
    with records as (
      insert into calls.call_records (${recordColumns})
      select ${recordColumns} from json_populate_recordset(null::calls.call_records, ${JSON.stringify(rows.records)}::json)
    ), numbers as (
      insert into calls.call_numbers (${numberColumns})
      select ${numberColumns} from json_populate_recordset(null::calls.call_numbers, ${JSON.stringify(rows.numbers)}::json)
    )
    insert into calls.call_name_terms (${nameTermColumns})
    select ${nameTermColumns} from json_populate_recordset(null::calls.call_name_terms, ${JSON.stringify(rows.nameTerms)}::json)`.execute(
    trx,
  );
}

/** Creates the monthly partitions of these months (UTC) if missing; returns how many tables it made. */
export async function ensureMonthPartitions(db: Kysely<NoTables>, months: readonly Date[]): Promise<number> {
  if (months.length === 0) return 0;
  const isoMonths = months.map((m) => m.toISOString());
  const { rows } = await sql<{
    created: number;
  }>`select calls.ensure_month_partitions(${isoMonths}::timestamptz[]) as created`.execute(db);
  return rows[0]?.created ?? 0;
}
