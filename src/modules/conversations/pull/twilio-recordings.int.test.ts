import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SecretReader } from '../../../platform/secrets/index.js';
import { PullError } from './pull.errors.js';
import { runPull } from './pull-run.js';
import type { PulledRecording, PullWindow } from './recording-source.types.js';
import { readTwilioRecordingCallback } from './twilio-recording-callback.js';
import { twilioRecordingsConfigSchema } from './twilio-recordings.config.js';
import { createTwilioRecordingsSource } from './twilio-recordings.source.js';

/*
 * A fake Twilio built from Twilio's documented shapes (twilio/twilio-oai spec/json/twilio_api_v2010.json
 * and the list/fetch examples in Twilio's helper-library tests): Recordings.json with DateCreated<
 * / DateCreated> filters, PageSize and next_page_uri paging, recordings with RFC 2822 dates,
 * Calls/{CallSid}.json, media at Recordings/{Sid}.wav|.mp3, HTTP Basic auth with the account SID
 * and auth token (or an API key), and error 20003 for a refused credential.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/twilio');

const ACCOUNT = 'AC8d88ba5085adeac4015ea92ec9a81ded';
const TOKEN = 'f1e2d3c4b5a6978812345678abcdef00';
const sid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;
const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');

interface FakeRecording {
  sid: string;
  call_sid: string;
  date_created: string;
  start_time: string;
  duration: string;
  status: string;
  channels: number;
  source: string;
  error_code: number | null;
}

const twilio = {
  recordings: [] as FakeRecording[],
  calls: new Map<string, Record<string, unknown>>(),
  listRequests: [] as URL[],
  callRequests: [] as string[],
  media: [] as URL[],
  /** Recordings whose media answers 404 (deleted after being listed). */
  gone: new Set<string>(),
};

function unauthorized(response: ServerResponse) {
  response.writeHead(401, {
    'content-type': 'application/json',
    'www-authenticate': 'Basic realm="Twilio API"',
  });
  response.end(
    JSON.stringify({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    }),
  );
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://fake');
  const credentials = Buffer.from(
    (request.headers.authorization ?? '').replace(/^Basic /, ''),
    'base64',
  ).toString();
  if (credentials !== `${ACCOUNT}:${TOKEN}`) return unauthorized(response);
  const base = `/2010-04-01/Accounts/${ACCOUNT}`;
  const json = (body: unknown) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === `${base}/Recordings.json`) {
    twilio.listRequests.push(url);
    const after = Date.parse(url.searchParams.get('DateCreated>') ?? '');
    const before = Date.parse(url.searchParams.get('DateCreated<') ?? '');
    const size = Number(url.searchParams.get('PageSize') ?? '50');
    const page = Number(url.searchParams.get('Page') ?? '0');
    // Newest first, as Twilio lists them.
    const matching = twilio.recordings
      .filter((r) => Date.parse(r.date_created) >= after && Date.parse(r.date_created) <= before)
      .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
    const slice = matching.slice(page * size, (page + 1) * size);
    const pageUri = (p: number) => {
      const q = new URLSearchParams(url.searchParams);
      q.set('Page', String(p));
      q.set('PageToken', `PA${p}`);
      return `${base}/Recordings.json?${q.toString()}`;
    };
    return json({
      end: page * size + slice.length - 1,
      first_page_uri: pageUri(0),
      next_page_uri: (page + 1) * size < matching.length ? pageUri(page + 1) : null,
      page,
      page_size: size,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      recordings: slice.map((r) => ({
        account_sid: ACCOUNT,
        api_version: '2010-04-01',
        conference_sid: null,
        date_updated: r.date_created,
        price: '-0.0025',
        price_unit: 'USD',
        uri: `${base}/Recordings/${r.sid}.json`,
        media_url: `https://api.twilio.com${base}/Recordings/${r.sid}`,
        ...r,
      })),
      start: page * size,
      uri: `${url.pathname}${url.search}`,
    });
  }
  const call = new RegExp(`^${base}/Calls/(CA[0-9a-f]{32})\\.json$`).exec(url.pathname);
  if (call?.[1]) {
    twilio.callRequests.push(call[1]);
    const found = twilio.calls.get(call[1]);
    if (!found) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }),
      );
      return;
    }
    return json(found);
  }
  const media = new RegExp(`^${base}/Recordings/(RE[0-9a-f]{32})\\.(wav|mp3)$`).exec(url.pathname);
  if (media?.[1]) {
    twilio.media.push(url);
    if (twilio.gone.has(media[1])) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }),
      );
      return;
    }
    response.writeHead(200, {
      'content-type': media[2] === 'mp3' ? 'audio/mpeg' : 'audio/x-wav',
      'content-length': '12',
    });
    response.end(Buffer.from('RIFF....WAVE'));
    return;
  }
  response.writeHead(404);
  response.end();
}

const server = createServer(handle);
let apiBaseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let token = TOKEN;
const secrets: SecretReader = {
  read: (_ctx, name) => Promise.resolve(name === 'twilio.auth_token' ? token : undefined),
  names: () => Promise.resolve(['twilio.auth_token']),
};
const source = () =>
  createTwilioRecordingsSource({
    config: twilioRecordingsConfigSchema.parse({ accountSid: ACCOUNT, apiBaseUrl, pageSize: 2 }),
    secrets,
    http: { sleep: () => Promise.resolve() },
  });
const ctx = { tenantId: '00000000-0000-4000-8000-000000000002' };

const T = Date.parse('2026-03-02T10:00:00Z');
const minutes = (m: number) => new Date(T + m * 60_000);

function addCall(n: number, direction: string, from: string, to: string, start: Date) {
  twilio.calls.set(sid('CA', n), {
    sid: sid('CA', n),
    account_sid: ACCOUNT,
    from,
    to,
    direction,
    start_time: rfc2822(start),
    status: 'completed',
    caller_name: direction === 'inbound' ? 'JANE DOE' : null,
  });
}

function addRecording(n: number, callN: number, created: Date, extra: Partial<FakeRecording> = {}) {
  twilio.recordings.push({
    sid: sid('RE', n),
    call_sid: sid('CA', callN),
    date_created: rfc2822(created),
    start_time: rfc2822(new Date(created.getTime() - 65_000)),
    duration: '62',
    status: 'completed',
    channels: 1,
    source: 'DialVerb',
    error_code: null,
    ...extra,
  });
}

async function collect(recordings: AsyncIterable<PulledRecording>): Promise<PulledRecording[]> {
  const all: PulledRecording[] = [];
  for await (const recording of recordings) all.push(recording);
  return all;
}

beforeEach(() => {
  twilio.recordings = [];
  twilio.calls.clear();
  twilio.listRequests = [];
  twilio.callRequests = [];
  twilio.media = [];
  twilio.gone.clear();
  token = TOKEN;
});

describe("Twilio Recordings connector (fake built from Twilio's documented shapes)", () => {
  it('lists a window page by page, reads each call once, and downloads the media with the account credentials', async () => {
    addCall(1, 'inbound', '+14155550100', '+14155550199', minutes(-30));
    addCall(2, 'outbound-api', '+14155550199', '+442071838750', minutes(-20));
    addRecording(1, 1, minutes(-29), { channels: 2 });
    addRecording(2, 2, minutes(-19));
    addRecording(3, 2, minutes(-18), { source: 'StartCallRecordingAPI' });
    addRecording(4, 2, minutes(-10), { status: 'absent', error_code: 16101, duration: '0' });
    addRecording(5, 1, minutes(-90)); // before the window
    const window: PullWindow = { since: minutes(-60), until: minutes(0) };
    const pass = source().pull(ctx, window);
    const recordings = await collect(pass);

    expect(recordings.map((r) => r.metadata.sourceRecordingId)).toEqual([
      sid('RE', 3),
      sid('RE', 2),
      sid('RE', 1),
    ]);
    // Two pages of two; the filters carry the window.
    expect(twilio.listRequests).toHaveLength(2);
    expect(twilio.listRequests[0]!.searchParams.get('DateCreated>')).toBe('2026-03-02T09:00:00Z');
    expect(twilio.listRequests[0]!.searchParams.get('DateCreated<')).toBe('2026-03-02T10:00:00Z');
    expect(twilio.listRequests[1]!.searchParams.get('PageToken')).toBe('PA1');
    expect(twilio.callRequests.sort()).toEqual([sid('CA', 1), sid('CA', 2)]);

    const inbound = recordings[2]!;
    expect(inbound.metadata).toEqual({
      source: 'twilio',
      sourceRecordingId: sid('RE', 1),
      startedAt: new Date(minutes(-29).getTime() - 65_000).toISOString(),
      direction: 'inbound',
      parties: [
        { number: '+14155550100', name: 'JANE DOE', role: 'customer', channel: 0 },
        { number: '+14155550199', name: null, role: 'agent', channel: 1 },
      ],
      agent: null,
      queue: null,
      language: null,
      tags: ['twilio:DialVerb'],
      sourceCallId: sid('CA', 1),
      durationMs: 62_000,
    });
    expect(recordings[1]!.metadata).toMatchObject({
      direction: 'outbound',
      parties: [
        { number: '+442071838750', role: 'customer', channel: null },
        { number: '+14155550199', role: 'agent', channel: null },
      ],
    });
    expect(pass.skipped()).toEqual([
      { sourceRecordingId: sid('RE', 4), reason: 'status absent (error 16101)' },
    ]);

    const audio = await inbound.openAudio();
    expect(await buffer(audio.stream)).toEqual(Buffer.from('RIFF....WAVE'));
    expect(audio).toMatchObject({ contentType: 'audio/x-wav', bytes: 12 });
    // A dual-channel recording is asked for in two channels.
    expect(twilio.media[0]!.pathname).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Recordings/${sid('RE', 1)}.wav`);
    expect(twilio.media[0]!.searchParams.get('RequestedChannels')).toBe('2');
  });

  it('holds the cursor behind a recording still processing, and pulls it once completed', async () => {
    addCall(1, 'inbound', '+14155550100', '+14155550199', minutes(-30));
    addRecording(1, 1, minutes(-40), { status: 'processing', duration: '-1' });
    addRecording(2, 1, minutes(-35));
    const accepted: string[] = [];
    const accept = (r: PulledRecording) => {
      accepted.push(r.metadata.sourceRecordingId);
      return Promise.resolve();
    };
    const schedule = { settleSeconds: 0, lookBackMinutes: 15 };
    const first = await runPull({ source: source(), ctx, cursor: null, now: minutes(0), schedule, accept });
    expect(accepted).toEqual([sid('RE', 2)]);
    expect(first.skipped).toEqual([
      { sourceRecordingId: sid('RE', 1), reason: 'still processing: the next run asks again' },
    ]);
    // The next window must start at the processing recording: cursor = its creation + look-back.
    expect(first.nextCursor.until).toBe(minutes(-25).toISOString());

    twilio.recordings[0]!.status = 'completed';
    const second = await runPull({
      source: source(),
      ctx,
      cursor: first.nextCursor,
      now: minutes(5),
      schedule,
      accept,
    });
    expect(second.window.since).toEqual(minutes(-40));
    // Newest first, as Twilio lists; RE2 comes again (the ingest keeps one), RE1 at last.
    expect(accepted).toEqual([sid('RE', 2), sid('RE', 2), sid('RE', 1)]);
    expect(second.nextCursor.until).toBe(minutes(5).toISOString());
  });

  it('reports a recording deleted after being listed and moves the cursor past it', async () => {
    addCall(1, 'inbound', '+14155550100', '+14155550199', minutes(-30));
    addRecording(1, 1, minutes(-20));
    twilio.gone.add(sid('RE', 1));
    const report = await runPull({
      source: source(),
      ctx,
      cursor: null,
      now: minutes(0),
      schedule: { settleSeconds: 0 },
      accept: async (recording) => {
        await buffer((await recording.openAudio()).stream);
      },
    });
    expect(report.failed).toEqual([
      {
        sourceRecordingId: sid('RE', 1),
        message: `Twilio answered the media of ${sid('RE', 1)} with something unreadable: not found (404): deleted since it was listed.`,
        transient: false,
      },
    ]);
    expect(report.nextCursor.until).toBe(minutes(0).toISOString());
  });

  it("reports a wrong auth token with Twilio's own words", async () => {
    token = 'not-the-token';
    const failure = await collect(source().pull(ctx, { since: minutes(-60), until: minutes(0) })).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PullError);
    expect((failure as Error).message).toBe(
      'Twilio refused the credentials (401 on the recordings list: 20003: Authenticate). Check the secrets this connector names.',
    );
  });
});

interface Vector {
  name: string;
  url: string;
  params?: Record<string, string>;
  expectedSignature: string;
}
const vectors = JSON.parse(readFileSync(path.join(FIXTURES, 'signature-vectors.json'), 'utf8')) as {
  authToken: string;
  cases: Vector[];
};

/** Our own HMAC-SHA1 of Twilio's scheme, independent of the code under test. */
function sign(authToken: string, url: string, params: URLSearchParams): string {
  const data = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .reduce((text, [name, value]) => text + name + value, url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

describe("Twilio recording-status callback (signature per Twilio's documented test vector)", () => {
  const vector = vectors.cases[0]!;
  const vectorParams = new URLSearchParams(vector.params);

  it("accepts the signature of Twilio's published test vector", () => {
    // The vector is a call webhook, not a recording callback: it passes the signature and then
    // is turned away for naming no account of ours.
    expect(
      readTwilioRecordingCallback(vectors.authToken, ACCOUNT, {
        url: vector.url,
        params: vectorParams,
        signature: vector.expectedSignature,
      }),
    ).toEqual({ status: 'other_account', accountSid: '' });
  });

  it('rejects a tampered parameter, a tampered URL and a missing signature', () => {
    const tampered = new URLSearchParams(vectorParams);
    tampered.set('Digits', '9999');
    expect(
      readTwilioRecordingCallback(vectors.authToken, ACCOUNT, {
        url: vector.url,
        params: tampered,
        signature: vector.expectedSignature,
      }),
    ).toEqual({ status: 'bad_signature' });
    expect(
      readTwilioRecordingCallback(vectors.authToken, ACCOUNT, {
        url: vector.url.replace('myapp.php', 'other.php'),
        params: vectorParams,
        signature: vector.expectedSignature,
      }),
    ).toEqual({ status: 'bad_signature' });
    expect(
      readTwilioRecordingCallback(vectors.authToken, ACCOUNT, {
        url: vector.url,
        params: vectorParams,
        signature: undefined,
      }),
    ).toEqual({
      status: 'unsigned',
    });
  });

  it('turns a signed "completed" callback into a recording whose audio comes from Twilio, not from the callback URL', async () => {
    addCall(7, 'inbound', '+14155550100', '+14155550199', minutes(-3));
    const url = 'https://switchboard.example/api/v1/conversations/twilio/recording-status?tenant=acme';
    const params = new URLSearchParams({
      AccountSid: ACCOUNT,
      CallSid: sid('CA', 7),
      RecordingSid: sid('RE', 7),
      // A forged URL elsewhere must not receive the credentials.
      RecordingUrl: 'https://attacker.example/steal',
      RecordingStatus: 'completed',
      RecordingDuration: '42',
      RecordingChannels: '2',
      RecordingStartTime: rfc2822(minutes(-3)),
      RecordingSource: 'DialVerb',
      RecordingTrack: 'both',
      ErrorCode: '0',
    });
    const callback = readTwilioRecordingCallback(TOKEN, ACCOUNT, {
      url,
      params,
      signature: sign(TOKEN, url, params),
    });
    expect(callback).toMatchObject({
      status: 'completed',
      facts: { recordingSid: sid('RE', 7), channels: 2, durationSeconds: 42 },
    });
    if (callback.status !== 'completed') throw new Error('unreachable');

    const recording = await source().fromCallback(ctx, callback.facts);
    expect(recording.metadata).toMatchObject({
      sourceRecordingId: sid('RE', 7),
      startedAt: minutes(-3).toISOString(),
      direction: 'inbound',
      sourceCallId: sid('CA', 7),
    });
    await buffer((await recording.openAudio()).stream);
    expect(twilio.media[0]!.pathname).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Recordings/${sid('RE', 7)}.wav`);

    const inProgress = new URLSearchParams(params);
    inProgress.set('RecordingStatus', 'absent');
    inProgress.set('ErrorCode', '16102');
    expect(
      readTwilioRecordingCallback(TOKEN, ACCOUNT, {
        url,
        params: inProgress,
        signature: sign(TOKEN, url, inProgress),
      }),
    ).toEqual({
      status: 'not_completed',
      recordingStatus: 'absent',
      errorCode: '16102',
    });
  });
});
