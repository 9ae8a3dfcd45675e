import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import { EXACT_COUNT_CAP, type Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import { CALL_SOURCES } from '../call-record.js';
import type { CallsService, CallTotal } from '../contract.js';
import { CallsErrors } from '../errors.js';
import {
  callExists,
  countCalls,
  findCall,
  findCallByNumbersNear,
  findCallBySourceCallId,
  listCalls,
  type CallFullRow,
  type CallSummaryRow,
  type SortValues,
} from './call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { resolveFilters } from './call-filters.js';
import { toCallRecord, toCallSummary } from './call-views.js';
import { numberQueryTerm } from './search-terms.js';

/** How far apart a recording's start and its call's start may be for a match by number. */
const defaultToleranceSeconds = 120;

export interface CallReadDeps {
  readonly database: Database;
  readonly crypto: CallCrypto;
  readonly audit: AuditLog;
  /** Signed, short-lived URL of a call's opened raw payload (raw-payload.service.ts). */
  readonly signRawUrl: (ctx: RequestContext, callId: string) => Promise<string>;
}

export function createCallReads(deps: CallReadDeps): Pick<CallsService, 'list' | 'get' | 'matchRecording'> {
  const { database, crypto, audit } = deps;
  return {
    async list(ctx, query) {
      const filters = await resolveFilters(crypto, ctx.tenantId, query.filters);
      // One row more than asked tells whether another page exists. The count runs first: the page
      // changes planner settings for the rest of the transaction.
      const { rows, total } = await database.withTenant<
        CallsTables,
        { rows: (CallSummaryRow & SortValues)[]; total: CallTotal | undefined }
      >(ctx, async (trx) => {
        const total = query.withTotal ? await countCalls(trx, filters, EXACT_COUNT_CAP) : undefined;
        return {
          total,
          rows: await listCalls(trx, filters, {
            limit: query.limit + 1,
            after: query.after,
            columns: 'summary',
            order: query.sort,
          }),
        };
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const reader = await crypto.reader(
        ctx.tenantId,
        page.flatMap((row) =>
          row.agentCiphertext === null
            ? [row.partiesCiphertext]
            : [row.partiesCiphertext, row.agentCiphertext],
        ),
      );
      return {
        items: page.map((row) => toCallSummary(reader, row)),
        nextCursor:
          rows.length > query.limit && last
            ? {
                startedAt: last.startedAt,
                id: last.id,
                ...(query.sort?.key === 'duration' ? { duration: last.durationKey } : {}),
              }
            : null,
        total,
      };
    },

    async get(ctx, callId, options = {}) {
      const uuid = fromPublicId('call', callId);
      if (!uuid) throw CallsErrors.notFound();
      const row = await database.withTenant<CallsTables, CallFullRow | undefined>(ctx, (trx) =>
        findCall(trx, uuid),
      );
      if (!row) throw CallsErrors.notFound();
      const record = await toCallRecord(crypto, row);
      let url: string | null = null;
      if (options.includeRawUrl) {
        try {
          url = await deps.signRawUrl(ctx, record.id);
        } catch (error) {
          throw CallsErrors.rawUnavailable(error);
        }
        // Handing out the link is the access: record it before the caller gets it.
        await audit.record(ctx, {
          action: 'calls.raw_viewed',
          target: { type: 'call', id: record.id },
          details: { source: record.source },
        });
      }
      return { record, raw: { objectKey: row.rawObjectKey, sha256: row.rawSha256, url } };
    },

    async matchRecording(ctx, query) {
      if (query.callId !== undefined) {
        const uuid = fromPublicId('call', query.callId);
        if (!uuid) return null;
        const found = await database.withTenant<CallsTables, boolean>(ctx, (trx) => callExists(trx, uuid));
        return found ? { callId: toPublicId('call', uuid), link: 'given' } : null;
      }
      const terms = (query.numbers ?? []).flatMap((n) => numberQueryTerm(n) ?? []);
      const indexes = await Promise.all(
        terms.map((term) => crypto.blindIndex(ctx.tenantId, term.purpose, term.value)),
      );
      const at = query.startedAt;
      const tolerance = (query.toleranceSeconds ?? defaultToleranceSeconds) * 1000;
      return database.withTenant<CallsTables, Awaited<ReturnType<CallsService['matchRecording']>>>(
        ctx,
        async (trx) => {
          if (query.sourceCallId !== undefined) {
            const id = await findCallBySourceCallId(trx, query.sourceCallId, CALL_SOURCES, at);
            if (id) return { callId: toPublicId('call', id), link: 'source_call_id' };
          }
          if (at && indexes.length > 0) {
            const from = new Date(at.getTime() - tolerance);
            const to = new Date(at.getTime() + tolerance);
            const id = await findCallByNumbersNear(trx, indexes, at, from, to);
            if (id) return { callId: toPublicId('call', id), link: 'numbers_and_time' };
          }
          return null;
        },
      );
    },
  };
}
