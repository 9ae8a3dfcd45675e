import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesHolding } from '../../../../test/support/database-scan.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { systemContext } from '../../../platform/context.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import type { Tenant } from '../../identity/index.js';
import {
  knownCallRecordId,
  startGraphFake,
  teamsFixtures,
  type GraphFake,
} from '../testing/graph.fake-server.js';
import type { TeamsStatus } from './teams-subscription.service.js';

/*
 * The Teams connector end to end: webhook -> stored payload -> bus -> fetch from Graph -> index,
 * subscription upkeep by the timer and by lifecycle notifications. "Graph" here is the local
 * spec-derived fake in testing/graph.fake-server.ts: an HTTP server implementing the documented
 * request and response shapes of the Graph endpoints the connector uses, answering with
 * Microsoft's published examples (shared/fixtures/real/teams, read in place). It is not Graph.
 */

const publicUrl = 'https://switchboard.test';
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(teamsFixtures, name), 'utf8')) as Record<string, unknown>;

interface CallList {
  items: { id: string; source: string; sourceCallId: string; legCount: number }[];
}

describe('Teams call records through Microsoft Graph', () => {
  let fake: GraphFake;
  let t: TestPlatform;
  const validations: string[] = [];

  beforeAll(async () => {
    fake = await startGraphFake();
    t = await createTestPlatform({
      role: 'start',
      env: {
        SWITCHBOARD_PUBLIC_URL: publicUrl,
        SWITCHBOARD_GRAPH_BASE_URL: fake.graphBaseUrl,
        SWITCHBOARD_GRAPH_LOGIN_URL: fake.loginBaseUrl,
      },
    });
    // Graph validates each endpoint before it creates a subscription: here it reaches the webhook through inject.
    fake.validateWith(async (url, validationToken) => {
      validations.push(url);
      const res = await t.inject({
        method: 'POST',
        url: `${new URL(url).pathname}?validationToken=${encodeURIComponent(validationToken)}`,
        headers: { 'content-type': 'text/plain' },
        payload: '',
      });
      const contentType = res.headers['content-type'];
      return {
        status: res.statusCode,
        body: res.body,
        contentType: typeof contentType === 'string' ? contentType : undefined,
      };
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const admin = (tenant: Tenant) => ({
    tenant: tenant.uuid,
    permissions: ['settings:read', 'settings:write', 'calls:read'],
  });
  const subscriptionStatus = async (tenant: Tenant) =>
    (
      await t.inject({ method: 'GET', url: '/api/v1/calls/teams/subscription', as: admin(tenant) })
    ).json<TeamsStatus>();
  const teamsCalls = async (tenant: Tenant) =>
    (
      await t.inject({ method: 'GET', url: '/api/v1/calls?source=teams&limit=200', as: admin(tenant) })
    ).json<CallList>().items;
  const graphRequests = (pattern: RegExp, since = 0) =>
    fake.requests.filter((r) => r.at >= since && pattern.test(`${r.method} ${r.url}`));
  const putSecret = (tenant: Tenant, name: string, value: string) =>
    t.platform.secrets.put(systemContext(tenant.uuid, 'test', 'test'), name, value);

  async function configuredTenant(): Promise<Tenant> {
    const { tenant } = await createTenant(t.platform);
    await putSecret(tenant, 'teams.tenant_id', fake.credentials.tenantId);
    await putSecret(tenant, 'teams.client_id', fake.credentials.clientId);
    await putSecret(tenant, 'teams.client_secret', fake.credentials.clientSecret);
    return tenant;
  }

  /** A tenant with credentials and a subscription; the clientState is the one Graph was given. */
  async function connectedTenant(): Promise<{ tenant: Tenant; subscriptionId: string; clientState: string }> {
    const tenant = await configuredTenant();
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/teams/subscription',
      as: admin(tenant),
    });
    expect(res.statusCode, res.body).toBe(201);
    const subscriptionId = res.json<TeamsStatus>().subscription?.id ?? '';
    const clientState = String(fake.subscriptions.get(subscriptionId)?.clientState);
    return { tenant, subscriptionId, clientState };
  }

  const webhook = (tenant: Tenant, body: unknown) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/calls/webhooks/teams/${tenant.id}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  /** Outcomes the transform recorded for the tenant's payloads of a format, oldest first, once `count` are processed. */
  async function outcomes(
    tenant: Tenant,
    format: 'graph-notification' | 'graph-lifecycle',
    count = 1,
  ): Promise<Record<string, number>[]> {
    let found: Record<string, number>[] = [];
    await expect
      .poll(
        async () => {
          const { rows } = await sql<{ outcome: Record<string, number> }>`
            select outcome from calls.raw_payloads
            where tenant_id = ${tenant.uuid} and format = ${format} and processed_at is not null order by received_at`.execute(
            t.platform.database.owner,
          );
          found = rows.map((row) => row.outcome);
          return found.length;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(count);
    return found;
  }
  const lastOutcome = async (tenant: Tenant, format: 'graph-notification' | 'graph-lifecycle', count = 1) =>
    (await outcomes(tenant, format, count)).at(-1) ?? {};

  it('creates the subscription from the documented request body, after Graph validated the webhook', async () => {
    const { tenant } = await createTenant(t.platform);
    const missing = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/teams/subscription',
      as: admin(tenant),
    });
    expect(missing.statusCode).toBe(409);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({
      code: 'CALLS_TEAMS_NOT_CONFIGURED',
      errors: [
        { field: 'secrets.teams.tenant_id' },
        { field: 'secrets.teams.client_id' },
        { field: 'secrets.teams.client_secret' },
      ],
    });

    await putSecret(tenant, 'teams.tenant_id', fake.credentials.tenantId);
    await putSecret(tenant, 'teams.client_id', fake.credentials.clientId);
    await putSecret(tenant, 'teams.client_secret', fake.credentials.clientSecret);
    const forbidden = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/teams/subscription',
      as: { tenant: tenant.uuid, permissions: ['calls:read', 'settings:read'] },
    });
    expect(forbidden.statusCode).toBe(403);

    const started = Date.now();
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/teams/subscription',
      as: admin(tenant),
    });
    expect(res.statusCode, res.body).toBe(201);
    const notificationUrl = `${publicUrl}/api/v1/calls/webhooks/teams/${tenant.id}`;
    expect(res.json()).toMatchObject({
      notificationUrl,
      missingSecrets: [],
      subscription: { status: 'active', resource: '/communications/callRecords', notificationUrl },
    });
    expect(validations).toContain(notificationUrl);

    const [sent] = graphRequests(/^POST \/v1\.0\/subscriptions$/, started);
    const body = JSON.parse(sent?.body ?? '{}') as Record<string, unknown>;
    // The same fields as Microsoft's example subscription request (subscription-request-1.json).
    const documented = fixture('subscription-request-1.json');
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    expect(body).toMatchObject({
      changeType: documented.changeType,
      resource: documented.resource,
      notificationUrl,
      lifecycleNotificationUrl: notificationUrl,
    });
    expect(String(body.clientState)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expiresIn = Date.parse(String(body.expirationDateTime)) - started;
    expect(expiresIn).toBeGreaterThan(4229 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(4230 * 60_000 + 60_000);

    // Another tenant sees nothing of it.
    const { tenant: other } = await createTenant(t.platform);
    expect((await subscriptionStatus(other)).subscription).toBeNull();
  });

  it('fetches the call a notification names, with every page of its sessions, and indexes it', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    const started = Date.now();
    const res = await webhook(
      tenant,
      fake.changeNotification({ subscriptionId, clientState, callRecordIds: [knownCallRecordId] }),
    );
    expect(res.statusCode).toBe(202);
    await expect
      .poll(async () => (await teamsCalls(tenant)).map((c) => c.sourceCallId), { timeout: 30_000 })
      .toEqual([knownCallRecordId]);
    expect(graphRequests(/callRecords/, started).map((r) => r.url)).toEqual([
      `/v1.0/communications/callRecords/${knownCallRecordId}?$expand=sessions($expand=segments)`,
      `/v1.0/communications/callRecords('${knownCallRecordId}')/sessions?$expand=segments&$skiptoken=abc`,
      `/v1.0/communications/callRecords('${knownCallRecordId}')/sessions?$expand=segments&$skiptoken=def`,
    ]);
    const [call] = await teamsCalls(tenant);
    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${call?.id ?? ''}`,
      as: admin(tenant),
    });
    // Loss and round trip are only in the later session pages (sessions-expanded-1.json): the pages were merged.
    expect(detail.json()).toMatchObject({
      record: {
        source: 'teams',
        direction: 'internal',
        disposition: 'answered',
        quality: { packetLossPct: 1.382, rttMs: 64 },
      },
    });
    expect((await subscriptionStatus(tenant)).subscription?.lastNotificationAt).not.toBeNull();

    // The older revision of the example (`#Microsoft.Graph.callrecord`, lower case) is read the same way.
    const older = JSON.parse(
      JSON.stringify(fixture('notification-2.json'))
        .replaceAll('{Subscription id}', subscriptionId)
        .replaceAll('{Secret client state}', clientState)
        .replaceAll('{Call id}', knownCallRecordId),
    ) as unknown;
    const again = Date.now();
    expect((await webhook(tenant, older)).statusCode).toBe(202);
    expect(await lastOutcome(tenant, 'graph-notification', 2)).toMatchObject({ records: 1, quarantined: 0 });
    expect(graphRequests(/callRecords\/e523/, again)).toHaveLength(1);
    expect(await teamsCalls(tenant)).toHaveLength(1);
  });

  it('skips a call record Graph no longer has (404: older than 30 days), without retrying or quarantining', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    const gone = '2f1a1d8e-0000-4000-8000-00000000dead';
    expect(
      (await webhook(tenant, fake.changeNotification({ subscriptionId, clientState, callRecordIds: [gone] })))
        .statusCode,
    ).toBe(202);
    expect(await lastOutcome(tenant, 'graph-notification')).toMatchObject({
      records: 0,
      skipped: 1,
      quarantined: 0,
    });
    expect(graphRequests(new RegExp(gone))).toHaveLength(1);
    const quarantined = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/quarantine',
      as: { tenant: tenant.uuid, permissions: ['quarantine:manage'] },
    });
    expect(quarantined.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('waits as long as Retry-After says when Graph throttles, then fetches', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    fake.script(/\/callRecords\/e523[^/]*$/, [
      {
        status: 429,
        headers: { 'retry-after': '2' },
        body: { error: { code: 'TooManyRequests', message: 'throttled' } },
      },
    ]);
    const started = Date.now();
    await webhook(
      tenant,
      fake.changeNotification({ subscriptionId, clientState, callRecordIds: [knownCallRecordId] }),
    );
    await expect.poll(async () => (await teamsCalls(tenant)).length, { timeout: 30_000 }).toBe(1);
    const [throttled, retried] = graphRequests(/callRecords\/e523[^/]*\?/, started);
    expect(retried).toBeDefined();
    expect((retried?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
  });

  it('retries Graph outages: first inside the client, then through the bus', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    // Four attempts per delivery: the first delivery fails on all of them, the bus delivers again.
    fake.script(/\/callRecords\/e523[^/]*$/, [
      { status: 503 },
      { status: 500 },
      { status: 502 },
      { status: 504 },
      { status: 500 },
    ]);
    const started = Date.now();
    await webhook(
      tenant,
      fake.changeNotification({ subscriptionId, clientState, callRecordIds: [knownCallRecordId] }),
    );
    await expect.poll(async () => (await teamsCalls(tenant)).length, { timeout: 30_000 }).toBe(1);
    expect(graphRequests(/callRecords\/e523[^/]*\?/, started)).toHaveLength(6);
  });

  it('renews subscriptions the hourly timer finds expiring within a day, and recreates one Graph lost', async () => {
    const { tenant, subscriptionId } = await connectedTenant();
    const timer = t.platform.jobs.find(
      (job): job is TimerTrigger => job.kind === 'timer' && job.name === 'calls.teams-subscriptions',
    );
    if (!timer) throw new Error('no renewal timer');
    const before = (await subscriptionStatus(tenant)).subscription;

    // Now: the new subscription (about 70 hours left) is not due.
    const now = Date.now();
    await timer.run({ runId: 'test-now', scheduledFor: new Date(now), missedSlots: 0 });
    expect(graphRequests(new RegExp(`^PATCH /v1.0/subscriptions/${subscriptionId}$`))).toHaveLength(0);

    // 48 hours later it expires within a day: renewed to the longest Graph allows.
    await timer.run({ runId: 'test-later', scheduledFor: new Date(now + 48 * 3_600_000), missedSlots: 0 });
    const [patch] = graphRequests(new RegExp(`^PATCH /v1.0/subscriptions/${subscriptionId}$`));
    expect(
      Date.parse(
        String((JSON.parse(patch?.body ?? '{}') as { expirationDateTime?: string }).expirationDateTime),
      ) - Date.now(),
    ).toBeGreaterThan(4229 * 60_000);
    const renewed = (await subscriptionStatus(tenant)).subscription;
    expect(renewed).toMatchObject({
      id: subscriptionId,
      status: 'active',
      renewedAt: expect.any(String) as unknown,
    });
    expect(Date.parse(renewed?.expiresAt ?? '')).toBeGreaterThanOrEqual(Date.parse(before?.expiresAt ?? ''));

    // Graph no longer has it (expired or removed): the renewal's 404 makes a new one.
    fake.subscriptions.delete(subscriptionId);
    await timer.run({ runId: 'test-gone', scheduledFor: new Date(now + 72 * 3_600_000), missedSlots: 0 });
    const recreated = (await subscriptionStatus(tenant)).subscription;
    expect(recreated?.id).not.toBe(subscriptionId);
    expect(fake.subscriptions.has(recreated?.id ?? '')).toBe(true);
    expect(recreated?.status).toBe('active');
  });

  it('recreates the subscription on subscriptionRemoved, once, and backfills what was missed', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    fake.subscriptions.delete(subscriptionId);
    const removed = fake.lifecycleNotification({
      subscriptionId,
      clientState,
      lifecycleEvent: 'subscriptionRemoved',
    });
    expect((await webhook(tenant, removed)).statusCode).toBe(202);
    await expect
      .poll(async () => (await subscriptionStatus(tenant)).subscription?.id, { timeout: 30_000 })
      .not.toBe(subscriptionId);
    const status = (await subscriptionStatus(tenant)).subscription;
    expect(status).toMatchObject({ status: 'active', lastLifecycleEvent: 'subscriptionRemoved' });
    expect(fake.subscriptions.has(status?.id ?? '')).toBe(true);
    await expect.poll(async () => (await teamsCalls(tenant)).length, { timeout: 30_000 }).toBe(4);

    // The same notification again (a redelivery): the replacement stands, no third subscription.
    const creations = graphRequests(/^POST \/v1\.0\/subscriptions$/).length;
    await webhook(tenant, removed);
    await outcomes(tenant, 'graph-lifecycle', 2);
    expect((await subscriptionStatus(tenant)).subscription?.id).toBe(status?.id);
    expect(graphRequests(/^POST \/v1\.0\/subscriptions$/)).toHaveLength(creations);
  });

  it('answers reauthorizationRequired by reauthorizing the subscription, or replacing it when Graph lost it', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    await webhook(
      tenant,
      fake.lifecycleNotification({ subscriptionId, clientState, lifecycleEvent: 'reauthorizationRequired' }),
    );
    await expect
      .poll(
        () => graphRequests(new RegExp(`^POST /v1.0/subscriptions/${subscriptionId}/reauthorize$`)).length,
        { timeout: 30_000 },
      )
      .toBe(1);
    await expect
      .poll(async () => (await subscriptionStatus(tenant)).subscription, { timeout: 30_000 })
      .toMatchObject({ id: subscriptionId, status: 'active', lastLifecycleEvent: 'reauthorizationRequired' });

    // Graph no longer knows it (reauthorize answers 404): a new subscription takes its place.
    fake.subscriptions.delete(subscriptionId);
    await webhook(
      tenant,
      fake.lifecycleNotification({ subscriptionId, clientState, lifecycleEvent: 'reauthorizationRequired' }),
    );
    await expect
      .poll(async () => (await subscriptionStatus(tenant)).subscription?.id, { timeout: 30_000 })
      .not.toBe(subscriptionId);
    expect(fake.subscriptions.has((await subscriptionStatus(tenant)).subscription?.id ?? '')).toBe(true);
  });

  it('backfills getPstnCalls and getDirectRoutingCalls since the last notification on missed, and indexes their rows', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    await webhook(
      tenant,
      fake.changeNotification({ subscriptionId, clientState, callRecordIds: [knownCallRecordId] }),
    );
    await expect.poll(async () => (await teamsCalls(tenant)).length, { timeout: 30_000 }).toBe(1);
    const lastNotificationAt = Date.parse(
      (await subscriptionStatus(tenant)).subscription?.lastNotificationAt ?? '',
    );

    const started = Date.now();
    await webhook(
      tenant,
      fake.lifecycleNotification({ subscriptionId, clientState, lifecycleEvent: 'missed' }),
    );
    await expect
      .poll(async () => (await teamsCalls(tenant)).map((c) => c.sourceCallId).sort(), { timeout: 30_000 })
      .toEqual([
        'directRouting:9e8bba57-dc14-533a-a7dd-f0da6575eed1',
        'directRouting:9e8bba57-dc14-533a-a7dd-f0da6575eed1-page2',
        knownCallRecordId,
        'pstn:9c4984c7-6c3c-427d-a30c-bd0b2eacee90',
        'pstn:9c4984c7-6c3c-427d-a30c-bd0b2eacee90-page2',
      ]);
    const firstPages = graphRequests(
      /^GET \/v1\.0\/communications\/callRecords\/get(Pstn|DirectRouting)Calls\([^)]*\)$/,
      started,
    ).map((r) => r.url);
    expect(firstPages).toHaveLength(2);
    for (const url of firstPages) {
      const [, from] = /fromDateTime=([^,]+),/.exec(url) ?? [];
      // From a day before the last notification (calls in progress then are covered too).
      expect(Math.abs(Date.parse(from ?? '') - (lastNotificationAt - 24 * 3_600_000))).toBeLessThan(2_000);
    }
    await expect
      .poll(async () => (await subscriptionStatus(tenant)).subscription?.backfilledUntil, { timeout: 30_000 })
      .not.toBeNull();
  });

  it('says which permission is missing when Graph refuses a backfill, and still takes what it may', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    fake.script(/getPstnCalls/, [
      {
        status: 403,
        body: { error: { code: 'Forbidden', message: 'Missing role permissions on the request.' } },
      },
    ]);
    await webhook(
      tenant,
      fake.lifecycleNotification({ subscriptionId, clientState, lifecycleEvent: 'missed' }),
    );
    await expect
      .poll(async () => (await teamsCalls(tenant)).map((c) => c.sourceCallId.split(':')[0]), {
        timeout: 30_000,
      })
      .toEqual(['directRouting', 'directRouting']);
    const status = (await subscriptionStatus(tenant)).subscription;
    expect(status?.status).toBe('active');
    expect(status?.lastError).toMatch(
      /getPstnCalls: 403 Forbidden; grant the application permission CallRecord-PstnCalls\.Read\.All/,
    );
  });

  it('takes the documented lifecycle example (placeholder event) and does nothing with it', async () => {
    const { tenant, clientState } = await connectedTenant();
    const example = fixture('lifecycle-1.json') as { value: Record<string, unknown>[] };
    for (const item of example.value) item.clientState = clientState;
    const started = Date.now();
    expect((await webhook(tenant, example)).statusCode).toBe(202);
    expect(await lastOutcome(tenant, 'graph-lifecycle')).toMatchObject({
      records: 0,
      skipped: 1,
      quarantined: 0,
    });
    expect(graphRequests(/\/v1\.0\//, started)).toEqual([]);
  });

  it('keeps the clientState of notifications out of the database: payloads are stored sealed, without it, and still indexed', async () => {
    const { tenant, subscriptionId, clientState } = await connectedTenant();
    expect(
      (
        await webhook(
          tenant,
          fake.changeNotification({ subscriptionId, clientState, callRecordIds: [knownCallRecordId] }),
        )
      ).statusCode,
    ).toBe(202);
    await expect.poll(async () => (await teamsCalls(tenant)).length, { timeout: 30_000 }).toBe(1);
    const lifecycle = fake.lifecycleNotification({
      subscriptionId,
      clientState,
      lifecycleEvent: 'reauthorizationRequired',
    });
    expect((await webhook(tenant, lifecycle)).statusCode).toBe(202);
    await lastOutcome(tenant, 'graph-lifecycle');

    const { rows } = await sql<{ id: string; body: Buffer; bodyEncoding: string }>`
      select id, body, body_encoding as "bodyEncoding" from calls.raw_payloads where tenant_id = ${tenant.uuid}`.execute(
      t.platform.database.owner,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.bodyEncoding).toBe('sealed');
      expect(row.body.toString('utf8')).not.toContain(subscriptionId);
      const stored = await t.platform.modules.calls.ingest.load({ tenantId: tenant.uuid }, row.id);
      expect(stored?.body.toString('utf8')).toContain(subscriptionId);
      expect(stored?.body.toString('utf8')).not.toContain(clientState);
    }
    expect(await tablesHolding(t.platform.database.owner, clientState)).toEqual([]);
  });

  it('still rejects a notification whose clientState does not match, storing nothing', async () => {
    const { tenant, subscriptionId } = await connectedTenant();
    const res = await webhook(
      tenant,
      fake.changeNotification({
        subscriptionId,
        clientState: 'forged-state',
        callRecordIds: [knownCallRecordId],
      }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CALLS_CLIENT_STATE_MISMATCH' });
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from calls.raw_payloads where tenant_id = ${tenant.uuid}`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('deletes the subscription at Graph and forgets it', async () => {
    const { tenant, subscriptionId } = await connectedTenant();
    const res = await t.inject({
      method: 'DELETE',
      url: '/api/v1/calls/teams/subscription',
      as: admin(tenant),
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(fake.subscriptions.has(subscriptionId)).toBe(false);
    expect((await subscriptionStatus(tenant)).subscription).toBeNull();
    const again = await t.inject({
      method: 'DELETE',
      url: '/api/v1/calls/teams/subscription',
      as: admin(tenant),
    });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'CALLS_TEAMS_NOT_CONNECTED' });
  });
});
