import { sql, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import { countUpTo, keysetAfter, orderByKeys } from '../../../platform/db/index.js';
import type { CallDirection, CallDisposition, CallSource } from '../call-record.js';
import type { CallCursor, CallSort, CallTotal } from '../contract.js';
import type { CallRecordsTable, CallsTables } from '../db/calls.tables.js';

/*
 * The read side of the index, as SQL. Tenant scoping comes from row-level security (callers run
 * inside withTenant). Number and name filters arrive as blind indexes, already computed.
 *
 * A list page is read in (started_at desc, id desc) order with a keyset condition, so every page
 * costs about the same however deep it is. When a number or a name word is given, the rows are
 * read through that side table's index (ordered by time), because such a filter may match a few
 * calls out of millions and scanning calls in time order to find them would be slow; the other
 * filters then apply to each call found.
 */

type Trx = Transaction<CallsTables>;

export interface IndexFilters {
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly sources?: readonly CallSource[] | undefined;
  readonly directions?: readonly CallDirection[] | undefined;
  readonly dispositions?: readonly CallDisposition[] | undefined;
  readonly numberIndex?: Buffer | undefined;
  readonly agentIndex?: Buffer | undefined;
  readonly queue?: string | undefined;
  readonly minDurationSeconds?: number | undefined;
  readonly nameTerms?: readonly Buffer[] | undefined;
}

const summaryColumns = [
  'id',
  'startedAt',
  'source',
  'sourceCallId',
  'conversationId',
  'direction',
  'disposition',
  'answeredAt',
  'endedAt',
  'ringSeconds',
  'talkSeconds',
  'totalSeconds',
  'agentCiphertext',
  'queueId',
  'queueName',
  'mos',
  'jitterMs',
  'packetLossPct',
  'rttMs',
  'legCount',
  'recordingCount',
  'partiesCiphertext',
] as const satisfies readonly (keyof CallRecordsTable)[];

const fullColumns = [
  ...summaryColumns,
  'tenantId',
  'rawObjectKey',
  'rawSha256',
  'ingestedAt',
  'recordCiphertext',
] as const;

export type CallSummaryRow = Pick<Selectable<CallRecordsTable>, (typeof summaryColumns)[number]>;
export type CallFullRow = Pick<Selectable<CallRecordsTable>, (typeof fullColumns)[number]>;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const selectList = (columns: readonly string[]) => sql.join(columns.map((c) => sql.raw(`r.${snake(c)}`)));

const hasTermFilter = (filters: IndexFilters) =>
  filters.numberIndex !== undefined || (filters.nameTerms?.length ?? 0) > 0;

/**
 * Conditions on the call row `r`, joined by AND. The time range also applies to the side table
 * `d` that drives the read, if any, so that only its partitions of those months are scanned.
 */
function conditions(
  filters: IndexFilters,
  options: { driven?: boolean; skipNumber?: boolean; skipFirstName?: boolean },
): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (filters.from) where.push(sql`r.started_at >= ${filters.from}`);
  if (filters.to) where.push(sql`r.started_at < ${filters.to}`);
  if (options.driven && filters.from) where.push(sql`d.started_at >= ${filters.from}`);
  if (options.driven && filters.to) where.push(sql`d.started_at < ${filters.to}`);
  if (filters.sources?.length) where.push(sql`r.source = any(${[...filters.sources]}::text[])`);
  if (filters.directions?.length) where.push(sql`r.direction = any(${[...filters.directions]}::text[])`);
  if (filters.dispositions?.length)
    where.push(sql`r.disposition = any(${[...filters.dispositions]}::text[])`);
  if (filters.agentIndex) where.push(sql`r.agent_index = ${filters.agentIndex}`);
  if (filters.queue !== undefined) where.push(sql`r.queue_id = ${filters.queue}`);
  if (filters.minDurationSeconds !== undefined)
    where.push(sql`r.total_seconds >= ${filters.minDurationSeconds}`);
  // `offset 0` keeps each EXISTS a probe of one index entry per candidate call; without it the
  // planner may turn it into a join that first reads every entry of that number or word in every
  // month, which for a common word costs more than the whole page.
  if (filters.numberIndex && !options.skipNumber) {
    where.push(
      sql`exists (select from calls.call_numbers x where x.number_index = ${filters.numberIndex} and x.started_at = r.started_at and x.call_id = r.id offset 0)`,
    );
  }
  const names = options.skipFirstName ? (filters.nameTerms ?? []).slice(1) : (filters.nameTerms ?? []);
  // On a driven read the other words are checked against the side-table row, before the call row
  // is fetched: a two-word search then costs index probes, not heap reads, per candidate.
  const [callTime, callId] = options.driven
    ? [sql.raw('d.started_at'), sql.raw('d.call_id')]
    : [sql.raw('r.started_at'), sql.raw('r.id')];
  for (const term of names) {
    where.push(
      sql`exists (select from calls.call_name_terms x where x.term_index = ${term} and x.started_at = ${callTime} and x.call_id = ${callId} offset 0)`,
    );
  }
  return where;
}

/** The conditions of `filters` on call rows `r` (statistics read them as they are). */
export const indexConditions = (filters: IndexFilters) => conditions(filters, {});

const whereClause = (where: readonly RawBuilder<unknown>[]) =>
  where.length === 0 ? sql`` : sql`where ${sql.join(where, sql` and `)}`;

/** The rows a list reads and the columns its order and keyset compare, for the filters given. */
async function selection(trx: Trx, given: IndexFilters) {
  const multipleNames =
    given.nameTerms !== undefined && given.nameTerms.length > 1 && given.numberIndex === undefined;
  const filters = multipleNames
    ? { ...given, nameTerms: await rarestFirst(trx, given.nameTerms ?? []) }
    : given;
  const firstName = filters.nameTerms?.[0];
  let from: RawBuilder<unknown>;
  let drive: RawBuilder<unknown> | undefined;
  if (filters.numberIndex) {
    from = sql`calls.call_numbers d join calls.call_records r on r.tenant_id = d.tenant_id and r.started_at = d.started_at and r.id = d.call_id`;
    drive = sql`d.number_index = ${filters.numberIndex}`;
  } else if (firstName) {
    from = sql`calls.call_name_terms d join calls.call_records r on r.tenant_id = d.tenant_id and r.started_at = d.started_at and r.id = d.call_id`;
    drive = sql`d.term_index = ${firstName}`;
  } else {
    from = sql`calls.call_records r`;
  }
  const driven = hasTermFilter(filters);
  const time = driven ? sql.raw('d.started_at') : sql.raw('r.started_at');
  const id = driven ? sql.raw('d.call_id') : sql.raw('r.id');
  const where = conditions(filters, {
    driven,
    skipNumber: true,
    skipFirstName: filters.numberIndex === undefined,
  });
  if (drive) where.unshift(drive);
  return { from, where, time, id };
}

/** A call without a duration sorts as -1 (the expression of the index call_records_by_duration). */
const durationKey = sql.raw('coalesce(r.total_seconds, -1)');

/**
 * One page of calls in `order` (newest first by default), after `after`. Changes planner settings
 * for the rest of the transaction, so run it in a transaction of its own (or last).
 */
export async function listCalls<C extends 'summary' | 'full'>(
  trx: Trx,
  given: IndexFilters,
  page: { limit: number; after?: CallCursor | undefined; columns: C; order?: CallSort | undefined },
): Promise<(C extends 'full' ? CallFullRow & SortValues : CallSummaryRow & SortValues)[]> {
  const columns = selectList(page.columns === 'full' ? fullColumns : summaryColumns);
  const { from, where, time, id } = await selection(trx, given);
  const order = page.order ?? { key: 'startedAt', direction: 'desc' };
  const desc = order.direction === 'desc';
  const after = page.after;
  if (after && order.key === 'startedAt') {
    // The plain bound on the partition key lets the planner skip the months after the cursor.
    where.push(
      keysetAfter([time, id], [sql`${after.startedAt}`, sql`${after.id}::uuid`], order.direction),
      desc ? sql`${time} <= ${after.startedAt}` : sql`${time} >= ${after.startedAt}`,
    );
  } else if (after) {
    where.push(
      keysetAfter(
        [durationKey, time, id],
        [sql`${after.duration ?? -1}::int`, sql`${after.startedAt}`, sql`${after.id}::uuid`],
        order.direction,
      ),
    );
  }
  // A page is the first rows in index order. When the planner underestimates how many calls match
  // (a company's main number is on one call in ten; blind-index values look unique to it), it
  // prefers reading every match and sorting; walking the index in order and stopping after
  // `limit` rows is never worse for a page, so sorting is taken off the table. (Sorted by duration,
  // a number or name search has no such index: its matches are sorted.)
  // Parallel workers cost more to start than a page costs to read.
  const indexOrdered = order.key === 'startedAt' || !hasTermFilter(given);
  await sql`select set_config('enable_sort', ${indexOrdered ? 'off' : 'on'}, true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(
    trx,
  );
  const orderBy = orderByKeys(
    order.key === 'startedAt' ? [time, id] : [durationKey, time, id],
    order.direction,
  );
  const { rows } = await sql<C extends 'full' ? CallFullRow & SortValues : CallSummaryRow & SortValues>`
    select ${columns}, ${durationKey} as duration_key from ${from} ${whereClause(where)}
    order by ${orderBy}
    limit ${page.limit}`.execute(trx);
  return rows;
}

/** What a cursor needs beyond the call's own columns. */
export interface SortValues {
  readonly durationKey: number;
}

/** How many calls match: exact up to `cap`, beyond it the planner's estimate (platform/db/list-pages). */
export async function countCalls(trx: Trx, given: IndexFilters, cap: number): Promise<CallTotal> {
  const { from, where } = await selection(trx, given);
  return countUpTo(trx, sql`select from ${from} ${whereClause(where)}`, cap);
}

/**
 * The name words, the rarest first (counted up to a cap), so that a search for "Ann Smith" walks
 * the calls of the rarer word and checks the other, rather than the reverse.
 */
export async function rarestFirst(trx: Trx, terms: readonly Buffer[]): Promise<Buffer[]> {
  if (terms.length < 2) return [...terms];
  const { rows } = await sql<{ position: number; matches: number }>`
    select t.position::int as position,
           (select count(*) from (select from calls.call_name_terms x where x.term_index = t.term limit 1000) capped)::int as matches
      from unnest(${[...terms]}::bytea[]) with ordinality as t (term, position)`.execute(trx);
  const matches = new Map(rows.map((r) => [r.position - 1, r.matches]));
  return terms
    .map((term, i) => ({ term, n: matches.get(i) ?? 0 }))
    .sort((a, b) => a.n - b.n)
    .map((t) => t.term);
}

export async function findCall(trx: Trx, id: string): Promise<CallFullRow | undefined> {
  const { rows } = await sql<CallFullRow>`
    select ${selectList(fullColumns)}
      from calls.call_keys k
      join calls.call_records r on r.tenant_id = k.tenant_id and r.started_at = k.started_at and r.id = k.id
     where k.id = ${id}::uuid`.execute(trx);
  return rows[0];
}
/** Where a call's raw payload is archived (the raw columns of its row), for readArchiveObject. */
/** Where a call's raw payload is archived: its index row's raw columns (an integer offset reads as a number). */
type RawLocation = Pick<
  CallRecordsTable,
  'rawObjectKey' | 'rawSha256' | 'rawSegmentKey' | 'rawSegmentOffset' | 'rawSegmentLength'
>;

export async function findRawLocation(trx: Trx, id: string): Promise<RawLocation | undefined> {
  const { rows } = await sql<RawLocation>`
    select r.raw_object_key, r.raw_sha256, r.raw_segment_key, r.raw_segment_offset, r.raw_segment_length
      from calls.call_keys k
      join calls.call_records r on r.tenant_id = k.tenant_id and r.started_at = k.started_at and r.id = k.id
     where k.id = ${id}::uuid`.execute(trx);
  return rows[0];
}

/** The internal id of a call by its UUID, when it exists. */
export async function callExists(trx: Trx, id: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`select id from calls.call_keys where id = ${id}::uuid`.execute(
    trx,
  );
  return rows.length > 0;
}

/**
 * The call with this source call id (of any source), the one starting nearest `near` when several
 * sources use it. Probes the primary key (tenant, source, source_call_id) once per source.
 */
export async function findCallBySourceCallId(
  trx: Trx,
  sourceCallId: string,
  sources: readonly string[],
  near: Date | undefined,
): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    select id from calls.call_keys
     where source = any(${[...sources]}::text[]) and source_call_id = ${sourceCallId}
     order by abs(extract(epoch from started_at - ${near ?? null}::timestamptz)) nulls last, started_at desc
     limit 1`.execute(trx);
  return rows[0]?.id;
}

/** The call with one of these numbers (blind indexes) that started nearest `at`, within [from, to]. */
export async function findCallByNumbersNear(
  trx: Trx,
  numberIndexes: readonly Buffer[],
  at: Date,
  from: Date,
  to: Date,
): Promise<string | undefined> {
  const { rows } = await sql<{ callId: string }>`
    select call_id from calls.call_numbers
     where number_index = any(${[...numberIndexes]}::bytea[]) and started_at between ${from} and ${to}
     order by abs(extract(epoch from started_at - ${at}::timestamptz)), call_id
     limit 1`.execute(trx);
  return rows[0]?.callId;
}
