import { randomUUID } from 'node:crypto';
import {
  context,
  defaultTextMapGetter,
  diag,
  DiagLogLevel,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';

/**
 * OpenTelemetry traces, set up once per process. Spans are made by hand at the kernel's seams
 * (HTTP, outbox, consumers, database, object store, timers): the app is ESM, where require-hook
 * auto-instrumentation does not reach. With no OTLP endpoint configured nothing is set up, and
 * every seam checks `isTracingEnabled()` before making a span object, so tracing costs a boolean.
 */

type Env = Readonly<Record<string, string | undefined>>;

export interface TracingOptions {
  /** The process role; the default service name is `switchboard-<role>`. */
  readonly role: string;
  readonly version: string;
  /** Where OTEL_* settings are read to decide whether to trace (default process.env). */
  readonly env?: Env;
  /** How spans leave the process; default OTLP/HTTP (JSON) configured by the OTEL_EXPORTER_OTLP_* variables. */
  readonly createExporter?: () => SpanExporter;
  /** Where the SDK's own warnings go (a collector that cannot be reached, a bad OTEL_* value). */
  readonly logger?: Logger;
}

/** This process's tracing, as a platform holds it. */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports every finished span now (a platform's close() calls it; the provider stays up for others). */
  flush(): Promise<void>;
}

interface ActiveTracing {
  readonly provider: NodeTracerProvider;
  readonly tracer: Tracer;
}

let active: ActiveTracing | undefined;
/** A collector that does not answer must not hold a shutdown up for long. */
const flushTimeoutMs = 5_000;
const propagator = new W3CTraceContextPropagator();
const disabled: Tracing = { enabled: false, flush: () => Promise.resolve() };

/**
 * Whether the environment asks for traces: an OTLP endpoint (general or for traces) is set and
 * neither OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none turns them off.
 */
export function tracingRequested(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/**
 * Sets up the process's tracer provider when the environment asks for traces, and returns the
 * process's tracing. Idempotent: tests build several platforms in one process, and the first
 * one that traces sets the provider up (its role names the service); later calls share it.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (!active) {
    if (!tracingRequested(options.env ?? process.env)) return disabled;
    if (options.logger) sdkWarningsTo(options.logger);
    const exporter = options.createExporter?.() ?? new OTLPTraceExporter();
    const resource = defaultResource()
      .merge(
        resourceFromAttributes({
          [ATTR_SERVICE_NAME]: `switchboard-${options.role}`,
          [ATTR_SERVICE_VERSION]: options.version,
          // Stable name from semantic conventions 1.x (incubating export): one id per process.
          'service.instance.id': randomUUID(),
        }),
      )
      // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults above.
      .merge(detectResources({ detectors: [envDetector] }));
    // The provider reads OTEL_TRACES_SAMPLER(_ARG) and the span limits; the processor reads OTEL_BSP_*.
    const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
    // The AsyncLocalStorage context manager and the W3C trace-context propagator, process-wide.
    provider.register({ propagator });
    active = { provider, tracer: provider.getTracer('switchboard', options.version) };
  }
  const { provider } = active;
  return {
    enabled: true,
    flush: () =>
      provider.forceFlush({ timeoutMillis: flushTimeoutMs }).catch((reasons: unknown) => {
        const list: unknown[] = Array.isArray(reasons) ? reasons : [reasons];
        const why = list.map((r) => (r instanceof Error ? r.message : String(r))).join('; ');
        throw new Error(`spans not exported: ${why}`);
      }),
  };
}

/** The SDK reports failed exports and bad settings through its diagnostics logger: into ours, from warnings up. */
function sdkWarningsTo(logger: Logger): void {
  const child = logger.child({ component: 'opentelemetry' });
  const line =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (message: string, ...args: unknown[]) =>
      child[level](
        { details: args.length > 0 ? args.map((a) => (a instanceof Error ? a.message : a)) : undefined },
        message,
      );
  diag.setLogger(
    {
      error: line('error'),
      warn: line('warn'),
      info: line('info'),
      debug: line('debug'),
      verbose: line('debug'),
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
}

/** True once this process traces; seams check it before making any span object. */
export function isTracingEnabled(): boolean {
  return active !== undefined;
}

/** The platform's tracer (a no-op one while tracing is off). */
export function tracer(): Tracer {
  return active?.tracer ?? trace.getTracer('switchboard');
}

/** The span active in the current async context, if any (database and object-store spans need one). */
export function activeSpan(): Span | undefined {
  return active ? trace.getSpan(context.active()) : undefined;
}

/** The W3C `traceparent` of the active span, to carry in an event envelope; undefined when none. */
export function currentTraceparent(): string | undefined {
  if (!active) return undefined;
  const current = context.active();
  const span = trace.getSpan(current);
  if (!span || !isSpanContextValid(span.spanContext())) return undefined;
  const carrier: Record<string, string> = {};
  propagator.inject(current, carrier, defaultTextMapSetter);
  return carrier.traceparent;
}

/** A context whose parent is the remote span of a `traceparent` (and `tracestate`); the root context when absent or malformed. */
export function contextFromCarrier(carrier: Readonly<Record<string, unknown>>): Context {
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/** Trace and span ids of the active span, for log lines; undefined when no span is active. */
export function traceLogFields(): { trace_id: string; span_id: string } | undefined {
  if (!active) return undefined;
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Marks a span failed with the error's type and message (an exception event carries the stack). */
export function recordFailure(span: Span, error: unknown): void {
  if (error instanceof Error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  } else {
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
  }
}

/**
 * Runs `fn` in a child span of the active one, when tracing is on and a span is active: the store
 * and the database join a trace, they never start one (background polling would flood the backend).
 */
export function inChildSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!active) return fn(undefined);
  const parent = context.active();
  if (!trace.getSpan(parent)) return fn(undefined);
  return runInSpan(active.tracer.startSpan(name, options, parent), parent, fn);
}

/**
 * Runs `fn` as the first span of a trace of its own (a timer's run, a workflow's), when tracing is
 * on. A span active at the call is linked, not made the parent.
 */
export function inRootSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!active) return fn(undefined);
  const caller = trace.getSpan(context.active());
  const links = caller ? [...(options.links ?? []), { context: caller.spanContext() }] : options.links;
  return runInSpan(
    active.tracer.startSpan(name, { ...options, root: true, ...(links ? { links } : {}) }),
    ROOT_CONTEXT,
    fn,
  );
}

async function runInSpan<T>(span: Span, parent: Context, fn: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
