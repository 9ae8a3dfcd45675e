import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  knownCallRecordId,
  startGraphFake,
  teamsFixtures,
  type GraphFake,
} from '../testing/graph.fake-server.js';
import { createGraphClient, GraphError, type GraphClientOptions } from './graph-client.js';
import { normaliseTeams } from './normalise-teams.js';

/** Against a local spec-derived fake of Microsoft Graph (testing/graph.fake-server.ts). */
describe('Graph call-records client', () => {
  let fake: GraphFake;
  let waits: number[];

  beforeAll(async () => {
    fake = await startGraphFake();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
  });

  const client = (options: Partial<GraphClientOptions> = {}) => {
    waits = [];
    return createGraphClient({
      credentials: fake.credentials,
      graphBaseUrl: fake.graphBaseUrl,
      loginBaseUrl: fake.loginBaseUrl,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      ...options,
    });
  };
  const graphRequests = () =>
    fake.requests.filter((r) => r.url.startsWith('/v1.0/')).map((r) => `${r.method} ${r.url}`);

  it('fetches a call record with its sessions, following every sessions nextLink', async () => {
    const result = await client().getCallRecord(knownCallRecordId);
    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.pages).toBe(3);
    // The published links read `.../v1.0/$metadata#communications/callRecords('id')/sessions?...`:
    // followed as the resource they name, not as the metadata document.
    expect(graphRequests()).toEqual([
      `GET /v1.0/communications/callRecords/${knownCallRecordId}?$expand=sessions($expand=segments)`,
      `GET /v1.0/communications/callRecords('${knownCallRecordId}')/sessions?$expand=segments&$skiptoken=abc`,
      `GET /v1.0/communications/callRecords('${knownCallRecordId}')/sessions?$expand=segments&$skiptoken=def`,
    ]);
    expect(result.callRecord['sessions@odata.nextLink']).toBeUndefined();
    const [call] = normaliseTeams(result.callRecord).records;
    expect(call).toMatchObject({
      sourceCallId: knownCallRecordId,
      quality: { jitterMs: 16, packetLossPct: 1.382, rttMs: 64 },
    });
    expect(call?.attributes.sessionsNextLink).toBeUndefined();
  });

  it('reports a call record Graph no longer has (older than 30 days) as not found', async () => {
    expect(await client().getCallRecord('00000000-0000-0000-0000-000000000000')).toEqual({
      status: 'not_found',
    });
  });

  it('waits as long as Retry-After says when throttled, then succeeds', async () => {
    fake.script(/\/callRecords\/[^/]+$/, [
      {
        status: 429,
        headers: { 'retry-after': '7' },
        body: { error: { code: 'TooManyRequests', message: 'throttled' } },
      },
    ]);
    const c = client();
    expect((await c.getCallRecord(knownCallRecordId)).status).toBe('found');
    expect(waits).toEqual([7000]);
  });

  it('retries server errors with growing backoff', async () => {
    fake.script(/\/callRecords\/[^/]+$/, [{ status: 503 }, { status: 500 }, { status: 502 }]);
    const c = client();
    expect((await c.getCallRecord(knownCallRecordId)).status).toBe('found');
    // 500 ms doubling, times 0.75 for the fixed jitter.
    expect(waits).toEqual([375, 750, 1500]);
  });

  it('gives up after the last attempt with a transient error, and at once on a client error', async () => {
    fake.script(/\/callRecords\/[^/]+$/, [{ status: 500 }, { status: 500 }, { status: 500 }]);
    const error = await client({ maxAttempts: 3 })
      .getCallRecord(knownCallRecordId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 500, transient: true });

    fake.script(/\/callRecords\/[^/]+$/, [
      { status: 400, body: { error: { code: 'BadRequest', message: 'nope' } } },
    ]);
    const c = client();
    await expect(c.getCallRecord(knownCallRecordId)).rejects.toMatchObject({
      status: 400,
      code: 'BadRequest',
      transient: false,
    });
    expect(waits).toEqual([]);
  });

  it('gets one token for many requests and a fresh one when Graph rejects it', async () => {
    const c = client();
    await c.getCallRecord(knownCallRecordId);
    await c.getCallRecord(knownCallRecordId);
    const tokenRequests = () => fake.requests.filter((r) => r.url.endsWith('/oauth2/v2.0/token')).length;
    expect(tokenRequests()).toBe(1);
    fake.revokeTokens();
    expect((await c.getCallRecord(knownCallRecordId)).status).toBe('found');
    expect(tokenRequests()).toBe(2);
    const form = new URLSearchParams(fake.requests.find((r) => r.url.endsWith('/token'))?.body);
    expect(Object.fromEntries(form)).toMatchObject({
      grant_type: 'client_credentials',
      client_id: fake.credentials.clientId,
      scope: `${new URL(fake.graphBaseUrl).origin}/.default`,
    });
  });

  it('reports wrong app credentials without retrying', async () => {
    const c = client({ credentials: { ...fake.credentials, clientSecret: 'wrong' } });
    await expect(c.getCallRecord(knownCallRecordId)).rejects.toMatchObject({
      status: 401,
      code: 'invalid_client',
      transient: false,
    });
  });

  it('refuses to send its token to a link outside Graph', async () => {
    fake.script(/\/callRecords\/[^/]+$/, [
      {
        status: 200,
        body: {
          id: knownCallRecordId,
          version: 1,
          startDateTime: '2024-01-01T00:00:00Z',
          'sessions@odata.nextLink': 'https://evil.example/steal',
        },
      },
    ]);
    await expect(client().getCallRecord(knownCallRecordId)).rejects.toThrow(/refusing to follow a link off/);
  });

  it('creates, renews and deletes call-record subscriptions of at most 4230 minutes', async () => {
    const now = Date.now();
    const c = client({ now: () => now });
    const created = await c.createSubscription({
      notificationUrl: 'https://switchboard.example/ext/v1/webhooks/teams',
      lifecycleNotificationUrl: 'https://switchboard.example/ext/v1/webhooks/teams/lifecycle',
      clientState: 'secret-state',
      expiresAt: new Date(now + 10 * 86_400_000),
    });
    expect(created).toMatchObject({
      resource: '/communications/callRecords',
      changeType: 'created,updated',
      clientState: 'secret-state',
      expirationDateTime: new Date(now + 4230 * 60_000).toISOString(),
    });
    expect(fake.subscriptions.has(created.id)).toBe(true);

    const renewed = await c.renewSubscription(created.id, new Date(now + 60 * 60_000));
    expect(renewed.expirationDateTime).toBe(new Date(now + 3_600_000).toISOString());

    await c.reauthorizeSubscription(created.id);
    expect(graphRequests()).toContain(`POST /v1.0/subscriptions/${created.id}/reauthorize`);
    expect((await c.listSubscriptions()).map((subscription) => subscription.id)).toContain(created.id);

    await c.deleteSubscription(created.id);
    expect(fake.subscriptions.has(created.id)).toBe(false);
    await expect(c.reauthorizeSubscription(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(c.deleteSubscription(created.id)).resolves.toBeUndefined();
    await expect(c.renewSubscription(created.id)).rejects.toMatchObject({
      status: 404,
      code: 'ResourceNotFound',
    });
  });

  it('backfills PSTN and Direct Routing calls page by page, in windows Graph accepts', async () => {
    const c = client();
    const pages: Record<string, unknown>[] = [];
    for await (const page of c.getPstnCalls({
      from: new Date('2019-11-01T00:00:00Z'),
      to: new Date('2019-12-01T00:00:00Z'),
    }))
      pages.push(page);
    expect(pages).toHaveLength(2);
    expect(graphRequests()).toEqual([
      'GET /v1.0/communications/callRecords/getPstnCalls(fromDateTime=2019-11-01T00:00:00Z,toDateTime=2019-12-01T00:00:00Z)',
      'GET /v1.0/communications/callRecords/getPstnCalls(fromDateTime=2019-11-01T00:00:00Z,toDateTime=2019-12-01T00:00:00Z)?$skip=1000',
    ]);
    const calls = pages.flatMap((page) => normaliseTeams(page).records);
    expect(calls.map((call) => call.sourceCallId)).toEqual([
      'pstn:9c4984c7-6c3c-427d-a30c-bd0b2eacee90',
      'pstn:9c4984c7-6c3c-427d-a30c-bd0b2eacee90-page2',
    ]);

    fake.requests.length = 0;
    let directPages = 0;
    for await (const page of c.getDirectRoutingCalls({
      from: new Date('2019-01-01T00:00:00Z'),
      to: new Date('2019-06-01T00:00:00Z'),
    })) {
      directPages++;
      expect(normaliseTeams(page).records[0]?.sourceCallId).toMatch(/^directRouting:/);
    }
    // 151 days: two windows of at most 90 days, two pages each.
    expect(directPages).toBe(4);
    expect(graphRequests().filter((r) => !r.includes('$skip'))).toEqual([
      'GET /v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2019-01-01T00:00:00Z,toDateTime=2019-04-01T00:00:00Z)',
      'GET /v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2019-04-01T00:00:00Z,toDateTime=2019-06-01T00:00:00Z)',
    ]);
  });

  it('follows the segments pages of a session and the participants_v2 pages of a record', async () => {
    // A stand-in for Graph at the network level, answering with the published examples.
    const json = (name: string) =>
      JSON.parse(readFileSync(path.join(teamsFixtures, name), 'utf8')) as Record<string, unknown>;
    const base = 'https://graph.microsoft.com/v1.0';
    const asked: string[] = [];
    const answer = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const stub =
      (record: Record<string, unknown>, pages: Record<string, unknown>): typeof fetch =>
      (input) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.endsWith('/oauth2/v2.0/token'))
          return Promise.resolve(answer({ access_token: 't', expires_in: 3599 }));
        asked.push(url.replace(base, ''));
        return Promise.resolve(answer(url.includes('?$expand=sessions') ? record : (pages[url] ?? {})));
      };
    const options = { credentials: fake.credentials, sleep: () => Promise.resolve() };

    const withSessions = json('callrecord-1.json');
    delete withSessions['sessions@odata.nextLink'];
    const [session] = withSessions.sessions as Record<string, unknown>[];
    const [moreSegment] = ((json('sessions-expanded-1.json').value as Record<string, unknown>[])[0]
      ?.segments ?? []) as Record<string, unknown>[];
    if (!session || !moreSegment) throw new Error('fixtures changed');
    const segmentsLink = `${base}/communications/callRecords/${knownCallRecordId}/sessions/${String(session.id)}/segments?$skiptoken=s2`;
    session['segments@odata.nextLink'] = segmentsLink;
    const segmentsPage = { value: [{ ...moreSegment, id: 'second-segment' }] };
    const found = await createGraphClient({
      ...options,
      fetch: stub(withSessions, { [segmentsLink]: segmentsPage }),
    }).getCallRecord(knownCallRecordId);
    if (found.status !== 'found') throw new Error('not found');
    const [merged] = found.callRecord.sessions as Record<string, unknown>[];
    expect((merged?.segments as { id: string }[]).map((segment) => segment.id)).toEqual([
      knownCallRecordId,
      'second-segment',
    ]);
    expect(merged?.['segments@odata.nextLink']).toBeUndefined();

    // Microsoft's $expand=participants_v2 example ends its first page with a `$metadata#` nextLink.
    asked.length = 0;
    const withParticipants = json('callrecord-2-participants.json');
    const participantsLink = `${base}/communications/callRecords('${knownCallRecordId}')/participants_v2?$skiptoken=abc`;
    const participantsPage = {
      value: [{ id: 'third', identity: { user: { id: 'third', displayName: 'Third Person' } } }],
    };
    const withAll = await createGraphClient({
      ...options,
      fetch: stub(withParticipants, { [participantsLink]: participantsPage }),
    }).getCallRecord(knownCallRecordId);
    if (withAll.status !== 'found') throw new Error('not found');
    expect(asked).toEqual([
      `/communications/callRecords/${knownCallRecordId}?$expand=sessions($expand=segments)`,
      `/communications/callRecords('${knownCallRecordId}')/participants_v2?$skiptoken=abc`,
    ]);
    // The example repeats one participant id for two people: both are kept.
    expect((withAll.callRecord.participants_v2 as unknown[]).length).toBe(3);
    expect(normaliseTeams(withAll.callRecord).records[0]?.attributes).toMatchObject({ participantCount: 3 });
  });
});
