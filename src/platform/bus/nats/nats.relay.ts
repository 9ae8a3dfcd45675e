import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import pg from 'pg';
import type { Logger } from '../../telemetry/index.js';
import { familyOf } from '../event.envelope.js';
import { relayLockKey } from '../postgres/pg.relay.js';
import type { RelayLoop } from '../relay.loop.js';
import type { WakeSignal } from '../wake.signal.js';
import type { NatsNaming } from './nats.naming.js';

interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  tenant_id: string;
  occurred_at: Date;
  key: string | null;
  partition: number;
  traceparent: string | null;
  data: string;
  target_group: string | null;
}

export const targetGroupHeader = 'Sb-Target-Group';

export interface JetStreamRelayOptions {
  readonly ownerUrl: string;
  readonly js: JetStreamClient;
  readonly naming: NatsNaming;
  readonly ensureStream: (family: string) => Promise<void>;
  readonly batchSize: number;
  /** Batches published but not yet acknowledged at once; reading the next overlaps waiting for acks. */
  readonly window: number;
  readonly signal: WakeSignal;
  readonly pollMs: number;
  readonly logger: Logger;
}

function bodyOf(row: OutboxRow): string {
  // The payload is spliced in as the JSON text PostgreSQL returned: no parse and re-encode.
  return (
    `{"id":${JSON.stringify(row.id)},"type":${JSON.stringify(row.type)},"tenantId":${JSON.stringify(row.tenant_id)},` +
    `"occurredAt":${JSON.stringify(row.occurred_at.toISOString())}` +
    (row.key === null ? '' : `,"key":${JSON.stringify(row.key)}`) +
    (row.traceparent === null ? '' : `,"traceparent":${JSON.stringify(row.traceparent)}`) +
    `,"data":${row.data}}`
  );
}

/**
 * Moves committed outbox rows to JetStream. One relay leads at a time: it holds a session
 * advisory lock on a connection of its own (released by PostgreSQL if the process dies). It
 * publishes a batch pipelined on one NATS connection (so stream order is outbox order), reads the
 * next batch while JetStream acknowledges the previous one, and deletes a batch's rows only once
 * every message of it is acknowledged. A crash or a failed publish republishes the unacknowledged
 * batches; JetStream drops the copies by Nats-Msg-Id (the event id) within its duplicate window.
 * A message whose publish failed is appended after the ones that followed it: per-key order can
 * break only for events caught in such a failure.
 */
export function startJetStreamRelay(options: JetStreamRelayOptions): RelayLoop {
  const { js, naming, logger, signal } = options;
  let stopped = false;

  function publish(row: OutboxRow): Promise<unknown> {
    const h = row.target_group === null ? undefined : natsHeaders();
    if (h && row.target_group !== null) h.set(targetGroupHeader, row.target_group);
    // A replay is a new message: it must not be dropped as a duplicate of the original.
    const msgID = row.target_group === null ? row.id : `${row.id}-replay-${row.seq}`;
    return js.publish(naming.subject(row.type, row.partition), bodyOf(row), {
      msgID,
      ...(h ? { headers: h } : {}),
    });
  }

  async function lead(client: pg.Client): Promise<void> {
    const inflight = new Set<number>();
    const pending: { seqs: number[]; acked: Promise<unknown> }[] = [];
    const flushOldest = async () => {
      const batch = pending.shift();
      if (!batch) return;
      await batch.acked;
      await client.query('delete from bus.outbox where seq = any($1::bigint[])', [batch.seqs]);
      for (const seq of batch.seqs) inflight.delete(seq);
    };
    try {
      while (!stopped) {
        if (pending.length >= options.window) await flushOldest();
        const { rows } = await client.query<OutboxRow>(
          `select seq, id, type, tenant_id, occurred_at, key, partition, traceparent, data::text as data, target_group
           from bus.outbox where not (seq = any($1::bigint[])) order by seq limit $2`,
          [[...inflight], options.batchSize],
        );
        if (rows.length === 0) {
          if (pending.length > 0) await flushOldest();
          else await signal.wait(options.pollMs);
          continue;
        }
        for (const family of new Set(rows.map((r) => familyOf(r.type)))) await options.ensureStream(family);
        const acked = Promise.all(rows.map(publish));
        // Awaited in order by flushOldest; this only keeps an early rejection from going unhandled.
        acked.catch(() => undefined);
        const seqs = rows.map((r) => r.seq);
        for (const seq of seqs) inflight.add(seq);
        pending.push({ seqs, acked });
      }
      while (pending.length > 0) await flushOldest();
    } finally {
      // Never leave a publish running past the lock: the next leader republishes these rows.
      await Promise.allSettled(pending.map((p) => p.acked));
    }
  }

  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      const client = new pg.Client({
        connectionString: options.ownerUrl,
        application_name: 'switchboard-bus-relay',
      });
      client.on('error', (error) => logger.warn({ err: error }, 'bus relay connection failed'));
      try {
        await client.connect();
        const { rows } = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1) as locked',
          [relayLockKey],
        );
        if (rows[0]?.locked) {
          failures = 0;
          await lead(client);
        } else {
          // Another process relays; look again later in case it stops.
          await signal.wait(Math.max(options.pollMs, 5_000));
        }
      } catch (error) {
        failures++;
        logger.error({ err: error }, 'bus relay to JetStream failed; restarting');
        await signal.wait(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      signal.wake();
      await loop;
    },
  };
}
