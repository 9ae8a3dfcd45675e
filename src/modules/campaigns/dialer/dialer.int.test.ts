import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import { createMetricsRegistry } from '../../../platform/telemetry/index.js';
import { createTenant } from '../../../../test/support/identity.js';
import { parseScrape } from '../../../../test/support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Selectable } from 'kysely';
import type { CallAttemptsTable, CampaignLeadsTable, CampaignsTables } from '../db/campaigns.tables.js';
import {
  PlaceCallError,
  dialerFor,
  fakeAdapter,
  freshUsRegistry,
  openSettings,
  seedCampaign,
  type SeedLead,
} from './dialer.fixtures.js';
import { createDialerMetrics } from './dialer.metrics.js';
import { STALE_RESERVATION_REASON } from './dialer.repo.js';
import { createDialerScheduler } from './dialer.scheduler.js';

/*
 * The dialer on real PostgreSQL with a fake adapter and a fake clock: what it picks and why not,
 * what it records, how fast it places, what it does after a crash, and who dials when two run.
 */

type Tables = CampaignsTables;
type CampaignLeadsRow = Selectable<CampaignLeadsTable>;
type CallAttemptRow = Selectable<CallAttemptsTable>;
const at = (iso: string) => new Date(iso);
const MIN = 60_000;
/** Wednesday 10 June 2026, 12:00 in New York, 09:00 in Los Angeles, 06:00 in Honolulu. */
const NOON_NY = at('2026-06-10T16:00:00Z');
const ALL_US = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
];
const number = (i: number) => `+1212555${String(1000 + i).slice(-4)}`;
const leads = (n: number, from: number, extra: Partial<SeedLead> = {}): SeedLead[] =>
  Array.from({ length: n }, (_, i) => ({ e164: number(from + i), ...extra }));

describe('campaigns: the dialer', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  const p = () => t.platform;
  const hopper = (ctx: RequestContext, campaignId: string) =>
    p().database.withTenant<Tables, CampaignLeadsRow[]>(ctx, (trx) =>
      trx.selectFrom('campaigns.campaign_leads').selectAll().where('campaignId', '=', campaignId).execute(),
    );
  const attemptsOf = (ctx: RequestContext, campaignId: string) =>
    p().database.withTenant<Tables, CallAttemptRow[]>(ctx, (trx) =>
      trx
        .selectFrom('campaigns.call_attempts')
        .selectAll()
        .where('campaignId', '=', campaignId)
        .orderBy('reservedAt')
        .orderBy('attemptNumber')
        .execute(),
    );

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
    await freshUsRegistry(p(), a, at('2026-06-01T00:00:00Z'));
    await freshUsRegistry(p(), b, at('2026-06-01T00:00:00Z'));
  }, 60_000);
  afterAll(() => t.close());

  it('checks the window in each lead’s zone, and in every candidate zone of a lead without one', async () => {
    const seeded = await seedCampaign(p(), a, {
      lists: [
        {
          leads: [
            { e164: number(1), timeZone: 'America/New_York' },
            { e164: number(2), timeZone: 'America/Los_Angeles', subdivision: 'US-CA' },
            {
              e164: number(3),
              timeZone: null,
              subdivision: null,
              candidates: ALL_US,
              source: 'region_candidates',
            },
          ],
        },
      ],
    });
    const [ny, la, anywhere] = seeded.leadIds[0] ?? [];
    const dialer = dialerFor(p(), fakeAdapter());
    const pick = (now: Date) => dialer.pickCallable(a, seeded.campaignId, { now, limit: 10, record: false });

    const noon = await pick(NOON_NY);
    expect(noon.callable.map((c) => c.leadId).sort()).toEqual([ny, la].sort());
    expect(noon.examples).toEqual([
      {
        leadId: anywhere,
        reason: 'outside_calling_window',
        detail: expect.stringContaining('Pacific/Honolulu') as unknown,
      },
    ]);
    const nine = await pick(at('2026-06-10T13:00:00Z')); // 09:00 New York, 06:00 Los Angeles
    expect(nine.callable.map((c) => c.leadId)).toEqual([ny]);
    const evening = await pick(at('2026-06-11T00:30:00Z')); // 20:30 New York, 14:30 Honolulu
    expect(evening.callable.map((c) => c.leadId).sort()).toEqual([ny, la, anywhere].sort());
    expect(evening.callable.find((c) => c.leadId === anywhere)?.timeZone).toBeNull();
  });

  it('records refusals: a skip row, the last reason, the next check pushed to the window’s opening; DNC and consent end the lead', async () => {
    const seeded = await seedCampaign(p(), a, {
      settings: openSettings({ consentRequired: [{ purpose: 'marketing', channel: 'call' }] }),
      lists: [
        {
          leads: [
            { e164: '+12125557001', timeZone: 'America/Los_Angeles', subdivision: 'US-CA' },
            { e164: '+12125557002' },
            { e164: '+12125557003' },
            { e164: '+12125557004' },
          ],
        },
      ],
    });
    const [early, onDnc, noConsent, fine] = seeded.leadIds[0] ?? [];
    await p().modules.campaigns.suppression.add(a, { number: '+12125557002', reason: 'asked by letter' });
    for (const phone of ['+12125557001', '+12125557002', '+12125557004']) {
      await p().modules.campaigns.consents.give(a, {
        phone,
        purpose: 'marketing',
        channel: 'call',
        givenAt: at('2026-01-01T00:00:00Z'),
        source: 'web_form',
        textShown: 'Acme may call me.',
      });
    }
    const now = at('2026-06-10T13:00:00Z'); // 06:00 in Los Angeles
    const dialer = dialerFor(p(), fakeAdapter());
    const dry = await dialer.pickCallable(a, seeded.campaignId, { now, limit: 10, record: false });
    expect(dry.skipped).toEqual({ outside_calling_window: 1, dnc_internal: 1, no_consent: 1 });
    expect((await hopper(a, seeded.campaignId)).every((r) => r.lastSkipReason === null)).toBe(true);

    const real = await dialer.pickCallable(a, seeded.campaignId, { now, limit: 10, record: true });
    expect(real.callable.map((c) => c.leadId)).toEqual([fine]);
    const rows = new Map((await hopper(a, seeded.campaignId)).map((r) => [r.leadId, r]));
    expect(rows.get(early ?? '')).toMatchObject({
      state: 'pending',
      lastSkipReason: 'outside_calling_window',
      // 08:00 in Los Angeles: the federal window opens.
      nextDueAt: at('2026-06-10T15:00:00Z'),
    });
    expect(rows.get(onDnc ?? '')).toMatchObject({ state: 'done', finalReason: 'dnc_internal' });
    expect(rows.get(noConsent ?? '')).toMatchObject({ state: 'done', finalReason: 'no_consent' });
    expect(rows.get(fine ?? '')).toMatchObject({ state: 'pending', lastSkipReason: null });
    const skips = await p().database.withTenant<Tables, { reason: string; detail: string }[]>(a, (trx) =>
      trx
        .selectFrom('campaigns.dial_skips')
        .select(['reason', 'detail'])
        .where('campaignId', '=', seeded.campaignId)
        .execute(),
    );
    expect(skips.map((s) => s.reason).sort()).toEqual([
      'dnc_internal',
      'no_consent',
      'outside_calling_window',
    ]);
    expect(JSON.stringify(skips)).not.toContain('7002'); // no number in the details
    // Pushed rows are not looked at again before they are due.
    const again = await dialer.pickCallable(a, seeded.campaignId, { now, limit: 10, record: true });
    expect(again.evaluated).toBe(1);
  });

  it('mixes lists by weight and puts due callbacks first', async () => {
    const seeded = await seedCampaign(p(), a, {
      lists: [
        { weight: 3, leads: leads(40, 100) },
        {
          weight: 1,
          leads: [...leads(39, 200), { e164: number(299), callbackAt: at('2026-06-10T15:00:00Z') }],
        },
      ],
    });
    const [heavy, light] = seeded.listIds;
    const dialer = dialerFor(p(), fakeAdapter());
    const pick = await dialer.pickCallable(a, seeded.campaignId, { now: NOON_NY, limit: 21, record: false });
    expect(pick.callable[0]).toMatchObject({ leadId: seeded.leadIds[1]?.[39], callback: true });
    const rest = pick.callable.slice(1);
    expect(rest.filter((c) => c.listId === heavy)).toHaveLength(15);
    expect(rest.filter((c) => c.listId === light)).toHaveLength(5);
    // Interleaved, not one list after the other.
    expect(rest.slice(0, 4).map((c) => c.listId)).toContain(light);
  });

  it('places with the handshake fields only, reserves with the idempotency key, and ends the lead at its cap', async () => {
    const seeded = await seedCampaign(p(), a, {
      settings: openSettings({ maxAttemptsPerLead: 2, retrySpacingMinutes: { busy: 15 } }),
      lists: [
        {
          leads: [
            {
              e164: number(500),
              personal: { firstName: 'Grace', lastName: 'Hidden', custom: { tier: 'gold', ssn: 'x' } },
            },
          ],
        },
      ],
    });
    const leadId = seeded.leadIds[0]?.[0] ?? '';
    const adapter = fakeAdapter();
    const registry = createMetricsRegistry({ collectProcessMetrics: false });
    const dialer = dialerFor(p(), adapter, createDialerMetrics(registry));
    const endAs = async (outcome: 'busy') => {
      await p().database.withTenant<Tables, void>(a, async (trx) => {
        await trx
          .updateTable('campaigns.call_attempts')
          .set({ state: 'ended', outcome })
          .where('leadId', '=', leadId)
          .where('state', '=', 'placed')
          .execute();
        await trx
          .updateTable('campaigns.campaign_leads')
          .set({ state: 'pending', lastOutcome: outcome })
          .where('leadId', '=', leadId)
          .execute();
      });
    };

    expect(await dialer.runPass(a, seeded.campaignId, NOON_NY)).toMatchObject({ placed: 1 });
    expect(adapter.placed).toEqual([
      expect.objectContaining({
        to: number(500),
        idempotencyKey: `${seeded.campaignId}:${leadId}:1`,
        campaignId: toPublicId('cmp', seeded.campaignId),
        context: { firstName: 'Grace', tier: 'gold' },
      }),
    ]);
    expect(await attemptsOf(a, seeded.campaignId)).toEqual([
      expect.objectContaining({ attemptNumber: 1, state: 'placed', providerCallId: 'fake_1' }),
    ]);
    expect((await hopper(a, seeded.campaignId))[0]).toMatchObject({ state: 'in_call', attempts: 1 });

    await endAs('busy');
    // Busy spacing is 15 minutes: too soon at +10, placed at +16.
    expect(await dialer.runPass(a, seeded.campaignId, new Date(NOON_NY.getTime() + 10 * MIN))).toMatchObject({
      placed: 0,
      skipped: 1,
    });
    expect((await hopper(a, seeded.campaignId))[0]).toMatchObject({
      lastSkipReason: 'retry_too_soon',
      nextDueAt: new Date(NOON_NY.getTime() + 15 * MIN),
    });
    expect(await dialer.runPass(a, seeded.campaignId, new Date(NOON_NY.getTime() + 16 * MIN))).toMatchObject({
      placed: 1,
    });
    expect(adapter.placed[1]?.idempotencyKey).toBe(`${seeded.campaignId}:${leadId}:2`);
    await endAs('busy');
    const last = await dialer.runPass(a, seeded.campaignId, new Date(NOON_NY.getTime() + 40 * MIN));
    expect(last).toMatchObject({ placed: 0, skipped: 1, completed: true });
    expect((await hopper(a, seeded.campaignId))[0]).toMatchObject({
      state: 'done',
      finalReason: 'max_attempts',
    });
    expect(adapter.placed).toHaveLength(2);
    // Every decision of the passes, by decision and, for a skip, its reason.
    const decisions = parseScrape(await registry.metrics()).samples.filter(
      (s) => s.name === 'campaigns_dialer_decisions_total',
    );
    expect(decisions.map((s) => [s.labels.decision, s.labels.reason, s.value])).toEqual(
      expect.arrayContaining([
        ['placed', undefined, 2],
        ['skipped', 'retry_too_soon', 1],
        ['skipped', 'max_attempts', 1],
      ]),
    );
    expect(decisions).toHaveLength(3);
  });

  it('paces by calls per minute over the last 60 s (from the table) and by open calls', async () => {
    const seeded = await seedCampaign(p(), a, {
      settings: openSettings({ pacing: { callsPerMinute: 3, maxConcurrent: 100 } }),
      lists: [{ leads: leads(10, 600) }],
    });
    const adapter = fakeAdapter();
    // A second dialer instance shares nothing in memory with the first: the budget is in the table.
    const run = (offsetSeconds: number) =>
      dialerFor(p(), adapter).runPass(
        a,
        seeded.campaignId,
        new Date(NOON_NY.getTime() + offsetSeconds * 1000),
      );
    expect((await run(0)).placed).toBe(3);
    expect((await run(20)).placed).toBe(0);
    expect((await run(61)).placed).toBe(3);

    const concurrent = await seedCampaign(p(), a, {
      settings: openSettings({ pacing: { callsPerMinute: 600, maxConcurrent: 2 } }),
      lists: [{ leads: leads(10, 700) }],
    });
    const dialer = dialerFor(p(), fakeAdapter());
    expect((await dialer.runPass(a, concurrent.campaignId, NOON_NY)).placed).toBe(2);
    expect(
      (await dialer.runPass(a, concurrent.campaignId, new Date(NOON_NY.getTime() + 5 * MIN))).placed,
    ).toBe(0);
  });

  it('handles refusals: a retryable one brings the lead back after the failed spacing, a final one ends it', async () => {
    const seeded = await seedCampaign(p(), a, { lists: [{ leads: leads(2, 800) }] });
    const adapter = fakeAdapter();
    const dialer = dialerFor(p(), adapter);
    adapter.refuse = new PlaceCallError('rate limited', true, 429);
    expect(await dialer.runPass(a, seeded.campaignId, NOON_NY)).toMatchObject({ placed: 0, notPlaced: 2 });
    const rows = await hopper(a, seeded.campaignId);
    expect(
      rows.every((r) => r.state === 'pending' && r.nextDueAt?.getTime() === NOON_NY.getTime() + 30 * MIN),
    ).toBe(true);
    adapter.refuse = new PlaceCallError('number is not reachable', false, 400);
    expect(await dialer.runPass(a, seeded.campaignId, new Date(NOON_NY.getTime() + 31 * MIN))).toMatchObject({
      notPlaced: 2,
    });
    expect((await hopper(a, seeded.campaignId)).map((r) => r.state)).toEqual(['done', 'done']);
    expect((await attemptsOf(a, seeded.campaignId)).map((x) => x.state)).toEqual(Array(4).fill('not_placed'));
  });

  it('crash rule: a reservation older than 2 minutes is never placed; it counts, and the lead comes back', async () => {
    const seeded = await seedCampaign(p(), a, { lists: [{ leads: leads(1, 900) }] });
    const leadId = seeded.leadIds[0]?.[0] ?? '';
    const crashedAt = NOON_NY;
    // What a dialer killed between reserving and asking the provider leaves behind.
    await p().database.withTenant<Tables, void>(a, async (trx) => {
      await trx
        .insertInto('campaigns.call_attempts')
        .values({
          id: newUuid(),
          tenantId: a.tenantId,
          campaignId: seeded.campaignId,
          leadId,
          attemptNumber: 1,
          idempotencyKey: `${seeded.campaignId}:${leadId}:1`,
          adapter: 'simulator',
          state: 'reserved',
          reservedAt: crashedAt,
        })
        .execute();
      await trx
        .updateTable('campaigns.campaign_leads')
        .set({ state: 'in_call', attempts: 1 })
        .where('leadId', '=', leadId)
        .execute();
    });
    const adapter = fakeAdapter();
    const dialer = dialerFor(p(), adapter);
    // Within 2 minutes it is left alone (the dialer may still be asking the provider).
    expect(await dialer.runPass(a, seeded.campaignId, new Date(crashedAt.getTime() + MIN))).toMatchObject({
      released: 0,
      placed: 0,
    });
    const after = await dialer.runPass(a, seeded.campaignId, new Date(crashedAt.getTime() + 3 * MIN));
    expect(after).toMatchObject({ released: 1, placed: 0 });
    expect(await attemptsOf(a, seeded.campaignId)).toEqual([
      expect.objectContaining({ state: 'not_placed', failureReason: STALE_RESERVATION_REASON }),
    ]);
    expect((await hopper(a, seeded.campaignId))[0]).toMatchObject({ state: 'pending', attempts: 1 });
    await dialer.runPass(a, seeded.campaignId, new Date(crashedAt.getTime() + 40 * MIN));
    expect(adapter.placed.map((r) => r.idempotencyKey)).toEqual([`${seeded.campaignId}:${leadId}:2`]);
  });

  it('slows down when abandonment reaches the threshold, audited', async () => {
    const seeded = await seedCampaign(p(), a, { lists: [{ leads: leads(20, 1000) }] });
    const ids = seeded.leadIds[0] ?? [];
    await p().database.withTenant<Tables, void>(a, async (trx) => {
      await trx
        .insertInto('campaigns.call_attempts')
        .values(
          ids.map((leadId, i) => ({
            id: newUuid(),
            tenantId: a.tenantId,
            campaignId: seeded.campaignId,
            leadId,
            attemptNumber: 1,
            idempotencyKey: `${seeded.campaignId}:${leadId}:1`,
            adapter: 'simulator',
            state: 'ended' as const,
            reservedAt: new Date(NOON_NY.getTime() - 24 * 60 * MIN),
            outcome: i === 0 ? ('abandoned' as const) : ('answered' as const),
            answeredBy: i === 0 ? null : ('human' as const),
          })),
        )
        .execute();
      await trx
        .updateTable('campaigns.campaign_leads')
        .set({ state: 'done', attempts: 1 })
        .where('campaignId', '=', seeded.campaignId)
        .execute();
    });
    const dialer = dialerFor(p(), fakeAdapter());
    await dialer.runPass(a, seeded.campaignId, NOON_NY); // 1 of 20 = 5% ≥ 2.5%
    const factor = () =>
      p().database.withTenant<Tables, number>(
        a,
        async (trx) =>
          (
            await trx
              .selectFrom('campaigns.campaigns')
              .select('pacingFactor')
              .where('id', '=', seeded.campaignId)
              .executeTakeFirstOrThrow()
          ).pacingFactor,
      );
    expect(await factor()).toBeCloseTo(0.75);
    // Not again within 5 minutes.
    await dialer.runPass(a, seeded.campaignId, new Date(NOON_NY.getTime() + MIN));
    expect(await factor()).toBeCloseTo(0.75);
    const { rows } = await sql<{
      action: string;
    }>`select action from audit.entries where tenant_id = ${a.tenantId} and action = 'campaigns.pacing_reduced'`.execute(
      p().database.owner,
    );
    expect(rows).toHaveLength(1);
  });

  it('two schedulers on one campaign: one holds the lease and places, the other places nothing', async () => {
    const seeded = await seedCampaign(p(), b, { lists: [{ leads: leads(6, 1100) }] });
    const first = fakeAdapter();
    const second = fakeAdapter();
    const one = createDialerScheduler({
      database: p().database,
      dialer: dialerFor(p(), first),
      logger: p().logger,
      owner: 'replica-1',
    });
    const two = createDialerScheduler({
      database: p().database,
      dialer: dialerFor(p(), second),
      logger: p().logger,
      owner: 'replica-2',
    });
    const [r1, r2] = await Promise.all([one.tick(NOON_NY), two.tick(NOON_NY)]);
    const ran = [r1.has(seeded.campaignId), r2.has(seeded.campaignId)];
    expect(ran.filter(Boolean)).toHaveLength(1);
    // The ticks also dial the other tests' running campaigns: count this campaign's calls.
    const mine = (adapter: typeof first) =>
      adapter.placed.filter((r) => r.campaignId === toPublicId('cmp', seeded.campaignId)).length;
    expect(mine(first) + mine(second)).toBe(6);
    expect(Math.min(mine(first), mine(second))).toBe(0);
    await Promise.all([one.release(), two.release()]);
  });

  describe('GET /campaigns/campaigns/:campaignId/dry-run', () => {
    const dryRun = (ctx: RequestContext, campaignId: string, query = '', permissions = ['campaigns:read']) =>
      t.inject({
        method: 'GET',
        url: `/api/v1/campaigns/campaigns/${campaignId}/dry-run${query}`,
        as: { tenant: ctx.tenantId, actor: 'usr_planner', permissions },
      });

    it('answers who would be dialled at an instant, storing and dialling nothing', async () => {
      const seeded = await seedCampaign(p(), a, {
        state: 'draft',
        lists: [{ leads: [...leads(3, 1200), { e164: '12345', subdivision: 'US-NY' }] }],
      });
      const id = toPublicId('cmp', seeded.campaignId);
      const response = await dryRun(a, id, `?at=${encodeURIComponent('2026-06-10T12:00:00-04:00')}&limit=2`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{
        wouldDial: { leadId: string }[];
        skipped: Record<string, number>;
        at: string;
      }>();
      expect(body).toMatchObject({
        campaignId: id,
        at: '2026-06-10T16:00:00.000Z',
        evaluated: 4,
        skipped: { invalid_number: 1 },
      });
      expect(body.wouldDial).toHaveLength(2);
      expect(body.wouldDial[0]).toMatchObject({
        leadId: expect.stringMatching(/^lead_/) as unknown,
        listId: expect.stringMatching(/^list_/) as unknown,
        attemptNumber: 1,
        timeZone: 'America/New_York',
      });
      expect(
        (await hopper(a, seeded.campaignId)).every((r) => r.lastSkipReason === null && r.state === 'pending'),
      ).toBe(true);
      expect(await attemptsOf(a, seeded.campaignId)).toEqual([]);
    });

    it('refuses bad input naming the field, another tenant’s campaign, and a caller without campaigns:read', async () => {
      const seeded = await seedCampaign(p(), a, { lists: [{ leads: leads(1, 1300) }] });
      const id = toPublicId('cmp', seeded.campaignId);
      for (const [query, field] of [
        ['?limit=0', 'limit'],
        ['?limit=1001', 'limit'],
        ['?limit=abc', 'limit'],
        ['?at=yesterday', 'at'],
        ['?at=%00', 'at'],
        ['?at=%ED%A0%80', 'at'],
        ['?bogus=1', 'bogus'],
      ] as const) {
        const response = await dryRun(a, id, query);
        expect(response.statusCode, `${query}: ${response.body}`).toBe(400);
        expect(response.body).toContain(field);
      }
      for (const bad of ['cmp_nope', 'x'.repeat(5000), encodeURIComponent('cmp_\u0000')]) {
        const response = await dryRun(a, bad);
        expect([400, 404], response.body).toContain(response.statusCode);
        expect(response.headers['content-type']).toContain('problem+json');
      }
      const other = await dryRun(b, id);
      expect(other.statusCode, other.body).toBe(404);
      expect(other.body).toContain('params.campaignId');
      expect((await dryRun(a, id, '', ['leads:read'])).statusCode).toBe(403);
    });
  });
});
