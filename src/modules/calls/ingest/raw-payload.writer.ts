import type { Bus, NewEvent } from '../../../platform/bus/index.js';
import type { Database, TenantTransaction } from '../../../platform/db/index.js';
import { currentTraceparent } from '../../../platform/telemetry/index.js';
import { rawPayloadReceivedV1, type RawPayloadReceived } from '../events.js';
import {
  deliveryMapKey,
  firstDeliveries,
  insertRawPayloads,
  storedPayloadIds,
  type IngestTables,
  type NewRawPayload,
} from './raw-payloads.repo.js';

/*
 * Group commit of accepted payloads (SWITCHBOARD_INGEST_GROUP_COMMIT). A source that posts one
 * record per request would otherwise pay one transaction, one commit and one fsync per record:
 * here the payloads of concurrent requests are queued and stored together, one transaction per
 * tenant (its row-level security context), a few tenants at once. A request is answered only
 * after its group committed, so "accepted" still means durable.
 */

export interface RawPayloadWriterLimits {
  /** Payloads in one group (one INSERT of the rows, one of their events). */
  readonly maxPayloads: number;
  /** Body bytes in one group: a few large files are not held back behind each other. */
  readonly maxBytes: number;
  /** Groups committing at once, each of another tenant. */
  readonly parallelTenants: number;
}

export const defaultWriterLimits: RawPayloadWriterLimits = {
  maxPayloads: 500,
  maxBytes: 8 * 1024 * 1024,
  parallelTenants: 4,
};

export interface RawPayloadWriterDeps {
  readonly database: Pick<Database, 'withTenant'>;
  readonly bus: Pick<Bus, 'publish'>;
  /** How long a delivery key is remembered (IngestDeps.replayWindowMs). */
  readonly replayWindowMs: number;
  readonly limits?: Partial<RawPayloadWriterLimits>;
}

export interface RawPayloadWriter {
  /**
   * Stores the payload with its event; resolves once its group committed: with undefined when it
   * was stored, or with the id of the first delivery it replays (then nothing was stored). A
   * payload that cannot be stored rejects alone: its neighbours in the group are stored.
   */
  write(row: NewRawPayload): Promise<string | undefined>;
}

/**
 * The event that hands a stored payload to the transform consumer. `traceparent`: the trace of
 * the request that delivered it (a group is committed in the context of whichever request started
 * it); without it, the active span's.
 */
export function payloadReceivedEvent(row: NewRawPayload, traceparent?: string): NewEvent {
  return {
    ...(traceparent === undefined ? {} : { traceparent }),
    type: rawPayloadReceivedV1.typeFor(row.source),
    tenantId: row.tenantId,
    // Keyed by payload: payloads spread over every partition and are transformed in parallel.
    // Order between payloads does not matter, because the index keeps the newest version of a
    // call whatever order its versions arrive in.
    key: row.id,
    data: { payloadId: row.id, source: row.source, format: row.format } satisfies RawPayloadReceived,
  };
}

/**
 * Stores `rows` in the caller's transaction, skipping replays: for each row, undefined when it is
 * stored, or the id of the delivery it replays (an earlier payload, or an earlier row of `rows`).
 */
export async function storePayloads(
  trx: TenantTransaction<IngestTables>,
  bus: Pick<Bus, 'publish'>,
  rows: readonly NewRawPayload[],
  since: Date,
  traceparents: readonly (string | undefined)[] = [],
): Promise<(string | undefined)[]> {
  const keyed = rows.flatMap((row) =>
    row.deliveryKey ? [{ source: row.source, deliveryKey: row.deliveryKey }] : [],
  );
  const first = await firstDeliveries(trx, keyed, since);
  const fresh: NewRawPayload[] = [];
  const events: NewEvent[] = [];
  const outcomes = rows.map((row, i) => {
    if (row.deliveryKey) {
      const key = deliveryMapKey(row.source, row.deliveryKey);
      const replayed = first.get(key);
      if (replayed !== undefined) return replayed;
      first.set(key, row.id);
    }
    fresh.push(row);
    events.push(payloadReceivedEvent(row, traceparents[i]));
    return undefined;
  });
  await insertRawPayloads(trx, fresh);
  await bus.publish(trx, events);
  return outcomes;
}

interface Waiting {
  readonly row: NewRawPayload;
  /** The delivering request's trace, for its event. */
  readonly traceparent: string | undefined;
  readonly resolve: (firstId: string | undefined) => void;
  readonly reject: (error: unknown) => void;
}

export function createRawPayloadWriter(deps: RawPayloadWriterDeps): RawPayloadWriter {
  const limits = { ...defaultWriterLimits, ...deps.limits };
  /** Waiting payloads by tenant, tenants in the order they are to be served. */
  const queues = new Map<string, Waiting[]>();
  /** Tenants with a group committing: one at a time each, so a tenant's next group gathers meanwhile. */
  const committing = new Set<string>();

  const since = () => new Date(Date.now() - deps.replayWindowMs);

  function takeGroup(queue: Waiting[]): Waiting[] {
    let bytes = 0;
    let count = 0;
    for (const waiting of queue) {
      if (count >= limits.maxPayloads || (count > 0 && bytes + waiting.row.body.length > limits.maxBytes))
        break;
      bytes += waiting.row.body.length;
      count += 1;
    }
    return queue.splice(0, count);
  }

  /** One by one, each in its own transaction: one payload that cannot be stored fails alone. */
  async function storeOneByOne(tenantId: string, group: readonly Waiting[]): Promise<void> {
    for (const waiting of group) {
      try {
        const [outcome] = await deps.database.withTenant<IngestTables, (string | undefined)[]>(
          { tenantId },
          async (trx) => {
            // The group's commit may have reached the database with its answer lost: a payload
            // found stored was stored by it, and is not stored twice.
            if ((await storedPayloadIds(trx, [waiting.row.id])).size > 0) return [undefined];
            return storePayloads(trx, deps.bus, [waiting.row], since(), [waiting.traceparent]);
          },
        );
        waiting.resolve(outcome);
      } catch (error) {
        waiting.reject(error);
      }
    }
  }

  async function commit(tenantId: string, group: readonly Waiting[]): Promise<void> {
    let outcomes: (string | undefined)[];
    try {
      outcomes = await deps.database.withTenant<IngestTables, (string | undefined)[]>({ tenantId }, (trx) =>
        storePayloads(
          trx,
          deps.bus,
          group.map((w) => w.row),
          since(),
          group.map((w) => w.traceparent),
        ),
      );
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      await storeOneByOne(tenantId, group);
      return;
    }
    group.forEach((waiting, i) => {
      waiting.resolve(outcomes[i]);
    });
  }

  function pump(): void {
    for (const [tenantId, queue] of queues) {
      if (committing.size >= limits.parallelTenants) return;
      if (committing.has(tenantId)) continue;
      const group = takeGroup(queue);
      // Served: to the back of the line, behind tenants still waiting.
      queues.delete(tenantId);
      if (queue.length > 0) queues.set(tenantId, queue);
      committing.add(tenantId);
      void commit(tenantId, group).finally(() => {
        committing.delete(tenantId);
        pump();
      });
    }
  }

  return {
    write(row) {
      const traceparent = currentTraceparent();
      return new Promise<string | undefined>((resolve, reject) => {
        const waiting = { row, traceparent, resolve, reject };
        const queue = queues.get(row.tenantId);
        if (queue) queue.push(waiting);
        else queues.set(row.tenantId, [waiting]);
        pump();
      });
    },
  };
}
