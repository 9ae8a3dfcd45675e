import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer, text } from 'node:stream/consumers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { PulledRecording, PullWindow } from './recording-source.types.js';
import { threecxRecordingsConfigSchema } from './threecx-recordings.config.js';
import { createThreecxRecordingsSource } from './threecx-recordings.source.js';

/*
 * A fake 3CX V20 built from the XAPI as 3CX documents it and as public clients use it (3CX's
 * Configuration API guide; the generated swagger client's RecordingsApi; community clients'
 * recording entity: Id, StartTime, EndTime, CallType, From/To DisplayName, CallerNumber ("Ext.101"),
 * Dn, DnType, RecordingUrl): POST /connect/token (client credentials, 60 s tokens),
 * GET /xapi/v1/Recordings with OData $filter on StartTime, $orderby, $top, $skip, and
 * GET /xapi/v1/Recordings/Pbx.DownloadRecording(recId=N) answering audio/x-wav. There is no real
 * 3CX recordings payload in shared/fixtures/real/3cx (only a CDR file).
 */

interface Row {
  Id: number;
  StartTime: string;
  EndTime: string;
  CallType: string;
  FromDisplayName: string;
  FromCallerNumber: string;
  FromDn: string;
  FromDnType: number;
  ToDisplayName: string;
  ToCallerNumber: string;
  ToDn: string;
  ToDnType: number;
  RecordingUrl: string;
}

const pbx = {
  rows: [] as Row[],
  tokens: new Map<string, number>(),
  issued: 0,
  lists: [] as URL[],
  now: 0,
};

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const json = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'POST' && url.pathname === '/connect/token') {
    const form = new URLSearchParams(await text(request));
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_id') !== 'switchboard' ||
      form.get('client_secret') !== 'xapi-secret'
    )
      return json(401, { error: 'invalid_client' });
    const token = `xapi-${++pbx.issued}`;
    pbx.tokens.set(token, pbx.now + 60_000);
    return json(200, { token_type: 'Bearer', expires_in: 60, access_token: token, refresh_token: null });
  }
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const expires = pbx.tokens.get(bearer);
  if (expires === undefined || expires <= pbx.now) {
    response.writeHead(401);
    response.end();
    return;
  }
  if (url.pathname === '/xapi/v1/Recordings') {
    pbx.lists.push(url);
    const filter = /^StartTime ge (\S+) and StartTime lt (\S+)$/.exec(url.searchParams.get('$filter') ?? '');
    if (!filter)
      return json(400, { error: { code: '', message: 'The query specified in the URI is not valid.' } });
    const [from, to] = [Date.parse(filter[1]!), Date.parse(filter[2]!)];
    const top = Number(url.searchParams.get('$top'));
    const skip = Number(url.searchParams.get('$skip'));
    const value = pbx.rows
      .filter((row) => Date.parse(row.StartTime) >= from && Date.parse(row.StartTime) < to)
      .sort((a, b) => a.Id - b.Id)
      .slice(skip, skip + top);
    return json(200, { '@odata.context': `${url.origin}/xapi/v1/$metadata#Recordings`, value });
  }
  const download = /^\/xapi\/v1\/Recordings\/Pbx\.DownloadRecording\(recId=(\d+)\)$/.exec(url.pathname);
  if (download) {
    response.writeHead(200, { 'content-type': 'audio/x-wav' });
    response.end(Buffer.from(`RIFF-${download[1]}`));
    return;
  }
  json(404, { error: { code: '', message: 'No HTTP resource was found' } });
}

const server = createServer((request, response) => {
  void handle(request, response);
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let clientSecret = 'xapi-secret';
const secrets: SecretReader = {
  read: (_ctx, name) =>
    Promise.resolve(
      ({ '3cx.client_id': 'switchboard', '3cx.client_secret': clientSecret } as Record<string, string>)[name],
    ),
  names: () => Promise.resolve(['3cx.client_id', '3cx.client_secret']),
};
const T = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);
const source = () =>
  createThreecxRecordingsSource({
    config: threecxRecordingsConfigSchema.parse({ baseUrl, pageSize: 2 }),
    secrets,
    http: { now: () => pbx.now, sleep: () => Promise.resolve() },
  });
const ctx = { tenantId: '00000000-0000-4000-8000-000000000003' };
const window: PullWindow = { since: at(-60), until: at(0) };

function row(
  id: number,
  start: number,
  callType: string,
  from: [string, string, string, number],
  to: [string, string, string, number],
): Row {
  return {
    Id: id,
    StartTime: at(start).toISOString(),
    EndTime: new Date(at(start).getTime() + 95_000).toISOString(),
    CallType: callType,
    FromDisplayName: from[0],
    FromCallerNumber: from[1],
    FromDn: from[2],
    FromDnType: from[3],
    ToDisplayName: to[0],
    ToCallerNumber: to[1],
    ToDn: to[2],
    ToDnType: to[3],
    RecordingUrl: `/recordings/${id}.wav`,
  };
}

async function collect(recordings: AsyncIterable<PulledRecording>): Promise<PulledRecording[]> {
  const all: PulledRecording[] = [];
  for await (const recording of recordings) all.push(recording);
  return all;
}

beforeEach(() => {
  pbx.rows = [
    row(
      11,
      -50,
      'InboundExternal',
      ['Jane Doe', '+441632960001', '10000', 1],
      ['Anna Agent', 'Ext.101', '101', 0],
    ),
    row(12, -40, 'OutboundExternal', ['Ben Agent', 'Ext.102', '102', 0], ['', '+441632960002', '10000', 1]),
    row(13, -30, 'Internal', ['Anna Agent', 'Ext.101', '101', 0], ['Ben Agent', 'Ext.102', '102', 0]),
    row(14, -20, 'InboundExternal', ['', '+441632960003', '10000', 1], ['Cara Agent', 'Ext.103', '103', 0]),
    row(15, -90, 'InboundExternal', ['', '+441632960004', '10000', 1], ['Cara Agent', 'Ext.103', '103', 0]),
  ];
  pbx.tokens.clear();
  pbx.issued = 0;
  pbx.lists = [];
  pbx.now = T;
  clientSecret = 'xapi-secret';
});

describe("3CX V20 XAPI recordings connector (fake built from 3CX's documented XAPI shapes)", () => {
  it('pages with $top/$skip over a StartTime filter and reads who is the agent from the extension', async () => {
    const recordings = await collect(source().pull(ctx, window));
    expect(recordings.map((r) => r.metadata.sourceRecordingId)).toEqual(['11', '12', '13', '14']);
    expect(pbx.lists.map((u) => [u.searchParams.get('$top'), u.searchParams.get('$skip')])).toEqual([
      ['2', '0'],
      ['2', '2'],
      ['2', '4'],
    ]);
    expect(pbx.lists[0]!.searchParams.get('$filter')).toBe(
      'StartTime ge 2026-03-02T09:00:00Z and StartTime lt 2026-03-02T10:00:00Z',
    );

    expect(recordings[0]!.metadata).toEqual({
      source: '3cx',
      sourceRecordingId: '11',
      startedAt: at(-50).toISOString(),
      direction: 'inbound',
      parties: [
        { number: '+441632960001', name: 'Jane Doe', role: 'customer', channel: null },
        { number: '101', name: 'Anna Agent', role: 'agent', channel: null },
      ],
      agent: 'Anna Agent',
      queue: null,
      language: null,
      tags: [],
      sourceCallId: null,
      durationMs: 95_000,
    });
    expect(recordings[1]!.metadata).toMatchObject({ direction: 'outbound', agent: 'Ben Agent' });
    expect(recordings[2]!.metadata).toMatchObject({ direction: 'internal' });

    const audio = await recordings[3]!.openAudio();
    expect(audio.contentType).toBe('audio/x-wav');
    expect((await buffer(audio.stream)).toString()).toBe('RIFF-14');
  });

  it('fetches a new token when the 60-second one is about to run out, and once more on a 401', async () => {
    const connector = source();
    await collect(connector.pull(ctx, window));
    expect(pbx.issued).toBe(1);
    pbx.now += 30_000; // well inside the token's life: reused
    await collect(connector.pull(ctx, window));
    expect(pbx.issued).toBe(1);
    pbx.now += 30_000; // 60 s on: renewed before use
    await collect(connector.pull(ctx, window));
    expect(pbx.issued).toBe(2);
    pbx.tokens.clear(); // the PBX restarted: the 401 gets a fresh token
    expect(await collect(connector.pull(ctx, window))).toHaveLength(4);
    expect(pbx.issued).toBe(3);
  });

  it('reports a wrong client secret as refused credentials, saying what 3CX said', async () => {
    clientSecret = 'wrong';
    const failure = await collect(source().pull(ctx, window)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ reason: 'bad_credentials', kind: 'unauthenticated' });
    expect((failure as Error).message).toBe(
      '3CX refused the credentials (token endpoint: invalid_client). Check the secrets this connector names.',
    );
  });
});
