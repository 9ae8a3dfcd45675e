import { claimInboxes, type Bus, type EventContext } from '../../../platform/bus/index.js';
import type { Database, UnitOfWork } from '../../../platform/db/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { CallSource } from '../call-record.js';
import type { ConnectorOptions } from '../connectors/connector-registry.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import type { UpsertResult } from '../contract.js';
import {
  announceChanges,
  archiveRecords,
  commitArchivedRecords,
  quarantineItems,
  transformBatchSize,
  type CallWrites,
  type TransformOutcome,
} from './call-transform.js';

/*
 * Group commit of the transform (issue 20). A source that posts one record per request makes one
 * payload, one event and one delivery per record: transformed alone, each pays a transaction, a
 * commit, the rollups' function, the archive ledger's statements and an announcement of its own,
 * which costs PostgreSQL several times the record itself. Here the deliveries of small payloads
 * that are in hand at the same moment (the consumer handles its partitions in parallel) are
 * transformed together: one archive batch, and one transaction that records every event in the
 * group's inbox (`claimInboxes`, one statement), upserts all their records, quarantines, announces
 * and marks the payloads processed (one statement). It commits whole or not at all, as one
 * delivery's transaction did; a group that fails is taken apart and each delivery transformed
 * alone, so a payload that cannot be transformed fails (and is retried, then dead-lettered) by
 * itself.
 */

/** Payloads of up to this many items are grouped; larger ones amortise their transactions themselves. */
export const groupedPayloadMaxItems = 50;

/** Items in one group: the transform's batch size, so a group is one transaction of about that size. */
const transformGroupMaxItems = transformBatchSize;

/** One delivery of a payload whose items fit one batch. */
export interface GroupedDelivery {
  readonly ctx: EventContext;
  readonly payloadId: string;
  readonly source: CallSource;
  readonly options: ConnectorOptions;
  readonly items: readonly ParsedItem[];
}

export interface TransformGroupDeps {
  readonly database: Pick<Database, 'withTenant'>;
  readonly writes: CallWrites;
  readonly objects: ObjectStore;
  readonly bus: Bus;
  /** In the group's transaction: the payloads are done, each with what became of its items. */
  readonly markAllProcessed: (
    work: UnitOfWork,
    payloads: readonly { readonly payloadId: string; readonly outcome: TransformOutcome }[],
  ) => Promise<void>;
}

export interface TransformGroups {
  /**
   * Transforms the delivery with the others in hand for its tenant and connector options; resolves
   * once its group committed, with what became of its items, or undefined when a delivery before
   * it had already committed them (the inbox had the event).
   */
  transform(delivery: GroupedDelivery): Promise<TransformOutcome | undefined>;
}

/** A delivery whose event a committed delivery already recorded: the group is taken apart. */
class AlreadyHandled extends Error {}

const callKey = (source: string, sourceCallId: string) => `${source}\0${sourceCallId}`;

/**
 * What became of each payload's items. A call that more than one payload of the group delivered
 * changed once: its change counts for the first of them, and as unchanged for the others.
 */
function outcomesByPayload(group: readonly GroupedDelivery[], result: UpsertResult): TransformOutcome[] {
  const changes = new Map<string, 'created' | 'updated' | 'unchanged'>();
  for (const outcome of result.outcomes)
    changes.set(callKey(outcome.source, outcome.sourceCallId), outcome.status);
  return group.map(({ items }) => {
    const totals = { records: 0, created: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0 };
    // Calls are counted once per payload, as a payload transformed alone counts its upsert's
    // outcomes: two versions of a call (or a line sent twice) are one call created or updated.
    const counted = new Set<string>();
    for (const item of items) {
      if (item.kind === 'quarantined') totals.quarantined++;
      else if (item.kind === 'skipped') totals.skipped++;
      else {
        totals.records++;
        const key = callKey(item.record.source, item.record.sourceCallId);
        if (counted.has(key)) continue;
        counted.add(key);
        // A call the upsert has no outcome for (every version folded away) was left as it was.
        totals[changes.get(key) ?? 'unchanged']++;
        changes.set(key, 'unchanged');
      }
    }
    return totals;
  });
}

export function createTransformGroups(deps: TransformGroupDeps): TransformGroups {
  interface Waiting {
    readonly delivery: GroupedDelivery;
    readonly resolve: (outcome: TransformOutcome | undefined) => void;
    readonly reject: (error: unknown) => void;
  }
  /** Waiting deliveries by tenant and connector options (one upsert folds with one set of options). */
  const queues = new Map<string, Waiting[]>();
  /** Keys with a group in flight: one at a time each, so the next group gathers meanwhile. */
  const committing = new Set<string>();

  /** One archive batch and one transaction for the whole group. */
  async function transformGroup(group: readonly GroupedDelivery[]): Promise<TransformOutcome[]> {
    const first = group[0];
    if (!first) return [];
    const { ctx, options } = first;
    const records = group.flatMap(({ items }) =>
      items.flatMap((item) => (item.kind === 'record' ? [item] : [])),
    );
    const archived = await archiveRecords(deps, ctx, records, new Date());
    const upsertOptions = { connectorOptions: options, rawSegments: archived.rawSegments };
    return deps.database.withTenant(ctx, async (trx) => {
      if (
        (await claimInboxes(
          trx,
          group.map((delivery) => delivery.ctx),
        )) < group.length
      )
        throw new AlreadyHandled();
      const result = await deps.writes.upsertWithin(trx, ctx, archived.records, upsertOptions);
      await commitArchivedRecords(deps, trx, ctx, archived);
      for (const { items, source } of group)
        await quarantineItems(deps.writes, trx, ctx, source, items, options);
      await announceChanges(deps.bus, trx, ctx, result);
      const outcomes = outcomesByPayload(group, result);
      await deps.markAllProcessed(
        trx,
        group.flatMap(({ payloadId }, index) => {
          const outcome = outcomes[index];
          return outcome ? [{ payloadId, outcome }] : [];
        }),
      );
      return outcomes;
    });
  }

  async function commit(group: readonly Waiting[]): Promise<void> {
    try {
      const outcomes = await transformGroup(group.map((w) => w.delivery));
      group.forEach((waiting, i) => waiting.resolve(outcomes[i]));
      return;
    } catch (error) {
      if (group.length === 1) {
        if (error instanceof AlreadyHandled) group[0]?.resolve(undefined);
        else group[0]?.reject(error);
        return;
      }
    }
    // Taken apart: each alone, so one that cannot be transformed does not hold the others back.
    for (const waiting of group) {
      try {
        waiting.resolve((await transformGroup([waiting.delivery]))[0]);
      } catch (error) {
        if (error instanceof AlreadyHandled) waiting.resolve(undefined);
        else waiting.reject(error);
      }
    }
  }

  function pump(key: string): void {
    if (committing.has(key)) return;
    const queue = queues.get(key);
    if (!queue || queue.length === 0) return;
    let items = 0;
    let count = 0;
    for (const waiting of queue) {
      if (count > 0 && items + waiting.delivery.items.length > transformGroupMaxItems) break;
      items += waiting.delivery.items.length;
      count++;
    }
    const group = queue.splice(0, count);
    if (queue.length === 0) queues.delete(key);
    committing.add(key);
    void commit(group).finally(() => {
      committing.delete(key);
      pump(key);
    });
  }

  return {
    transform(delivery) {
      const key = `${delivery.ctx.tenantId}\0${JSON.stringify(delivery.options)}`;
      return new Promise((resolve, reject) => {
        const queue = queues.get(key);
        const waiting = { delivery, resolve, reject };
        if (queue) queue.push(waiting);
        else queues.set(key, [waiting]);
        pump(key);
      });
    },
  };
}
