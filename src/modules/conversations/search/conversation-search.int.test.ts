import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { newUuid } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { insertAnalysis } from '../analyses/analyses.repo.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { createSealing, indexPurposes, sealingAad } from '../sealing.js';
import { insertTranscribedRecording } from '../scoring/testing/insert-transcribed-recording.js';

/*
 * GET /conversations on real PostgreSQL: transcribed recordings written through the pipeline's
 * own repo function (per-role vectors included), analyses written through the analyses repo, each
 * filter alone and combined, pages, another tenant's conversations, and hostile input.
 */

interface Hit {
  recordingId: string;
  startedAt: string;
  queue: string | null;
  snippet: { role: string; parts: { text: string; match: boolean }[] } | null;
  analysis: {
    grade: string | null;
    qaScore: number | null;
    sentiment: { score: number; label: string } | null;
    customerSentiment: { score: number; label: string } | null;
    intents: string[];
    categories: string[];
    topics: string[];
  } | null;
}
interface Page {
  items: Hit[];
  nextCursor: string | null;
  total: { count: number; exact: boolean } | null;
}
interface Problem {
  errors?: { field: string; message: string }[];
}

interface Seed {
  readonly name: string;
  readonly agent: string;
  readonly customer: string;
  readonly minutesAgo: number;
  readonly queue?: string;
  readonly agentId?: string;
  readonly analysis?: {
    grade: 'A' | 'B' | 'C' | 'D' | 'E' | null;
    qaScore: number | null;
    sentiment: number;
    customerSentiment: number | null;
    intents?: string[];
    categories?: string[];
    topics?: string[];
  };
}

const SEEDS: readonly Seed[] = [
  {
    name: 'refund',
    agent: 'Thank you for calling, how can I help?',
    customer: 'I want a refund for the broken kettle, this is unacceptable.',
    minutesAgo: 10,
    queue: 'billing',
    agentId: 'Agent-7',
    analysis: {
      grade: 'D',
      qaScore: 41,
      sentiment: -0.4,
      customerSentiment: -0.6,
      intents: ['refund_request'],
      categories: ['complaint'],
      topics: ['kettle'],
    },
  },
  {
    name: 'cancel',
    agent: 'I can cancel the contract for you today.',
    customer: 'Please cancel my contract, I am moving abroad.',
    minutesAgo: 20,
    queue: 'retention',
    agentId: 'agent-9',
    analysis: {
      grade: 'B',
      qaScore: 78,
      sentiment: 0.05,
      customerSentiment: 0.0,
      intents: ['cancel_request'],
      categories: ['churn'],
      topics: ['contract'],
    },
  },
  {
    name: 'praise',
    agent: 'I am glad the refund arrived.',
    customer: 'Thanks, you were really helpful, great service.',
    minutesAgo: 30,
    queue: 'billing',
    agentId: 'agent-7',
    analysis: {
      grade: 'A',
      qaScore: 95,
      sentiment: 0.6,
      customerSentiment: 0.7,
      intents: [],
      categories: ['compliment'],
      topics: ['refund'],
    },
  },
  {
    name: 'unanalysed',
    agent: 'Hello, the line is bad.',
    customer: 'Can you hear me? I need a refund.',
    minutesAgo: 40,
    queue: 'support',
  },
];

describe('conversation search', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  const ids = new Map<string, string>();
  let otherTenantRecording = '';
  const base = Date.now();

  const seed = async (ctx: RequestContext, s: Seed): Promise<string> => {
    const deps = {
      database: t.platform.database,
      keyring: t.platform.keyring,
      bus: t.platform.bus,
      objects: t.platform.quietObjects,
    };
    const recording = await insertTranscribedRecording(deps, ctx.tenantId, [
      { id: 'seg_0', speaker: 'agent', startMs: 0, endMs: 3000, text: s.agent },
      { id: 'seg_1', speaker: 'customer', startMs: 3500, endMs: 7000, text: s.customer },
    ]);
    const sealing = createSealing(t.platform.keyring);
    const agentIndex = s.agentId
      ? await sealing.blindIndex(ctx.tenantId, indexPurposes.agent, s.agentId.toLowerCase())
      : null;
    await t.platform.database.withTenant<ConversationsTables>(ctx, async (trx) => {
      await trx
        .updateTable('conversations.recordings')
        .set({
          startedAt: new Date(base - s.minutesAgo * 60_000),
          queue: s.queue ?? null,
          agentIndex,
        })
        .where('id', '=', recording.id)
        .execute();
      if (!s.analysis) return;
      const transcript = await trx
        .selectFrom('conversations.transcripts')
        .select(['id', 'runId'])
        .where('recordingId', '=', recording.id)
        .executeTakeFirstOrThrow();
      const id = newUuid();
      await insertAnalysis(trx, {
        id,
        tenantId: ctx.tenantId,
        recordingId: recording.id,
        transcriptId: transcript.id,
        runId: transcript.runId,
        requestKey: `run:${transcript.runId}`,
        reason: 'pipeline',
        analyser: 'local',
        analyserVersion: 'test',
        scorecardRef: null,
        categorySetRef: null,
        insightSchemaRef: null,
        resultSealed: await sealing.sealJson(ctx.tenantId, {}, sealingAad.analysis(id)),
        sentimentScore: s.analysis.sentiment,
        customerSentimentScore: s.analysis.customerSentiment,
        longestSilenceMs: null,
        interruptions: null,
        qaScore: s.analysis.qaScore,
        grade: s.analysis.grade,
        intents: s.analysis.intents ?? [],
        categories: s.analysis.categories ?? [],
        topics: s.analysis.topics ?? [],
        finalKey: null,
        requestedBy: 'test',
      });
    });
    return recording.publicId;
  };

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
    for (const s of SEEDS) ids.set(s.name, await seed(a, s));
    otherTenantRecording = await seed(b, { ...SEEDS[0]!, name: 'other tenant' });
  }, 60_000);
  afterAll(() => t.close());

  const ALL = ['recordings:read', 'transcripts:read', 'analysis:read'];
  const get = (query: string, tenant = a, permissions = ALL) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/conversations?${query}`,
      as: { tenant: tenant.tenantId, permissions },
    });
  const names = async (query: string, tenant = a): Promise<string[]> => {
    const res = await get(query, tenant);
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map([...ids].map(([name, id]) => [id, name]));
    return res.json<Page>().items.map((hit) => byId.get(hit.recordingId) ?? hit.recordingId);
  };
  const refused = async (query: string, field: string) => {
    const res = await get(query);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.field)).toContain(field);
  };

  it('lists every transcribed conversation newest call first, with its analysis', async () => {
    const res = await get('total=true');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<Page>();
    expect(page.items.map((hit) => hit.recordingId)).toEqual(SEEDS.map((s) => ids.get(s.name)));
    expect(page.total).toEqual({ count: 4, exact: true });
    expect(page.items[0]?.analysis).toMatchObject({
      grade: 'D',
      qaScore: 41,
      sentiment: { label: 'negative' },
      customerSentiment: { score: -0.6, label: 'negative' },
      intents: ['refund_request'],
      categories: ['complaint'],
    });
    expect(page.items[3]?.analysis).toBeNull();
    expect(page.items[0]?.snippet).toBeNull();
  });

  it('finds words anywhere, and shows the matching line with the words marked', async () => {
    expect(await names('q=refund')).toEqual(['refund', 'praise', 'unanalysed']);
    const hit = (await get('q=kettle')).json<Page>().items[0];
    expect(hit?.snippet?.role).toBe('customer');
    expect(hit?.snippet?.parts.filter((p) => p.match).map((p) => p.text)).toEqual(['kettle']);
    expect(hit?.snippet?.parts.map((p) => p.text).join('')).toContain('refund for the broken kettle');
    expect(await names('q=%22broken%20kettle%22')).toEqual(['refund']);
    expect(await names('q=refund%20-kettle')).toEqual(['praise', 'unanalysed']);
  });

  it('tells what the agent said from what the customer said', async () => {
    expect(await names('agentSaid=refund')).toEqual(['praise']);
    expect(await names('customerSaid=refund')).toEqual(['refund', 'unanalysed']);
    expect(await names('customerSaid=cancel')).toEqual(['cancel']);
    expect(await names('agentSaid=cancel')).toEqual(['cancel']);
    const hit = (await get('agentSaid=refund')).json<Page>().items[0];
    expect(hit?.snippet?.role).toBe('agent');
  });

  it('filters by sentiment label, customer sentiment and score range', async () => {
    expect(await names('sentiment=negative')).toEqual(['refund']);
    expect(await names('sentiment=neutral,positive')).toEqual(['cancel', 'praise']);
    expect(await names('customerSentiment=positive')).toEqual(['praise']);
    expect(await names('customerSentiment=neutral')).toEqual(['cancel']);
    expect(await names('sentimentMin=0&sentimentMax=0.5')).toEqual(['cancel']);
  });

  it('filters by grade, QA score, intent, category and topic', async () => {
    expect(await names('grade=A,D')).toEqual(['refund', 'praise']);
    expect(await names('qaScoreMin=50')).toEqual(['cancel', 'praise']);
    expect(await names('qaScoreMin=40&qaScoreMax=80')).toEqual(['refund', 'cancel']);
    expect(await names('intent=cancel_request')).toEqual(['cancel']);
    expect(await names('intent=cancel_request,refund_request')).toEqual(['refund', 'cancel']);
    expect(await names('category=compliment')).toEqual(['praise']);
    expect(await names('topic=kettle,contract')).toEqual(['refund', 'cancel']);
  });

  it('filters by analysed or not, agent, queue and call start', async () => {
    expect(await names('analysed=false')).toEqual(['unanalysed']);
    expect(await names('analysed=true')).toEqual(['refund', 'cancel', 'praise']);
    expect(await names('agent=AGENT-7')).toEqual(['refund', 'praise']);
    expect(await names('queue=billing')).toEqual(['refund', 'praise']);
    const from = new Date(base - 35 * 60_000).toISOString();
    const to = new Date(base - 15 * 60_000).toISOString();
    expect(await names(`from=${from}&to=${to}`)).toEqual(['cancel', 'praise']);
  });

  it('combines filters (all must hold)', async () => {
    expect(await names('q=refund&queue=billing&grade=A')).toEqual(['praise']);
    expect(await names('customerSaid=refund&analysed=false')).toEqual(['unanalysed']);
    expect(await names('agent=agent-7&sentiment=negative&category=complaint')).toEqual(['refund']);
    expect(await names('queue=retention&grade=A')).toEqual([]);
  });

  it('pages in a stable order that a new conversation does not disturb', async () => {
    const first = (await get('limit=3&total=true')).json<Page>();
    expect(first.items).toHaveLength(3);
    expect(first.total?.count).toBe(4);
    expect(first.nextCursor).not.toBeNull();
    // A newer conversation arrives between the pages: page two still starts where page one ended.
    const late = await seed(a, { ...SEEDS[1]!, name: 'late', minutesAgo: 1 });
    const second = (await get(`limit=3&cursor=${first.nextCursor ?? ''}`)).json<Page>();
    expect(second.items.map((hit) => hit.recordingId)).toEqual([ids.get('unanalysed')]);
    expect(second.nextCursor).toBeNull();
    expect((await get('limit=1')).json<Page>().items[0]?.recordingId).toBe(late);
  });

  it("never shows another tenant's conversations", async () => {
    const mine = (await get('q=kettle')).json<Page>().items.map((hit) => hit.recordingId);
    expect(mine).not.toContain(otherTenantRecording);
    const theirs = (await get('q=kettle', b)).json<Page>().items.map((hit) => hit.recordingId);
    expect(theirs).toEqual([otherTenantRecording]);
  });

  it('asks for transcripts:read to search words and analysis:read to filter on analyses', async () => {
    const readOnly = ['recordings:read'];
    expect((await get('q=refund', a, readOnly)).statusCode).toBe(403);
    expect((await get('grade=A', a, readOnly)).statusCode).toBe(403);
    const plain = (await get('', a, readOnly)).json<Page>();
    expect(plain.items.length).toBeGreaterThan(0);
    expect(plain.items.every((hit) => hit.analysis === null)).toBe(true);
  });

  it('keeps a search as a saved view of the list conversations, and the view replays it', async () => {
    const as = { tenant: a.tenantId, actor: 'usr_qa', permissions: ALL };
    const state = 'customerSaid=refund&analysed=true';
    const saved = await t.inject({
      method: 'POST',
      url: '/api/v1/views',
      payload: { list: 'conversations', name: 'Angry refunds', state },
      as,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const views = (await t.inject({ method: 'GET', url: '/api/v1/views?list=conversations', as })).json<{
      items: { name: string; state: string }[];
    }>().items;
    expect(views).toEqual([expect.objectContaining({ name: 'Angry refunds', state })]);
    expect(await names(views[0]?.state ?? '')).toEqual(['refund']);
  });

  it('refuses bad filters with 400 naming the field, never 500', async () => {
    await refused(`q=${encodeURIComponent('refund\u0000')}`, 'querystring.q');
    await refused(`customerSaid=${'a'.repeat(10_000)}`, 'querystring.customerSaid');
    await refused('grade=F', 'querystring.grade');
    await refused('sentiment=angry', 'querystring.sentiment');
    await refused('analysed=maybe', 'querystring.analysed');
    await refused('qaScoreMin=101', 'querystring.qaScoreMin');
    await refused('qaScoreMin=80&qaScoreMax=20', 'querystring.qaScoreMax');
    await refused('sentimentMin=x', 'querystring.sentimentMin');
    await refused('from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'querystring.to');
    await refused('from=yesterday', 'querystring.from');
    await refused('cursor=bm90LWEtY3Vyc29y', 'querystring.cursor');
    await refused(`intent=${Array.from({ length: 21 }, (_, i) => `i${i}`).join(',')}`, 'querystring.intent');
    await refused(`agent=${encodeURIComponent('x\u0000')}`, 'querystring.agent');
    await refused('limit=0', 'querystring.limit');
    // Query syntax websearch_to_tsquery reads as words: never an error.
    expect((await get(`q=${encodeURIComponent('!!! & | ( :* "')}`)).statusCode).toBe(200);
  });
});
