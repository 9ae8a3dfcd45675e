import { Readable } from 'node:stream';
import { sql, type Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId, newUuid } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Campaign, CampaignStats, LeadList } from '../contract.js';
import type { CallAttemptsTable, CampaignsTables } from '../db/campaigns.tables.js';

/*
 * Campaigns on real PostgreSQL, through the API a user (or the console) calls: CRUD, the state
 * machine, the hopper, the statistics against attempts written by hand, the live stream and the
 * results export.
 */

const HOUR = 3_600_000;
const settings = { allowedRegions: ['US'] };

interface Problem {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string }[];
}

describe('campaigns: campaigns, hopper, statistics', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  let listA: LeadList;
  let listB: LeadList;
  const READ_WRITE = ['campaigns:read', 'campaigns:write', 'leads:read', 'leads:write'];

  const api = (
    ctx: RequestContext,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    permissions = READ_WRITE,
  ) =>
    t.inject({
      method,
      url: `/api/v1/campaigns${url}`,
      as: { tenant: ctx.tenantId, actor: 'usr_planner', permissions },
      ...(payload ? { payload } : {}),
    });

  const importLeads = async (ctx: RequestContext, listId: string, csv: string) => {
    const { imports } = t.platform.modules.campaigns;
    await imports.start(ctx, {
      listId,
      fileName: 'leads.csv',
      mapping: {},
      file: Readable.from([Buffer.from(csv)]),
    });
    await imports.idle();
  };

  const createCampaign = async (ctx: RequestContext, name: string, listId: string) => {
    const response = await api(ctx, 'POST', '/campaigns', { name, lists: [{ listId }], settings });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Campaign>();
  };

  const fieldsOf = (body: string) => (JSON.parse(body) as Problem).errors?.map((f) => f.field) ?? [];

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
    for (const [ctx, name] of [
      [a, 'Spring renewals'],
      [b, 'Other tenant'],
    ] as const) {
      const response = await api(ctx, 'POST', '/lists', { name });
      expect(response.statusCode, response.body).toBe(201);
      if (ctx === a) listA = response.json<LeadList>();
      else listB = response.json<LeadList>();
    }
    await importLeads(
      a,
      listA.id,
      'phone,first_name,last_name\n+12125550101,=1+2,Doe\n+12125550102,Bea,Lee\n+12125550103,Cy,Do\n',
    );
    // One lead asked not to be called: the hopper leaves it out.
    await sql`update campaigns.leads set status = 'do_not_call'
              where tenant_id = ${a.tenantId} and status = 'new'
                and id = (select id from campaigns.leads where tenant_id = ${a.tenantId} order by id desc limit 1)`.execute(
      t.platform.database.owner,
    );
    await importLeads(b, listB.id, 'phone\n+12125550199\n');
  }, 60_000);
  afterAll(() => t.close());

  it('creates a draft with the settings’ defaults filled, lists it, changes it and deletes it', async () => {
    const created = await createCampaign(a, 'Draft one', listA.id);
    expect(created).toMatchObject({
      state: 'draft',
      lists: [{ listId: listA.id, name: 'Spring renewals', weight: 1, leadCount: 3 }],
      hopper: { pending: 0, inCall: 0, done: 0 },
      pacingFactor: 1,
      priority: 0,
    });
    expect(created.id).toMatch(/^cmp_/);
    expect(created.settings.maxAttemptsPerLead).toBe(2);
    expect(created.settings.pacing).toEqual({ callsPerMinute: 10, maxConcurrent: 5 });

    const patched = await api(a, 'PATCH', `/campaigns/${created.id}`, {
      priority: 5,
      lists: [{ listId: listA.id, weight: 3 }],
      settings: { allowedRegions: ['US'], maxAttemptsPerLead: 4 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Campaign>()).toMatchObject({ priority: 5, lists: [{ weight: 3 }] });
    expect(patched.json<Campaign>().settings.maxAttemptsPerLead).toBe(4);

    const listed = await api(a, 'GET', '/campaigns');
    expect(listed.json<{ campaigns: Campaign[] }>().campaigns.map((c) => c.id)).toContain(created.id);

    expect(
      (await api(a, 'POST', '/campaigns', { name: 'Draft one', lists: [{ listId: listA.id }], settings }))
        .statusCode,
    ).toBe(409);

    expect((await api(a, 'DELETE', `/campaigns/${created.id}`)).statusCode).toBe(204);
    expect((await api(a, 'GET', `/campaigns/${created.id}`)).statusCode).toBe(404);
    const audited = await sql<{ action: string }>`
      select action from audit.entries where tenant_id = ${a.tenantId} and action like 'campaigns.campaign_%'`.execute(
      t.platform.database.owner,
    );
    expect(audited.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'campaigns.campaign_created',
        'campaigns.campaign_updated',
        'campaigns.campaign_deleted',
      ]),
    );
  });

  it('refuses bad input with a problem naming the field', async () => {
    const cases: [object, number, string][] = [
      [{ name: 'bad\u0000name', lists: [{ listId: listA.id }], settings }, 400, 'body.name'],
      [{ name: 'half \ud800 pair', lists: [{ listId: listA.id }], settings }, 400, 'body.name'],
      [{ name: 'x', lists: [{ listId: listA.id }], settings, priority: 1e9 }, 400, 'body.priority'],
      [
        { name: 'x', lists: [{ listId: listA.id }, { listId: listA.id }], settings },
        400,
        'body.lists.1.listId',
      ],
      [
        { name: 'x', lists: [{ listId: listA.id }], settings: { ...settings, bogus: 1 } },
        400,
        'body.settings.bogus',
      ],
      [
        {
          name: 'x',
          lists: [{ listId: listA.id }],
          settings: { ...settings, callingWindow: { startMinute: 600, endMinute: 540 } },
        },
        400,
        'body.settings.callingWindow.endMinute',
      ],
      [{ name: 'x', lists: [{ listId: listB.id }], settings }, 422, 'body.lists.0.listId'],
      [{ name: 'x', lists: [{ listId: 'list_nonsense' }], settings }, 400, 'body.lists.0.listId'],
      [{ name: 'x', lists: [], settings }, 400, 'body.lists'],
      [{ name: 'x', lists: [{ listId: listA.id, weight: 101 }], settings }, 400, 'body.lists.0.weight'],
      [
        {
          name: 'x',
          lists: [{ listId: listA.id }],
          settings,
          startsAt: '2026-05-02T00:00:00Z',
          endsAt: '2026-05-01T00:00:00Z',
        },
        400,
        'body.endsAt',
      ],
      [{ name: 'x'.repeat(10_000), lists: [{ listId: listA.id }], settings }, 400, 'body.name'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await api(a, 'POST', '/campaigns', payload);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(response.body), response.body).toContain(field);
    }
  });

  it('moves through the states, fills the hopper on start and refuses what the state does not allow', async () => {
    const campaign = await createCampaign(a, 'Lifecycle', listA.id);
    const started = await api(a, 'POST', `/campaigns/${campaign.id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    // Three leads, one do_not_call: two in the hopper.
    expect(started.json<Campaign>()).toMatchObject({
      state: 'running',
      hopper: { pending: 2, inCall: 0, done: 0 },
    });
    expect(started.json<Campaign>().startedAt).not.toBeNull();

    const again = await api(a, 'POST', `/campaigns/${campaign.id}/resume`);
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['state']);
    expect(again.json<Problem>().detail).toContain('running');
    expect((await api(a, 'DELETE', `/campaigns/${campaign.id}`)).statusCode).toBe(409);

    expect((await api(a, 'POST', `/campaigns/${campaign.id}/pause`)).json<Campaign>().state).toBe('paused');
    expect((await api(a, 'POST', `/campaigns/${campaign.id}/resume`)).json<Campaign>().state).toBe('running');
    expect((await api(a, 'POST', `/campaigns/${campaign.id}/cancel`)).json<Campaign>().state).toBe(
      'cancelled',
    );
    expect((await api(a, 'POST', `/campaigns/${campaign.id}/start`)).statusCode).toBe(409);
    const patch = await api(a, 'PATCH', `/campaigns/${campaign.id}`, { name: 'Too late' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json<Problem>().detail).toContain('cancelled');

    const events = await sql<{ data: { from: string; to: string } }>`
      select data from bus.outbox where tenant_id = ${a.tenantId} and type = 'campaigns.campaign.state_changed.v1'
      union all
      select data from bus.log where tenant_id = ${a.tenantId} and type = 'campaigns.campaign.state_changed.v1'`.execute(
      t.platform.database.owner,
    );
    expect(events.rows.map((r) => `${r.data.from}>${r.data.to}`)).toEqual(
      expect.arrayContaining(['draft>running', 'running>paused', 'paused>running', 'running>cancelled']),
    );
  });

  it('syncs leads that joined a list later, and completes once the hopper is drained', async () => {
    const campaign = await createCampaign(a, 'Sync', listA.id);
    await api(a, 'POST', `/campaigns/${campaign.id}/start`);
    const service = t.platform.modules.campaigns.campaigns;
    expect(await service.syncHopper(a, campaign.id)).toBe(0);
    await importLeads(a, listA.id, 'phone,first_name\n+12125550104,Di\n+12125550105,Ed\n');
    expect(await service.syncHopper(a, campaign.id)).toBe(2);
    expect(await service.syncHopper(a, campaign.id)).toBe(0);
    expect((await service.get(a, campaign.id)).hopper).toEqual({ pending: 4, inCall: 0, done: 0 });

    expect(await service.completeIfDrained(a, campaign.id)).toBe(false);
    const uuid = fromPublicId('cmp', campaign.id) as string;
    await t.platform.database.withTenant<CampaignsTables>(a, (trx) =>
      trx
        .updateTable('campaigns.campaign_leads')
        .set({ state: 'done' })
        .where('campaignId', '=', uuid)
        .execute(),
    );
    expect(await service.completeIfDrained(a, campaign.id)).toBe(true);
    expect(await service.completeIfDrained(a, campaign.id)).toBe(false);
    const done = await service.get(a, campaign.id);
    expect(done.state).toBe('completed');
    expect(done.stoppedAt).not.toBeNull();
  });

  it('keeps tenants apart: another tenant sees none of it', async () => {
    const campaign = await createCampaign(a, 'Private', listA.id);
    for (const path of ['', '/stats', '/attempts', '/results.csv']) {
      const response = await api(b, 'GET', `/campaigns/${campaign.id}${path}`, undefined, [
        ...READ_WRITE,
        'leads:export',
      ]);
      expect(response.statusCode, path).toBe(404);
    }
    expect((await api(b, 'POST', `/campaigns/${campaign.id}/start`)).statusCode).toBe(404);
    expect((await api(b, 'PATCH', `/campaigns/${campaign.id}`, { name: 'Mine now' })).statusCode).toBe(404);
    const listed = await api(b, 'GET', '/campaigns');
    expect(listed.json<{ campaigns: Campaign[] }>().campaigns).toEqual([]);
    // Not even the service with B's context and A's campaign.
    await expect(t.platform.modules.campaigns.campaigns.syncHopper(b, campaign.id)).resolves.toBe(0);
  });

  describe('with attempts written by hand', () => {
    let campaign: Campaign;
    let leadIds: string[];
    const now = Date.now();

    beforeAll(async () => {
      campaign = await createCampaign(a, 'Measured', listA.id);
      await api(a, 'POST', `/campaigns/${campaign.id}/start`);
      const uuid = fromPublicId('cmp', campaign.id) as string;
      leadIds = await t.platform.database.withTenant<CampaignsTables, string[]>(a, async (trx) =>
        (
          await trx
            .selectFrom('campaigns.campaign_leads')
            .select('leadId')
            .where('campaignId', '=', uuid)
            .orderBy('leadId')
            .execute()
        ).map((r) => r.leadId),
      );
      const [first = '', second = ''] = leadIds;
      let n = 0;
      const attempt = (
        leadId: string,
        hoursAgo: number,
        fields: Partial<Insertable<CallAttemptsTable>>,
      ): Insertable<CallAttemptsTable> => {
        n += 1;
        const reservedAt = new Date(now - hoursAgo * HOUR);
        return {
          id: newUuid(),
          tenantId: a.tenantId,
          campaignId: uuid,
          leadId,
          attemptNumber: n,
          idempotencyKey: `${uuid}:${leadId}:${n}`,
          adapter: 'simulator',
          reservedAt,
          ...fields,
        };
      };
      const placed = (hoursAgo: number) => new Date(now - hoursAgo * HOUR + 1000);
      await t.platform.database.withTenant<CampaignsTables>(a, async (trx) => {
        await trx
          .insertInto('campaigns.call_attempts')
          .values([
            // Answered by a person, talked a minute, converted.
            attempt(first, 1, {
              state: 'ended',
              placedAt: placed(1),
              answeredAt: placed(1),
              endedAt: placed(1),
              outcome: 'answered',
              answeredBy: 'human',
              talkSeconds: 60,
              converted: true,
              disposition: '=HYPERLINK("http://x")',
            }),
            // Answered by a person, nobody there within 2 s: abandoned (today).
            attempt(first, 2, {
              state: 'ended',
              placedAt: placed(2),
              answeredAt: placed(2),
              outcome: 'abandoned',
              answeredBy: 'human',
            }),
            // Answered by a person ten days ago, abandoned: in the 30 days, not the 24 hours.
            attempt(second, 240, {
              state: 'ended',
              placedAt: placed(240),
              answeredAt: placed(240),
              outcome: 'abandoned',
              answeredBy: 'human',
            }),
            // Ten days ago, answered, opted out.
            attempt(second, 241, {
              state: 'ended',
              placedAt: placed(241),
              answeredAt: placed(241),
              outcome: 'answered',
              answeredBy: 'human',
              talkSeconds: 20,
              optOut: true,
            }),
            // A machine.
            attempt(second, 3, {
              state: 'ended',
              placedAt: placed(3),
              answeredAt: placed(3),
              outcome: 'voicemail',
              answeredBy: 'machine',
            }),
            // Busy.
            attempt(second, 4, { state: 'ended', placedAt: placed(4), outcome: 'busy' }),
            // Forty days ago: outside both windows.
            attempt(second, 960, {
              state: 'ended',
              placedAt: placed(960),
              answeredAt: placed(960),
              outcome: 'abandoned',
              answeredBy: 'human',
            }),
            // Ringing now.
            attempt(first, 0.01, { state: 'ringing', placedAt: placed(0.01) }),
          ])
          .execute();
        await trx
          .insertInto('campaigns.dial_skips')
          .values([
            {
              tenantId: a.tenantId,
              campaignId: uuid,
              leadId: first,
              reason: 'outside_calling_window',
              detail: '21:05 local',
            },
            {
              tenantId: a.tenantId,
              campaignId: uuid,
              leadId: second,
              reason: 'outside_calling_window',
              detail: '21:06 local',
            },
            {
              tenantId: a.tenantId,
              campaignId: uuid,
              leadId: second,
              reason: 'dnc_internal',
              detail: 'dnc entry',
            },
          ])
          .execute();
      });
    });

    it('counts calls, outcomes, skips and abandonment over 30 days and 24 hours', async () => {
      const response = await api(a, 'GET', `/campaigns/${campaign.id}/stats`);
      expect(response.statusCode, response.body).toBe(200);
      const stats = response.json<CampaignStats>();
      expect(stats).toMatchObject({
        campaignId: campaign.id,
        state: 'running',
        dialled: 8,
        connected: 6,
        answeredByMachine: 1,
        talkSeconds: 80,
        conversions: 1,
        optOuts: 1,
        inCall: 1,
        abandoned: 3,
        skipsByReason: { outside_calling_window: 2, dnc_internal: 1 },
        outcomes: { answered: 2, abandoned: 3, voicemail: 1, busy: 1 },
        pacing: { callsPerMinute: 10, maxConcurrent: 5, factor: 1, effectiveCallsPerMinute: 10 },
      });
      // 30 days: 4 calls answered by a person, 2 abandoned (the 40-day-old one is out) = 50%.
      // 24 hours: 2 answered by a person, 1 abandoned = 50%.
      expect(stats.abandonment).toEqual({
        rate30d: 50,
        answered30d: 4,
        abandoned30d: 2,
        rate24h: 50,
        answered24h: 2,
        abandoned24h: 1,
        limitPercent: 3,
      });
      expect(
        await t.platform.modules.campaigns.campaigns.abandonment(a, campaign.id, new Date(now - 2.5 * HOUR)),
      ).toEqual({
        answered30d: 2,
        abandoned30d: 1,
        answered24h: 0,
        abandoned24h: 0,
      });
    });

    it('lists attempts newest first, page by page, filtered by outcome', async () => {
      const first = await api(a, 'GET', `/campaigns/${campaign.id}/attempts?limit=3`);
      expect(first.statusCode, first.body).toBe(200);
      const page = first.json<{
        attempts: { id: string; state: string; outcome: string | null }[];
        nextCursor: string;
      }>();
      expect(page.attempts.map((x) => x.state)).toEqual(['ringing', 'ended', 'ended']);
      expect(page.attempts[0]?.id).toMatch(/^cat_/);
      const rest = await api(
        a,
        'GET',
        `/campaigns/${campaign.id}/attempts?limit=50&cursor=${page.nextCursor}`,
      );
      expect(rest.json<{ attempts: unknown[]; nextCursor: null }>()).toMatchObject({ nextCursor: null });
      expect(rest.json<{ attempts: unknown[] }>().attempts).toHaveLength(5);
      const abandoned = await api(a, 'GET', `/campaigns/${campaign.id}/attempts?outcome=abandoned`);
      expect(abandoned.json<{ attempts: unknown[] }>().attempts).toHaveLength(3);
      const bad = await api(a, 'GET', `/campaigns/${campaign.id}/attempts?cursor=bm9wZQ`);
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad.body)).toContain('query.cursor');
    });

    it('streams the statistics at once over server-sent events', async () => {
      const http = t.platform.http;
      if (!http) throw new Error('no HTTP role');
      await http.listen({ host: '127.0.0.1', port: 0 });
      const address = http.server.address();
      if (!address || typeof address === 'string') throw new Error('no TCP address');
      const abort = new AbortController();
      const response = await fetch(
        `http://127.0.0.1:${address.port}/api/v1/campaigns/campaigns/${campaign.id}/live`,
        {
          headers: {
            accept: 'text/event-stream',
            'x-test-tenant': a.tenantId,
            'x-test-actor': 'usr_live',
            'x-test-permissions': 'campaigns:read',
          },
          signal: abort.signal,
        },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!/event: stats\ndata: .*\n\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      const data = /event: stats\ndata: (.*)\n\n/.exec(text)?.[1] ?? '{}';
      expect(JSON.parse(data)).toMatchObject({ campaignId: campaign.id, dialled: 8, conversions: 1 });
      abort.abort();
      await reader.cancel().catch(() => undefined);

      const other = await fetch(
        `http://127.0.0.1:${address.port}/api/v1/campaigns/campaigns/${campaign.id}/live`,
        {
          headers: {
            'x-test-tenant': b.tenantId,
            'x-test-actor': 'usr_b',
            'x-test-permissions': 'campaigns:read',
          },
        },
      );
      expect(other.status).toBe(404);
    });

    it('exports the results as CSV: needs leads:export, audited, formula cells neutralised', async () => {
      const refused = await api(a, 'GET', `/campaigns/${campaign.id}/results.csv`);
      expect(refused.statusCode).toBe(403);
      const response = await api(a, 'GET', `/campaigns/${campaign.id}/results.csv`, undefined, [
        'campaigns:read',
        'leads:export',
      ]);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const lines = response.body.trim().split('\r\n');
      expect(lines[0]).toMatch(/^attempt_id,lead_id,list_id,phone,first_name/);
      expect(lines).toHaveLength(9);
      expect(response.body).toContain(`'+1212555010`);
      expect(response.body).toContain(`'=1+2`);
      expect(response.body).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(response.body).not.toMatch(/,=/);
      const audited = await sql<{ action: string }>`
        select action from audit.entries where tenant_id = ${a.tenantId} and action = 'campaigns.results_exported'`.execute(
        t.platform.database.owner,
      );
      expect(audited.rows).toHaveLength(1);
    });
  });
});
