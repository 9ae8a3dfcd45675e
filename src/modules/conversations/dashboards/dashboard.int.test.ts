import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { newUuid } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { backfillOutlierFigures } from '../db/migrations/0012-conversation-team.js';
import { normaliseAgentKey } from '../recordings/party-numbers.js';
import { createSealing, indexPurposes, sealingAad } from '../sealing.js';
import type { AgentScorecard, QualityDashboard } from './dashboard.service.js';

/*
 * The quality dashboards on real PostgreSQL. Tenant A lives in Asia/Kathmandu (+05:45, no summer
 * time): the range is 1-15 March 2026 of its calendar, and calls just inside and outside that edge
 * (a UTC day would put them elsewhere) decide what is counted. Every expected figure below is
 * worked out by hand from the seeded rows. Tenant B's calls, in the same instants, never show.
 */

interface Seed {
  readonly local: string;
  readonly agent?: { id: string; name: string };
  readonly team?: string;
  readonly queue?: string;
  readonly qa: number | null;
  readonly grade: 'A' | 'B' | 'C' | 'D' | 'E' | null;
  readonly sentiment: number;
  readonly categories?: string[];
  readonly intents?: string[];
  readonly topics?: string[];
  readonly silenceMs?: number;
  readonly interruptions?: number;
  readonly rules?: { ruleId: string; name: string; pass: boolean | null; status?: string }[];
  /** An older analysis, no longer current, before the current one. */
  readonly history?: { qa: number; grade: 'E' };
}

const alice = { id: 'A-1', name: 'Alice Example' };
const bob = { id: 'B-2', name: '=Bob Example' };
const KTM = '+05:45';

const seedsA: Seed[] = [
  {
    local: '2026-03-02T00:10:00',
    agent: alice,
    team: 'red',
    queue: 'sales',
    qa: 80,
    grade: 'B',
    sentiment: 0.5,
    categories: ['billing'],
    intents: ['cancel'],
    topics: ['price'],
    silenceMs: 5000,
    interruptions: 1,
    rules: [
      { ruleId: 'greet', name: 'Greeting', pass: true },
      { ruleId: 'disclosure', name: 'Disclosure', pass: false },
    ],
    history: { qa: 0, grade: 'E' },
  },
  {
    local: '2026-03-02T23:50:00',
    agent: alice,
    team: 'red',
    queue: 'sales',
    qa: 60,
    grade: 'D',
    sentiment: -0.3,
    categories: ['billing', 'complaint'],
    topics: ['price'],
    silenceMs: 45_000,
    interruptions: 2,
    rules: [
      { ruleId: 'greet', name: 'Greeting', pass: false },
      { ruleId: 'disclosure', name: 'Disclosure', pass: false },
      { ruleId: 'empathy', name: 'Empathy', pass: null, status: 'pending' },
    ],
  },
  {
    local: '2026-03-09T05:00:00',
    agent: bob,
    team: 'blue',
    queue: 'support',
    qa: 90,
    grade: 'A',
    sentiment: -0.1,
    categories: ['complaint'],
    intents: ['cancel', 'callback'],
    silenceMs: 8000,
    interruptions: 12,
  },
  { local: '2026-03-10T12:00:00', qa: null, grade: null, sentiment: 0.2 },
  // Outside the range on the tenant's calendar (inside it on UTC's for the second).
  { local: '2026-02-28T23:50:00', agent: bob, qa: 10, grade: 'E', sentiment: -0.9, categories: ['x'] },
  { local: '2026-03-15T00:05:00', agent: bob, qa: 10, grade: 'E', sentiment: -0.9, categories: ['x'] },
];

const range = `from=2026-03-01T00:00:00${encodeURIComponent(KTM)}&to=2026-03-15T00:00:00${encodeURIComponent(KTM)}`;

describe('quality dashboards', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  let aliceKey: string;

  const seed = async (ctx: RequestContext, seeds: readonly Seed[], offset: string) => {
    const sealing = createSealing(t.platform.keyring);
    for (const s of seeds) {
      const recordingId = newUuid();
      const runId = newUuid();
      const transcriptId = newUuid();
      const metadata = { source: 'test', sourceRecordingId: recordingId, agent: s.agent, team: s.team };
      const agentKey = s.agent ? normaliseAgentKey(s.agent) : null;
      const agentIndex =
        agentKey === null ? null : await sealing.blindIndex(ctx.tenantId, indexPurposes.agent, agentKey);
      const analyses = [
        ...(s.history ? [{ ...s.history, current: false }] : []),
        { qa: s.qa, grade: s.grade, current: true },
      ];
      const sealed = await Promise.all(
        analyses.map(async () => {
          const id = newUuid();
          const result = {
            qa: s.rules
              ? { rules: s.rules.map((r) => ({ status: 'evaluated', category: 'Core', ...r })) }
              : null,
          };
          return { id, sealed: await sealing.sealJson(ctx.tenantId, result, sealingAad.analysis(id)) };
        }),
      );
      const metadataSealed = await sealing.sealJson(ctx.tenantId, metadata, sealingAad.metadata(recordingId));
      await t.platform.database.withTenant<ConversationsTables>(ctx, async (trx) => {
        await trx
          .insertInto('conversations.recordings')
          .values({
            id: recordingId,
            tenantId: ctx.tenantId,
            source: 'test',
            sourceRecordingId: randomBytes(8).toString('hex'),
            state: 'ready',
            failureCode: null,
            failureReason: null,
            startedAt: new Date(`${s.local}${offset}`),
            queue: s.queue ?? null,
            team: s.team ?? null,
            language: null,
            agentIndex,
            callId: null,
            callLink: null,
            metadataSealed,
            audioKey: null,
            audioContentType: null,
            audioBytes: null,
            audioSha256: null,
            redactedAudioKey: null,
            codec: null,
            channels: null,
            sampleRate: null,
            durationMs: null,
            suppliedTranscriptKey: null,
          })
          .execute();
        await trx
          .insertInto('conversations.recording_runs')
          .values({
            id: runId,
            tenantId: ctx.tenantId,
            recordingId,
            workflowId: `wf-${runId}`,
            reason: 'received',
            state: 'succeeded',
          })
          .execute();
        await sql`insert into conversations.transcripts (id, tenant_id, recording_id, run_id, provider, transcript_sealed, search_vector)
          values (${transcriptId}, ${ctx.tenantId}, ${recordingId}, ${runId}, 'test', '\\x00'::bytea, ''::tsvector)`.execute(
          trx,
        );
        for (const [i, analysis] of analyses.entries()) {
          const { id, sealed: resultSealed } = sealed[i] as { id: string; sealed: Buffer };
          await trx
            .insertInto('conversations.analyses')
            .values({
              id,
              tenantId: ctx.tenantId,
              recordingId,
              transcriptId,
              runId,
              requestKey: `run:${id}`,
              reason: 'pipeline',
              analyser: 'local',
              analyserVersion: '1',
              scorecardRef: null,
              categorySetRef: null,
              insightSchemaRef: null,
              isCurrent: analysis.current,
              resultSealed,
              sentimentScore: s.sentiment,
              qaScore: analysis.qa,
              grade: analysis.grade,
              intents: s.intents ?? [],
              categories: s.categories ?? [],
              topics: s.topics ?? [],
              finalKey: null,
              requestedBy: 'test',
              longestSilenceMs: s.silenceMs ?? null,
              interruptions: s.interruptions ?? null,
            })
            .execute();
        }
      });
    }
  };

  const get = (ctx: RequestContext, url: string, permissions = ['analysis:read']) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/conversations${url}`,
      as: { tenant: ctx.tenantId, actor: 'usr_lead', permissions },
    });

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx: a } = await createTenant(t.platform, undefined, { timeZone: 'Asia/Kathmandu' }));
    ({ ctx: b } = await createTenant(t.platform, undefined, { timeZone: 'Europe/Berlin' }));
    await seed(a, seedsA, KTM);
    // Tenant B: the same agent, in the same range, with the worst scores there are.
    await seed(
      b,
      [
        {
          local: '2026-03-02T00:10:00',
          agent: alice,
          team: 'red',
          qa: 0,
          grade: 'E',
          sentiment: -1,
          categories: ['leak'],
          silenceMs: 900_000,
          interruptions: 99,
        },
      ],
      KTM,
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const grades = (A: number, B: number, C: number, D: number, E: number, ungraded: number) => ({
    A,
    B,
    C,
    D,
    E,
    ungraded,
  });

  it('counts current analyses of calls started in the range of the tenant’s calendar, by week, agent and team', async () => {
    const res = await get(a, `/dashboard?${range}&interval=week&interruptions=2`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<QualityDashboard>();
    expect(body.range).toMatchObject({
      timeZone: 'Asia/Kathmandu',
      interval: 'week',
      from: '2026-02-28T18:15:00.000Z',
    });
    expect(body.totals).toEqual({
      calls: 4,
      scored: 3,
      qaAverage: 76.7,
      grades: grades(1, 1, 0, 1, 0, 1),
      sentimentAverage: 0.075,
      negativeShare: 0.5,
    });
    // ISO weeks of Kathmandu: Monday 2 March starts at 18:15 UTC on the Sunday.
    expect(body.intervals).toEqual([
      {
        start: '2026-03-01T18:15:00.000Z',
        localStart: '2026-03-02',
        calls: 2,
        scored: 2,
        qaAverage: 70,
        grades: grades(0, 1, 0, 1, 0, 0),
        sentimentAverage: 0.1,
        negativeShare: 0.5,
      },
      {
        start: '2026-03-08T18:15:00.000Z',
        localStart: '2026-03-09',
        calls: 2,
        scored: 1,
        qaAverage: 90,
        grades: grades(1, 0, 0, 0, 0, 1),
        sentimentAverage: 0.05,
        negativeShare: 0.5,
      },
    ]);
    expect(body.agents.map((x) => [x.name, x.recordingsFilter, x.calls, x.qaAverage])).toEqual([
      ['=Bob Example', 'B-2', 1, 90],
      ['Alice Example', 'A-1', 2, 70],
      [null, null, 1, null],
    ]);
    aliceKey = body.agents[1]?.agentKey ?? '';
    expect(aliceKey).toMatch(/^[0-9a-f]{64}$/);
    expect(body.teams.map((x) => [x.team, x.calls, x.qaAverage])).toEqual([
      ['blue', 1, 90],
      ['red', 2, 70],
      [null, 1, null],
    ]);
    expect(body.categories).toEqual([
      { label: 'billing', calls: 2 },
      { label: 'complaint', calls: 2 },
    ]);
    expect(body.intents).toEqual([
      { label: 'cancel', calls: 2 },
      { label: 'callback', calls: 1 },
    ]);
    expect(body.topics).toEqual([{ label: 'price', calls: 2 }]);
    // Silences 5 s, 8 s, 45 s: p95 = 8000 + 0.9 × 37000 = 41300; only 45 s lies above it (or 30 s).
    expect(body.outliers.silence.p95).toBe(41300);
    expect(body.outliers.silence.calls.map((c) => [c.value, c.agent.name])).toEqual([
      [45000, 'Alice Example'],
    ]);
    expect(body.outliers.silence.calls[0]?.recordingId).toMatch(/^rec_/);
    // Interruptions 1, 2, 12: p95 = 11; the fixed threshold asked (2) adds the call with two.
    expect(body.outliers.interruptions).toMatchObject({ p95: 11, threshold: 2 });
    expect(body.outliers.interruptions.calls.map((c) => c.value)).toEqual([12, 2]);
  });

  it('cuts days at the tenant’s midnight, and filters by queue, team and agent', async () => {
    const days = (await get(a, `/dashboard?${range}&interval=day`)).json<QualityDashboard>();
    expect(days.intervals.map((i) => [i.localStart, i.calls])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-09', 1],
      ['2026-03-10', 1],
    ]);
    const sales = (await get(a, `/dashboard?${range}&queue=sales`)).json<QualityDashboard>();
    expect(sales.totals).toMatchObject({ calls: 2, qaAverage: 70 });
    const blue = (await get(a, `/dashboard?${range}&team=blue`)).json<QualityDashboard>();
    expect(blue.totals).toMatchObject({ calls: 1, qaAverage: 90 });
    const onlyAlice = (await get(a, `/dashboard?${range}&agent=${aliceKey}`)).json<QualityDashboard>();
    expect(onlyAlice.totals).toMatchObject({ calls: 2, qaAverage: 70 });
  });

  it("answers one agent's scorecard: trend, rule pass rates, worst calls", async () => {
    const res = await get(a, `/agents/${aliceKey}/scorecard?${range}`);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json<AgentScorecard>();
    expect(card.agent).toEqual({ agentKey: aliceKey, name: 'Alice Example', recordingsFilter: 'A-1' });
    expect(card.totals).toMatchObject({ calls: 2, scored: 2, qaAverage: 70, negativeShare: 0.5 });
    expect(card.rules).toEqual([
      { ruleId: 'disclosure', name: 'Disclosure', category: 'Core', evaluated: 2, passed: 0, passRate: 0 },
      { ruleId: 'greet', name: 'Greeting', category: 'Core', evaluated: 2, passed: 1, passRate: 0.5 },
    ]);
    expect(card.rulesReadFrom).toBe(2);
    expect(card.worstCalls.map((c) => c.qaScore)).toEqual([60, 80]);
  });

  it('keeps tenants apart', async () => {
    const other = (await get(b, `/dashboard?${range}`)).json<QualityDashboard>();
    expect(other.totals).toMatchObject({ calls: 1, qaAverage: 0 });
    expect(other.categories).toEqual([{ label: 'leak', calls: 1 }]);
    expect(other.range.timeZone).toBe('Europe/Berlin');
    // A's agent key means nothing in B.
    expect((await get(b, `/agents/${aliceKey}/scorecard?${range}`)).statusCode).toBe(404);
    const mine = (await get(a, `/dashboard?${range}`)).json<QualityDashboard>();
    expect(mine.categories.map((c) => c.label)).not.toContain('leak');
    expect(mine.outliers.silence.calls.map((c) => c.value)).not.toContain(900000);
  });

  it('exports tables as formula-safe CSV, auditing those that name agents', async () => {
    const res = await get(a, `/dashboard/export?${range}&table=agents`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'agent,agent_key,calls,scored,qa_average,grade_a,grade_b,grade_c,grade_d,grade_e,ungraded,sentiment_average,negative_share',
    );
    expect(lines[1]).toMatch(/^'=Bob Example,[0-9a-f]{64},1,1,90,1,0,0,0,0,0,-0.1,1$/);
    const teams = await get(a, `/dashboard/export?${range}&table=teams`);
    expect(teams.body.split('\r\n')[1]).toBe('blue,1,1,90,1,0,0,0,0,0,-0.1,1');
    const card = await get(a, `/agents/${aliceKey}/scorecard/export?${range}&table=rules`);
    expect(card.statusCode).toBe(200);
    const audited = await sql<{ targetId: string }>`
      select target_id as "targetId" from audit.entries
       where tenant_id = ${a.tenantId} and action = 'conversations.quality_exported' order by seq`.execute(
      t.platform.database.owner,
    );
    expect(audited.rows.map((r) => r.targetId)).toEqual(['agents', 'scorecard.rules']);
  });

  it("fills an older analysis's outlier columns from its transcript's characteristics (migration 0012)", async () => {
    const owner = t.platform.database.owner;
    const characteristics = {
      durationMs: 90_000,
      nonTalk: {
        totalMs: 40_000,
        periods: [
          { startMs: 0, endMs: 3000, durationMs: 3000 },
          { startMs: 50_000, endMs: 87_000, durationMs: 37_000 },
        ],
      },
      interruptions: [{ interrupter: 'spk_0', interrupted: 'spk_1', atMs: 10, durationMs: 500 }],
    };
    const { rows } = await sql<{ id: string; transcriptId: string }>`
      select a.id, a.transcript_id as "transcriptId" from conversations.analyses a
       where a.tenant_id = ${b.tenantId} and a.is_current`.execute(owner);
    const [analysis] = rows;
    if (!analysis) throw new Error('no analysis of tenant B');
    await sql`update conversations.transcripts set characteristics = ${JSON.stringify(characteristics)}::jsonb where id = ${analysis.transcriptId}`.execute(
      owner,
    );
    await sql`update conversations.analyses set longest_silence_ms = null, interruptions = null where id = ${analysis.id}`.execute(
      owner,
    );
    await sql.raw(backfillOutlierFigures).execute(owner);
    const after = await sql<{ longestSilenceMs: number; interruptions: number }>`
      select longest_silence_ms as "longestSilenceMs", interruptions from conversations.analyses where id = ${analysis.id}`.execute(
      owner,
    );
    expect(after.rows).toEqual([{ longestSilenceMs: 37_000, interruptions: 1 }]);
  });

  it('answers bad parameters with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/dashboard?to=2026-03-15T00:00:00Z', 'querystring.from'],
      ['/dashboard?from=2026-03-15T00:00:00Z&to=2026-03-01T00:00:00Z', 'querystring.to'],
      [`/dashboard?${range}&interval=month`, 'querystring.interval'],
      ['/dashboard?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=day', 'querystring.to'],
      [`/dashboard?${range}&agent=alice`, 'querystring.agent'],
      [`/dashboard?${range}&silenceMs=-5`, 'querystring.silenceMs'],
      [`/dashboard/export?${range}&table=secrets`, 'querystring.table'],
      [`/agents/alice/scorecard?${range}`, 'params.agent'],
      [`/agents/${'0'.repeat(64)}/scorecard?from=yesterday&to=2026-03-01T00:00:00Z`, 'querystring.from'],
    ];
    for (const [url, field] of cases) {
      const res = await get(a, url);
      expect(res.statusCode, url).toBe(400);
      expect(
        res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
        url,
      ).toContain(field);
    }
    expect((await get(a, `/dashboard?${range}`, ['calls:read'])).statusCode).toBe(403);
  });
});
