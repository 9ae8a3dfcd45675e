import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { insertTranscribedRecording } from '../scoring/testing/insert-transcribed-recording.js';
import { supportCallSegments } from '../scoring/testing/support-call.js';

/*
 * A re-score of a period on real PostgreSQL with the platform's own workflows: 30 transcribed
 * recordings in the range (and one outside it), a full re-analysis with scorecard version 1, then
 * version 2 and a sales-only scorecard are activated and a QA re-score gives every recording a new
 * current analysis with the scorecard that applies to it now; the analyses before stay as history.
 */

interface Job {
  id: string;
  state: string;
  total: number | null;
  done: number;
  failed: number;
  failures: { recordingId: string; reason: string }[];
  coalesced?: boolean;
  scope: string;
}

const FROM = '2026-03-02T00:00:00Z';
const TO = '2026-03-03T00:00:00Z';

const scorecard = (name: string, weight: number, appliesTo?: object) => ({
  name,
  ...(appliesTo ? { appliesTo } : {}),
  rules: [
    {
      id: 'greeting',
      name: 'Greets the customer',
      category: 'Opening',
      weight,
      kind: 'deterministic',
      check: { type: 'phrase_said', phrases: ['thank you for calling'], speaker: 'agent' },
    },
    {
      id: 'talk-ratio',
      name: 'Agent talks under 70%',
      category: 'Handling',
      weight: 1,
      kind: 'deterministic',
      check: { type: 'talk_ratio', speaker: 'agent', maxPercent: 70 },
    },
  ],
});

describe('re-scoring a period in the background', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  const recordings: { id: string; publicId: string }[] = [];
  let outside: { id: string; publicId: string };

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx } = await createTenant(t.platform));
    const deps = {
      database: t.platform.database,
      keyring: t.platform.keyring,
      bus: t.platform.bus,
      objects: t.platform.quietObjects,
    };
    for (let i = 0; i < 31; i++) {
      const recording = await insertTranscribedRecording(deps, ctx.tenantId, supportCallSegments, {
        durationMs: 60_000,
      });
      // 30 in the range, a minute apart (5 of them on the sales queue); the last one the day after.
      const startedAt = i < 30 ? new Date(Date.parse(FROM) + i * 60_000) : new Date(Date.parse(TO) + 60_000);
      await sql`update conversations.recordings set started_at = ${startedAt}, state = 'ready',
                queue = ${i < 5 ? 'sales' : 'support'} where id = ${recording.id}`.execute(owner());
      if (i < 30) recordings.push(recording);
      else outside = recording;
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const owner = () => t.platform.database.owner;
  const api = (tenant: RequestContext, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.inject({
      method,
      url: `/api/v1${url}`,
      as: {
        tenant: tenant.tenantId,
        actor: 'usr_qa_lead',
        permissions: ['analysis:read', 'analysis:configure'],
      },
      ...(payload ? { payload } : {}),
    });
  const finished = async (jobId: string) => {
    let job: Job | undefined;
    await expect
      .poll(
        async () => {
          job = (await api(ctx, 'GET', `/conversations/rescore/${jobId}`)).json<Job>();
          return job.state;
        },
        { timeout: 90_000, interval: 250 },
      )
      .not.toBe('running');
    return job!;
  };
  const analyses = async (recordingId: string) =>
    (
      await sql<{ scorecardRef: string | null; reason: string; isCurrent: boolean; requestKey: string }>`
        select scorecard_ref as "scorecardRef", reason, is_current as "isCurrent", request_key as "requestKey"
          from conversations.analyses where recording_id = ${recordingId} order by created_at, id`.execute(
        owner(),
      )
    ).rows;

  it('gives every recording in the range a new current analysis with the scorecard that applies now, once per job', async () => {
    const created = await api(ctx, 'POST', '/conversations/scorecards', scorecard('Support QA', 1));
    expect(created.statusCode).toBe(201);
    const general = created.json<{ id: string }>().id;

    // A full analysis of the period with version 1.
    const first = await api(ctx, 'POST', '/conversations/rescore', { from: FROM, to: TO, scope: 'full' });
    expect(first.statusCode).toBe(202);
    const firstJob = first.json<Job>();
    expect(firstJob).toMatchObject({ state: 'running', coalesced: false, scope: 'full' });
    // The same period and scope while it runs: that job (coalesced), not a second one.
    const again = await api(ctx, 'POST', '/conversations/rescore', { from: FROM, to: TO, scope: 'full' });
    expect(again.statusCode).toBe(202);
    expect(again.json<Job>()).toMatchObject({ id: firstJob.id, coalesced: true });
    expect(await finished(firstJob.id)).toMatchObject({ state: 'succeeded', total: 30, done: 30, failed: 0 });
    for (const recording of recordings) {
      const rows = await analyses(recording.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ isCurrent: true, reason: 'rescore', scorecardRef: `${general}@1` });
    }
    expect(await analyses(outside.id)).toHaveLength(0);

    // Version 2 of the general scorecard, and a scorecard for the sales queue.
    expect(
      (
        await api(
          ctx,
          'POST',
          `/conversations/scorecards/${general}/versions?activate=true`,
          scorecard('Support QA', 3),
        )
      ).statusCode,
    ).toBe(201);
    const sales = (
      await api(ctx, 'POST', '/conversations/scorecards', scorecard('Sales QA', 2, { queues: ['sales'] }))
    ).json<{ id: string }>().id;
    // Activated after the sales card, the general one still does not win on sales calls: the most specific does.
    expect(
      (await api(ctx, 'POST', `/conversations/scorecards/${general}/activate`, { version: 2 })).statusCode,
    ).toBe(200);

    const second = await api(ctx, 'POST', '/conversations/rescore', { from: FROM, to: TO, scope: 'qa' });
    expect(second.statusCode).toBe(202);
    const secondJob = second.json<Job>();
    expect(secondJob.id).not.toBe(firstJob.id);
    expect(await finished(secondJob.id)).toMatchObject({
      state: 'succeeded',
      total: 30,
      done: 30,
      failed: 0,
      failures: [],
    });
    for (const [i, recording] of recordings.entries()) {
      const rows = await analyses(recording.id);
      expect(rows.map((r) => r.isCurrent)).toEqual([false, true]);
      expect(rows[1]).toMatchObject({
        reason: 'rescore',
        scorecardRef: i < 5 ? `${sales}@1` : `${general}@2`,
        requestKey: `request:${fromPublicId('rescore', secondJob.id)}:${recording.id}`,
      });
      // The history stays readable through the API.
      const history = (await api(ctx, 'GET', `/recordings/${recording.publicId}/analyses`)).json<{
        items: { isCurrent: boolean; configs: { scorecard: string | null } }[];
      }>().items;
      expect(history.map((h) => h.configs.scorecard)).toEqual([
        i < 5 ? `${sales}@1` : `${general}@2`,
        `${general}@1`,
      ]);
    }
    const current = (await api(ctx, 'GET', `/recordings/${recordings[10]!.publicId}/analysis`)).json<{
      qa: { scorecardVersion: number; rules: { ruleId: string; weight: number }[] };
    }>();
    expect(current.qa.scorecardVersion).toBe(2);
    expect(current.qa.rules.find((r) => r.ruleId === 'greeting')?.weight).toBe(3);

    const audited = await sql<{ action: string }>`
      select action from audit.entries where tenant_id = ${ctx.tenantId}
        and action = 'conversations.rescore_requested'`.execute(owner());
    expect(audited.rows).toHaveLength(3);
    const list = (await api(ctx, 'GET', '/conversations/rescore?limit=1')).json<{
      items: Job[];
      nextCursor: string | null;
    }>();
    expect(list.items.map((j) => j.id)).toEqual([secondJob.id]);
    const rest = (await api(ctx, 'GET', `/conversations/rescore?limit=5&cursor=${list.nextCursor}`)).json<{
      items: Job[];
    }>();
    expect(rest.items.map((j) => j.id)).toEqual([firstJob.id]);

    // Another tenant can neither read the job nor list it.
    const other = (await createTenant(t.platform)).ctx;
    expect((await api(other, 'GET', `/conversations/rescore/${secondJob.id}`)).statusCode).toBe(404);
    expect((await api(other, 'POST', `/conversations/rescore/${secondJob.id}/cancel`)).statusCode).toBe(404);
    expect((await api(other, 'GET', '/conversations/rescore')).json<{ items: Job[] }>().items).toEqual([]);
    // A finished job cannot be cancelled.
    expect((await api(ctx, 'POST', `/conversations/rescore/${secondJob.id}/cancel`)).statusCode).toBe(409);
  }, 240_000);

  it('refuses a bad range with a 400 naming the field', async () => {
    const fields = async (payload: object) => {
      const response = await api(ctx, 'POST', '/conversations/rescore', payload);
      expect(response.statusCode).toBe(400);
      return (response.json<{ errors?: { field: string }[] }>().errors ?? []).map((e) => e.field);
    };
    expect(await fields({ from: TO, to: FROM })).toEqual(['body.to']);
    expect(await fields({ from: FROM, to: FROM })).toEqual(['body.to']);
    expect(await fields({ from: '2024-01-01T00:00:00Z', to: TO })).toEqual(['body.to']);
    expect(await fields({ from: 'yesterday', to: TO })).toEqual(['body.from']);
    expect(await fields({ from: FROM, to: TO, scope: 'everything' })).toEqual(['body.scope']);
    expect((await api(ctx, 'GET', '/conversations/rescore?cursor=nonsense')).statusCode).toBe(400);
    expect((await api(ctx, 'GET', '/conversations/rescore/rescore_nope')).statusCode).toBe(404);
  });

  it('cancels a running job before its next batch; what it re-scored stays, nothing more is added', async () => {
    const started = await api(ctx, 'POST', '/conversations/rescore', {
      from: FROM,
      to: TO,
      queue: 'support',
      scope: 'full',
    });
    expect(started.statusCode).toBe(202);
    const job = started.json<Job>();
    const cancelled = await api(ctx, 'POST', `/conversations/rescore/${job.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<{ cancelRequested: boolean }>().cancelRequested).toBe(true);
    const ended = await finished(job.id);
    // 25 support calls in batches of 20: it stops before the first batch or after it, never at the end.
    expect(ended.state).toBe('cancelled');
    expect([0, 20]).toContain(ended.done);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from conversations.analyses
       where request_key like ${`request:${fromPublicId('rescore', job.id)}:%`}`.execute(owner());
    expect(rows[0]?.n).toBe(ended.done);
    const audited = await sql<{ action: string }>`
      select action from audit.entries where tenant_id = ${ctx.tenantId}
        and action = 'conversations.rescore_cancelled'`.execute(owner());
    expect(audited.rows).toHaveLength(1);
  }, 120_000);
});
