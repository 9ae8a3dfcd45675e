import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNatsPrefix } from '../../src/platform/bus/index.js';
import { createWorkerRuntime } from '../../src/platform/jobs/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { bearer, createApiKey, createTenant, createUser, login } from '../support/identity.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { createTestPlatform } from '../support/test-platform.js';

const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures/real');
/** One FreeSWITCH mod_json_cdr document: exactly one call record. */
const oneRecord = readFileSync(path.join(fixtures, 'freeswitch/cdr-1.json'));

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

/** The chain of ancestors of a span within its trace, nearest first. */
function ancestors(span: ReceivedSpan, byId: ReadonlyMap<string, ReceivedSpan>): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  let parentId = span.parentSpanId;
  while (parentId) {
    const parent = byId.get(parentId);
    if (!parent || chain.includes(parent)) break;
    chain.push(parent);
    parentId = parent.parentSpanId;
  }
  return chain;
}

/**
 * Issue 19's done-means: a trace of one ingested record is visible from request to index in the
 * test's receiver. The platform exports to a fake OTLP collector the test starts; one record goes
 * through the real HTTP ingest route (API key of scope calls:ingest), the outbox, the bus and the
 * transform worker into the index, and every span of it shares one trace id.
 */
describe('tracing: one call record from the HTTP request to the index', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // Read by the exporter and the span processor when the first platform of this process sets
    // tracing up; spans leave every 200 ms, so the test can wait for the ones it expects.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    process.env.OTEL_BSP_SCHEDULE_DELAY = '200';
  });
  afterAll(async () => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_BSP_SCHEDULE_DELAY;
    await receiver.close();
  });

  const buses: { bus: string; env: Record<string, string> }[] = [
    { bus: 'postgres', env: {} },
    { bus: 'nats', env: { NATS_URL: natsUrl } },
  ];
  describe.each(buses)('on the $bus bus', ({ bus, env }) => {
    it('exports one trace: HTTP server span, consumer span below it, its database and object-store spans', async () => {
      const lines: Record<string, unknown>[] = [];
      const logger = createLogger(
        { level: 'info' },
        { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
      );
      // An API process and the worker runtime `switchboard worker` runs, in this process.
      const t = await createTestPlatform({ role: 'api', env, logger });
      const natsPrefix = bus === 'nats' ? defaultNatsPrefix(await t.platform.database.installationId()) : '';
      const runtime = createWorkerRuntime(
        { database: t.platform.database, bus: t.platform.bus, logger },
        { modules: [{ handlers: t.platform.handlers }], runner: `tracing-${bus}` },
      );
      let requestId = '';
      try {
        await runtime.start();
        const { tenant } = await createTenant(t.platform);
        const token = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] })))
          .accessToken;
        const ingestKey = await createApiKey(t, token, { name: 'pbx', scopes: ['calls:ingest'] });

        const res = await t.inject({
          method: 'POST',
          url: '/api/v1/calls/ingest?format=freeswitch-json',
          headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
          payload: oneRecord,
        });
        expect(res.statusCode, res.body).toBe(202);
        requestId = String(res.headers['x-request-id']);
        await expect
          .poll(
            async () =>
              (
                await t.inject({
                  method: 'GET',
                  url: '/api/v1/calls?source=freeswitch',
                  headers: bearer(token),
                })
              ).json<{ items: unknown[] }>().items.length,
            { timeout: 30_000 },
          )
          .toBe(1);
        // The record's own event (calls.record.ingested.v1) reaches its consumers in the same trace.
        await expect
          .poll(() => downstreamOf(receiver.spans, requestId), { timeout: 30_000 })
          .toBeGreaterThan(0);
      } finally {
        await runtime.stop();
        // close() flushes the finished spans to the receiver.
        await t.close();
        if (natsPrefix) await deleteStreams(natsPrefix);
      }

      const http = receiver.spans.find(
        (s) => s.kind === SERVER && s.attrs['switchboard.request_id'] === requestId,
      );
      expect(http, 'the ingest request span').toBeDefined();
      if (!http) return;
      expect(http).toMatchObject({
        name: 'POST /api/v1/calls/ingest',
        attrs: {
          'http.request.method': 'POST',
          'http.route': '/api/v1/calls/ingest',
          'http.response.status_code': 202,
        },
      });
      expect(http.attrs['switchboard.tenant_id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(http.resource['service.name']).toMatch(/^switchboard-/);
      expect(http.resource['service.instance.id']).toBeTruthy();

      const trace = receiver.spans.filter((s) => s.traceId === http.traceId);
      const byId = new Map(trace.map((s) => [s.spanId, s]));

      // The transform worker's handler, reached through the outbox and the bus.
      const consumer = trace.find(
        (s) => s.kind === CONSUMER && s.attrs['messaging.consumer.group.name'] === 'calls-transform',
      );
      expect(consumer, 'the transform consumer span in the request trace').toBeDefined();
      if (!consumer) return;
      expect(consumer).toMatchObject({
        name: 'process calls.raw.freeswitch.v1',
        attrs: {
          'messaging.system': bus === 'nats' ? 'nats' : 'postgresql',
          'messaging.destination.name': 'calls.raw.freeswitch.v1',
          'switchboard.tenant_id': http.attrs['switchboard.tenant_id'],
        },
      });
      expect(ancestors(consumer, byId)).toContain(http);

      // Its database work, the index write among it, with statements and never their values.
      const underConsumer = (s: ReceivedSpan) => ancestors(s, byId).includes(consumer);
      const queries = trace.filter((s) => s.kind === CLIENT && s.attrs['db.system.name'] === 'postgresql');
      expect(queries.filter(underConsumer).length).toBeGreaterThan(0);
      expect(
        queries
          .filter(underConsumer)
          // The index rows go in as one statement (a WITH of inserts into the three tables).
          .some((s) => /\binsert into calls\.call_records\b/i.test(String(s.attrs['db.query.text']))),
      ).toBe(true);
      expect(queries.filter((s) => ancestors(s, byId).includes(http)).length).toBeGreaterThan(0);
      const everyStatement = queries.map((s) => String(s.attrs['db.query.text'])).join('\n');
      expect(everyStatement).not.toContain(tenantOf(http));

      // The raw archive: the object-store write of the record, under the handler.
      const archive = trace.filter((s) => s.name.startsWith('objects ') && underConsumer(s));
      expect(archive.map((s) => s.name)).toContain('objects put_many');

      // Log lines written inside the request carry its request id and the trace's ids.
      const requestLines = lines.filter((l) => l.requestId === requestId);
      expect(requestLines.length).toBeGreaterThan(0);
      expect(requestLines.some((l) => l.trace_id === http.traceId && typeof l.span_id === 'string')).toBe(
        true,
      );
    }, 90_000);
  });
});

/** How many consumer spans of calls.record.ingested.v1 descend from the request's span. */
function downstreamOf(spans: readonly ReceivedSpan[], requestId: string): number {
  const http = spans.find((s) => s.kind === SERVER && s.attrs['switchboard.request_id'] === requestId);
  if (!http) return 0;
  const trace = spans.filter((s) => s.traceId === http.traceId);
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  return trace.filter(
    (s) =>
      s.kind === CONSUMER &&
      s.name === 'process calls.record.ingested.v1' &&
      ancestors(s, byId).some((a) => a.name === 'process calls.raw.freeswitch.v1') &&
      ancestors(s, byId).includes(http),
  ).length;
}

function tenantOf(span: ReceivedSpan): string {
  return String(span.attrs['switchboard.tenant_id']);
}

async function deleteStreams(prefix: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(`${prefix.toUpperCase()}_`))
        await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await nc.close();
  }
}
