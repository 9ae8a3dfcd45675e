import type { Transaction } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { CallsService, NewQuarantinedPayload, QuarantinedPayload, QuarantineService } from '../contract.js';
import { CallsErrors } from '../errors.js';
import type { CallsTables } from '../repo/calls.tables.js';
import {
  findQuarantined,
  insertQuarantined,
  listQuarantined,
  markQuarantinedReplayed,
  recordReplayFailure,
  type QuarantineListRow,
  type QuarantineRow,
} from '../repo/quarantine.repo.js';
import type { CallCrypto } from './call-crypto.js';

function toPayload(row: QuarantineListRow): QuarantinedPayload {
  return {
    id: toPublicId('qua', row.id),
    source: row.source,
    reason: row.reason,
    rawObjectKey: row.rawObjectKey,
    rawSha256: row.rawSha256,
    rawBytes: row.rawBytes,
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
  upsertRecords: CallsService['upsertRecords'];
}): QuarantineService {
  const { database, crypto, audit } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: Transaction<CallsTables>) => Promise<T>) => database.withTenant<CallsTables, T>(ctx, fn);

  async function load(ctx: RequestContext, id: string): Promise<QuarantineRow> {
    const uuid = fromPublicId('qua', id);
    const row = uuid ? await inTenant(ctx, (trx) => findQuarantined(trx, uuid)) : undefined;
    if (!row) throw CallsErrors.quarantineNotFound();
    return row;
  }

  async function addIn(trx: Transaction<CallsTables>, ctx: RequestContext, payload: NewQuarantinedPayload): Promise<QuarantinedPayload> {
    const id = newUuid();
    const raw = payload.raw === undefined ? undefined : Buffer.from(payload.raw);
    const row = await insertQuarantined(trx, {
      id,
      tenantId: ctx.tenantId,
      source: payload.source,
      reason: payload.reason,
      rawCiphertext: raw ? await crypto.encryptRaw(ctx.tenantId, id, raw) : null,
      rawObjectKey: payload.rawObjectKey ?? null,
      rawSha256: payload.rawSha256 ?? null,
      rawBytes: raw?.length ?? null,
      receivedAt: payload.receivedAt,
      lastReplayError: null,
      replayedAt: null,
      replayedBy: null,
    });
    return toPayload(row);
  }

  const rawOf = (row: QuarantineRow) => (row.rawCiphertext === null ? null : crypto.decryptRaw(row.tenantId, row.id, row.rawCiphertext));

  return {
    add: (ctx, payload) => inTenant(ctx, (trx) => addIn(trx, ctx, payload)),
    addWithin: (trx, ctx, payload) => addIn(trx as unknown as Transaction<CallsTables>, ctx, payload),

    async list(ctx, query) {
      const rows = await inTenant(ctx, (trx) => listQuarantined(trx, { ...query, limit: query.limit + 1 }));
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toPayload),
        nextCursor: rows.length > query.limit && last ? { receivedAt: last.receivedAt, id: last.id } : null,
      };
    },

    async get(ctx, id) {
      return toPayload(await load(ctx, id));
    },

    async raw(ctx, id) {
      const row = await load(ctx, id);
      const raw = await rawOf(row);
      await audit.record(ctx, { action: 'calls.quarantine.raw_viewed', target: { type: 'quarantine', id }, details: { source: row.source } });
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
     * Parsing and upserting happen outside the quarantine row's transaction (the parse may fetch
     * from the archive, the upsert runs its own batches). A crash between the upsert and the mark
     * leaves the payload open; replaying it again is safe because the upsert is idempotent.
     */
    async replay(ctx, id, reparse) {
      const row = await load(ctx, id);
      if (row.status === 'replayed') throw CallsErrors.alreadyReplayed();
      const parsed = await reparse({ ...toPayload(row), raw: await rawOf(row) });
      if (!parsed.ok) {
        await inTenant(ctx, (trx) => recordReplayFailure(trx, row.id, parsed.reason));
        return { status: 'still_failing', reason: parsed.reason };
      }
      const upsert = await deps.upsertRecords(ctx, parsed.records);
      await inTenant(ctx, async (trx) => {
        const current = await findQuarantined(trx, row.id, { lock: true });
        if (current?.status === 'open') await markQuarantinedReplayed(trx, row.id, actorOf(ctx));
      });
      return { status: 'replayed', upsert };
    },
  };
}
