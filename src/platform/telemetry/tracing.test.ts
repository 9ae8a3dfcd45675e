import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/index.js';
import { tracedDialect } from '../db/index.js';
import { createFilesystemObjectStore, withTracing } from '../objects/index.js';
import { createLogger } from './logger.js';
import {
  currentTraceparent,
  inChildSpan,
  inRootSpan,
  isTracingEnabled,
  startTracing,
  tracingRequested,
} from './tracing.js';

/** A logger writing to an array, to see what a line carries. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('tracing requested by the environment', () => {
  it('needs an OTLP endpoint and honours the switches that turn it off', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBe(false);
    expect(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBe(false);
    expect(
      tracingRequested({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_TRACES_EXPORTER: 'none',
      }),
    ).toBe(false);
  });

  it('passes the strict configuration, which checks only its own prefixes', () => {
    expect(() =>
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_SERVICE_NAME: 'switchboard-eu-api',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.1',
      }),
    ).not.toThrow();
  });
});

// One process, one provider: these run in order, tracing off first.
describe('tracing in this process', () => {
  const exporter = new InMemorySpanExporter();
  const createExporter = vi.fn(() => exporter);
  const pool = new pg.Pool({ max: 1 });
  const dialect = new PostgresDialect({ pool });
  let dir: string | undefined;
  afterAll(async () => {
    await pool.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('with no endpoint creates no exporter and leaves every seam as it was', async () => {
    const tracing = startTracing({ role: 'api', version: '0.0.0', env: {}, createExporter });
    expect(tracing.enabled).toBe(false);
    expect(createExporter).not.toHaveBeenCalled();
    expect(isTracingEnabled()).toBe(false);
    // No wrapper objects, so no extra call per query or object.
    expect(tracedDialect(dialect, { pool: 'app', database: 'test' })).toBe(dialect);
    const store = createFilesystemObjectStore({ root: os.tmpdir() });
    expect(withTracing(store)).toBe(store);
    await expect(inRootSpan('timer x', {}, (span) => Promise.resolve(span))).resolves.toBeUndefined();
    expect(currentTraceparent()).toBeUndefined();
    const { logger, lines } = capturedLogger();
    logger.info('no trace');
    expect(lines[0]).not.toHaveProperty('trace_id');
    await tracing.flush();
  });

  it('with an endpoint sets the provider up once, however many platforms start', async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' };
    const first = startTracing({ role: 'worker', version: '1.2.3', env, createExporter });
    const second = startTracing({ role: 'api', version: '1.2.3', env, createExporter });
    expect(first.enabled && second.enabled).toBe(true);
    expect(createExporter).toHaveBeenCalledTimes(1);
    expect(isTracingEnabled()).toBe(true);

    const { logger, lines } = capturedLogger();
    let traceparent: string | undefined;
    await inRootSpan('timer nightly', {}, async (root) => {
      traceparent = currentTraceparent();
      logger.info('inside');
      await inChildSpan('child', {}, () => Promise.resolve());
      expect(root).toBeDefined();
    });
    // Outside any span: database and store calls make none.
    await inChildSpan('orphan', {}, () => Promise.resolve());
    await second.flush();

    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name).sort()).toEqual(['child', 'timer nightly']);
    const root = spans.find((s) => s.name === 'timer nightly');
    const child = spans.find((s) => s.name === 'child');
    expect(child?.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
    expect(root?.resource.attributes['service.name']).toBe('switchboard-worker');
    expect(root?.resource.attributes['service.version']).toBe('1.2.3');
    expect(traceparent).toBe(`00-${root?.spanContext().traceId}-${root?.spanContext().spanId}-01`);
    expect(lines[0]).toMatchObject({
      trace_id: root?.spanContext().traceId,
      span_id: root?.spanContext().spanId,
    });
  });

  it('traces object-store calls inside a trace, failures included, and a listing as one span', async () => {
    exporter.reset();
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-traced-objects-'));
    const store = withTracing(createFilesystemObjectStore({ root: dir }));
    await inRootSpan('work', {}, async () => {
      await store.put('ten_1/a.json', Buffer.from('{}'));
      await store.put('ten_1/b.json', Buffer.from('[]'));
      const keys: string[] = [];
      for await (const head of store.list('ten_1/')) keys.push(head.key);
      expect(keys).toEqual(['ten_1/a.json', 'ten_1/b.json']);
      await expect(store.get('ten_1/missing.json')).rejects.toMatchObject({ code: 'OBJECTS_NOT_FOUND' });
    });
    await startTracing({ role: 'api', version: '1.2.3' }).flush();
    const spans = exporter.getFinishedSpans();
    const work = spans.find((s) => s.name === 'work');
    const objects = spans.filter((s) => s.name.startsWith('objects '));
    expect(objects.map((s) => s.name)).toEqual(['objects put', 'objects put', 'objects list', 'objects get']);
    for (const span of objects) expect(span.parentSpanContext?.spanId).toBe(work?.spanContext().spanId);
    expect(objects[0]?.attributes).toMatchObject({
      'switchboard.objects.backend': 'filesystem',
      'switchboard.objects.key': 'ten_1/a.json',
      'switchboard.objects.size': 2,
      'switchboard.objects.created': true,
    });
    expect(objects[2]?.attributes['switchboard.objects.count']).toBe(2);
    expect(objects[3]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  // Last: it stops the exporter.
  it('says why when the last spans cannot be exported', async () => {
    await exporter.shutdown();
    await inRootSpan('lost', {}, () => Promise.resolve());
    await expect(startTracing({ role: 'api', version: '1.2.3' }).flush()).rejects.toThrow(
      /^spans not exported: /,
    );
  });
});
