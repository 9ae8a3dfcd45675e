import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import type {
  CallCursor,
  CallExport,
  CallFilters,
  CallsService,
  ExportFormat,
  VconExportAccess,
} from '../contract.js';
import { listCalls, type CallFullRow, type IndexFilters } from '../query/call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { resolveFilters } from '../query/call-filters.js';
import { toCallRecord } from '../query/call-views.js';
import { csvHeader, exportLine, exportMediaTypes } from './export-formats.js';
import { contributedVcons, type VconContributionRegistry } from './vcon-contributions.js';

const pageSize = 500;

/** Rendered pages of an export: the text of each page and how many calls it holds. */
export interface RenderedPage {
  readonly text: string;
  readonly rows: number;
}

/**
 * The calls matching the filters, rendered page by page in the format (a CSV header first):
 * memory stays flat whatever the size. Keyset pages, each read in a short transaction of its own,
 * so no export holds a snapshot or a connection for long.
 */
export function createExportPages(deps: {
  database: Database;
  crypto: CallCrypto;
  /** What other modules add to vCons; asked only when the export has a caller's access. */
  vconContributions?: VconContributionRegistry | undefined;
}) {
  const { database, crypto, vconContributions } = deps;
  return async function* renderPages(
    ctx: AuditContext,
    filters: IndexFilters,
    format: ExportFormat,
    vconAccess?: VconExportAccess,
  ): AsyncGenerator<RenderedPage> {
    if (format === 'csv') yield { text: csvHeader(), rows: 0 };
    let after: CallCursor | undefined;
    for (;;) {
      const rows = await database.withTenant<CallsTables, CallFullRow[]>(ctx, (trx) =>
        listCalls(trx, filters, { limit: pageSize, after, columns: 'full' }),
      );
      if (rows.length > 0) {
        const records = await Promise.all(rows.map((row) => toCallRecord(crypto, row)));
        const text =
          format === 'vcon' && vconAccess && vconContributions
            ? (await contributedVcons(vconContributions, ctx, vconAccess, records))
                .map((document) => `${JSON.stringify(document)}\n`)
                .join('')
            : records.map((record) => exportLine(format, record)).join('');
        yield { text, rows: rows.length };
      }
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      after = { startedAt: last.startedAt, id: last.id };
    }
  };
}

export function createCallExport(deps: {
  database: Database;
  crypto: CallCrypto;
  audit: AuditLog;
  vconContributions: VconContributionRegistry;
  /** The call with its record (calls.get). */
  readCall: CallsService['get'];
}) {
  const { crypto, audit } = deps;
  const renderPages = createExportPages(deps);

  /** One call's vCon with what the contributors add for the caller (audited once the call is found). */
  async function exportVcon(ctx: AuditContext, callId: string, access: VconExportAccess) {
    const { record } = await deps.readCall(ctx, callId);
    await audit.record(ctx, {
      action: 'calls.exported',
      target: { type: 'call', id: record.id },
      details: { format: 'vcon', media: access.media },
    });
    const [document] = await contributedVcons(deps.vconContributions, ctx, access, [record]);
    if (!document) throw new Error('a vCon export of one call rendered no document');
    return document;
  }

  async function exportCalls(
    ctx: AuditContext,
    filters: CallFilters,
    format: ExportFormat,
    options: { readonly vconAccess?: VconExportAccess | undefined } = {},
  ): Promise<CallExport> {
    const resolved = await resolveFilters(crypto, ctx.tenantId, filters);
    // Which filters were used, not their values: a number or a name is personal data.
    const used = Object.entries(filters)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name);
    await audit.record(ctx, { action: 'calls.exported', details: { format, filters: used } });
    // The first page is read and decrypted before this returns, so whatever can go wrong with the
    // request (a filter the database refuses, a tenant key that does not decrypt) is an error the
    // caller answers with a problem, before it sends a status line; only later pages can fail
    // once the answer has begun.
    const remaining = renderPages(ctx, resolved, format, options.vconAccess);
    let head = '';
    for (;;) {
      const next = await remaining.next();
      if (next.done) break;
      head += next.value.text;
      if (next.value.rows > 0) break;
    }
    async function* chunks(): AsyncGenerator<string> {
      try {
        if (head !== '') yield head;
        for await (const page of remaining) yield page.text;
      } finally {
        await remaining.return(undefined);
      }
    }
    return { ...exportMediaTypes[format], chunks: chunks() };
  }

  return { exportCalls, exportVcon };
}
