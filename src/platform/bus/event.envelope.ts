import { newUuid } from '../ids.js';

/**
 * What travels on the bus. Events carry ids and key facts, not whole objects: a handler that
 * needs the record reads it through the owning module's contract.
 */
export interface EventEnvelope<D = unknown> {
  /** UUID; also the handler's request id and the de-duplication key (inbox, Nats-Msg-Id). */
  readonly id: string;
  /** Versioned name, `<module>.<thing>.<happened>.v<n>`, e.g. `calls.record.ingested.v1`. */
  readonly type: string;
  readonly tenantId: string;
  /** ISO 8601 time the fact happened (not when it was delivered). */
  readonly occurredAt: string;
  readonly data: D;
  /** W3C trace context of the publisher, so a handler's spans join the publisher's trace. */
  readonly traceparent?: string | undefined;
  /** Events with the same key are handled in publish order by each group. */
  readonly key?: string | undefined;
}

/** What a publisher gives; the bus fills in the id and the time when they are missing. */
export interface NewEvent<D = unknown> {
  readonly type: string;
  readonly tenantId: string;
  readonly data: D;
  readonly key?: string | undefined;
  readonly traceparent?: string | undefined;
  readonly id?: string | undefined;
  readonly occurredAt?: string | Date | undefined;
}

const typePattern = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates a new event and completes it into an envelope; throws on a malformed type or tenant. */
export function toEnvelope<D>(event: NewEvent<D>): EventEnvelope<D> {
  if (!typePattern.test(event.type))
    throw new Error(
      `invalid event type '${event.type}': use dotted lower-case names like calls.record.ingested.v1`,
    );
  if (!uuidPattern.test(event.tenantId))
    throw new Error(`invalid tenant id on event ${event.type}: ${event.tenantId}`);
  if (event.id !== undefined && !uuidPattern.test(event.id)) throw new Error(`invalid event id: ${event.id}`);
  const occurredAt =
    event.occurredAt instanceof Date
      ? event.occurredAt.toISOString()
      : (event.occurredAt ?? new Date().toISOString());
  return {
    id: event.id ?? newUuid(),
    type: event.type,
    tenantId: event.tenantId,
    occurredAt,
    data: event.data,
    traceparent: event.traceparent,
    key: event.key,
  };
}

/** The topic family of a type: its first segment (`calls` for `calls.record.ingested.v1`). */
export function familyOf(type: string): string {
  const dot = type.indexOf('.');
  return dot < 0 ? type : type.slice(0, dot);
}
