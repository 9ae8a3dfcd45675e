import { sql, type Insertable, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type { CallSource } from '../call-record.js';
import type {
  CallKeysTable,
  CallNameTermsTable,
  CallNumbersTable,
  CallRecordsTable,
  CallsTables,
} from '../db/calls.tables.js';

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
  { id: string; recordCiphertext: Buffer; rawObjectKey: string; rawSha256: string; ingestedAt: Date }[]
> {
  if (locations.length === 0) return [];
  return trx
    .selectFrom('calls.call_records')
    .select(['id', 'recordCiphertext', 'rawObjectKey', 'rawSha256', 'ingestedAt'])
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

export async function insertCallRows(
  trx: Trx,
  rows: {
    readonly records: readonly Insertable<CallRecordsTable>[];
    readonly numbers: readonly Insertable<CallNumbersTable>[];
    readonly nameTerms: readonly Insertable<CallNameTermsTable>[];
  },
): Promise<void> {
  await insertAsJson(trx, 'call_records', callRecordColumns, rows.records);
  await insertAsJson(trx, 'call_numbers', ['tenantId', 'numberIndex', 'startedAt', 'callId'], rows.numbers);
  await insertAsJson(
    trx,
    'call_name_terms',
    ['tenantId', 'termIndex', 'startedAt', 'callId'],
    rows.nameTerms,
  );
}

const callRecordColumns = [
  'tenantId',
  'id',
  'startedAt',
  'source',
  'sourceCallId',
  'conversationId',
  'sourceVersion',
  'direction',
  'disposition',
  'answeredAt',
  'endedAt',
  'ringSeconds',
  'talkSeconds',
  'totalSeconds',
  'handleSeconds',
  'agentIndex',
  'agentCiphertext',
  'queueId',
  'queueName',
  'mos',
  'jitterMs',
  'packetLossPct',
  'rttMs',
  'legCount',
  'recordingCount',
  'rawObjectKey',
  'rawSha256',
  'ingestedAt',
  'partiesCiphertext',
  'recordCiphertext',
  'holdSeconds',
] as const satisfies readonly (keyof CallRecordsTable)[];

const snakeCase = (column: string) => column.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** A value as json_populate_recordset reads it: bytea in PostgreSQL's hex form, dates as ISO text. */
function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return value === undefined ? null : value;
}

/**
 * A batch of rows in one statement with one parameter: the rows as a JSON array, turned back
 * into rows of the table's type by json_populate_recordset. Far cheaper than a multi-row VALUES
 * of thousands of parameters, for Node (one JSON.stringify instead of a parameter list to build
 * and serialise) and for PostgreSQL (nothing to parse and plan per row).
 */
async function insertAsJson<T extends object>(
  trx: Trx,
  table: string,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(snakeCase);
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        out[names[index] as string] = jsonValue(row[column]);
      });
      return out;
    }),
  );
  const list = sql.raw(names.join(', '));
  await sql`insert into ${sql.raw(`calls.${table}`)} (${list}) select ${list} from json_populate_recordset(null::${sql.raw(`calls.${table}`)}, ${json}::json)`.execute(
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
