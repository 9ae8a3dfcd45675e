import { sql, type RawBuilder } from 'kysely';
import {
  countUpTo,
  EXACT_COUNT_CAP,
  keysetAfter,
  orderByKeys,
  type ListTotal,
} from '../../../platform/db/index.js';
import { AGGREGATE_THRESHOLD } from '../analysis/sentiment.js';
import type { ConversationsTransaction } from '../db/conversations.tables.js';
import { SEARCH_CONFIG } from '../recordings/recordings.repo.js';
import type { ConversationCursor, QaGrade, SentimentLabel } from './conversation-search.schemas.js';

/*
 * The conversation search's SQL: recordings with a transcript (state ready), their current
 * transcript's vectors and their current analysis. Tenant scoping is row-level security (callers
 * run inside withTenant); the agent arrives as its blind index.
 */

type Trx = ConversationsTransaction;

/** Beyond ±0.1 a call's mean sentiment is positive or negative, as the analyser labels it. */
const THRESHOLD = AGGREGATE_THRESHOLD;

export interface ConversationFilters {
  readonly q?: string | undefined;
  readonly agentSaid?: string | undefined;
  readonly customerSaid?: string | undefined;
  readonly sentiment?: readonly SentimentLabel[] | undefined;
  readonly customerSentiment?: readonly SentimentLabel[] | undefined;
  readonly sentimentMin?: number | undefined;
  readonly sentimentMax?: number | undefined;
  readonly grades?: readonly QaGrade[] | undefined;
  readonly qaScoreMin?: number | undefined;
  readonly qaScoreMax?: number | undefined;
  readonly intents?: readonly string[] | undefined;
  readonly categories?: readonly string[] | undefined;
  readonly topics?: readonly string[] | undefined;
  readonly analysed?: boolean | undefined;
  readonly agentIndex?: Buffer | undefined;
  readonly queue?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

const tsquery = (text: string) => sql`websearch_to_tsquery(${sql.lit(SEARCH_CONFIG)}::regconfig, ${text})`;

/** score's label is one of `labels`, as the analyser labels a call's mean. */
function sentimentIn(column: RawBuilder<unknown>, labels: readonly SentimentLabel[]): RawBuilder<boolean> {
  const each = labels.map((label) =>
    label === 'positive'
      ? sql`${column} >= ${THRESHOLD}`
      : label === 'negative'
        ? sql`${column} <= ${-THRESHOLD}`
        : sql`(${column} > ${-THRESHOLD} and ${column} < ${THRESHOLD})`,
  );
  return sql<boolean>`(${sql.join(each, sql` or `)})`;
}

const startKey = sql`coalesce(r.started_at, r.created_at)`;
const orderKeys = [startKey, sql`r.id`] as const;

/**
 * The matching recordings, as a query to select from. Each filter is its own semi-join (EXISTS)
 * rather than a join of the current analysis: the planner then starts from whichever index is
 * most selective (a rare word's GIN entries, the grade index) or walks the call-start order, and
 * never hashes every analysis of the tenant for a page of 50 (the page's analyses are read after).
 */
function matching(trx: Trx, f: ConversationFilters) {
  let query = trx.selectFrom('conversations.recordings as r').where('r.state', '=', 'ready');
  if (f.agentIndex !== undefined) query = query.where('r.agentIndex', '=', f.agentIndex);
  if (f.queue !== undefined) query = query.where('r.queue', '=', f.queue);
  if (f.from) query = query.where(sql<boolean>`${startKey} >= ${f.from}`);
  if (f.to) query = query.where(sql<boolean>`${startKey} < ${f.to}`);
  const onAnalysis: RawBuilder<unknown>[] = [];
  if (f.sentiment?.length) onAnalysis.push(sentimentIn(sql`a.sentiment_score`, f.sentiment));
  if (f.customerSentiment?.length)
    onAnalysis.push(sentimentIn(sql`a.customer_sentiment_score`, f.customerSentiment));
  if (f.sentimentMin !== undefined) onAnalysis.push(sql`a.sentiment_score >= ${f.sentimentMin}`);
  if (f.sentimentMax !== undefined) onAnalysis.push(sql`a.sentiment_score <= ${f.sentimentMax}`);
  if (f.grades?.length) onAnalysis.push(sql`a.grade = any(${[...f.grades]}::text[])`);
  if (f.qaScoreMin !== undefined) onAnalysis.push(sql`a.qa_score >= ${f.qaScoreMin}`);
  if (f.qaScoreMax !== undefined) onAnalysis.push(sql`a.qa_score <= ${f.qaScoreMax}`);
  // && (overlap) is what the GIN indexes of migration 0008 answer.
  if (f.intents?.length) onAnalysis.push(sql`a.intents && ${[...f.intents]}::text[]`);
  if (f.categories?.length) onAnalysis.push(sql`a.categories && ${[...f.categories]}::text[]`);
  if (f.topics?.length) onAnalysis.push(sql`a.topics && ${[...f.topics]}::text[]`);
  if (onAnalysis.length > 0 || f.analysed === true) {
    const conditions = onAnalysis.length > 0 ? sql` and ${sql.join(onAnalysis, sql` and `)}` : sql``;
    query = query.where(
      sql<boolean>`exists (select from conversations.analyses a where a.recording_id = r.id and a.is_current${conditions})`,
    );
  }
  if (f.analysed === false)
    query = query.where(
      sql<boolean>`not exists (select from conversations.analyses a where a.recording_id = r.id and a.is_current)`,
    );
  const said: [RawBuilder<unknown>, string | undefined][] = [
    [sql`t.search_vector`, f.q],
    [sql`t.agent_vector`, f.agentSaid],
    [sql`t.customer_vector`, f.customerSaid],
  ];
  for (const [vector, text] of said) {
    if (text === undefined) continue;
    query = query.where(
      sql<boolean>`exists (select from conversations.transcripts t where t.recording_id = r.id and t.is_current and ${vector} @@ ${tsquery(text)})`,
    );
  }
  return query;
}

export interface ConversationRow {
  readonly id: string;
  readonly callId: string | null;
  readonly at: Date;
  readonly durationMs: string | null;
  readonly direction: 'inbound' | 'outbound' | 'internal' | 'unknown';
  readonly queue: string | null;
  readonly language: string | null;
}

export interface ConversationAnalysisRow {
  readonly id: string;
  readonly recordingId: string;
  readonly grade: QaGrade | null;
  readonly qaScore: number | null;
  readonly sentimentScore: number | null;
  readonly customerSentimentScore: number | null;
  readonly intents: string[];
  readonly categories: string[];
  readonly topics: string[];
  readonly createdAt: Date;
}

/** The current analyses of a page's recordings. */
export async function currentAnalysesOf(
  trx: Trx,
  recordingIds: readonly string[],
): Promise<ConversationAnalysisRow[]> {
  if (recordingIds.length === 0) return [];
  return trx
    .selectFrom('conversations.analyses')
    .select([
      'id',
      'recordingId',
      'grade',
      'qaScore',
      'sentimentScore',
      'customerSentimentScore',
      'intents',
      'categories',
      'topics',
      'createdAt',
    ])
    .where('recordingId', 'in', [...recordingIds])
    .where('isCurrent', '=', true)
    .execute();
}

/** One page, newest call first (then id), after the cursor: the query, unexecuted (the bench explains it). */
export function searchQuery(
  trx: Trx,
  filters: ConversationFilters,
  page: { limit: number; after?: ConversationCursor | undefined },
) {
  let query = matching(trx, filters).select([
    'r.id',
    'r.callId',
    sql<Date>`${startKey}`.as('at'),
    'r.durationMs',
    'r.direction',
    'r.queue',
    'r.language',
  ]);
  if (page.after)
    query = query.where(
      keysetAfter(orderKeys, [sql`${page.after.at}::timestamptz`, sql`${page.after.id}::uuid`], 'desc'),
    );
  return query.orderBy(orderByKeys(orderKeys, 'desc')).limit(page.limit);
}

export async function searchConversations(
  trx: Trx,
  filters: ConversationFilters,
  page: { limit: number; after?: ConversationCursor | undefined },
): Promise<ConversationRow[]> {
  return searchQuery(trx, filters, page).execute();
}

export async function countConversations(
  trx: Trx,
  filters: ConversationFilters,
  cap: number = EXACT_COUNT_CAP,
): Promise<ListTotal> {
  return countUpTo(trx, matching(trx, filters).select(sql<number>`1`.as('one')), cap);
}

export async function currentTranscriptsSealed(
  trx: Trx,
  recordingIds: readonly string[],
): Promise<{ id: string; recordingId: string; transcriptSealed: Buffer }[]> {
  if (recordingIds.length === 0) return [];
  return trx
    .selectFrom('conversations.transcripts')
    .select(['id', 'recordingId', 'transcriptSealed'])
    .where('recordingId', 'in', [...recordingIds])
    .where('isCurrent', '=', true)
    .execute();
}

export interface SnippetLine {
  readonly recordingId: string;
  readonly role: 'agent' | 'customer' | 'unknown';
  readonly text: string;
}

/** Marks PostgreSQL puts around a matching word (private-use characters, stripped from the text first). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/**
 * The first line of each recording that matches `text` (of `role`, if given), with the matching
 * words marked by ts_headline. The lines are the unsealed redacted transcripts of one page: they
 * pass through this statement and are not stored.
 */
export async function headlines(
  trx: Trx,
  lines: readonly SnippetLine[],
  text: string,
  role: 'agent' | 'customer' | undefined,
): Promise<Map<string, { role: SnippetLine['role']; headline: string }>> {
  if (lines.length === 0) return new Map();
  const options = `MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=1, StartSel=${MATCH_START}, StopSel=${MATCH_END}`;
  const { rows } = await sql<{ recordingId: string; role: SnippetLine['role']; headline: string }>`
    select distinct on (s.recording_id) s.recording_id, s.role,
           ts_headline(${sql.lit(SEARCH_CONFIG)}::regconfig, s.text, ${tsquery(text)}, ${options}) as headline
      from unnest(${lines.map((l) => l.recordingId)}::uuid[], ${lines.map((l) => l.role)}::text[],
                  ${lines.map((l) => l.text)}::text[]) with ordinality as s(recording_id, role, text, n)
     where to_tsvector(${sql.lit(SEARCH_CONFIG)}::regconfig, s.text) @@ ${tsquery(text)}
       ${role ? sql`and s.role = ${role}` : sql``}
     order by s.recording_id, s.n`.execute(trx);
  return new Map(rows.map((row) => [row.recordingId, { role: row.role, headline: row.headline }]));
}
