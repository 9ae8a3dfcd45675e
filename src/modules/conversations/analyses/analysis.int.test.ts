import { readFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { parseScrape } from '../../../../test/support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { fakeOpenAi } from '../analysis/llm/testing/fake-llm-replies.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { insertRecordingOn, OPT_OUT_CALL, outboundQaScorecard } from '../testing/analysis-fixtures.js';
import { FakeProviderServer } from '../transcription/fake-provider.server.js';

/*
 * The analysis end to end on real PostgreSQL: a supplied transcript in which the customer asks to
 * be taken off the list and the agent never gives the recording disclosure, a tenant scorecard of
 * three rules (deterministic disclosure, talk ratio, an LLM rule) and a category set; the pipeline
 * runs, and the analysis row, the event, the API and the final/ document say what happened. The
 * LLM is a local fake of the OpenAI chat completions API (analysis/llm/testing, built from the
 * documented shapes); nothing leaves the machine.
 */

const categories = {
  name: 'Outbound',
  categories: [
    {
      id: 'opt-out-request',
      name: 'Asked to be taken off the list',
      conditions: [{ type: 'phrase', phrases: ['off your list'], speaker: 'customer' }],
    },
    {
      id: 'no-disclosure',
      name: 'No recording disclosure',
      conditions: [{ type: 'phrase', phrases: ['call is recorded'], speaker: 'agent', negate: true }],
    },
  ],
};

const insightSchema = {
  name: 'Outbound insights',
  fields: [
    {
      name: 'reason',
      type: 'enum',
      description: 'Why the customer called',
      enumValues: ['opt_out', 'billing', 'other'],
      required: true,
    },
    {
      name: 'resolved',
      type: 'boolean',
      description: 'Whether the request was settled on the call',
      required: true,
    },
  ],
};

interface RunBody {
  state: string;
  steps: { name: string; outcome: string; detail?: { reason?: string } }[];
}

interface AnalysisBody {
  id: string;
  isCurrent: boolean;
  reason: string;
  analyser: string;
  grade: string | null;
  qaScore: number | null;
  intents: string[];
  categories: string[];
  configs: { scorecard: string | null; categorySet: string | null; insightSchema: string | null };
  summary: { text: string; abstractive: string | null };
  sentiment: {
    overall: { score: number };
    bySpeaker: unknown[];
    byQuarter: unknown[];
    perSegment: unknown[];
  };
  categoryMatches: { categoryId: string; points: { segmentId: string | null }[] }[];
  intentHits: { kind: string; evidence: { quote: string; segmentId: string } }[];
  qa: {
    grade: string;
    score: number;
    autoFailed: boolean;
    autoFailedBy: string[];
    complete: boolean;
    rules: {
      ruleId: string;
      status: string;
      pass: boolean | null;
      score: number | null;
      coachNote: string;
      evidence: { segmentId: string | null }[];
    }[];
  } | null;
  insights: { values: Record<string, unknown> | null; valid: boolean } | null;
  provenance: { analysis: { analyser: string }; llm: { provider: string; inputTokens: number } | null };
  finalKey: string | null;
}

describe('conversation analysis end to end', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let llmTenant: RequestContext;
  let fake: FakeProviderServer;
  const manager = [
    'analysis:read',
    'analysis:configure',
    'transcripts:read',
    'recordings:read',
    'settings:read',
    'settings:write',
  ];

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: llmTenant } = await createTenant(t.platform));
    fake = await FakeProviderServer.start();
  }, 60_000);
  afterAll(async () => {
    await fake.close();
    await t.close();
  });

  const as = (tenant: RequestContext, permissions = manager) => ({
    tenant: tenant.tenantId,
    actor: 'usr_qa_lead',
    permissions,
  });
  const api = (tenant: RequestContext, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.inject({
      method,
      url: `/api/v1${url}`,
      as: as(tenant),
      ...(payload ? { payload: payload } : {}),
    });
  const configure = async (tenant: RequestContext, withInsights: boolean) => {
    expect((await api(tenant, 'POST', '/conversations/scorecards', outboundQaScorecard)).statusCode).toBe(
      201,
    );
    expect((await api(tenant, 'POST', '/conversations/categories', categories)).statusCode).toBe(201);
    if (withInsights)
      expect((await api(tenant, 'POST', '/conversations/insight-schemas', insightSchema)).statusCode).toBe(
        201,
      );
  };
  const receive = (tenant: RequestContext) =>
    insertRecordingOn(t, tenant.tenantId, { suppliedTranscript: OPT_OUT_CALL, language: 'en-US' });
  /** The run's steps once the analysis step is recorded (the last thing a run does). */
  const analysedRun = async (tenant: RequestContext, publicId: string) => {
    let run: RunBody | undefined;
    await expect
      .poll(
        async () => {
          const runs = (
            await t.inject({
              method: 'GET',
              url: `/api/v1/recordings/${publicId}/runs`,
              as: as(tenant, ['recordings:read']),
            })
          ).json<{ items: RunBody[] }>().items;
          run = runs[0];
          return run?.state === 'succeeded' && run.steps.some((s) => s.name === 'analyse');
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(true);
    return run!;
  };
  const currentAnalysis = async (tenant: RequestContext, publicId: string): Promise<AnalysisBody> => {
    await analysedRun(tenant, publicId);
    const response = await api(tenant, 'GET', `/recordings/${publicId}/analysis`);
    expect(response.statusCode).toBe(200);
    return response.json<AnalysisBody>();
  };
  const events = async (tenant: RequestContext, type: string) =>
    (
      await sql<{ data: Record<string, unknown> }>`
        select data from bus.outbox where tenant_id = ${tenant.tenantId} and type = ${type}
        union all
        select data from bus.log where tenant_id = ${tenant.tenantId} and type = ${type}`.execute(
        t.platform.database.owner,
      )
    ).rows.map((row) => row.data);
  const analysisRows = async (recordingId: string) =>
    (
      await sql<{
        id: string;
        tenantId: string;
        grade: string | null;
        qaScore: number | null;
        intents: string[];
        categories: string[];
        isCurrent: boolean;
        scorecardRef: string | null;
        resultSealed: Buffer;
      }>`
        select id, tenant_id as "tenantId", grade, qa_score as "qaScore", intents, categories, is_current as "isCurrent",
               scorecard_ref as "scorecardRef", result_sealed as "resultSealed"
          from conversations.analyses where recording_id = ${recordingId} order by created_at`.execute(
        t.platform.database.owner,
      )
    ).rows;

  it('analyses the call with the local analyser: opt-out intent, auto-failed disclosure, categories, event, API and final/ document', async () => {
    await configure(ctx, false);
    const recording = await receive(ctx);
    const analysis = await currentAnalysis(ctx, recording.publicId);

    expect(analysis).toMatchObject({
      isCurrent: true,
      reason: 'pipeline',
      analyser: 'local',
      grade: 'E',
      qaScore: 0,
    });
    expect(analysis.configs.scorecard).toMatch(/^scorecard_.+@1$/);
    expect(analysis.configs.insightSchema).toBeNull();
    expect(analysis.intents).toContain('opt_out');
    const optOut = analysis.intentHits.find((hit) => hit.kind === 'opt_out');
    expect(optOut?.evidence.quote.toLowerCase()).toContain('off your list');
    expect(analysis.categories.sort()).toEqual(['no-disclosure', 'opt-out-request']);
    expect(
      analysis.categoryMatches.find((m) => m.categoryId === 'opt-out-request')?.points[0]?.segmentId,
    ).toBe('seg_1');
    expect(analysis.sentiment.perSegment).toHaveLength(4);
    expect(analysis.sentiment.byQuarter).toHaveLength(4);
    expect(analysis.summary.text.length).toBeGreaterThan(0);
    // The disclosure failed (auto-fail: score 0, grade E); talk ratio judged; the LLM rule waits for an LLM.
    expect(analysis.qa).toMatchObject({
      grade: 'E',
      score: 0,
      autoFailed: true,
      autoFailedBy: ['disclosure'],
      complete: false,
    });
    const rule = (id: string) => analysis.qa?.rules.find((r) => r.ruleId === id);
    expect(rule('disclosure')).toMatchObject({ status: 'evaluated', pass: false, score: 0 });
    expect(rule('talk-ratio')?.status).toBe('evaluated');
    expect(rule('empathy')).toMatchObject({ status: 'pending', score: null });
    expect(analysis.provenance).toMatchObject({ analysis: { analyser: 'local' }, llm: null });

    // The row: plain dashboard columns, the result sealed (no transcript text in clear).
    const [row] = await analysisRows(recording.id);
    expect(row).toMatchObject({ grade: 'E', qaScore: 0, isCurrent: true });
    expect(row!.intents).toContain('opt_out');
    expect(row!.resultSealed.toString('utf8')).not.toContain('off your list');

    // The event campaigns listens to: the intent with its phrase.
    const [event] = await events(ctx, 'conversations.analysis.completed.v1');
    expect(event).toMatchObject({
      recordingId: recording.publicId,
      analysisId: analysis.id,
      grade: 'E',
      score: 0,
      // For metering: the local analyser calls no language model.
      llm: null,
    });
    expect(event).toHaveProperty('durationMs');
    const intents = event!.intents as { kind: string; phrase: string }[];
    expect(intents.find((i) => i.kind === 'opt_out')?.phrase.toLowerCase()).toContain('off your list');

    // The run records the step; the transcript and the recording are untouched by it.
    const run = await analysedRun(ctx, recording.publicId);
    expect(run.steps.find((s) => s.name === 'analyse')).toMatchObject({ outcome: 'done' });

    // final/: the call with everything, format switchboard.conversation/1.
    expect(analysis.finalKey).toBe(
      `${ctx.tenantId}/final/${recording.id}/${fromPublicId('ana', analysis.id)}.json`,
    );
    const final = JSON.parse(
      (await buffer((await t.platform.quietObjects.get(analysis.finalKey!)).body)).toString('utf8'),
    ) as Record<string, unknown>;
    expect(final).toMatchObject({
      format: 'switchboard.conversation/1',
      recordingId: recording.publicId,
      analysisId: analysis.id,
    });
    expect((final.transcript as { segments: unknown[] }).segments).toHaveLength(4);
    expect(final.complianceFlags).toEqual([
      { ruleId: 'disclosure', name: 'Recording disclosure', autoFail: true },
    ]);
    expect((final.qa as { grade: string }).grade).toBe('E');
    // The document is what docs/conversation-result.schema.json says it is.
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
      JSON.parse(readFileSync('docs/conversation-result.schema.json', 'utf8')) as object,
    );
    expect(validate(final) ? [] : validate.errors).toEqual([]);

    // History and a re-analysis: a new current analysis, the first kept, the request audited.
    const accepted = await api(ctx, 'POST', `/recordings/${recording.publicId}/analyses`);
    expect(accepted.statusCode).toBe(202);
    const { analysisId } = accepted.json<{ analysisId: string }>();
    await expect
      .poll(
        async () =>
          (await api(ctx, 'GET', `/recordings/${recording.publicId}/analyses`)).json<{
            items: { id: string }[];
          }>().items.length,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(2);
    const history = (await api(ctx, 'GET', `/recordings/${recording.publicId}/analyses`)).json<{
      items: { id: string; isCurrent: boolean; reason: string }[];
    }>().items;
    expect(history.map((h) => [h.id, h.isCurrent, h.reason])).toEqual([
      [analysisId, true, 'reanalysis'],
      [analysis.id, false, 'pipeline'],
    ]);
    // The re-analysis has its own final/ document (the store is write-once); the first one stays.
    await expect
      .poll(
        async () =>
          (await api(ctx, 'GET', `/recordings/${recording.publicId}/analysis`)).json<AnalysisBody>().finalKey,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(`${ctx.tenantId}/final/${recording.id}/${fromPublicId('ana', analysisId)}.json`);
    expect(await t.platform.quietObjects.head(analysis.finalKey!)).toBeDefined();
    const audited = await sql<{
      action: string;
    }>`select action from audit.entries where tenant_id = ${ctx.tenantId}
      and action = 'conversations.reanalysis_requested'`.execute(t.platform.database.owner);
    expect(audited.rows).toHaveLength(1);

    // Another tenant sees neither the recording's analysis nor its rows.
    const other = (await createTenant(t.platform)).ctx;
    expect((await api(other, 'GET', `/recordings/${recording.publicId}/analysis`)).statusCode).toBe(404);
    expect((await api(other, 'POST', `/recordings/${recording.publicId}/analyses`)).statusCode).toBe(404);
    const seen = await t.platform.database.withTenant<ConversationsTables, number>(
      other,
      async (trx) => (await trx.selectFrom('conversations.analyses').select('id').execute()).length,
    );
    expect(seen).toBe(0);
    const leaked = await t.platform.database.withTenant<ConversationsTables, number>(other, async (trx) =>
      Number(
        (
          await trx
            .updateTable('conversations.analyses')
            .set({ grade: 'A' })
            .where('recordingId', '=', recording.id)
            .executeTakeFirst()
        ).numUpdatedRows,
      ),
    );
    expect(leaked).toBe(0);

    // The conversation search finds it by what the customer said (the pipeline wrote the per-role
    // vectors), not by the agent's words, and shows the customer's sentiment the step stored.
    type Hits = {
      items: { recordingId: string; analysis: { customerSentiment: { score: number } | null } | null }[];
    };
    const found = (await api(ctx, 'GET', '/conversations?customerSaid=offers')).json<Hits>().items;
    expect(found.map((hit) => hit.recordingId)).toEqual([recording.publicId]);
    expect(typeof found[0]?.analysis?.customerSentiment?.score).toBe('number');
    expect((await api(ctx, 'GET', '/conversations?agentSaid=offers')).json<Hits>().items).toEqual([]);
  }, 120_000);

  it('fills the insight schema and judges the LLM rule through the tenant’s OpenAI-compatible analyser (fake)', async () => {
    await configure(llmTenant, true);
    const settings = await api(llmTenant, 'PUT', '/conversations/settings', {
      analysis: {
        analyser: 'llm',
        llm: {
          provider: 'openai-compatible',
          baseUrl: `${fake.url}/v1`,
          model: 'gpt-4o-mini',
          retryBaseMs: 1,
          requestTimeoutMs: 5_000,
        },
      },
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json<{ analysis: { analyser: string; piiPolicy: string } }>().analysis).toMatchObject({
      analyser: 'llm',
      piiPolicy: 'redact-first',
    });
    fake.on(
      fakeOpenAi.route,
      fakeOpenAi.answer(
        {
          summary: 'The customer asked to be removed from the call list; the agent agreed.',
          sentiment: 'neutral',
          actionItems: ['Remove the number today'],
          insights: { reason: 'opt_out', resolved: true },
          qa: [
            {
              ruleId: 'empathy',
              score: 80,
              pass: true,
              evidence: [{ segmentId: 'seg_2', quote: 'I understand.' }],
              coachNote: 'Acknowledged the request at once.',
            },
          ],
        },
        { input: 1_234, output: 56 },
      ),
    );
    const counted = parseScrape(await t.platform.metrics.metrics());
    const recording = await receive(llmTenant);
    const analysis = await currentAnalysis(llmTenant, recording.publicId);

    expect(analysis.analyser).toBe('local+openai-compatible');
    expect(analysis.insights).toMatchObject({ values: { reason: 'opt_out', resolved: true }, valid: true });
    expect(analysis.configs.insightSchema).toMatch(/^insight_schema_.+@1$/);
    expect(analysis.summary.abstractive).toContain('removed from the call list');
    const empathy = analysis.qa?.rules.find((r) => r.ruleId === 'empathy');
    expect(empathy).toMatchObject({
      status: 'evaluated',
      score: 80,
      pass: true,
      coachNote: 'Acknowledged the request at once.',
    });
    expect(empathy?.evidence[0]?.segmentId).toBe('seg_2');
    // The disclosure still auto-fails the call, LLM or not.
    expect(analysis.qa).toMatchObject({ grade: 'E', autoFailed: true, complete: true });
    expect(analysis.provenance.llm).toMatchObject({ provider: 'openai-compatible' });
    // The tokens it spent travel with the event, for metering.
    const published = await events(llmTenant, 'conversations.analysis.completed.v1');
    expect(published.find((e) => e.recordingId === recording.publicId)?.llm).toMatchObject({
      provider: 'openai-compatible',
      inputTokens: 1_234,
      outputTokens: 56,
    });
    // What was sent: the redacted transcript, never a key (none is configured for this self-hosted server).
    expect(fake.calls).toHaveLength(1);
    expect(JSON.stringify(fakeOpenAi.sent(fake.calls[0]!))).toContain('Please take me off your list.');
    // Counted in the metrics: one analysis by the LLM, with the tokens it used.
    const now = parseScrape(await t.platform.metrics.metrics());
    const added = (name: string, labels: Record<string, string>) =>
      now.value(name, labels) - counted.value(name, labels);
    expect(added('conversations_analyses_total', { reason: 'pipeline', analyser: 'llm' })).toBe(1);
    const input = added('conversations_llm_tokens_total', {
      provider: 'openai-compatible',
      direction: 'input',
    });
    expect(input).toBe(analysis.provenance.llm?.inputTokens);
    expect(input).toBeGreaterThan(0);
    expect(
      added('conversations_llm_tokens_total', { provider: 'openai-compatible', direction: 'output' }),
    ).toBeGreaterThan(0);
  }, 120_000);

  it('keeps the transcript when the analysis fails: the run records the step as failed with why', async () => {
    const tenant = (await createTenant(t.platform)).ctx;
    await api(tenant, 'PUT', '/conversations/settings', {
      analysis: {
        analyser: 'llm',
        llm: {
          provider: 'openai-compatible',
          baseUrl: `${fake.url}/v1`,
          retryBaseMs: 1,
          requestTimeoutMs: 5_000,
        },
      },
    });
    fake.on(fakeOpenAi.route, fakeOpenAi.error(401, 'auth'));
    const recording = await receive(tenant);
    const { steps } = await analysedRun(tenant, recording.publicId);
    expect(steps.find((s) => s.name === 'analyse')).toMatchObject({ outcome: 'failed' });
    expect(steps.find((s) => s.name === 'analyse')?.detail?.reason).toBeTruthy();
    expect((await api(tenant, 'GET', `/recordings/${recording.publicId}/analysis`)).statusCode).toBe(404);
    expect(await analysisRows(recording.id)).toHaveLength(0);
  }, 120_000);
});
