import type { Bus, NewEvent } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database, UnitOfWork } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import {
  toCallRecordV1FromValidated,
  type CallRecordV1,
  type CallSource,
  type NormalisedCall,
} from '../call-record.js';
import type { ConnectorOptions } from '../connectors/connector-registry.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import type { QuarantineCategory } from '../connectors/quarantine-reason.js';
import type { ArchiveSegmentRef, UpsertResult } from '../contract.js';
import { callRecordIngestedV1, type CallRecordIngested } from '../events.js';
import { notifyCallsChanged } from '../live/calls-live.repo.js';
import { outsideNumbers, type ArchiveSealing } from './archive-sealing.js';
import { archiveBatch, commitArchived, type ArchiveLayout, type ArchiveLedger } from './raw-archive.js';

/** What the transform needs from the calls store, inside the transaction it runs. */
export interface CallWrites {
  /** Ids (UUIDs) of calls already stored, by `${source}\0${sourceCallId}`. */
  existingIds(
    ctx: RequestContext,
    keys: readonly { source: string; sourceCallId: string }[],
  ): Promise<Map<string, string>>;
  upsertWithin(
    trx: UnitOfWork,
    ctx: RequestContext,
    records: readonly CallRecordV1[],
    options: { connectorOptions?: ConnectorOptions },
  ): Promise<UpsertResult>;
  quarantineWithin(
    trx: UnitOfWork,
    ctx: RequestContext,
    item: {
      source: string;
      reason: string;
      category: QuarantineCategory;
      field: string | undefined;
      raw: string;
      options: ConnectorOptions;
    },
  ): Promise<void>;
  /** The raw archive's ledger: archive objects are claimed before they are written and committed with the index. */
  readonly archive: ArchiveLedger;
  /** Seals archive objects under the subject keys of the calls' outside numbers (crypto-shredding). */
  readonly sealing: ArchiveSealing;
  /** The installation's archive layout (SWITCHBOARD_ARCHIVE_LAYOUT); default object-per-record. */
  readonly archiveLayout?: ArchiveLayout;
}

export interface TransformOutcome {
  readonly records: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly quarantined: number;
  readonly skipped: number;
}

export type RunInTransaction = <T>(fn: (trx: UnitOfWork) => Promise<T>) => Promise<T | undefined>;

const keyOf = (source: string, sourceCallId: string) => `${source}\0${sourceCallId}`;

/** A record parsed from a delivery (it passed the connector's schema check), with the source data it was made from. */
export interface ParsedRecord {
  readonly record: NormalisedCall;
  readonly raw: unknown;
}

/**
 * Names each record (a call keeps its id across versions; deliveries of a new call within one
 * batch share one), archives its raw source data (write-once, synced, under a key derived from
 * the record, so a retry reuses what an interrupted attempt wrote) and returns the CallRecord v1
 * documents that point at the archive, in order, and with the segments layout where each one's raw
 * sits (by logical key, for the upsert's `rawSegments`). Shared by ingest and quarantine replays;
 * the caller commits the archive objects with the index (`commitArchivedRecords`).
 */
export interface ArchivedRecords {
  readonly records: CallRecordV1[];
  readonly rawSegments: ReadonlyMap<string, ArchiveSegmentRef>;
}

export async function archiveRecords(
  deps: {
    writes: Pick<CallWrites, 'existingIds' | 'archive' | 'sealing' | 'archiveLayout'>;
    objects: ObjectStore;
  },
  ctx: RequestContext,
  records: readonly ParsedRecord[],
  ingestedAt: Date,
): Promise<ArchivedRecords> {
  const existing = await deps.writes.existingIds(
    ctx,
    records.map((r) => ({ source: r.record.source, sourceCallId: r.record.sourceCallId })),
  );
  const ids = new Map(existing);
  for (const { record } of records) {
    const key = keyOf(record.source, record.sourceCallId);
    if (!ids.has(key)) ids.set(key, newUuid());
  }
  const callIdOf = (record: { source: string; sourceCallId: string }) =>
    toPublicId('call', ids.get(keyOf(record.source, record.sourceCallId)) ?? newUuid());
  const archived = await archiveBatch(
    {
      objects: deps.objects,
      ledger: deps.writes.archive,
      sealing: deps.writes.sealing,
      layout: deps.writes.archiveLayout ?? 'object-per-record',
    },
    ctx,
    records.map(({ record, raw }) => ({
      source: record.source,
      sourceCallId: record.sourceCallId,
      sourceVersion: record.sourceVersion,
      startedAt: record.startedAt,
      raw,
      phones: outsideNumbers(record),
    })),
  );
  const rawSegments = new Map<string, ArchiveSegmentRef>();
  for (const object of archived) if (object.segment) rawSegments.set(object.key, object.segment);
  // The records come from a connector, whose last gate checked them against the schema.
  return {
    records: records.map(({ record }, index) =>
      toCallRecordV1FromValidated(record, {
        tenantId: ctx.tenantId,
        id: callIdOf(record),
        rawObjectKey: archived[index]?.key ?? '',
        rawSha256: archived[index]?.sha256 ?? '',
        ingestedAt: ingestedAt.toISOString(),
      }),
    ),
    rawSegments,
  };
}

/** In the transaction that indexes records from `archiveRecords`: their archive objects become part of the archive. */
export function commitArchivedRecords(
  deps: { writes: Pick<CallWrites, 'archive'>; objects: ObjectStore },
  trx: UnitOfWork,
  ctx: RequestContext,
  archived: {
    readonly records: readonly CallRecordV1[];
    readonly rawSegments?: ReadonlyMap<string, ArchiveSegmentRef> | undefined;
  },
): Promise<void> {
  return commitArchived(
    { objects: deps.objects, ledger: deps.writes.archive },
    trx,
    ctx,
    // The ledger knows the objects written: a record's segment, or its own object.
    archived.records.map(
      (record) => archived.rawSegments?.get(record.rawObjectKey)?.key ?? record.rawObjectKey,
    ),
  );
}

/**
 * Inside the transaction that upserted: one `calls.record.ingested.v1` per new or changed call,
 * and the NOTIFY that wakes live views, so the announcement commits with the calls or not at all.
 */
export async function announceChanges(
  bus: Bus,
  trx: UnitOfWork,
  ctx: RequestContext,
  result: UpsertResult,
): Promise<void> {
  const events: NewEvent<CallRecordIngested>[] = result.outcomes.flatMap((outcome) =>
    outcome.status === 'unchanged' || !outcome.record
      ? []
      : [
          {
            type: callRecordIngestedV1.type,
            tenantId: ctx.tenantId,
            key: fromPublicId('call', outcome.id) ?? outcome.id,
            data: {
              callId: outcome.id,
              source: outcome.source,
              sourceCallId: outcome.sourceCallId,
              change: outcome.status,
              startedAt: outcome.record.startedAt,
            },
          },
        ],
  );
  if (events.length === 0) return;
  await bus.publish(trx, events);
  await notifyCallsChanged(trx, ctx.tenantId);
}

/** Keeps the items the connector could not read in quarantine, with their reasons; answers how many. */
export async function quarantineItems(
  writes: Pick<CallWrites, 'quarantineWithin'>,
  trx: UnitOfWork,
  ctx: RequestContext,
  source: CallSource,
  items: readonly ParsedItem[],
  connectorOptions: ConnectorOptions,
): Promise<number> {
  let quarantined = 0;
  for (const item of items)
    if (item.kind === 'quarantined') {
      quarantined++;
      await writes.quarantineWithin(trx, ctx, {
        source,
        reason: item.reason,
        category: item.category,
        field: item.field,
        raw: item.raw,
        options: connectorOptions,
      });
    }
  return quarantined;
}

/**
 * The heart of ingest, shared by the bus consumer and `switchboard import`: archive each record's
 * raw source data (write-once, synced), then in one transaction upsert the index, keep what could
 * not be parsed in quarantine, commit the archive objects, and announce every new or changed
 * call. A batch either commits whole or not at all; a retry finds the archive objects already
 * there (same keys, same bytes) and the index unchanged.
 */
export async function transformItems(
  deps: { writes: CallWrites; objects: ObjectStore; bus: Bus },
  ctx: RequestContext,
  run: RunInTransaction,
  source: CallSource,
  items: readonly ParsedItem[],
  options: {
    connectorOptions?: ConnectorOptions;
    afterWrite?: (trx: UnitOfWork, outcome: TransformOutcome) => Promise<void>;
  } = {},
): Promise<TransformOutcome | undefined> {
  const records = items.flatMap((item) => (item.kind === 'record' ? [item] : []));
  const archived = await archiveRecords(deps, ctx, records, new Date());
  const upsertOptions = {
    ...(options.connectorOptions ? { connectorOptions: options.connectorOptions } : {}),
    rawSegments: archived.rawSegments,
  };

  return run(async (trx) => {
    const result = await deps.writes.upsertWithin(trx, ctx, archived.records, upsertOptions);
    // After the upsert, whose key locks already order concurrent batches of the same calls.
    await commitArchivedRecords(deps, trx, ctx, archived);
    const quarantined = await quarantineItems(
      deps.writes,
      trx,
      ctx,
      source,
      items,
      options.connectorOptions ?? {},
    );
    const skipped = items.filter((item) => item.kind === 'skipped').length;
    await announceChanges(deps.bus, trx, ctx, result);
    const outcome: TransformOutcome = {
      records: records.length,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      quarantined,
      skipped,
    };
    await options.afterWrite?.(trx, outcome);
    return outcome;
  });
}

/** Records per transaction: large enough to amortise the commit and the syncs, small enough to retry cheaply. */
export const transformBatchSize = 500;

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

type Totals = { -readonly [K in keyof TransformOutcome]: number };

function addOutcome(totals: Totals, outcome: TransformOutcome | undefined): void {
  if (outcome)
    for (const key of Object.keys(totals) as (keyof TransformOutcome)[]) totals[key] += outcome[key];
}

/**
 * A stream of parsed items through `transformItems`, batch by batch in constant memory, each batch
 * in a tenant transaction of its own, adding up what became of the items. Shared by the bus
 * consumer of `calls.raw.*` and the file import.
 *
 * With `lastBatch`, one batch is read ahead, so the last batch is known when it comes: it alone
 * commits through `lastBatch.run` (the consumer's exactly-once transaction), and `afterWrite` gets
 * the payload's totals inside it. It runs even when there are no items at all, so a payload without
 * records is marked done too.
 */
export async function transformBatches(
  deps: {
    readonly database: Database;
    readonly writes: CallWrites;
    readonly objects: ObjectStore;
    readonly bus: Bus;
  },
  ctx: RequestContext,
  source: CallSource,
  items: AsyncIterable<ParsedItem>,
  options: {
    readonly connectorOptions: ConnectorOptions;
    /** Called after each batch of its own commits, with the totals so far. */
    readonly onBatch?: (totals: TransformOutcome) => void;
    readonly lastBatch?: {
      readonly run: RunInTransaction;
      readonly afterWrite: (work: UnitOfWork, totals: TransformOutcome) => Promise<void>;
    };
  },
): Promise<TransformOutcome> {
  const totals: Totals = { records: 0, created: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0 };
  const { connectorOptions, lastBatch } = options;
  const inOwnTransaction: RunInTransaction = (fn) => deps.database.withTenant(ctx, fn);
  const commit = async (batch: readonly ParsedItem[]) => {
    addOutcome(
      totals,
      await transformItems(deps, ctx, inOwnTransaction, source, batch, { connectorOptions }),
    );
    options.onBatch?.({ ...totals });
  };
  if (!lastBatch) {
    for await (const batch of batches(items, transformBatchSize)) await commit(batch);
    return { ...totals };
  }
  let pending: ParsedItem[] = [];
  for await (const batch of batches(items, transformBatchSize)) {
    if (pending.length > 0) await commit(pending);
    pending = batch;
  }
  await transformItems(deps, ctx, lastBatch.run, source, pending, {
    connectorOptions,
    afterWrite: async (work, last) => {
      addOutcome(totals, last);
      await lastBatch.afterWrite(work, { ...totals });
    },
  });
  return { ...totals };
}
