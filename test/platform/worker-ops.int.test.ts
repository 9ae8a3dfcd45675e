import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/platform/context.js';
import { normalisedCall } from '../../src/modules/calls/testing/index.js';
import { parseScrape } from '../support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

interface Readiness {
  readonly status: string;
  readonly checks: readonly { readonly name: string; readonly ok: boolean }[];
}

/** Listens the worker's operations endpoint on a free port, as `switchboard worker` does on PORT. */
async function listenOps(t: TestPlatform): Promise<string> {
  const ops = t.platform.opsHttp;
  if (!ops) throw new Error('a worker platform has an operations endpoint');
  await ops.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(ops.server.address() as AddressInfo).port}`;
}

describe('switchboard worker: the operations endpoint', () => {
  let t: TestPlatform;
  let base: string;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'worker' });
    base = await listenOps(t);
    tenantId = (await t.platform.modules.identity.tenantAdmin.create({ name: 'Ops', slug: 'ops' })).uuid;
  });
  afterAll(() => t.close());

  it('serves no API, only the operations routes', async () => {
    expect(t.platform.http).toBeUndefined();
    const api = await fetch(`${base}/api/v1/calls`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers liveness, and readiness of the database, the bus and the object store', async () => {
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as Readiness;
    expect(body.status).toBe('ready');
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['bus', true],
      ['object-store', true],
    ]);
  });

  it("serves /metrics with the worker's own figures: the transform it ran, its handler timing, the ingest lag", async () => {
    const ctx = systemContext(tenantId, 'worker-ops-test', 'test');
    const good = [1, 2, 3].map((i) =>
      normalisedCall({ source: 'generic', sourceCallId: `ops-${i}`, conversationId: `ops-${i}` }),
    );
    // One item that breaks the call record schema: it goes to the quarantine with its category.
    const bad = { ...normalisedCall({ source: 'generic', sourceCallId: 'ops-bad' }), startedAt: 'yesterday' };
    await t.platform.modules.calls.ingest.accept(ctx, {
      source: 'generic',
      format: 'generic-json',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify([...good, bad])),
    });

    const scrape = async () => {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      return parseScrape(await res.text());
    };
    await expect
      .poll(async () => (await scrape()).value('calls_ingest_lag_seconds_count', { source: 'generic' }), {
        timeout: 30_000,
      })
      .toBe(1);
    const metrics = await scrape();
    expect(metrics.value('calls_payloads_accepted_total', { source: 'generic' })).toBe(1);
    expect(metrics.value('calls_records_indexed_total', { source: 'generic', change: 'created' })).toBe(3);
    expect(metrics.value('calls_records_quarantined_total', { source: 'generic' })).toBe(1);
    const quarantined = metrics.samples.find((s) => s.name === 'calls_records_quarantined_total');
    expect(quarantined?.labels.reason).toBe('schema_rejected');
    expect(
      metrics.value('bus_handler_duration_seconds_count', { group: 'calls-transform', outcome: 'ok' }),
    ).toBe(1);
    // Registered before anything ran: the timers' and workflows' families, the disk gauge.
    for (const family of ['timer_runs_total', 'workflow_runs_started_total', 'workflow_steps_total'])
      expect(metrics.families).toContain(family);
    expect(metrics.value('switchboard_data_dir_free_bytes', { volume: 'data' })).toBeGreaterThan(0);
    // Probes and scrapes are not API traffic: no request latency is recorded here.
    expect(metrics.families).not.toContain('http_request_duration_seconds');
  });
});

/** A TCP relay in front of NATS that the test can cut and restore, as a network fault would. */
async function natsRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const open = async () => {
    if (server?.listening) return;
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(port, '127.0.0.1', resolve);
    });
    port = (server.address() as AddressInfo).port;
  };
  await open();
  return {
    url: () => `nats://127.0.0.1:${port}`,
    async cut() {
      const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: open,
  };
}

describe('switchboard worker on NATS: readiness follows the bus', () => {
  let t: TestPlatform;
  let base: string;
  let relay: Awaited<ReturnType<typeof natsRelay>>;
  const prefix = `ops${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    relay = await natsRelay(new URL(natsUrl));
    t = await createTestPlatform({
      role: 'worker',
      env: { NATS_URL: relay.url(), SWITCHBOARD_NATS_PREFIX: prefix },
    });
    base = await listenOps(t);
  });
  afterAll(async () => {
    await relay.restore();
    await t.close();
    const nc = await connect({ servers: natsUrl });
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list())
      if (stream.config.name.startsWith(`${prefix.toUpperCase()}_`))
        await jsm.streams.delete(stream.config.name);
    await nc.close();
  });

  const readiness = async () => {
    const res = await fetch(`${base}/readyz`);
    const body = (await res.json()) as Readiness;
    return { status: res.status, bus: body.checks.find((c) => c.name === 'bus')?.ok };
  };

  it('is not ready while NATS cannot be reached, stays live, and is ready again once it can', async () => {
    expect(await readiness()).toEqual({ status: 200, bus: true });
    await relay.cut();
    await expect.poll(readiness, { timeout: 20_000 }).toEqual({ status: 503, bus: false });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await relay.restore();
    await expect.poll(readiness, { timeout: 30_000, interval: 500 }).toEqual({ status: 200, bus: true });
  });
});
