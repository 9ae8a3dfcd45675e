import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { systemContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { createLeaderLease, type TimerTrigger } from '../../../platform/jobs/index.js';
import { callRecord, party } from '../../calls/testing/index.js';
import { toneWav } from '../recordings/testing/upload-forms.js';
import type { RecordingPage } from '../contract.js';
import type { SourceRunView, SourceView } from './recording-sources.schemas.js';

/*
 * Recording sources end to end on a real PostgreSQL: the API, the timer, the cursor, the intake,
 * the Twilio recording-status callback. The remote is a FAKE Twilio (node:http on 127.0.0.1,
 * port 0) answering the documented REST 2010-04-01 shapes: Recordings.json with DateCreated
 * filters and next_page_uri, Calls/{Sid}.json, media at Recordings/{Sid}.wav, HTTP Basic auth
 * with the account SID and auth token, error 20003 for a refused credential. The callback is
 * signed as Twilio documents: base64 HMAC-SHA1 (auth token) of the URL + sorted name/value pairs.
 */

const ACCOUNT = 'AC8d88ba5085adeac4015ea92ec9a81ded';
const TOKEN = 'f1e2d3c4b5a6978812345678abcdef00';
const sid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;
const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');
const wav = toneWav(1);

const fake = {
  recordings: [] as Record<string, unknown>[],
  calls: new Map<string, Record<string, unknown>>(),
  media: [] as string[],
};

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://fake');
  const credentials = Buffer.from(
    (request.headers.authorization ?? '').replace(/^Basic /, ''),
    'base64',
  ).toString();
  const json = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (credentials !== `${ACCOUNT}:${TOKEN}`)
    return json(401, { code: 20003, message: 'Authenticate', status: 401 });
  const base = `/2010-04-01/Accounts/${ACCOUNT}`;
  if (url.pathname === `${base}/Recordings.json`) {
    const after = Date.parse(url.searchParams.get('DateCreated>') ?? '');
    const before = Date.parse(url.searchParams.get('DateCreated<') ?? '');
    const recordings = fake.recordings.filter(
      (r) => Date.parse(String(r.date_created)) >= after && Date.parse(String(r.date_created)) <= before,
    );
    return json(200, { recordings, next_page_uri: null, page: 0, page_size: recordings.length });
  }
  const call = new RegExp(`^${base}/Calls/(CA[0-9a-f]{32})\\.json$`).exec(url.pathname);
  if (call?.[1]) {
    const found = fake.calls.get(call[1]);
    return found ? json(200, found) : json(404, { code: 20404, message: 'Not found', status: 404 });
  }
  const media = new RegExp(`^${base}/Recordings/(RE[0-9a-f]{32})\\.wav$`).exec(url.pathname);
  if (media?.[1]) {
    fake.media.push(media[1]);
    response.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': String(wav.length) });
    response.end(wav);
    return;
  }
  response.writeHead(404);
  response.end();
}

function addRecording(n: number, created: Date) {
  const callSid = sid('CA', n);
  fake.calls.set(callSid, {
    sid: callSid,
    account_sid: ACCOUNT,
    from: '+14155550100',
    to: '+14155550199',
    direction: 'inbound',
    start_time: rfc2822(new Date(created.getTime() - 65_000)),
    status: 'completed',
  });
  fake.recordings.push({
    sid: sid('RE', n),
    account_sid: ACCOUNT,
    call_sid: callSid,
    date_created: rfc2822(created),
    start_time: rfc2822(new Date(created.getTime() - 65_000)),
    duration: '1',
    status: 'completed',
    channels: 1,
    source: 'DialVerb',
    error_code: null,
  });
}

const admin = ['settings:read', 'settings:write', 'recordings:ingest', 'recordings:read'];

describe('recording sources (API, timer, cursor, Twilio callback) against a fake Twilio', () => {
  let t: TestPlatform;
  let tenantA: string;
  let tenantB: string;
  let apiBaseUrl = '';
  const server = createServer(handle);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestPlatform({ env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') } });
    tenantA = (await createTenant(t.platform)).tenant.uuid;
    tenantB = (await createTenant(t.platform)).tenant.uuid;
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    fake.recordings = [];
    fake.calls.clear();
    fake.media = [];
  });

  const api = (
    tenant: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    permissions = admin,
  ) =>
    t.inject({
      method,
      url: `/api/v1/conversations/sources${url}`,
      as: { tenant, permissions },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const setSecret = (tenant: string, name: string, value: string) =>
    t.platform.secrets.put(systemContext(tenant, 'test', 'test'), name, value);
  const twilioSource = async (tenant: string, name = `Twilio ${randomBytes(3).toString('hex')}`) => {
    const res = await api(tenant, 'POST', '/', {
      kind: 'twilio',
      name,
      config: { accountSid: ACCOUNT, apiBaseUrl },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<SourceView>();
  };
  const runsOf = async (tenant: string, id: string) =>
    (await api(tenant, 'GET', `/${id}/runs`)).json<{ items: SourceRunView[] }>().items;
  const recordingsOf = async (tenant: string) =>
    (
      await t.inject({
        method: 'GET',
        url: '/api/v1/recordings?limit=100',
        as: { tenant, permissions: admin },
      })
    ).json<RecordingPage>().items;
  const timer = () => {
    const found = t.platform.jobs.find(
      (job): job is TimerTrigger => job.kind === 'timer' && job.name === 'conversations.recording-sources',
    );
    if (!found) throw new Error('no recording-sources timer');
    return found;
  };
  const auditActions = async (tenant: string) => {
    const { rows } = await sql<{
      action: string;
    }>`select action from audit.entries where tenant_id = ${tenant}::uuid order by seq`.execute(
      t.platform.database.owner,
    );
    return rows.map((r) => r.action);
  };

  describe('configuration', () => {
    it('creates, reads, changes and removes a source; secrets are named, never returned; audited', async () => {
      const tenant = (await createTenant(t.platform)).tenant.uuid;
      await setSecret(tenant, 'twilio.auth_token', TOKEN);
      const created = await twilioSource(tenant, 'Main account');
      expect(created).toMatchObject({
        kind: 'twilio',
        name: 'Main account',
        enabled: true,
        recordingSource: 'twilio',
        config: { accountSid: ACCOUNT, authTokenSecret: 'twilio.auth_token', format: 'wav' },
        schedule: { intervalMinutes: 15, lookBackMinutes: 15 },
        secrets: [{ field: 'config.authTokenSecret', name: 'twilio.auth_token', set: true }],
        cursor: null,
        lastRun: null,
      });
      expect(created.id).toMatch(/^recsrc_/);
      expect(created.callbackUrl).toContain(`/api/v1/conversations/sources/callbacks/twilio/ten_`);
      expect(JSON.stringify(created)).not.toContain(TOKEN);

      const changed = await api(tenant, 'PATCH', `/${created.id}`, {
        enabled: false,
        schedule: { intervalMinutes: 5, lookBackMinutes: 30 },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json<SourceView>()).toMatchObject({
        enabled: false,
        nextRunAt: null,
        schedule: { intervalMinutes: 5, lookBackMinutes: 30 },
      });

      const list = await api(tenant, 'GET', '/');
      expect(list.json<{ items: SourceView[] }>().items.map((s) => s.id)).toEqual([created.id]);

      expect((await api(tenant, 'DELETE', `/${created.id}`)).statusCode).toBe(204);
      expect((await api(tenant, 'GET', `/${created.id}`)).statusCode).toBe(404);
      expect(await auditActions(tenant)).toEqual(
        expect.arrayContaining([
          'conversations.source_created',
          'conversations.source_updated',
          'conversations.source_deleted',
        ]),
      );
    });

    it('refuses bad configurations with a 4xx naming the field', async () => {
      const missing = await api(tenantA, 'POST', '/', { kind: 'twilio', name: 'x', config: {} });
      expect(missing.statusCode).toBe(400);
      expect(JSON.stringify(missing.json())).toContain('body.config.accountSid');

      const unknownKind = await api(tenantA, 'POST', '/', { kind: 'genesys', name: 'x', config: {} });
      expect(unknownKind.statusCode).toBe(400);
      expect(JSON.stringify(unknownKind.json())).toContain('body.kind');

      const badSchedule = await api(tenantA, 'POST', '/', {
        kind: '3cx',
        name: 'pbx',
        config: { baseUrl: 'https://pbx.example:5001' },
        schedule: { intervalMinutes: 0 },
      });
      expect(badSchedule.statusCode).toBe(400);
      expect(JSON.stringify(badSchedule.json())).toContain('body.schedule.intervalMinutes');

      // A secret outside the prefixes the module may read could never be read: refused now.
      const rest = await api(tenantA, 'POST', '/', {
        kind: 'rest',
        name: 'oak',
        config: {
          name: 'oak',
          baseUrl: 'https://recorder.example',
          auth: {
            grant: 'client_credentials',
            clientIdSecret: 'oak.client_id',
            clientSecretSecret: 'recorder.secret',
          },
          search: { path: '/api/recordings?from={since}&to={until}' },
          download: { path: '/api/recordings/{id}/download' },
          mapping: { sourceRecordingId: 'id', startedAt: 'start' },
        },
      });
      expect(rest.statusCode).toBe(400);
      expect(rest.json<{ errors: { field: string }[] }>().errors.map((f) => f.field)).toEqual([
        'body.config.auth.clientIdSecret',
      ]);

      const source = await twilioSource(tenantA, 'Validation target');
      const patch = await api(tenantA, 'PATCH', `/${source.id}`, { config: { accountSid: 'nope' } });
      expect(patch.statusCode).toBe(400);
      expect(patch.json<{ errors: { field: string }[] }>().errors.map((f) => f.field)).toEqual([
        'body.config.accountSid',
      ]);
      const taken = await api(tenantA, 'POST', '/', {
        kind: 'twilio',
        name: 'Validation target',
        config: { accountSid: ACCOUNT },
      });
      expect(taken.statusCode).toBe(409);
      const notAllowed = await api(
        tenantA,
        'POST',
        '/',
        { kind: 'twilio', name: 'y', config: { accountSid: ACCOUNT } },
        ['settings:read'],
      );
      expect(notAllowed.statusCode).toBe(403);
      await api(tenantA, 'DELETE', `/${source.id}`);
    });

    it("refuses every attempt on another tenant's source (row-level security)", async () => {
      const source = await twilioSource(tenantA, 'Tenant A only');
      for (const [method, url, body] of [
        ['GET', `/${source.id}`, undefined],
        ['PATCH', `/${source.id}`, { enabled: false }],
        ['DELETE', `/${source.id}`, undefined],
        ['POST', `/${source.id}/run?wait=true`, undefined],
        ['GET', `/${source.id}/runs`, undefined],
      ] as const) {
        const res = await api(tenantB, method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      expect((await api(tenantB, 'GET', '/')).json<{ items: SourceView[] }>().items).toEqual([]);
      // And below the API: B's transaction does not see A's row at all.
      const uuid = fromPublicId('recsrc', source.id) ?? '';
      const seen = await t.platform.database.withTenant(systemContext(tenantB, 'test'), async (trx) => {
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from conversations.recording_sources where id = ${uuid}::uuid`.execute(
          trx,
        );
        const updated =
          await sql`update conversations.recording_sources set enabled = false where id = ${uuid}::uuid`.execute(
            trx,
          );
        return { n: rows[0]?.n, updated: updated.numAffectedRows };
      });
      expect(seen).toEqual({ n: 0, updated: 0n });
      expect((await api(tenantA, 'GET', `/${source.id}`)).json<SourceView>().enabled).toBe(true);
      await api(tenantA, 'DELETE', `/${source.id}`);
    });
  });

  describe('runs', () => {
    it('the timer imports what is new, links it to its call, advances the cursor; the next run imports nothing new', async () => {
      const tenant = (await createTenant(t.platform)).tenant.uuid;
      await setSecret(tenant, 'twilio.auth_token', TOKEN);
      const now = Date.now();
      addRecording(1, new Date(now - 30 * 60_000));
      addRecording(2, new Date(now - 10 * 60_000));
      // The call record of recording 1, as the calls module has it from Twilio's call webhook.
      const call = callRecord(tenant, {
        source: 'twilio',
        sourceCallId: sid('CA', 1),
        startedAt: new Date(now - 30 * 60_000 - 65_000).toISOString(),
        from: party('+14155550100', '+14155550100', null),
        to: party('+14155550199', '+14155550199', null),
      });
      const upserted = await t.platform.modules.calls.calls.upsertRecords(
        systemContext(tenant, 'test', 'test'),
        [call],
      );
      const callId = upserted.outcomes[0]?.id;
      const source = await twilioSource(tenant);

      await timer().run({ runId: 'test-1', scheduledFor: new Date(), missedSlots: 0 });
      const [first] = await runsOf(tenant, source.id);
      expect(first).toMatchObject({
        trigger: 'timer',
        state: 'succeeded',
        fetched: 2,
        imported: 2,
        duplicates: 0,
        failed: 0,
        error: null,
      });
      const recordings = await recordingsOf(tenant);
      expect(recordings.map((r) => r.sourceRecordingId).sort()).toEqual([sid('RE', 1), sid('RE', 2)]);
      expect(
        recordings.every(
          (r) => r.source === 'twilio' && r.state === 'queued' && r.audio?.bytes === wav.length,
        ),
      ).toBe(true);
      expect(recordings.find((r) => r.sourceRecordingId === sid('RE', 1))).toMatchObject({
        callId,
        callLink: 'source_call_id',
      });
      const afterFirst = (await api(tenant, 'GET', `/${source.id}`)).json<SourceView>();
      expect(afterFirst.cursor).toMatchObject({ importedTotal: 2, duplicatesTotal: 0 });
      expect(Date.parse(afterFirst.cursor?.highWaterMark ?? '')).toBeGreaterThan(now - 10 * 60_000);
      expect(afterFirst.lastRun).toMatchObject({ status: 'succeeded', error: null });

      // Not due again until its interval has passed: the same slot runs nothing.
      await timer().run({ runId: 'test-2', scheduledFor: new Date(), missedSlots: 0 });
      expect(await runsOf(tenant, source.id)).toHaveLength(1);

      // Its interval later the look-back re-scans the last 15 minutes: recording 2 is found again, not stored twice.
      await timer().run({
        runId: 'test-3',
        scheduledFor: new Date(Date.now() + 16 * 60_000),
        missedSlots: 0,
      });
      const [second] = await runsOf(tenant, source.id);
      expect(second).toMatchObject({
        trigger: 'timer',
        state: 'succeeded',
        fetched: 1,
        imported: 0,
        duplicates: 1,
      });
      expect(await recordingsOf(tenant)).toHaveLength(2);
      const afterSecond = (await api(tenant, 'GET', `/${source.id}`)).json<SourceView>();
      expect(afterSecond.cursor).toMatchObject({ importedTotal: 2, duplicatesTotal: 1 });
      expect(Date.parse(afterSecond.cursor?.highWaterMark ?? '')).toBeGreaterThanOrEqual(
        Date.parse(afterFirst.cursor?.highWaterMark ?? ''),
      );
    });

    it('a refused credential ends the run failed with the reason, on the run and the source; the cursor stays', async () => {
      const tenant = (await createTenant(t.platform)).tenant.uuid;
      await setSecret(tenant, 'twilio.auth_token', 'not-the-token');
      addRecording(3, new Date(Date.now() - 5 * 60_000));
      const source = await twilioSource(tenant);
      const res = await api(tenant, 'POST', `/${source.id}/run?wait=true`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<SourceRunView>()).toMatchObject({
        trigger: 'manual',
        state: 'failed',
        imported: 0,
        error: { code: 'CONVERSATIONS_PULL_BAD_CREDENTIALS' },
      });
      expect(res.json<SourceRunView>().error?.message).toContain('20003');
      const after = (await api(tenant, 'GET', `/${source.id}`)).json<SourceView>();
      expect(after.cursor).toBeNull();
      expect(after.lastRun).toMatchObject({ status: 'failed' });
      expect(after.lastRun?.error).toContain('refused the credentials');
      expect(await recordingsOf(tenant)).toEqual([]);
      expect(await auditActions(tenant)).toContain('conversations.source_run_requested');
    });

    it('runs a source once at a time: while another process holds its lease, run-now answers 409', async () => {
      const tenant = (await createTenant(t.platform)).tenant.uuid;
      const source = await twilioSource(tenant);
      const uuid = fromPublicId('recsrc', source.id) ?? '';
      const other = createLeaderLease(
        t.platform.database.owner,
        `conversations.recording-source:${uuid}`,
        'another-process',
        60_000,
      );
      expect(await other.acquire()).toBe(true);
      const res = await api(tenant, 'POST', `/${source.id}/run`);
      expect(res.statusCode).toBe(409);
      expect(res.json<{ code: string }>().code).toBe('CONVERSATIONS_SOURCE_RUN_IN_PROGRESS');
      // The timer passes it over too.
      const report = await t.platform.modules.conversations.sources.runDue(
        new Date(Date.now() + 60_000),
        'test',
      );
      expect(report.busy).toBeGreaterThanOrEqual(1);
      expect(await runsOf(tenant, source.id)).toEqual([]);
      await other.release();
      await setSecret(tenant, 'twilio.auth_token', TOKEN);
      const again = await api(tenant, 'POST', `/${source.id}/run?wait=true`);
      expect(again.json<SourceRunView>()).toMatchObject({ state: 'succeeded' });
    });
  });

  describe("Twilio's recording-status callback", () => {
    const sign = (url: string, params: Record<string, string>, token = TOKEN) =>
      createHmac('sha1', token)
        .update(
          url +
            Object.keys(params)
              .sort()
              .map((k) => `${k}${params[k]}`)
              .join(''),
        )
        .digest('base64');
    const callback = (source: SourceView, params: Record<string, string>, signature: string | null) => {
      const path = new URL(source.callbackUrl ?? '').pathname;
      return t.inject({
        method: 'POST',
        url: path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(signature === null ? {} : { 'x-twilio-signature': signature }),
        },
        payload: new URLSearchParams(params).toString(),
      });
    };
    const completed = (n: number) => ({
      AccountSid: ACCOUNT,
      CallSid: sid('CA', n),
      RecordingSid: sid('RE', n),
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${sid('RE', n)}`,
      RecordingStatus: 'completed',
      RecordingDuration: '1',
      RecordingChannels: '1',
      RecordingStartTime: rfc2822(new Date(Date.now() - 120_000)),
      RecordingSource: 'DialVerb',
    });

    it('with a valid signature fetches the media from Twilio and ingests it once; a re-delivery changes nothing', async () => {
      const tenant = (await createTenant(t.platform)).tenant.uuid;
      await setSecret(tenant, 'twilio.auth_token', TOKEN);
      addRecording(7, new Date(Date.now() - 60_000));
      const source = await twilioSource(tenant);
      const params = completed(7);
      const signature = sign(source.callbackUrl ?? '', params);
      const first = await callback(source, params, signature);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json<{ run: SourceRunView }>().run).toMatchObject({
        trigger: 'callback',
        state: 'succeeded',
        imported: 1,
      });
      expect(fake.media).toEqual([sid('RE', 7)]);
      const again = await callback(source, params, signature);
      expect(again.statusCode).toBe(200);
      expect(again.json<{ run: SourceRunView }>().run).toMatchObject({ imported: 0, duplicates: 1 });
      const recordings = await recordingsOf(tenant);
      expect(recordings.map((r) => r.sourceRecordingId)).toEqual([sid('RE', 7)]);

      // A status other than completed is acknowledged and nothing is fetched.
      const absent = { ...completed(8), RecordingStatus: 'absent', ErrorCode: '16101' };
      const skipped = await callback(source, absent, sign(source.callbackUrl ?? '', absent));
      expect(skipped.statusCode).toBe(204);
      expect(fake.media).toEqual([sid('RE', 7)]);
    });

    it('answers 403 to a wrong or missing signature and fetches nothing', async () => {
      const tenant = (await createTenant(t.platform)).tenant.uuid;
      await setSecret(tenant, 'twilio.auth_token', TOKEN);
      addRecording(9, new Date(Date.now() - 60_000));
      const source = await twilioSource(tenant);
      const params = completed(9);
      const forged = await callback(
        source,
        params,
        sign(source.callbackUrl ?? '', params, 'another-token-000000000000000000'),
      );
      expect(forged.statusCode).toBe(403);
      expect(forged.json<{ code: string }>().code).toBe('CONVERSATIONS_SOURCE_CALLBACK_REFUSED');
      const tampered = await callback(
        source,
        { ...params, RecordingSid: sid('RE', 10) },
        sign(source.callbackUrl ?? '', params),
      );
      expect(tampered.statusCode).toBe(403);
      expect((await callback(source, params, null)).statusCode).toBe(403);
      // Signed right, but for a source of another tenant's path: not found there.
      const elsewhere = new URL(source.callbackUrl ?? '').pathname.replace(
        /ten_[^/]+/,
        `ten_${'0'.repeat(26)}`,
      );
      const wrongTenant = await t.inject({
        method: 'POST',
        url: elsewhere,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': sign(source.callbackUrl ?? '', params),
        },
        payload: new URLSearchParams(params).toString(),
      });
      expect(wrongTenant.statusCode).toBe(404);
      expect(fake.media).toEqual([]);
      expect(await recordingsOf(tenant)).toEqual([]);
    });
  });
});
