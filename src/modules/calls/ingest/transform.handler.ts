import type { Database } from '../../../platform/db/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { EventTrigger } from '../../../platform/jobs/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { CallSource } from '../call-record.js';
import { CallsErrors } from '../errors.js';
import { isCallFileFormat, type ConnectorOptions } from '../connectors/connector-registry.js';
import { readCallFile } from '../connectors/file-readers.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import type { QuarantineCategory } from '../connectors/quarantine-reason.js';
import { rawPayloadReceivedV1 } from '../events.js';
import { transformBatches, type CallWrites, type TransformOutcome } from './call-transform.js';
import type { IngestMetrics } from './ingest.metrics.js';
import type { IngestService } from './ingest.service.js';
import { createTransformGroups, groupedPayloadMaxItems } from './transform-groups.js';

export interface TransformDeps {
  readonly database: Database;
  readonly ingest: IngestService;
  readonly writes: CallWrites;
  readonly objects: ObjectStore;
  readonly bus: Bus;
  /** Payload kinds that are not files (Graph notifications name call records to fetch). */
  readonly fetchers?: Readonly<Record<string, (tenantId: string, body: Buffer) => Promise<ParsedItem[]>>>;
  /** Counts each payload once its last batch committed (records by outcome, the lag since acceptance). */
  readonly metrics?: IngestMetrics;
  /**
   * Small payloads in hand at the same moment are transformed in one transaction (transform-groups.ts);
   * on by default. Off, each delivery is transformed in a transaction of its own.
   */
  readonly groupSmallPayloads?: boolean;
}

/**
 * The first `limit + 1` items of `items` and the whole stream again (those first, then the rest):
 * whether a payload is small is known without reading a large one whole.
 */
async function peek(
  items: AsyncIterable<ParsedItem>,
  limit: number,
): Promise<{ head: ParsedItem[]; complete: boolean; all: AsyncIterable<ParsedItem> }> {
  const iterator = items[Symbol.asyncIterator]();
  const head: ParsedItem[] = [];
  let complete = false;
  while (head.length <= limit) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    head.push(next.value);
  }
  const all = (async function* () {
    yield* head;
    if (complete) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  return { head, complete, all };
}

/** Quarantined items by category. */
function quarantineCounts(items: readonly ParsedItem[]): Map<QuarantineCategory, number> {
  const counts = new Map<QuarantineCategory, number>();
  for (const item of items)
    if (item.kind === 'quarantined') counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  return counts;
}

/** The writes, counting what is quarantined by category into `counts`. */
function countingQuarantine(writes: CallWrites, counts: Map<QuarantineCategory, number>): CallWrites {
  return {
    ...writes,
    quarantineWithin: async (trx, ctx, item) => {
      await writes.quarantineWithin(trx, ctx, item);
      counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
    },
  };
}

/**
 * The `calls-transform` consumer group: takes every `calls.raw.<source>.v1`, parses the stored
 * payload and runs it through archive, index and quarantine. The last batch's transaction also
 * marks the payload processed and records the event in the group's inbox, so a redelivery after a
 * crash finds the work done; earlier batches of a large payload are idempotent upserts.
 */
export function createTransformHandler(deps: TransformDeps): EventTrigger {
  const groups =
    deps.groupSmallPayloads === false
      ? undefined
      : createTransformGroups({
          ...deps,
          markAllProcessed: (work, payloads) => deps.ingest.markAllProcessed(work, payloads),
        });
  return {
    group: 'calls-transform',
    topics: [rawPayloadReceivedV1.topics],
    retry: { maxDeliveries: 8 },
    async handle(ctx, event) {
      const data = rawPayloadReceivedV1.schema.parse(event.data);
      const payload = await deps.ingest.load(ctx, data.payloadId);
      // Never acknowledge what could not be processed: a missing payload is retried, then
      // dead-lettered (an infrastructure fault), instead of vanishing.
      if (!payload) throw CallsErrors.rawPayloadMissing(data.payloadId);
      if (payload.processedAt) return;
      const options = payload.options as ConnectorOptions;
      let items: AsyncIterable<ParsedItem>;
      if (isCallFileFormat(payload.format)) {
        items = readCallFile(payload.body, payload.format, options);
      } else {
        const fetcher = deps.fetchers?.[payload.format];
        if (!fetcher) {
          throw CallsErrors.unknownPayloadFormat(payload.format);
        }
        items = (async function* () {
          yield* await fetcher(ctx.tenantId, payload.body);
        })();
      }
      const source = payload.source as CallSource;
      if (groups) {
        const peeked = await peek(items, groupedPayloadMaxItems);
        if (peeked.complete) {
          const outcome = await groups.transform({
            ctx,
            payloadId: payload.id,
            source,
            options,
            items: peeked.head,
          });
          if (outcome)
            deps.metrics?.processed(
              source,
              { ...outcome, quarantined: quarantineCounts(peeked.head) },
              (Date.now() - payload.receivedAt.getTime()) / 1000,
            );
          return;
        }
        items = peeked.all;
      }
      // Counted for this delivery only: one that fails is counted again, whole, by the next.
      const quarantined = new Map<QuarantineCategory, number>();
      const last: { totals?: TransformOutcome } = {};
      await transformBatches(
        { ...deps, writes: deps.metrics ? countingQuarantine(deps.writes, quarantined) : deps.writes },
        ctx,
        source,
        items,
        {
          connectorOptions: options,
          lastBatch: {
            run: async (fn) => {
              const result = await ctx.once(fn);
              return result.done ? result.value : undefined;
            },
            afterWrite: async (work, totals) => {
              await deps.ingest.markProcessed(work, payload.id, totals);
              last.totals = totals;
            },
          },
        },
      );
      // The last batch committed here (when an earlier delivery did it, nothing is counted twice).
      if (last.totals)
        deps.metrics?.processed(
          source,
          { ...last.totals, quarantined },
          (Date.now() - payload.receivedAt.getTime()) / 1000,
        );
    },
  };
}
