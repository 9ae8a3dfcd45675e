/**
 * `node --import tsx bench/conversation-search.bench.ts`: the conversation search's queries
 * (GET /api/v1/conversations) over N transcribed conversations of one tenant (default 50,000, 90%
 * analysed) beside 5,000 of another, with EXPLAIN ANALYZE of each common filter's first page and
 * of its total. Rows are written with SQL (synthetic words, tsvectors as the pipeline builds them:
 * all words, the agent's, the customer's); the queries are the repo's own.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty database> node --import tsx bench/conversation-search.bench.ts [--conversations 50000]
 */
import { createHash, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Compilable } from 'kysely';
import { platformMigrations } from '../src/platform/db/index.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import { conversationsModule } from '../src/modules/conversations/index.js';
/* eslint-disable switchboard/module-boundaries -- the bench explains the repo's own queries. */
import type { ConversationsTables } from '../src/modules/conversations/db/conversations.tables.js';
import {
  countConversations,
  searchQuery,
  type ConversationFilters,
} from '../src/modules/conversations/search/conversation-search.repo.js';
/* eslint-enable switchboard/module-boundaries */
import { openBenchDatabase } from './support/bench-database.js';
import { loadAverage, printTable } from './support/figures.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '50000' } } });
const total = Number(values.conversations);
const logger = createLogger({ level: 'fatal' });

const WORDS =
  `account address agent balance bill billing broken call callback cancel card change charge charged
contract customer date delivery device direct discount email engineer error fault fee help home internet invoice
kettle late line manager meter mobile money month new number offer order package parcel password payment phone plan
price problem refund reference renewal repair return router service signal speed store supplier tariff technician
thanks ticket today transfer upgrade usage warranty week wifi yesterday`.split(/\s+/);
const RARE = ['unacceptable', 'ombudsman', 'lawyer', 'chargeback', 'complaint'];

const bench = await openBenchDatabase({
  prefix: 'switchboard-conversation-search-',
  poolMax: 4,
  logger,
  migrations: [
    platformMigrations,
    ...(conversationsModule.migrations ? [conversationsModule.migrations] : []),
  ],
});
const owner = bench.database.owner;
const tenant = randomUUID();
const other = randomUUID();

async function fill(tenantId: string, n: number): Promise<void> {
  const words = sql`(${WORDS}::text[])`;
  const rare = sql`(${RARE}::text[])`;
  await sql`
    insert into conversations.recordings (id, tenant_id, source, source_recording_id, state, started_at, queue,
                                          agent_index, metadata_sealed, created_at, duration_ms)
    select gen_random_uuid(), ${tenantId}::uuid, 'bench', 'r' || g, 'ready',
           now() - make_interval(mins => g), (array['billing','support','retention','sales'])[1 + g % 4],
           decode(md5('agent' || (g % 50)), 'hex'), '\\x00'::bytea, now() - make_interval(mins => g), 240000
      from generate_series(1, ${n}::int) g`.execute(owner);
  await sql`
    insert into conversations.recording_runs (id, tenant_id, recording_id, workflow_id, reason, state)
    select gen_random_uuid(), tenant_id, id, 'bench-' || id, 'received', 'succeeded'
      from conversations.recordings where tenant_id = ${tenantId}::uuid`.execute(owner);
  // ~80 words each side; one call in 50 has a rare word said by the customer.
  await sql`
    insert into conversations.transcripts (id, tenant_id, recording_id, run_id, provider, transcript_sealed,
                                           search_vector, agent_vector, customer_vector)
    select gen_random_uuid(), x.tenant_id, x.recording_id, x.id, 'bench', '\\x00'::bytea,
           to_tsvector('simple', x.agent || ' ' || x.customer), to_tsvector('simple', x.agent),
           to_tsvector('simple', x.customer)
      from (select run.*,
                   (select string_agg(${words}[1 + floor(random() * array_length(${words}, 1))::int], ' ')
                      from generate_series(1, 80) w where run.id is not null) as agent,
                   (select string_agg(${words}[1 + floor(random() * array_length(${words}, 1))::int], ' ')
                      from generate_series(1, 80) w where run.id is not null)
                   || case when random() < 0.02 then ' ' || ${rare}[1 + floor(random() * 5)::int] else '' end
                     as customer
              from conversations.recording_runs run where run.tenant_id = ${tenantId}::uuid) x`.execute(
    owner,
  );
  await sql`
    insert into conversations.analyses (id, tenant_id, recording_id, transcript_id, run_id, request_key, reason,
      analyser, analyser_version, result_sealed, sentiment_score, customer_sentiment_score, qa_score, grade,
      intents, categories, topics, requested_by)
    select gen_random_uuid(), t.tenant_id, t.recording_id, t.id, t.run_id, 'run:' || t.run_id, 'pipeline', 'local',
           'bench', '\\x00'::bytea, s.score, greatest(-1, least(1, s.score - 0.1)), q.qa,
           case when q.qa >= 90 then 'A' when q.qa >= 75 then 'B' when q.qa >= 60 then 'C' when q.qa >= 40 then 'D' else 'E' end,
           string_to_array((array['', 'refund_request', 'cancel_request', 'complaint', 'callback_request',
                                  'opt_out', 'payment_promise', ''])[1 + floor(random() * 8)::int], ','),
           string_to_array((array['billing', 'technical', 'churn', 'compliment', ''])[1 + floor(random() * 5)::int], ','),
           string_to_array((array['router', 'invoice', 'contract', 'delivery'])[1 + floor(random() * 4)::int], ','),
           'bench'
      from conversations.transcripts t,
           lateral (select round((random() * 2 - 1)::numeric, 3)::real as score where t.id is not null) s,
           lateral (select round((random() * 100)::numeric, 1)::real as qa where t.id is not null) q
     where t.tenant_id = ${tenantId}::uuid and random() < 0.9`.execute(owner);
}

const started = performance.now();
await fill(tenant, total);
await fill(other, 5000);
await sql`analyze conversations.recordings, conversations.transcripts, conversations.analyses`.execute(owner);
console.log(`seeded ${total} + 5000 conversations in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const agentIndex = createHash('md5').update('agent7').digest();
const cases: [string, ConversationFilters][] = [
  ['no filter', {}],
  ['q=refund (common word)', { q: 'refund' }],
  ['q=ombudsman (rare word)', { q: 'ombudsman' }],
  ['customerSaid=unacceptable', { customerSaid: 'unacceptable' }],
  ['agentSaid="refund card"', { agentSaid: '"refund card"' }],
  ['grade=E', { grades: ['E'] }],
  ['sentiment=negative', { sentiment: ['negative'] }],
  ['intent=opt_out', { intents: ['opt_out'] }],
  ['category=compliment', { categories: ['compliment'] }],
  ['qaScore 40..60 + queue=billing', { qaScoreMin: 40, qaScoreMax: 60, queue: 'billing' }],
  ['analysed=false', { analysed: false }],
  ['agent + last 7 days', { agentIndex, from: new Date(Date.now() - 7 * 86_400_000) }],
  ['customerSaid=unacceptable + grade=D,E', { customerSaid: 'unacceptable', grades: ['D', 'E'] }],
];

/** EXPLAIN ANALYZE of a compiled query: its execution time in ms. */
const explain = (query: Compilable) => {
  const compiled = query.compile();
  return CompiledQuery.raw(`explain (analyze, format json) ${compiled.sql}`, [...compiled.parameters]);
};
type Plan = { 'QUERY PLAN': [{ 'Execution Time': number }] };

const rows: string[][] = [];
for (const [name, filters] of cases) {
  const best = async (f: () => Promise<number>) => Math.min(await f(), await f(), await f());
  const page = await best(() =>
    bench.database.withTenant<ConversationsTables, number>({ tenantId: tenant }, async (trx) => {
      const result = await trx.executeQuery<Plan>(explain(searchQuery(trx, filters, { limit: 51 })));
      return result.rows[0]?.['QUERY PLAN'][0]['Execution Time'] ?? Number.NaN;
    }),
  );
  const t0 = performance.now();
  const counted = await bench.database.withTenant<ConversationsTables, { count: number; exact: boolean }>(
    { tenantId: tenant },
    (trx) => countConversations(trx, filters),
  );
  const countMs = performance.now() - t0;
  rows.push([name, page.toFixed(1), `${counted.exact ? '' : '~'}${counted.count}`, countMs.toFixed(0)]);
}
printTable(['filter', 'page of 50: execution ms (best of 3)', 'total', 'total ms (wall)'], rows);
console.log(`load average ${loadAverage()}`);
await bench.close();
