import { get as httpGet, type IncomingMessage } from 'node:http';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { getCallConnector } from '../connectors/connector-registry.js';
import { transformItems } from '../ingest/call-transform.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

/** One Asterisk cdr_csv row per call; `n` makes each call new. */
const asteriskRow = (n: number) =>
  `"","+4930111${String(n).padStart(4, '0')}","211474","stadion-pstn","""Zoe"" <+4930111${String(n).padStart(4, '0')}>","SIP/211474-0000000${n}","","Hangup","","2024-01-27 15:07:24","2024-01-27 15:07:24","2024-01-27 15:07:51",27,27,"ANSWERED","DOCUMENTATION","live-${n}","","","live-${n}",0`;

interface Stream {
  readonly status: number;
  readonly contentType: string | null;
  /** Event names received so far, in order. */
  readonly events: string[];
  /** Everything received, comments included. */
  text: string;
  ended: boolean;
  close(): void;
}

describe('GET /calls/live (server-sent events)', () => {
  let t: CallsTestPlatform;
  let base: string;
  let a: RequestContext;
  let b: RequestContext;
  let n = 0;
  const streams: Stream[] = [];

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx: a } = await t.createTenant());
    ({ ctx: b } = await t.createTenant());
    const http = t.platform.http;
    if (!http) throw new Error('no HTTP');
    await http.listen({ host: '127.0.0.1', port: 0 });

    const address = http.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
  });

  /** Opens the stream on a socket of its own (node:http without an agent: no pool keeps sockets around). */
  async function open(ctx: RequestContext, permissions = ['calls:read']): Promise<Stream> {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = httpGet(`${base}/api/v1/calls/live`, {
        agent: false,
        headers: {
          'x-test-tenant': ctx.tenantId,
          'x-test-actor': 'usr_live',
          'x-test-permissions': permissions.join(','),
          accept: 'text/event-stream',
        },
      });
      request.on('response', resolve).on('error', reject);
    });
    const stream: Stream = {
      status: response.statusCode ?? 0,
      contentType: response.headers['content-type'] ?? null,
      events: [],
      text: '',
      ended: false,
      close: () => response.destroy(),
    };
    streams.push(stream);
    let pending = '';
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      stream.text += text;
      pending += text;
      let end: number;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const block = pending.slice(0, end);
        pending = pending.slice(end + 2);
        const name = /^event: (.+)$/m.exec(block)?.[1];
        if (name) stream.events.push(name);
      }
    });
    response.on('close', () => {
      stream.ended = true;
    });
    await expect.poll(() => stream.text, { timeout: 5_000 }).toContain(': live calls');
    return stream;
  }

  /** Ingests one new call for `ctx` the way the bus consumer does (archive, index, outbox, NOTIFY on commit). */
  async function ingest(ctx: RequestContext): Promise<void> {
    n += 1;
    const items = getCallConnector('asterisk')?.parseItems(asteriskRow(n)) ?? [];
    expect(items.map((i) => i.kind)).toEqual(['record']);
    const outcome = await transformItems(
      { writes: t.calls.writes, objects: t.platform.quietObjects, bus: t.platform.bus },
      ctx,
      (fn) => t.platform.database.withTenant(ctx, fn),
      'asterisk',
      items,
    );
    expect(outcome).toMatchObject({ created: 1 });
  }

  /** LISTEN connections of the live feed to this test's database (read on a connection of its own: it outlives the platform). */
  const listenConnections = async () => {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: number }>(
        "select count(*)::int as count from pg_stat_activity where application_name = 'switchboard-calls-live' and datname = current_database()",
      );
      return rows[0]?.count ?? 0;
    } finally {
      await client.end();
    }
  };

  it('needs calls:read', async () => {
    const refused = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/live',
      as: { tenant: a.tenantId, permissions: ['tenant:read'] },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.inject({ method: 'GET', url: '/api/v1/calls/live' })).statusCode).toBe(401);
  });

  it('answers 406 to a client that does not ask for an event stream (it would wait forever otherwise)', async () => {
    const plain = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/live',
      as: { tenant: a.tenantId, permissions: ['calls:read'] },
    });
    expect(plain.statusCode).toBe(406);
    expect(plain.json<{ code: string }>().code).toBe('CALLS_LIVE_NOT_ACCEPTABLE');
  });

  it('sends an event to the tenant’s streams when its calls are ingested, and none to another tenant’s', async () => {
    const forA = await open(a);
    const alsoForA = await open(a);
    const forB = await open(b);
    expect(forA.status).toBe(200);
    expect(forA.contentType).toMatch(/^text\/event-stream/);
    // One LISTEN connection serves every stream of the process.
    expect(await listenConnections()).toBe(1);

    await ingest(a);
    await expect.poll(() => forA.events, { timeout: 10_000 }).toEqual(['calls']);
    await expect.poll(() => alsoForA.events, { timeout: 10_000 }).toEqual(['calls']);
    expect(forA.text).toMatch(/event: calls\ndata: \{"at":"\d{4}-\d\d-\d\dT[^"]+"\}\n\n/);
    // Give a stray notification time to arrive before concluding B heard nothing.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(forB.events).toEqual([]);

    await ingest(b);
    await expect.poll(() => forB.events, { timeout: 10_000 }).toEqual(['calls']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(forA.events).toEqual(['calls']);
    for (const stream of [forA, alsoForA, forB]) stream.close();
  });

  it('folds a burst of ingests into at most one event now and one a second later', async () => {
    const stream = await open(a);
    for (let i = 0; i < 5; i++)
      await sql`select pg_notify('calls_ingested', ${a.tenantId})`.execute(t.platform.database.owner);
    await expect.poll(() => stream.events.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(stream.events.length).toBeGreaterThanOrEqual(1);
    expect(stream.events.length).toBeLessThanOrEqual(2);
    stream.close();
  });

  it('says `exports` when a background export of the tenant changes, on the same stream and connection', async () => {
    const stream = await open(a);
    await sql`select pg_notify('calls_exports', ${a.tenantId})`.execute(t.platform.database.owner);
    await expect.poll(() => stream.events, { timeout: 5_000 }).toEqual(['exports']);
    expect(await listenConnections()).toBe(1);
    stream.close();
  });

  it('ends open streams when the app closes', async () => {
    const stream = await open(a);
    await t.platform.close();
    await expect.poll(() => stream.ended, { timeout: 5_000 }).toBe(true);
    await expect.poll(listenConnections, { timeout: 5_000 }).toBe(0);
  });
});
