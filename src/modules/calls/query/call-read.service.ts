import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { CallsService } from '../contract.js';
import { CallsErrors } from '../errors.js';
import { findCall, listCalls, type CallFullRow, type CallSummaryRow } from './call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { resolveFilters } from './call-filters.js';
import { toCallRecord, toCallSummary } from './call-views.js';

export interface CallReadDeps {
  readonly database: Database;
  readonly crypto: CallCrypto;
  readonly audit: AuditLog;
  /** Signed, short-lived URL of an archived raw payload (the object store's signer). */
  readonly signRawUrl: (objectKey: string) => Promise<string>;
}

export function createCallReads(deps: CallReadDeps): Pick<CallsService, 'list' | 'get'> {
  const { database, crypto, audit } = deps;
  return {
    async list(ctx, query) {
      const filters = await resolveFilters(crypto, ctx.tenantId, query.filters);
      // One row more than asked tells whether another page exists.
      const rows = await database.withTenant<CallsTables, CallSummaryRow[]>(ctx, (trx) =>
        listCalls(trx, filters, { limit: query.limit + 1, after: query.after, columns: 'summary' }),
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: await Promise.all(page.map((row) => toCallSummary(crypto, ctx.tenantId, row))),
        nextCursor: rows.length > query.limit && last ? { startedAt: last.startedAt, id: last.id } : null,
      };
    },

    async get(ctx, callId, options = {}) {
      const uuid = fromPublicId('call', callId);
      if (!uuid) throw CallsErrors.notFound();
      const row = await database.withTenant<CallsTables, CallFullRow | undefined>(ctx, (trx) => findCall(trx, uuid));
      if (!row) throw CallsErrors.notFound();
      const record = await toCallRecord(crypto, row);
      let url: string | null = null;
      if (options.includeRawUrl) {
        try {
          url = await deps.signRawUrl(row.rawObjectKey);
        } catch (error) {
          throw CallsErrors.rawUnavailable(error);
        }
        // Handing out the link is the access: record it before the caller gets it.
        await audit.record(ctx, { action: 'calls.raw_viewed', target: { type: 'call', id: record.id }, details: { source: record.source } });
      }
      return { record, raw: { objectKey: row.rawObjectKey, sha256: row.rawSha256, url } };
    },
  };
}
