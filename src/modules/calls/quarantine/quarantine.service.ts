import type { Transaction } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database, UnitOfWork } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { CallRecordV1 } from '../call-record.js';
import type {
  ArchiveSegmentRef,
  CallsService,
  NewQuarantinedPayload,
  QuarantinedPayload,
  QuarantineService,
  UpsertResult,
} from '../contract.js';
import { CallsErrors } from '../errors.js';
import { categoryOf, type QuarantineCategory } from '../connectors/quarantine-reason.js';
import type { CallsTables } from '../db/calls.tables.js';
import {
  countQuarantinedByCategory,
  findQuarantined,
  insertQuarantined,
  listQuarantined,
  markQuarantinedReplayed,
  recordReplayFailure,
  type QuarantineListRow,
  type QuarantineRow,
} from './quarantine.repo.js';
import type { CallCrypto } from '../store/call-crypto.js';

function toPayload(row: QuarantineListRow): QuarantinedPayload {
  return {
    id: toPublicId('qua', row.id),
    source: row.source,
    reason: row.reason,
    category: categoryOf(row.category),
    field: row.field,
    rawObjectKey: row.rawObjectKey,
    rawSha256: row.rawSha256,
    rawBytes: row.rawBytes,
    options: row.options,
    receivedAt: row.receivedAt,
    status: row.status,
    replayAttempts: row.replayAttempts,
    lastReplayError: row.lastReplayError,
    replayedAt: row.replayedAt,
  };
}

const actorOf = (ctx: RequestContext) => `${ctx.actor.type}:${ctx.actor.id}`;

export function createQuarantineService(deps: {
  database: Database;
  crypto: CallCrypto;
  audit: AuditLog;
  /** Upserts inside the replay's transaction, so the calls, their announcement and the mark commit together. */
  upsertWithin: CallsService['upsertWithin'];
  /** Commits the archive objects of the replayed records in the same transaction (ingest's commitArchivedRecords). */
  commitArchived: (
    trx: UnitOfWork,
    ctx: RequestContext,
    archived: {
      readonly records: readonly CallRecordV1[];
      readonly rawSegments?: ReadonlyMap<string, ArchiveSegmentRef>;
    },
  ) => Promise<void>;
  /** Publishes calls.record.ingested.v1 for what the upsert changed, in the same transaction. */
  announce: (trx: UnitOfWork, ctx: RequestContext, upsert: UpsertResult) => Promise<void>;
}): QuarantineService {
  const { database, crypto, audit } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: Transaction<CallsTables>) => Promise<T>) =>
    database.withTenant<CallsTables, T>(ctx, fn);

  async function load(ctx: RequestContext, id: string): Promise<QuarantineRow> {
    const uuid = fromPublicId('qua', id);
    const row = uuid ? await inTenant(ctx, (trx) => findQuarantined(trx, uuid)) : undefined;
    if (!row) throw CallsErrors.quarantineNotFound();
    return row;
  }

  async function addIn(
    trx: Transaction<CallsTables>,
    ctx: RequestContext,
    payload: NewQuarantinedPayload,
  ): Promise<QuarantinedPayload> {
    const id = newUuid();
    const raw = payload.raw === undefined ? undefined : Buffer.from(payload.raw);
    const row = await insertQuarantined(trx, {
      id,
      tenantId: ctx.tenantId,
      source: payload.source,
      reason: payload.reason,
      category: payload.category ?? 'other',
      field: payload.field ?? null,
      rawCiphertext: raw ? await crypto.encryptRaw(ctx.tenantId, id, raw) : null,
      rawObjectKey: payload.rawObjectKey ?? null,
      rawSha256: payload.rawSha256 ?? null,
      rawBytes: raw?.length ?? null,
      options: JSON.stringify(payload.options ?? {}),
      receivedAt: payload.receivedAt,
      lastReplayError: null,
      replayedAt: null,
      replayedBy: null,
    });
    return toPayload(row);
  }

  const rawOf = (row: QuarantineRow) =>
    row.rawCiphertext === null ? null : crypto.decryptRaw(row.tenantId, row.id, row.rawCiphertext);

  return {
    add: (ctx, payload) => inTenant(ctx, (trx) => addIn(trx, ctx, payload)),
    addWithin: (work, ctx, payload) => addIn(work.withTables<CallsTables>(), ctx, payload),

    async list(ctx, query) {
      const rows = await inTenant(ctx, (trx) => listQuarantined(trx, { ...query, limit: query.limit + 1 }));
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toPayload),
        nextCursor: rows.length > query.limit && last ? { receivedAt: last.receivedAt, id: last.id } : null,
      };
    },

    async countByCategory(ctx, query = {}) {
      const rows = await inTenant(ctx, (trx) =>
        countQuarantinedByCategory(trx, { status: query.status ?? 'open', source: query.source }),
      );
      // A category this server does not know reads as 'other': fold such rows together.
      const counts = new Map<QuarantineCategory, number>();
      for (const row of rows) {
        const category = categoryOf(row.category);
        counts.set(category, (counts.get(category) ?? 0) + row.count);
      }
      return [...counts]
        .map(([category, count]) => ({ category, count }))
        .sort((x, y) => y.count - x.count || x.category.localeCompare(y.category));
    },

    async get(ctx, id) {
      return toPayload(await load(ctx, id));
    },

    async raw(ctx, id) {
      const row = await load(ctx, id);
      const raw = await rawOf(row);
      await audit.record(ctx, {
        action: 'calls.quarantine.raw_viewed',
        target: { type: 'quarantine', id },
        details: { source: row.source },
      });
      return raw;
    },

    async markReplayed(ctx, id) {
      const row = await load(ctx, id);
      if (row.status === 'replayed') throw CallsErrors.alreadyReplayed();
      const updated = await inTenant(ctx, (trx) => markQuarantinedReplayed(trx, row.id, actorOf(ctx)));
      if (!updated) throw CallsErrors.quarantineNotFound();
      return toPayload(updated);
    },

    /*
     * The parse runs first, outside any transaction (it may read the archive and writes the new
     * archive objects); then one transaction locks the item, upserts the calls, announces them
     * and marks the item replayed, so a crash leaves either all of that or none of it.
     */
    async replay(ctx, id, reparse) {
      const row = await load(ctx, id);
      if (row.status === 'replayed') throw CallsErrors.alreadyReplayed();
      const parsed = await reparse({ ...toPayload(row), raw: await rawOf(row) });
      if (!parsed.ok) {
        await inTenant(ctx, (trx) => recordReplayFailure(trx, row.id, parsed.reason));
        return { status: 'still_failing', reason: parsed.reason };
      }
      return database.withTenant(ctx, async (work: UnitOfWork) => {
        const trx = work.withTables<CallsTables>();
        const current = await findQuarantined(trx, row.id, { lock: true });
        // Another replay of the same item got there first.
        if (current?.status !== 'open') throw CallsErrors.alreadyReplayed();
        const upsert = await deps.upsertWithin(work, ctx, parsed.records, {
          connectorOptions: row.options,
          ...(parsed.rawSegments ? { rawSegments: parsed.rawSegments } : {}),
        });
        await deps.commitArchived(work, ctx, parsed);
        await deps.announce(work, ctx, upsert);
        await markQuarantinedReplayed(trx, row.id, actorOf(ctx));
        return { status: 'replayed' as const, upsert };
      });
    },
  };
}
