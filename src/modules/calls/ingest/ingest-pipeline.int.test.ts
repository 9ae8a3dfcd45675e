import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPublicId } from '../../../platform/ids.js';
import { callRecordIngestedV1 } from '../index.js';
import { bearer, createApiKey, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Tenant } from '../../identity/index.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

interface CallList {
  items: { id: string; source: string; sourceCallId: string; legCount: number }[];
}

describe('call ingest, end to end', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let token: string;
  let ingestKey: string;
  const ingested: string[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ tenant } = await createTenant(t.platform, 'callcentre'));
    token = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
    ingestKey = await createApiKey(t, token, { name: 'pbx', scopes: ['calls:ingest'] });
    // A consumer as another module writes one: the event's name and schema from the door.
    await t.platform.bus.subscribe({
      group: 'test-ingested',
      topics: [callRecordIngestedV1.type],
      handler: (_ctx, event) => {
        ingested.push(callRecordIngestedV1.schema.parse(event.data).callId);
        return Promise.resolve();
      },
    });
  });
  afterAll(() => t.close());

  const calls = async (query = '') =>
    (
      await t.inject({ method: 'GET', url: `/api/v1/calls?limit=200${query}`, headers: bearer(token) })
    ).json<CallList>().items;

  it('accepts an Asterisk Master.csv with an API key, then indexes, archives and announces its calls', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=asterisk-csv&timeZone=UTC',
      headers: { 'x-api-key': ingestKey, 'content-type': 'text/csv' },
      payload: fixture('asterisk/Master-1.csv'),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({
      status: 'accepted',
      payloadId: expect.stringMatching(/^raw_/) as unknown,
    });
    await expect.poll(async () => (await calls('&source=asterisk')).length, { timeout: 30_000 }).toBe(8);
    await expect.poll(() => ingested.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
    const payloadId = res.json<{ payloadId: string }>().payloadId;
    const { rows } = await sql<{ outcome: Record<string, number>; body: Buffer; bodyEncoding: string }>`
      select outcome, body, body_encoding as "bodyEncoding" from calls.raw_payloads where id = ${fromPublicId('raw', payloadId) ?? ''}`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.outcome).toMatchObject({ created: 8, updated: 0, quarantined: 0 });
    // The payload is personal data: what the table holds is ciphertext, never the numbers as sent.
    expect(rows[0]?.bodyEncoding).toBe('sealed');
    expect(rows[0]?.body.toString('latin1')).not.toContain('89245555937');
    expect(rows[0]?.body.includes(fixture('asterisk/Master-1.csv').subarray(0, 32))).toBe(false);

    const [first] = await calls('&source=asterisk');
    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${first?.id ?? ''}`,
      headers: bearer(token),
    });
    expect(detail.statusCode, detail.body).toBe(200);
    const raw = detail.json<{ raw: { objectKey: string; url: string | null } }>().raw;
    const body = { rawObjectKey: raw.objectKey };
    expect(raw.url).toMatch(/\/api\/v1\/calls\/call_[^/]+\/raw\/signed\?/);
    const download = await t.inject({
      method: 'GET',
      url: new URL(raw.url ?? '').pathname + new URL(raw.url ?? '').search,
    });
    expect(download.statusCode).toBe(200);
    expect(body.rawObjectKey).toMatch(
      new RegExp(`^${tenant.uuid}/asterisk/\\d{4}/\\d{2}/\\d{2}/[^/]+_v[^_/]+_[0-9a-f]{16}\\.json$`),
    );
    // These numbers have no E.164 form (no country): nothing to seal them under, the object is the
    // plain JSON (sealing: calls.privacy.int.test.ts). The calls API serves it either way.
    const stored = await t.platform.quietObjects.get(body.rawObjectKey).then(async (o) => {
      const chunks: Buffer[] = [];
      for await (const chunk of o.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(stored.toString('utf8')).toBe(download.body);
    const archived = JSON.parse(download.body) as { raw: { format: string; rows: { text: string }[] } };
    expect(archived.raw.format).toBe('csv');
    expect(archived.raw.rows.length).toBeGreaterThan(0);
  });

  it('changes nothing when the same payload arrives again', async () => {
    const before = ingested.length;
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=asterisk-csv&timeZone=UTC',
      headers: { 'x-api-key': ingestKey, 'content-type': 'text/csv' },
      payload: fixture('asterisk/Master-1.csv'),
    });
    expect(res.statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await calls('&source=asterisk')).toHaveLength(8);
    expect(ingested.length).toBe(before);
  });

  it('refuses bad requests with a 4xx before storing anything', async () => {
    const noKey = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=asterisk-csv',
      headers: { 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(noKey.statusCode).toBe(401);
    const badFormat = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=excel',
      headers: { 'x-api-key': ingestKey, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json()).toMatchObject({ errors: [{ field: 'querystring.format' }] });
    const empty = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=asterisk-csv',
      headers: { 'x-api-key': ingestKey, 'content-type': 'text/csv' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    const reader = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: bearer(token),
        payload: { name: 'ro', scopes: ['calls:read'] },
      })
    ).json<{ key: string }>().key;
    const wrongScope = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=asterisk-csv',
      headers: { 'x-api-key': reader, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(wrongScope.statusCode).toBe(403);
  });

  it('refuses connector options the parser could not use, naming the field, before storing anything', async () => {
    const post = (query: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/calls/ingest?${query}`,
        headers: { 'x-api-key': ingestKey, 'content-type': 'text/csv' },
        payload: 'x',
      });
    const zone = await post('format=asterisk-csv&timeZone=Mars/Olympus');
    expect(zone.statusCode).toBe(400);
    expect(zone.json()).toMatchObject({ errors: [{ field: 'querystring.timeZone' }] });
    const columns = await post('format=asterisk-custom-csv&columns=src,caller_mood');
    expect(columns.statusCode).toBe(400);
    expect(columns.json()).toMatchObject({
      code: 'CALLS_INVALID_CONNECTOR_OPTION',
      errors: [{ field: 'columns', message: expect.stringContaining('caller_mood') as unknown }],
    });
  });

  it('reads a cdr_custom layout given as a column map', async () => {
    const columns = [
      'clid',
      'src',
      'dst',
      'dcontext',
      'channel',
      'dstchannel',
      'lastapp',
      'lastdata',
      'start',
      'answer',
      'end',
      'duration',
      'billsec',
      'disposition',
      'amaflags',
      'accountcode',
      'uniqueid',
      'userfield',
      'sequence',
    ];
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/ingest?format=asterisk-custom-csv&timeZone=Indian/Antananarivo&columns=${columns.join(',')}`,
      headers: { 'x-api-key': ingestKey, 'content-type': 'text/csv' },
      payload: fixture('asterisk/Master-2-cdr_custom.csv'),
    });
    expect(res.statusCode, res.body).toBe(202);
    await expect
      .poll(
        async () =>
          (await calls('&source=asterisk')).filter((c) => c.sourceCallId.startsWith('16903')).length,
        { timeout: 30_000 },
      )
      .toBe(6);
  });

  it('refuses a payload that holds no records, naming the body, on every ingest route, and stores nothing', async () => {
    const system = { tenantId: tenant.uuid, requestId: 'r', actor: { type: 'system' as const, id: 'test' } };
    await t.platform.secrets.put(system, 'twilio.auth_token', 'twilio-secret');
    await t.platform.secrets.put(system, 'connect.firehose_access_key', 'firehose-key');
    await t.platform.secrets.put(system, 'teams.client_state', 'expected-state');
    const stored = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from calls.raw_payloads where tenant_id = ${tenant.uuid}`.execute(
          t.platform.database.owner,
        )
      ).rows[0]?.n;
    const before = await stored();
    const cucmHeader = fixture('cucm/cdr-1.csv').toString('utf8').split('\n').slice(0, 2).join('\n');
    const empties: [format: string, body: string][] = [
      ['generic-json', '[]'],
      ['generic-json', ' \n [ \n ] \n'],
      ['generic-json', '\n\n   \n'],
      [
        'teams-json',
        JSON.stringify({
          ...(JSON.parse(fixture('teams/pstn-calls-1.json').toString('utf8')) as object),
          value: [],
          '@odata.count': 0,
        }),
      ],
      ['connect-json', JSON.stringify({ requestId: 'r1', timestamp: 1, records: [] })],
      ['kamailio-json', '\r\n\r\n'],
      ['twilio-form', '\n'],
      ['cucm-csv', `${cucmHeader}\n`],
      ['3cx-csv', 'historyid,callid,duration,time-start,time-answered,time-end\r\n'],
      ['asterisk-custom-csv&columns=header', 'src,dst,start,answer,end,uniqueid\n\n'],
      ['freeswitch-xml', '<?xml version="1.0"?>\n'],
    ];
    for (const [format, body] of empties) {
      const res = await t.inject({
        method: 'POST',
        url: `/api/v1/calls/ingest?format=${format}`,
        headers: { 'x-api-key': ingestKey, 'content-type': 'text/plain' },
        payload: body,
      });
      expect(res.statusCode, `${format} ${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'CALLS_EMPTY_PAYLOAD', errors: [{ field: 'body' }] });
    }

    const twilioUrl = `/api/v1/calls/webhooks/twilio/${tenant.id}`;
    const twilio = await t.inject({
      method: 'POST',
      url: twilioUrl,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': createHmac('sha1', 'twilio-secret')
          .update(`${t.platform.config.http.publicUrl}${twilioUrl}\n`)
          .digest('base64'),
      },
      payload: '\n',
    });
    expect(twilio.statusCode, twilio.body).toBe(400);
    expect(twilio.json()).toMatchObject({ code: 'CALLS_EMPTY_PAYLOAD', errors: [{ field: 'body' }] });

    const firehose = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/webhooks/firehose/${tenant.id}`,
      headers: {
        'content-type': 'application/json',
        'x-amz-firehose-access-key': 'firehose-key',
        'x-amz-firehose-request-id': 'empty-1',
      },
      payload: JSON.stringify({ requestId: 'empty-1', timestamp: Date.now(), records: [] }),
    });
    expect(firehose.statusCode).toBe(400);
    expect(firehose.json()).toMatchObject({
      requestId: 'empty-1',
      errorMessage: expect.stringContaining('no records') as unknown,
    });

    const teams = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/webhooks/teams/${tenant.id}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ value: [] }),
    });
    expect(teams.statusCode).toBe(400);
    expect(teams.json()).toMatchObject({ errors: [{ field: 'body' }] });

    expect(await stored()).toBe(before);
  });

  it('quarantines what cannot be parsed, with the reason, and loses nothing', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=generic-json',
      headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
      payload: JSON.stringify([{ source: 'generic', sourceCallId: 'broken-1', startedAt: 'not a date' }]),
    });
    expect(res.statusCode).toBe(202);
    await expect
      .poll(
        async () =>
          (await t.inject({ method: 'GET', url: '/api/v1/calls/quarantine', headers: bearer(token) })).json<{
            items: unknown[];
          }>().items.length,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
  });

  it('answers the Microsoft Graph validation request with the token as text/plain', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/webhooks/teams/${tenant.id}?validationToken=Validation%3A%20Testing%20client%20application`,
      headers: { 'content-type': 'text/plain' },
      payload: '',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('Validation: Testing client application');
  });

  it('checks clientState on Graph notifications', async () => {
    await t.platform.secrets.put(
      { tenantId: tenant.uuid, requestId: 'r', actor: { type: 'system', id: 'test' } },
      'teams.client_state',
      'expected-state',
    );
    const body = JSON.parse(fixture('teams/notification-1.json').toString('utf8')) as {
      value: { clientState?: string }[];
    };
    for (const n of body.value) n.clientState = 'forged-state';
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/webhooks/teams/${tenant.id}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CALLS_CLIENT_STATE_MISMATCH' });
  });

  it('takes Twilio status callbacks only with a valid X-Twilio-Signature', async () => {
    await t.platform.secrets.put(
      { tenantId: tenant.uuid, requestId: 'r', actor: { type: 'system', id: 'test' } },
      'twilio.auth_token',
      'twilio-secret',
    );
    const body = fixture('twilio/status-callback-1.txt').toString('utf8').trim();
    const url = `/api/v1/calls/webhooks/twilio/${tenant.id}`;
    const params = Object.fromEntries(new URLSearchParams(body));
    const signed = `${t.platform.config.http.publicUrl}${url}${Object.keys(params)
      .sort()
      .map((k) => `${k}${params[k] ?? ''}`)
      .join('')}`;
    const signature = createHmac('sha1', 'twilio-secret').update(signed).digest('base64');
    const bad = await t.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' },
      payload: body,
    });
    expect(bad.statusCode).toBe(403);
    const good = await t.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: body,
    });
    expect(good.statusCode, good.body).toBe(202);
    await expect.poll(async () => (await calls('&source=twilio')).length, { timeout: 30_000 }).toBe(1);
  });

  it('takes Amazon Connect records from Kinesis Firehose with the access key, answering as Firehose expects', async () => {
    await t.platform.secrets.put(
      { tenantId: tenant.uuid, requestId: 'r', actor: { type: 'system', id: 'test' } },
      'connect.firehose_access_key',
      'firehose-key',
    );
    const ctr = fixture('connect/ctr-1.json').toString('utf8');
    const delivery = {
      requestId: 'd2f5e4b2-0000-4000-8000-000000000001',
      timestamp: Date.now(),
      records: [{ data: Buffer.from(ctr).toString('base64') }],
    };
    const url = `/api/v1/calls/webhooks/firehose/${tenant.id}`;
    const denied = await t.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        'x-amz-firehose-access-key': 'nope',
        'x-amz-firehose-request-id': delivery.requestId,
      },
      payload: JSON.stringify(delivery),
    });
    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toMatchObject({
      requestId: delivery.requestId,
      errorMessage: expect.any(String) as unknown,
    });
    const ok = await t.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        'x-amz-firehose-access-key': 'firehose-key',
        'x-amz-firehose-request-id': delivery.requestId,
      },
      payload: JSON.stringify(delivery),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      requestId: delivery.requestId,
      timestamp: expect.any(Number) as unknown,
    });
    await expect.poll(async () => (await calls('&source=connect')).length, { timeout: 30_000 }).toBe(1);
  });
});
