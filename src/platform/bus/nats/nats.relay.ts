import { createInbox, headers as natsHeaders, type Msg, type NatsConnection } from '@nats-io/transport-node';
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
  readonly nc: NatsConnection;
  readonly naming: NatsNaming;
  readonly ensureStream: (family: string) => Promise<void>;
  readonly batchSize: number;
  /** Batches published but not yet acknowledged at once; reading the next overlaps waiting for acks. */
  readonly window: number;
  /** A batch fails when JetStream has acknowledged none of its outstanding messages for this long. */
  readonly ackTimeoutMs?: number;
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

/** What JetStream answers to a publish with a reply subject (a PubAck, or an error). */
interface PubAck {
  readonly stream?: string;
  readonly seq?: number;
  readonly error?: { readonly code?: number; readonly description?: string };
}

interface Batch {
  outstanding: number;
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Publishes to JetStream and collects the PubAcks of whole batches on one inbox subscription of
 * its own: what `js.publish` does per message (a request with its own timer, error objects
 * captured for their stacks, a promise), done once per batch. The messages and what JetStream
 * checks are the same: each carries `Nats-Msg-Id`, and a batch resolves only once every message
 * of it has a PubAck naming the stream; any error answer, a no-responders status (no stream) or
 * no progress for `ackTimeoutMs` rejects the batch.
 */
export function createBatchPublisher(nc: NatsConnection, ackTimeoutMs: number) {
  const inbox = createInbox();
  const prefixLength = inbox.length + 1;
  const waiting = new Map<number, Batch>();
  let next = 0;

  const fail = (batch: Batch, error: Error) => {
    clearTimeout(batch.timer);
    batch.reject(error);
  };
  const arm = (batch: Batch) => {
    clearTimeout(batch.timer);
    batch.timer = setTimeout(
      () => fail(batch, new Error(`JetStream did not acknowledge a publish within ${ackTimeoutMs} ms`)),
      ackTimeoutMs,
    );
  };

  const subscription = nc.subscribe(`${inbox}.*`, {
    callback(error, msg: Msg) {
      if (error) {
        for (const batch of new Set(waiting.values())) fail(batch, error);
        waiting.clear();
        return;
      }
      const token = Number(msg.subject.slice(prefixLength));
      const batch = waiting.get(token);
      if (!batch) return; // the batch already failed
      waiting.delete(token);
      if (msg.headers?.hasError) {
        fail(batch, new Error(`JetStream publish failed: ${msg.headers.code} ${msg.headers.description}`));
        return;
      }
      let ack: PubAck;
      try {
        ack = msg.json<PubAck>();
      } catch {
        fail(batch, new Error('JetStream publish: unreadable acknowledgement'));
        return;
      }
      if (ack.error || !ack.stream) {
        const reason = ack.error ? `${ack.error.code ?? ''} ${ack.error.description ?? ''}` : 'no stream';
        fail(batch, new Error(`JetStream publish failed: ${reason.trim()}`));
        return;
      }
      batch.outstanding--;
      if (batch.outstanding === 0) {
        clearTimeout(batch.timer);
        batch.resolve();
      } else if (batch.outstanding % 64 === 0) {
        arm(batch);
      }
    },
  });

  return {
    /** Publishes the messages in order; resolves once JetStream stored (or deduplicated) all. */
    publish(
      messages: readonly { subject: string; body: string; msgID: string; targetGroup: string | null }[],
    ): Promise<void> {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const batch: Batch = { outstanding: messages.length, done, resolve, reject, timer: undefined };
      if (messages.length === 0) {
        resolve();
        return done;
      }
      try {
        for (const m of messages) {
          const token = next++;
          const h = natsHeaders();
          h.set('Nats-Msg-Id', m.msgID);
          if (m.targetGroup !== null) h.set(targetGroupHeader, m.targetGroup);
          waiting.set(token, batch);
          nc.publish(m.subject, m.body, { reply: `${inbox}.${token}`, headers: h });
        }
        arm(batch);
      } catch (error) {
        fail(batch, error instanceof Error ? error : new Error(String(error)));
      }
      // A failed batch leaves no tokens behind.
      done.catch(() => {
        for (const [token, b] of waiting) if (b === batch) waiting.delete(token);
      });
      return done;
    },
    close(): void {
      subscription.unsubscribe();
      for (const batch of new Set(waiting.values()))
        fail(batch, new Error('JetStream relay publisher closed'));
      waiting.clear();
    },
  };
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
  const { naming, logger, signal } = options;
  let stopped = false;

  const toMessage = (row: OutboxRow) => ({
    subject: naming.subject(row.type, row.partition),
    body: bodyOf(row),
    // A replay is a new message: it must not be dropped as a duplicate of the original.
    msgID: row.target_group === null ? row.id : `${row.id}-replay-${row.seq}`,
    targetGroup: row.target_group,
  });

  async function lead(client: pg.Client): Promise<void> {
    const publisher = createBatchPublisher(options.nc, options.ackTimeoutMs ?? 10_000);
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
        const acked = publisher.publish(rows.map(toMessage));
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
      publisher.close();
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
