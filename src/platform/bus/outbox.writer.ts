import { sql } from 'kysely';
import { currentTraceparent } from '../telemetry/index.js';
import type { SqlExecutor } from './bus.types.js';
import { toEnvelope, type EventEnvelope, type NewEvent } from './event.envelope.js';
import { partitionOf } from './partition.js';

export interface OutboxRow {
  readonly envelope: EventEnvelope;
  /** Replays go to one group only. */
  readonly targetGroup?: string | undefined;
}

/**
 * Appends events to bus.outbox on the given connection or transaction: one INSERT ... SELECT FROM
 * unnest() per call, so a batch of any size costs nine bound arrays instead of nine parameters
 * per row (much cheaper to build and parse than a multi-row VALUES list).
 */
export async function writeOutbox(
  executor: SqlExecutor,
  rows: readonly OutboxRow[],
  partitions: number,
): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: OutboxRow) => T): T[] => rows.map(pick);
  await sql`insert into bus.outbox (id, type, tenant_id, occurred_at, key, partition, traceparent, data, target_group)
    select * from unnest(
      ${column((r) => r.envelope.id)}::uuid[],
      ${column((r) => r.envelope.type)}::text[],
      ${column((r) => r.envelope.tenantId)}::uuid[],
      ${column((r) => r.envelope.occurredAt)}::timestamptz[],
      ${column((r) => r.envelope.key ?? null)}::text[],
      ${column((r) => partitionOf(r.envelope.key ?? r.envelope.id, partitions))}::smallint[],
      ${column((r) => r.envelope.traceparent ?? null)}::text[],
      ${column((r) => JSON.stringify(r.envelope.data))}::jsonb[],
      ${column((r) => r.targetGroup ?? null)}::text[])`.execute(executor);
}

/**
 * Completes events into envelopes and outbox rows. An event published inside a traced operation
 * (a request, a handler) without a `traceparent` of its own carries the active span's, so its
 * handlers' spans join the publisher's trace.
 */
export function toOutboxRows(events: readonly NewEvent[]): { envelopes: EventEnvelope[]; rows: OutboxRow[] } {
  const traceparent = currentTraceparent();
  const envelopes = events.map((event) =>
    toEnvelope(
      traceparent === undefined || event.traceparent !== undefined ? event : { ...event, traceparent },
    ),
  );
  return { envelopes, rows: envelopes.map((envelope) => ({ envelope })) };
}
