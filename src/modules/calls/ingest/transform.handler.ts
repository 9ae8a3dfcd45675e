import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import { AppError } from '../../../platform/errors.js';
import type { EventTrigger } from '../../../platform/jobs/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { CallSource } from '../call-record.js';
import { CallsErrors } from '../errors.js';
import { isCallFileFormat, type ConnectorOptions } from '../connectors/connector-registry.js';
import { readCallFile } from '../connectors/file-readers.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import { transformItems, type CallWrites, type RunInTransaction } from './call-transform.js';
import type { IngestService, IngestTables, RawPayloadEvent } from './ingest.service.js';

/** Records per transaction: large enough to amortise the commit and the syncs, small enough to retry cheaply. */
export const transformBatchSize = 500;

export interface TransformDeps {
  readonly database: Database;
  readonly ingest: IngestService;
  readonly writes: CallWrites;
  readonly objects: ObjectStore;
  readonly bus: Bus;
  /** Payload kinds that are not files (Graph notifications name call records to fetch). */
  readonly fetchers?: Readonly<Record<string, (tenantId: string, body: Buffer) => Promise<ParsedItem[]>>>;
}

export async function* batches(items: AsyncIterable<ParsedItem>, size: number): AsyncGenerator<ParsedItem[]> {
  let batch: ParsedItem[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The `calls-transform` consumer group: takes every `calls.raw.<source>.v1`, parses the stored
 * payload and runs it through archive, index and quarantine. The last batch's transaction also
 * marks the payload processed and records the event in the group's inbox, so a redelivery after a
 * crash finds the work done; earlier batches of a large payload are idempotent upserts.
 */
const rawPayloadEventSchema = z.object({ payloadId: z.uuid(), source: z.string(), format: z.string() });

export function createTransformHandler(deps: TransformDeps): EventTrigger {
  return {
    group: 'calls-transform',
    topics: ['calls.raw.*'],
    retry: { maxDeliveries: 8 },
    async handle(ctx, event) {
      const data: RawPayloadEvent = rawPayloadEventSchema.parse(event.data);
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
          throw new AppError('CALLS_UNKNOWN_PAYLOAD_FORMAT', 'invalid_input', `No transform for payload format '${payload.format}'.`);
        }
        items = (async function* () {
          yield* await fetcher(ctx.tenantId, payload.body);
        })();
      }
      const totals = { records: 0, created: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0 };
      const add = (outcome: typeof totals | undefined) => {
        if (outcome) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += outcome[key];
      };
      const source = payload.source as CallSource;
      const inOwnTransaction: RunInTransaction = (fn) => deps.database.withTenant(ctx, fn);
      // One batch of look-ahead, so the last batch is known when it comes: it alone commits with
      // the inbox entry and the processed mark. Earlier batches are idempotent upserts of their own.
      let pending: ParsedItem[] = [];
      for await (const batch of batches(items, transformBatchSize)) {
        if (pending.length > 0) {
          add(
            await transformItems(deps, ctx, inOwnTransaction, source, pending, { connectorOptions: options }),
          );
        }
        pending = batch;
      }
      await transformItems(
        deps,
        ctx,
        async (fn) => {
          const result = await ctx.once(fn);
          return result.done ? result.value : undefined;
        },
        source,
        pending,
        {
          connectorOptions: options,
          afterWrite: async (trx, last) => {
            add(last);
            await deps.ingest.markProcessed(trx as unknown as Transaction<IngestTables>, payload.id, totals);
          },
        },
      );
    },
  };
}
