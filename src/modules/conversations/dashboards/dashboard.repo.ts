import { sql, type RawBuilder } from 'kysely';
import type { ConversationsTransaction } from '../db/conversations.tables.js';

/*
 * The quality dashboards' SQL: every figure is counted over the current analysis of each recording
 * whose call started in the range (the time it was received when the start is unknown, as the
 * recordings list filters), in the tenant's time zone. Tenant scoping comes from row-level security.
 */

type Trx = ConversationsTransaction;

export type DashboardInterval = 'day' | 'week';

export interface DashboardScope {
  readonly from: Date;
  readonly to: Date;
  readonly timeZone: string;
  readonly queue?: string | undefined;
  readonly team?: string | undefined;
  readonly agentIndex?: Buffer | undefined;
}

/** A mean sentiment at or below this reads as negative (analysis/sentiment.ts: ±0.1 for a mean). */
export const NEGATIVE_SENTIMENT = -0.1;

export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;

/** The figures every grouping answers. */
export interface FigureRow {
  readonly calls: number;
  readonly scored: number;
  readonly qaAverage: number | null;
  readonly gradeA: number;
  readonly gradeB: number;
  readonly gradeC: number;
  readonly gradeD: number;
  readonly gradeE: number;
  readonly ungraded: number;
  readonly sentimentAverage: number | null;
  readonly negative: number;
}

const startOf = sql`coalesce(r.started_at, r.created_at)`;

/** `from … where …` of the current analyses of calls in scope (analyses `a`, recordings `r`). */
function inScope(scope: DashboardScope): RawBuilder<unknown> {
  const conditions = [
    sql`a.is_current`,
    sql`${startOf} >= ${scope.from}`,
    sql`${startOf} < ${scope.to}`,
    ...(scope.queue === undefined ? [] : [sql`r.queue = ${scope.queue}`]),
    ...(scope.team === undefined ? [] : [sql`r.team = ${scope.team}`]),
    ...(scope.agentIndex === undefined ? [] : [sql`r.agent_index = ${scope.agentIndex}`]),
  ];
  return sql`from conversations.analyses a
    join conversations.recordings r on r.id = a.recording_id
    where ${sql.join(conditions, sql` and `)}`;
}

const figures = sql`count(*)::int as calls,
  count(a.qa_score)::int as scored,
  avg(a.qa_score)::float8 as qa_average,
  count(*) filter (where a.grade = 'A')::int as grade_a,
  count(*) filter (where a.grade = 'B')::int as grade_b,
  count(*) filter (where a.grade = 'C')::int as grade_c,
  count(*) filter (where a.grade = 'D')::int as grade_d,
  count(*) filter (where a.grade = 'E')::int as grade_e,
  count(*) filter (where a.grade is null)::int as ungraded,
  avg(a.sentiment_score)::float8 as sentiment_average,
  count(*) filter (where a.sentiment_score <= ${NEGATIVE_SENTIMENT})::int as negative`;

/** The local interval a call falls in: its UTC start (a week starts on Monday, ISO 8601). */
function intervalStart(interval: DashboardInterval, timeZone: string) {
  return sql`(date_trunc(${interval}, ${startOf} at time zone ${timeZone}) at time zone ${timeZone})`;
}

export async function totals(trx: Trx, scope: DashboardScope): Promise<FigureRow> {
  const { rows } = await sql<FigureRow>`select ${figures} ${inScope(scope)}`.execute(trx);
  return rows[0] as FigureRow;
}

export interface IntervalRow extends FigureRow {
  readonly start: Date;
  /** The interval's first day on the tenant's calendar, YYYY-MM-DD. */
  readonly localStart: string;
}

/** Only the intervals that hold calls, oldest first. */
export async function byInterval(
  trx: Trx,
  scope: DashboardScope,
  interval: DashboardInterval,
): Promise<IntervalRow[]> {
  const start = intervalStart(interval, scope.timeZone);
  const local = sql`to_char(date_trunc(${interval}, ${startOf} at time zone ${scope.timeZone}), 'YYYY-MM-DD')`;
  const { rows } = await sql<IntervalRow>`select ${start} as start, ${local} as local_start, ${figures}
    ${inScope(scope)} group by 1, 2 order by 1`.execute(trx);
  return rows;
}

export interface AgentRow extends FigureRow {
  /** The agent's blind index, hex; null for calls without an agent. */
  readonly agentKey: string | null;
  /** The newest call of the group: its sealed metadata names the agent. */
  readonly sampleRecordingId: string;
  readonly sampleMetadataSealed: Buffer;
}

export async function byAgent(trx: Trx, scope: DashboardScope): Promise<AgentRow[]> {
  const { rows } = await sql<AgentRow>`
    with groups as (
      select encode(r.agent_index, 'hex') as agent_key, ${figures},
             (array_agg(r.id order by ${startOf} desc, r.id desc))[1] as sample_recording_id
        ${inScope(scope)}
       group by r.agent_index)
    select g.*, s.metadata_sealed as sample_metadata_sealed
      from groups g join conversations.recordings s on s.id = g.sample_recording_id
     order by g.qa_average desc nulls last, g.calls desc, g.agent_key nulls last`.execute(trx);
  return rows;
}

export interface TeamRow extends FigureRow {
  readonly team: string | null;
}

export async function byTeam(trx: Trx, scope: DashboardScope): Promise<TeamRow[]> {
  const { rows } = await sql<TeamRow>`select r.team, ${figures} ${inScope(scope)}
    group by r.team order by qa_average desc nulls last, calls desc, r.team nulls last`.execute(trx);
  return rows;
}

export type LabelColumn = 'categories' | 'intents' | 'topics';

export interface LabelRow {
  readonly label: string;
  readonly calls: number;
}

/** The labels of one kind found most often (a call counts once per label), most first. */
export async function topLabels(
  trx: Trx,
  scope: DashboardScope,
  column: LabelColumn,
  limit: number,
): Promise<LabelRow[]> {
  const { rows } = await sql<LabelRow>`select l.label, count(distinct a.id)::int as calls
    from (select a.id, a.${sql.ref(column)} as labels ${inScope(scope)}) a
    cross join lateral unnest(a.labels) as l (label)
    group by l.label order by calls desc, l.label limit ${limit}`.execute(trx);
  return rows;
}

export type OutlierMeasure = 'silence' | 'interruptions';

export interface OutlierRow {
  readonly recordingId: string;
  readonly analysisId: string;
  readonly startedAt: Date;
  readonly queue: string | null;
  readonly team: string | null;
  readonly agentKey: string | null;
  readonly metadataSealed: Buffer;
  readonly qaScore: number | null;
  readonly grade: string | null;
  readonly value: number;
  /** The 95th percentile of the measure over the calls in scope (null when none was measured). */
  readonly p95: number | null;
}

/**
 * Calls whose measure lies above the 95th percentile of the calls in scope, or at or above the
 * fixed threshold: the largest first.
 */
export async function outliers(
  trx: Trx,
  scope: DashboardScope,
  measure: OutlierMeasure,
  threshold: number,
  limit: number,
): Promise<{ rows: OutlierRow[]; p95: number | null }> {
  const column = measure === 'silence' ? sql`a.longest_silence_ms` : sql`a.interruptions`;
  const { rows } = await sql<OutlierRow>`
    with measured as (
      select a.id as analysis_id, r.id as recording_id, ${startOf} as started_at, r.queue, r.team,
             encode(r.agent_index, 'hex') as agent_key, r.metadata_sealed, a.qa_score, a.grade,
             ${column}::float8 as value
        ${inScope(scope)} and ${column} is not null),
    p as (select percentile_cont(0.95) within group (order by value) as p95 from measured)
    select m.*, p.p95 from measured m cross join p
     where m.value > p.p95 or m.value >= ${threshold}
     order by m.value desc, m.started_at desc, m.recording_id
     limit ${limit}`.execute(trx);
  if (rows.length > 0) return { rows, p95: rows[0]?.p95 ?? null };
  const { rows: only } = await sql<{ p95: number | null }>`
    select percentile_cont(0.95) within group (order by ${column}) as p95
    ${inScope(scope)} and ${column} is not null`.execute(trx);
  return { rows, p95: only[0]?.p95 ?? null };
}

export interface ScoredCallRow {
  readonly analysisId: string;
  readonly recordingId: string;
  readonly startedAt: Date;
  readonly queue: string | null;
  readonly qaScore: number | null;
  readonly grade: string | null;
  readonly sentimentScore: number | null;
  readonly resultSealed: Buffer;
}

/** The analyses in scope, newest call first (the scorecard's rule pass rates read their results). */
export async function analysesInScope(
  trx: Trx,
  scope: DashboardScope,
  limit: number,
): Promise<ScoredCallRow[]> {
  const { rows } = await sql<ScoredCallRow>`
    select a.id as analysis_id, r.id as recording_id, ${startOf} as started_at, r.queue, a.qa_score,
           a.grade, a.sentiment_score, a.result_sealed
      ${inScope(scope)}
     order by ${startOf} desc, r.id desc limit ${limit}`.execute(trx);
  return rows;
}

/** The lowest-scored calls in scope (scored ones only), lowest first. */
export async function worstCalls(
  trx: Trx,
  scope: DashboardScope,
  limit: number,
): Promise<Omit<ScoredCallRow, 'resultSealed'>[]> {
  const { rows } = await sql<Omit<ScoredCallRow, 'resultSealed'>>`
    select a.id as analysis_id, r.id as recording_id, ${startOf} as started_at, r.queue, a.qa_score,
           a.grade, a.sentiment_score
      ${inScope(scope)} and a.qa_score is not null
     order by a.qa_score, ${startOf} desc, r.id limit ${limit}`.execute(trx);
  return rows;
}

/** The sealed metadata of the agent's newest call in the tenant (any time), to name the agent. */
export async function agentSample(
  trx: Trx,
  agentIndex: Buffer,
): Promise<{ id: string; metadataSealed: Buffer } | undefined> {
  return trx
    .selectFrom('conversations.recordings')
    .select(['id', 'metadataSealed'])
    .where('agentIndex', '=', agentIndex)
    .orderBy(sql`coalesce(started_at, created_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
