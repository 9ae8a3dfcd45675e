import { context, SpanKind, trace, type Span } from '@opentelemetry/api';
import { contextFromCarrier, tracer } from '../telemetry/index.js';
import type { EventEnvelope } from './event.envelope.js';

/** Which bus delivered an event, for the span's `messaging.system`. */
export type MessagingSystem = 'postgresql' | 'nats';

/**
 * Runs one handler invocation in a CONSUMER span, `process <event type>`, whose parent is the
 * publisher's span named by the envelope's `traceparent`: a request's trace continues through the
 * bus into the worker. An event without one (published outside any trace) starts a trace of its
 * own. Callers check isTracingEnabled() first.
 */
export async function inConsumerSpan<T>(
  system: MessagingSystem | undefined,
  group: string,
  event: EventEnvelope,
  delivery: number,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = contextFromCarrier(
    event.traceparent === undefined ? {} : { traceparent: event.traceparent },
  );
  const span = tracer().startSpan(
    `process ${event.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...(system === undefined ? {} : { 'messaging.system': system }),
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': event.type,
        'messaging.consumer.group.name': group,
        'messaging.message.id': event.id,
        // Tenant ids are not personal data; they let an operator find one tenant's traces.
        'switchboard.tenant_id': event.tenantId,
        'switchboard.bus.delivery': delivery,
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } finally {
    span.end();
  }
}
