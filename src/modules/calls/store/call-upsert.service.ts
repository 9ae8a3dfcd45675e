import type { Selectable, Transaction } from 'kysely';
import type { RequestContext } from '../../../platform/context.js';
import type { Database, UnitOfWork } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import { CALL_SOURCES, type CallRecordV1, type CallSource } from '../call-record.js';
import { callConnectors } from '../connectors/connector-registry.js';
import type { CallsService, UpsertOptions, UpsertOutcome, UpsertResult } from '../contract.js';
import { CallsErrors } from '../errors.js';
import type { CallKeysTable, CallsTables } from '../db/calls.tables.js';
import {
  deleteCallRows,
  insertCallKeys,
  insertCallRows,
  lockCallKeys,
  findCallIds,
  storedRecordCiphertexts,
  updateCallKeys,
  type CallKeyRef,
  type CallLocation,
} from './call-writes.repo.js';
import { applyRollupDelta } from '../stats/rollups.repo.js';
import type { CallCrypto } from './call-crypto.js';
import { buildCallRows, callUuid, type CallRows } from '../query/call-rows.js';
import type { ArchiveSegmentRef } from '../contract.js';
import { segmentOfRow } from '../ingest/archive-sealing.js';
import type { PartitionMonths } from './partition-months.js';
import { decodeSourceVersion } from './source-version.js';
import { foldDeliveries, normalisedPart, type StoredCall } from './upsert-plan.js';

const defaultBatchSize = 500;
const maxAttempts = 4;
/** Deadlock, serialization failure: another batch of the same calls got in the way. */
const retryableCodes = new Set(['40P01', '40001']);

/** A new key was created by a concurrent batch between our read and our insert. */
class KeyRaceError extends Error {}

interface CallGroup extends CallKeyRef {
  readonly deliveries: CallRecordV1[];
}

const isCallSource = (source: string): source is CallSource =>
  (CALL_SOURCES as readonly string[]).includes(source);

/** `${source}\0${sourceCallId}`: how a call is keyed in maps (existingIds answers with it). */
export const callKey = (k: { readonly source: string; readonly sourceCallId: string }) =>
  `${k.source}\0${k.sourceCallId}`;

function groupByCall(records: readonly CallRecordV1[]): CallGroup[] {
  const groups = new Map<string, CallGroup>();
  for (const record of records) {
    const key = callKey(record);
    const group = groups.get(key);
    if (group) group.deliveries.push(record);
    else groups.set(key, { source: record.source, sourceCallId: record.sourceCallId, deliveries: [record] });
  }
  return [...groups.values()];
}

export function createCallUpsert(deps: {
  database: Database;
  crypto: CallCrypto;
  partitions: PartitionMonths;
}): Pick<CallsService, 'upsertRecords' | 'upsertWithin' | 'existingIds'> {
  const { database, crypto, partitions } = deps;

  async function writeBatch(
    trx: Transaction<CallsTables>,
    ctx: RequestContext,
    groups: readonly CallGroup[],
    options: UpsertOptions,
  ): Promise<UpsertOutcome[]> {
    const tenantId = ctx.tenantId;
    // Every writer claims keys in the same order, so two batches of overlapping calls wait for
    // each other instead of deadlocking (a deadlock that still happens is retried).
    const byKey = (a: CallKeyRef, b: CallKeyRef) =>
      callKey(a) < callKey(b) ? -1 : callKey(a) > callKey(b) ? 1 : 0;
    const sorted = [...groups].sort(byKey);
    const storedKeys = new Map((await lockCallKeys(trx, sorted)).map((row) => [callKey(row), row]));

    // A delivery identical to what is stored changes nothing; any other is merged into the stored
    // record, which is read and decrypted only for those calls.
    const writer = await crypto.writer(tenantId);
    const differs = (group: CallGroup, stored: Selectable<CallKeysTable>) =>
      callConnectors[group.source].mergeStrategy === 'merge-legs' ||
      group.deliveries.some((d) => !writer.digest(normalisedPart(d)).equals(stored.contentDigest));
    const toMerge = sorted.flatMap((g) => {
      const stored = storedKeys.get(callKey(g));
      return stored && differs(g, stored) ? [{ startedAt: stored.startedAt, id: stored.id }] : [];
    });
    const merging = new Set(toMerge.map((location) => location.id));
    const storedRows = await storedRecordCiphertexts(trx, toMerge);
    const storedCalls = new Map(
      await Promise.all(
        storedRows.map(
          async (row) =>
            [
              row.id,
              {
                call: await crypto.decryptRecord(tenantId, row.id, row.recordCiphertext),
                platform: {
                  rawObjectKey: row.rawObjectKey,
                  rawSha256: row.rawSha256,
                  ingestedAt: row.ingestedAt.toISOString(),
                },
              },
            ] as const,
        ),
      ),
    );

    // Where each raw archived in a segment sits, by logical key: the stored rows' (a fold may keep
    // the stored raw) and the deliveries' (as archiving them answered: options.rawSegments).
    const segments = new Map<string, ArchiveSegmentRef>();
    for (const row of storedRows) {
      const segment = segmentOfRow(row);
      if (segment) segments.set(row.rawObjectKey, segment);
    }
    for (const [key, segment] of options.rawSegments ?? []) segments.set(key, segment);

    const outcomes: UpsertOutcome[] = [];
    const created: CallRows[] = [];
    const updated: CallRows[] = [];
    const moved: CallLocation[] = [];
    for (const group of groups) {
      const storedKey = storedKeys.get(callKey(group));
      const base = { source: group.source, sourceCallId: group.sourceCallId };
      if (storedKey && !merging.has(storedKey.id)) {
        outcomes.push({ ...base, status: 'unchanged', id: toPublicId('call', storedKey.id), record: null });
        continue;
      }
      const storedCall = storedKey && storedCalls.get(storedKey.id);
      const stored: StoredCall | undefined = storedKey && {
        id: toPublicId('call', storedKey.id),
        sourceVersion: decodeSourceVersion(storedKey.sourceVersion),
        call: storedCall?.call,
        platform: storedCall?.platform,
      };
      const next = foldDeliveries(
        stored,
        group.deliveries,
        callConnectors[group.source],
        options.connectorOptions,
      );
      if (!next) continue;
      const digest = writer.digest(normalisedPart(next));
      if (storedKey?.contentDigest.equals(digest)) {
        outcomes.push({ ...base, status: 'unchanged', id: next.id, record: null });
        continue;
      }
      const rows = buildCallRows(writer, next, digest, segments.get(next.rawObjectKey));
      if (storedKey) {
        updated.push(rows);
        moved.push({ startedAt: storedKey.startedAt, id: storedKey.id });
      } else {
        created.push(rows);
      }
      outcomes.push({ ...base, status: storedKey ? 'updated' : 'created', id: next.id, record: next });
    }

    const claimed = await insertCallKeys(trx, created.map((r) => r.key).sort(byKey));
    if (claimed.length !== created.length) throw new KeyRaceError();
    await updateCallKeys(
      trx,
      updated.map((r) => r.key),
    );
    // The rollups change with the index, in this transaction: the replaced rows' contribution out, the new rows' in.
    await applyRollupDelta(trx, moved, -1);
    await deleteCallRows(trx, moved);
    const written = [...created, ...updated];
    await insertCallRows(trx, {
      records: written.map((r) => r.record),
      numbers: written.flatMap((r) => r.numbers),
      nameTerms: written.flatMap((r) => r.nameTerms),
    });
    await applyRollupDelta(
      trx,
      written.map((r) => ({ startedAt: r.key.startedAt, id: r.key.id })),
      1,
    );
    return outcomes;
  }

  const isRetryable = (error: unknown) =>
    error instanceof KeyRaceError || retryableCodes.has((error as { code?: string }).code ?? '');

  /** One batch in a transaction of its own, retried when concurrent writers of the same calls collide. */
  async function upsertBatch(
    ctx: RequestContext,
    groups: readonly CallGroup[],
    options: UpsertOptions,
  ): Promise<UpsertOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await database.withTenant<CallsTables, UpsertOutcome[]>(ctx, (trx) =>
          writeBatch(trx, ctx, groups, options),
        );
      } catch (error) {
        if (!isRetryable(error)) throw error;
        if (attempt >= maxAttempts) throw CallsErrors.contention(error);
      }
    }
  }

  /** Checks the records, creates their months' partitions (on a connection of its own) and loads the tenant's keys. */
  async function prepare(ctx: RequestContext, records: readonly CallRecordV1[]): Promise<CallGroup[]> {
    for (const record of records) {
      if (record.tenantId !== ctx.tenantId) throw CallsErrors.tenantMismatch(record.id);
      callUuid(record.id);
    }
    await partitions.ensureFor(records.map((r) => r.startedAt));
    await crypto.writer(ctx.tenantId);
    return groupByCall(records);
  }

  const batchesOf = (groups: readonly CallGroup[], options: UpsertOptions) => {
    const size = Math.max(1, options.batchSize ?? defaultBatchSize);
    return Array.from({ length: Math.ceil(groups.length / size) }, (_, i) =>
      groups.slice(i * size, (i + 1) * size),
    );
  };

  function summarise(outcomes: UpsertOutcome[]): UpsertResult {
    const count = (status: UpsertOutcome['status']) => outcomes.filter((o) => o.status === status).length;
    return { outcomes, created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
  }

  return {
    async upsertRecords(
      ctx: RequestContext,
      records: readonly CallRecordV1[],
      options: UpsertOptions = {},
    ): Promise<UpsertResult> {
      const outcomes: UpsertOutcome[] = [];
      for (const batch of batchesOf(await prepare(ctx, records), options))
        outcomes.push(...(await upsertBatch(ctx, batch, options)));
      return summarise(outcomes);
    },

    /*
     * Inside the caller's tenant transaction, so the index, the quarantine, the outbox event and the
     * inbox mark of one payload commit together. No retry here: a collision with a concurrent
     * writer aborts the caller's transaction with a transient error, and the bus redelivers.
     */
    async upsertWithin(
      trx: UnitOfWork,
      ctx: RequestContext,
      records: readonly CallRecordV1[],
      options: UpsertOptions = {},
    ): Promise<UpsertResult> {
      const calls = trx.withTables<CallsTables>();
      const outcomes: UpsertOutcome[] = [];
      try {
        for (const batch of batchesOf(await prepare(ctx, records), options))
          outcomes.push(...(await writeBatch(calls, ctx, batch, options)));
      } catch (error) {
        throw isRetryable(error) ? CallsErrors.contention(error) : error;
      }
      return summarise(outcomes);
    },

    async existingIds(
      ctx: RequestContext,
      keys: readonly { source: string; sourceCallId: string }[],
    ): Promise<Map<string, string>> {
      // A key of a source the index does not know cannot be stored.
      const known = keys.flatMap((k) =>
        isCallSource(k.source) ? [{ source: k.source, sourceCallId: k.sourceCallId }] : [],
      );
      if (known.length === 0) return new Map();
      const rows = await database.withTenant<
        CallsTables,
        { source: string; sourceCallId: string; id: string }[]
      >(ctx, (trx) => findCallIds(trx, known));
      return new Map(rows.map((row) => [callKey(row), row.id]));
    },
  };
}
