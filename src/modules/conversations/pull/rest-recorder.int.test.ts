import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SecretReader } from '../../../platform/secrets/index.js';
import { PullError } from './pull.errors.js';
import { runPull } from './pull-run.js';
import { restRecorderConfigSchema, type RestRecorderConfigInput } from './rest-recorder.config.js';
import { createRestRecorderSource } from './rest-recorder.source.js';
import type { PulledRecording, PullWindow } from './recording-source.types.js';

/*
 * A fake recorder built from the shapes CCI Lite's OAK (ClarifyGo) ingest reads
 * (BenKnoxJ/cci-lite-v1, Lambda/ingestion_lambdas/cci-lite-oak-ingestion): a password-grant token
 * endpoint, a search answering { searchResults: [{ recording: {...} }], totalResults }, records
 * with id, recordingGroupingId, callingParty, calledParty, pbxAccountEndpoints[].number,
 * mediaStartedTime, mediaCompletedTime, and a download per recording id. Paging (page/pageSize)
 * is our configuration of it, not OAK's documented API.
 */

interface FakeRecord {
  id: string;
  recordingGroupingId?: string;
  callingParty: string;
  calledParty: string;
  pbxAccountEndpoints: { number: string }[];
  mediaStartedTime: string;
  mediaCompletedTime: string;
  direction?: string;
  agentName?: string;
}

const recorder = {
  records: [] as FakeRecord[],
  tokens: new Set<string>(),
  issued: 0,
  tokenRequests: [] as URLSearchParams[],
  searches: [] as URL[],
  downloads: [] as string[],
  /** Answers given instead of the real one, in order, to any non-token request. */
  scripted: [] as { status: number; headers?: Record<string, string>; body?: string }[],
  /** Every bearer token is refused (a locked account). */
  refuseAll: false,
  wrongPassword: false,
  /** Requests left unanswered (a hung recorder), before the real answers resume. */
  hang: 0,
};

function readBody(request: IncomingMessage): Promise<string> {
  return text(request);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'POST' && url.pathname === '/oauth/token') {
    const form = new URLSearchParams(await readBody(request));
    recorder.tokenRequests.push(form);
    if (
      form.get('grant_type') !== 'password' ||
      form.get('client_id') !== 'switchboard' ||
      form.get('client_secret') !== 'client-secret' ||
      form.get('username') !== 'ops@example.com' ||
      form.get('password') !== 'right' ||
      recorder.wrongPassword
    )
      return json(400, { error: 'invalid_grant', error_description: 'Bad credentials' });
    const token = `tok-${++recorder.issued}`;
    recorder.tokens.add(token);
    return json(200, { access_token: token, token_type: 'bearer', expires_in: 3600 });
  }
  if (recorder.hang > 0) {
    recorder.hang--;
    return;
  }
  const scripted = recorder.scripted.shift();
  if (scripted) {
    response.writeHead(scripted.status, scripted.headers ?? {});
    response.end(scripted.body ?? '');
    return;
  }
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!bearer || !recorder.tokens.has(bearer) || recorder.refuseAll)
    return json(401, { error: 'invalid_token', error_description: 'Access token expired' });
  if (url.pathname === '/api/recordings/search') {
    recorder.searches.push(url);
    const from = Date.parse(url.searchParams.get('from') ?? '');
    const to = Date.parse(url.searchParams.get('to') ?? '');
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('pageSize'));
    const inWindow = recorder.records.filter((r) => {
      const at = Date.parse(r.mediaStartedTime);
      return at >= from && at <= to;
    });
    return json(200, {
      totalResults: inWindow.length,
      searchResults: inWindow.slice((page - 1) * size, page * size).map((recording) => ({ recording })),
    });
  }
  const download = /^\/api\/recordings\/([^/]+)\/download$/.exec(url.pathname);
  if (download?.[1]) {
    recorder.downloads.push(download[1]);
    response.writeHead(200, { 'content-type': 'audio/mpeg' });
    response.end(`mp3 bytes of ${download[1]}`);
    return;
  }
  json(404, { error: 'not_found' });
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    response.writeHead(500);
    response.end(String(error));
  });
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const secretValues: Record<string, string> = {
  'recorder.client_id': 'switchboard',
  'recorder.client_secret': 'client-secret',
  'recorder.username': 'ops@example.com',
  'recorder.password': 'right',
};
const secrets: SecretReader = {
  read: (_ctx, name) => Promise.resolve(secretValues[name]),
  names: () => Promise.resolve(Object.keys(secretValues)),
};

function configInput(): RestRecorderConfigInput {
  return {
    name: 'oak',
    baseUrl,
    auth: {
      grant: 'password',
      tokenPath: '/oauth/token',
      clientIdSecret: 'recorder.client_id',
      clientSecretSecret: 'recorder.client_secret',
      usernameSecret: 'recorder.username',
      passwordSecret: 'recorder.password',
    },
    search: {
      path: '/api/recordings/search?from={since}&to={until}&page={page}&pageSize={pageSize}',
      itemsPath: 'searchResults',
      itemPath: 'recording',
      paging: { kind: 'page', firstPage: 1, pageSize: 2, totalPath: 'totalResults' },
    },
    download: { path: '/api/recordings/{id}/download' },
    mapping: {
      sourceRecordingId: 'id',
      startedAt: 'mediaStartedTime',
      endedAt: 'mediaCompletedTime',
      direction: 'direction',
      callingParty: 'callingParty',
      calledParty: 'calledParty',
      parties: { path: 'pbxAccountEndpoints', number: 'number' },
      agent: 'agentName',
      recordingGroupId: 'recordingGroupingId',
    },
    internalParty: { domains: ['@example.com'] },
  };
}

const sleeps: number[] = [];
function source(overrides: Partial<RestRecorderConfigInput> = {}, requestTimeoutMs = 30_000) {
  return createRestRecorderSource({
    config: restRecorderConfigSchema.parse({ ...configInput(), ...overrides }),
    secrets,
    http: {
      requestTimeoutMs,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 1,
    },
  });
}

const T = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number, seconds = 0) => new Date(T + minutes * 60_000 + seconds * 1000).toISOString();
const window: PullWindow = { since: new Date(T - 60 * 60_000), until: new Date(T) };
const ctx = { tenantId: '00000000-0000-4000-8000-000000000001' };

function leg(
  id: string,
  group: string | undefined,
  calling: string,
  called: string,
  start: number,
  seconds: number,
): FakeRecord {
  return {
    id,
    ...(group ? { recordingGroupingId: group } : {}),
    callingParty: calling,
    calledParty: called,
    pbxAccountEndpoints: [calling, called]
      .filter((n) => n.endsWith('@example.com'))
      .map((number) => ({ number })),
    mediaStartedTime: at(start),
    mediaCompletedTime: at(start, seconds),
  };
}

async function collect(recordings: AsyncIterable<PulledRecording>): Promise<PulledRecording[]> {
  const all: PulledRecording[] = [];
  for await (const recording of recordings) all.push(recording);
  return all;
}

beforeEach(() => {
  Object.assign(recorder, {
    records: [],
    tokens: new Set<string>(),
    issued: 0,
    tokenRequests: [],
    searches: [],
    downloads: [],
    scripted: [],
    refuseAll: false,
    wrongPassword: false,
    hang: 0,
  });
  sleeps.length = 0;
});

describe('generic recorder REST connector (fake built from CCI Lite OAK ingest shapes)', () => {
  it('pages through the search and keeps one leg per recording group: the leg the internal party started, else the longest internal one, else the longest', async () => {
    recorder.records = [
      // G1: the customer's call to the agent (60 s), the agent's own leg (30 s), an outside-only leg (200 s).
      leg('g1-customer', 'G1', '+441632960001', 'anna@example.com', -50, 60),
      leg('g1-agent', 'G1', 'anna@example.com', '+441632960001', -50, 30),
      leg('g1-trunk', 'G1', '+441632960001', '+441632960999', -50, 200),
      // G2: two legs towards internal parties, neither started by one: the longer wins.
      leg('g2-short', 'G2', '+441632960002', 'ben@example.com', -40, 20),
      leg('g2-long', 'G2', '+441632960002', 'cara@example.com', -40, 90),
      // G3: nobody internal: the longest leg.
      leg('g3-a', 'G3', '+441632960003', '+441632960004', -30, 10),
      leg('g3-b', 'G3', '+441632960003', '+441632960005', -30, 40),
      // No group: a recording of its own.
      { ...leg('solo', undefined, 'dan@example.com', '+441632960006', -20, 15), agentName: 'Dan Smith' },
      // Outside the window: never yielded.
      leg('too-old', 'G9', '+441632960007', 'anna@example.com', -90, 15),
    ];
    const pass = source().pull(ctx, window);
    const recordings = await collect(pass);

    expect(recordings.map((r) => r.metadata.sourceRecordingId).sort()).toEqual(['G1', 'G2', 'G3', 'solo']);
    const byId = new Map(recordings.map((r) => [r.metadata.sourceRecordingId, r]));
    // Four pages of two (the window holds 8 records), one token for all of them.
    expect(recorder.searches.map((u) => u.searchParams.get('page'))).toEqual(['1', '2', '3', '4']);
    expect(recorder.tokenRequests).toHaveLength(1);

    const g1 = byId.get('G1')!;
    expect(g1.metadata).toMatchObject({
      source: 'oak',
      direction: 'outbound',
      startedAt: at(-50),
      durationMs: 30_000,
      agent: 'anna@example.com',
      parties: [
        { number: 'anna@example.com', role: 'agent' },
        { number: '+441632960001', role: 'customer' },
      ],
    });
    expect(byId.get('G2')!.metadata).toMatchObject({
      direction: 'inbound',
      durationMs: 90_000,
      agent: 'cara@example.com',
    });
    expect(byId.get('G3')!.metadata).toMatchObject({ direction: 'unknown', durationMs: 40_000, agent: null });
    expect(byId.get('solo')!.metadata.agent).toBe('Dan Smith');

    const skipped = pass.skipped();
    expect(skipped.map((s) => s.sourceRecordingId).sort()).toEqual([
      'g1-customer',
      'g1-trunk',
      'g2-short',
      'g3-a',
    ]);
    expect(skipped.find((s) => s.sourceRecordingId === 'g1-trunk')?.reason).toContain('keeps leg g1-agent');

    // The audio downloaded is the chosen leg's.
    const audio = await g1.openAudio();
    expect(audio.contentType).toBe('audio/mpeg');
    expect(await text(audio.stream)).toBe('mp3 bytes of g1-agent');
    expect(recorder.downloads).toEqual(['g1-agent']);
  });

  it('replaces a revoked token once on a 401, and reports a second refusal as bad credentials a person can read', async () => {
    recorder.records = [leg('r1', undefined, '+441632960001', 'anna@example.com', -10, 30)];
    const connector = source();
    await collect(connector.pull(ctx, window));
    expect(recorder.issued).toBe(1);

    // The recorder forgets its tokens (a restart, a rotation): one new token, and the pass succeeds.
    recorder.tokens.clear();
    const again = await collect(connector.pull(ctx, window));
    expect(again).toHaveLength(1);
    expect(recorder.issued).toBe(2);

    // A locked account: the fresh token is refused too.
    recorder.refuseAll = true;
    const failure = await collect(connector.pull(ctx, window)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PullError);
    expect(failure).toMatchObject({
      reason: 'bad_credentials',
      code: 'CONVERSATIONS_PULL_BAD_CREDENTIALS',
      transient: false,
    });
    expect((failure as Error).message).toBe(
      "The recorder 'oak' refused the credentials (401 on the recordings search: invalid_token: Access token expired). Check the secrets this connector names.",
    );
    expect(recorder.issued).toBe(3);
  });

  it("reports a wrong password with the token endpoint's own reason, and a missing secret by name", async () => {
    recorder.wrongPassword = true;
    const failure = await collect(source().pull(ctx, window)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ reason: 'bad_credentials', status: 400 });
    expect((failure as Error).message).toContain('token endpoint: invalid_grant: Bad credentials');

    const noPassword = createRestRecorderSource({
      config: restRecorderConfigSchema.parse(configInput()),
      secrets: {
        read: (_ctx, name) => Promise.resolve(name === 'recorder.password' ? undefined : secretValues[name]),
        names: () => Promise.resolve([]),
      },
    });
    const missing = await collect(noPassword.pull(ctx, window)).catch((error: unknown) => error);
    expect(missing).toMatchObject({ reason: 'not_configured' });
    expect((missing as Error).message).toContain("'recorder.password'");
  });

  it('waits for Retry-After on a 429 and backs off on a 503, then carries on', async () => {
    recorder.records = [leg('r1', undefined, '+441632960001', 'anna@example.com', -10, 30)];
    recorder.scripted = [
      { status: 429, headers: { 'retry-after': '7' }, body: '{"error":"slow_down"}' },
      { status: 503, body: 'maintenance' },
    ];
    const recordings = await collect(source().pull(ctx, window));
    expect(recordings).toHaveLength(1);
    // 7 s as asked; then the second attempt's backoff (1 s with the jitter at its top).
    expect(sleeps).toEqual([7000, 1000]);
  });

  it('gives up on a request the recorder does not answer and tries it again', async () => {
    recorder.records = [leg('r1', undefined, '+441632960001', 'anna@example.com', -10, 30)];
    recorder.hang = 1;
    const recordings = await collect(source({}, 300).pull(ctx, window));
    expect(recordings.map((r) => r.metadata.sourceRecordingId)).toEqual(['r1']);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up on a recorder that keeps failing with a transient error naming what failed', async () => {
    recorder.scripted = Array.from({ length: 4 }, () => ({ status: 502, body: 'bad gateway' }));
    const failure = await collect(source().pull(ctx, window)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ reason: 'unavailable', transient: true, status: 502 });
    expect((failure as Error).message).toContain('the recordings search (502: bad gateway)');
  });

  it('re-scans the look-back on the next run and moves the cursor to the end of each window', async () => {
    const connector = source();
    const accepted: string[] = [];
    const accept = (recording: PulledRecording) => {
      accepted.push(recording.metadata.sourceRecordingId);
      return Promise.resolve();
    };
    recorder.records = [leg('early', undefined, '+441632960001', 'anna@example.com', -30, 30)];
    const first = await runPull({ source: connector, ctx, cursor: null, now: new Date(T), accept });
    expect(first.window).toEqual({ since: new Date(T - 61 * 60_000), until: new Date(T - 60_000) });
    expect(first.nextCursor).toEqual({ version: 1, until: at(-1) });
    expect(accepted).toEqual(['early']);

    // A recording from before the cursor turns up late, and a new one is made.
    recorder.records.push(leg('late', undefined, '+441632960002', 'ben@example.com', -5, 30));
    recorder.records.push(leg('new', undefined, '+441632960003', 'cara@example.com', 3, 30));
    const second = await runPull({
      source: connector,
      ctx,
      cursor: first.nextCursor,
      now: new Date(T + 10 * 60_000),
      accept,
    });
    expect(second.window).toEqual({ since: new Date(T - 16 * 60_000), until: new Date(T + 9 * 60_000) });
    expect(accepted).toEqual(['early', 'late', 'new']);
    expect(second.nextCursor.until).toBe(at(9));
  });

  it('keeps the cursor behind a recording the ingest could not take, so the next run hands it over again', async () => {
    const connector = source();
    recorder.records = [
      leg('fine', undefined, '+441632960001', 'anna@example.com', -40, 30),
      leg('stuck', undefined, '+441632960002', 'ben@example.com', -20, 30),
    ];
    const cursor = { version: 1 as const, until: at(-45) };
    const failing = await runPull({
      source: connector,
      ctx,
      cursor,
      now: new Date(T),
      accept: (recording) =>
        recording.metadata.sourceRecordingId === 'stuck'
          ? Promise.reject(new PullError('unavailable', 'object storage is down'))
          : Promise.resolve(),
    });
    expect(failing.accepted).toBe(1);
    expect(failing.failed).toEqual([
      { sourceRecordingId: 'stuck', message: 'object storage is down', transient: true },
    ]);
    // The next window starts at the stuck recording (cursor = its start + the 15 min look-back).
    expect(failing.nextCursor.until).toBe(at(-5));

    const retried: string[] = [];
    await runPull({
      source: connector,
      ctx,
      cursor: failing.nextCursor,
      now: new Date(T),
      accept: (recording) => {
        retried.push(recording.metadata.sourceRecordingId);
        return Promise.resolve();
      },
    });
    expect(retried).toEqual(['stuck']);
  });
});
