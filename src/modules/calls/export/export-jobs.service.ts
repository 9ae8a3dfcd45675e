import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AuditLog } from '../../../platform/audit/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { CallExportJob, CallExportJobs, CallFilters, ExportStatus } from '../contract.js';
import { CallsErrors } from '../errors.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { createExportPages } from './call-export.service.js';
import { resolveFilters } from '../query/call-filters.js';
import { exportMediaTypes } from './export-formats.js';
import {
  cancelExport,
  claimExport,
  expiredExports,
  failExport,
  findExport,
  finishExport,
  insertExport,
  listExports,
  markExpired,
  notifyExportsChanged,
  recordProgress,
  staleQueuedExports,
  type ExportRow,
  type ExportsTables,
} from './export-jobs.repo.js';

export interface ExportJobsSettings {
  /** How long a finished export's file is kept (SWITCHBOARD_EXPORT_RETENTION_HOURS). */
  readonly retentionHours: number;
  /** How often a running export records its progress (and looks for a cancellation). */
  readonly progressEveryMs?: number;
  /** Attempts before an export that keeps being interrupted (a worker crash each time) fails for good. */
  readonly maxAttempts?: number;
  /** How long a download link works. */
  readonly linkSeconds?: number;
}

export interface ExportJobsDeps {
  readonly database: Database;
  readonly crypto: CallCrypto;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  /** Where files go: the store without created-object announcements (nothing listens for exports). */
  readonly objects: ObjectStore;
  readonly signUrl: (objectKey: string, expiresInSeconds: number) => Promise<string>;
  /** Starts the export's durable job, idempotently by export id; undefined where no workflows run (the CLI). */
  readonly startJob: ((input: ExportJobInput) => Promise<void>) | undefined;
  readonly logger: Logger;
  readonly settings: ExportJobsSettings;
}

export interface ExportJobInput {
  readonly tenantId: string;
  /** The export's UUID. */
  readonly exportId: string;
}

/** The writer stopped because the export is no longer running (cancelled meanwhile). */
class ExportStopped extends Error {
  constructor(readonly status: ExportStatus | undefined) {
    super(`export is ${status ?? 'gone'}`);
  }
}

const filtersAad = (id: string) => `calls.exports.filters:${id}`;

function fileNameOf(row: Pick<ExportRow, 'createdAt' | 'format'>): string {
  const stamp = row.createdAt.toISOString().slice(0, 19).replaceAll(':', '');
  return `calls-${stamp}.${exportMediaTypes[row.format].fileExtension}`;
}

/** Every attempt writes under its own key: a store is write-once, and a crashed attempt may have left a file. */
const objectPrefix = (tenantId: string, id: string) => `${tenantId}/exports/calls/${id}/`;

function serialiseFilters(filters: CallFilters): string {
  return JSON.stringify(filters);
}

function parseFilters(text: string): CallFilters {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const date = (value: unknown) => (typeof value === 'string' ? new Date(value) : undefined);
  return { ...(raw as CallFilters), from: date(raw.from), to: date(raw.to) };
}

/** Which filters were used, not their values: a number or a name is personal data (the audit entries). */
const usedFilters = (filters: CallFilters) =>
  Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);

/** What a user reads when an export failed: the problem's own words, or a reference to the logs. */
function failureText(error: unknown, reference: string): string {
  if (error instanceof AppError && error.kind !== 'internal') return error.message;
  return `The export stopped on an unexpected error (reference ${reference}); export again, or give the reference to your administrator.`;
}

export function createExportJobs(deps: ExportJobsDeps): CallExportJobs {
  const { database, crypto, keyring, audit, objects, logger } = deps;
  const progressEveryMs = deps.settings.progressEveryMs ?? 1_000;
  const maxAttempts = deps.settings.maxAttempts ?? 3;
  const linkSeconds = deps.settings.linkSeconds ?? 300;
  const renderPages = createExportPages({ database, crypto });

  async function toJob(row: ExportRow): Promise<CallExportJob> {
    const filters = parseFilters(
      (await keyring.decrypt(row.tenantId, row.filtersCiphertext, filtersAad(row.id))).toString('utf8'),
    );
    return {
      id: toPublicId('exp', row.id),
      format: row.format,
      filters,
      status: row.status,
      requestedBy: row.requestedBy,
      rows: row.rowsWritten,
      bytes: row.bytesWritten,
      fileName: fileNameOf(row),
      contentType: exportMediaTypes[row.format].contentType,
      attempts: row.attempts,
      error: row.error,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      expiresAt: row.expiresAt,
    };
  }

  const uuidOf = (id: string) => {
    const uuid = fromPublicId('exp', id);
    if (!uuid) throw CallsErrors.exportNotFound();
    return uuid;
  };

  async function load(ctx: RequestContext, id: string): Promise<ExportRow> {
    const uuid = uuidOf(id);
    const row = await database.withTenant<ExportsTables, ExportRow | undefined>(ctx, (trx) =>
      findExport(trx, uuid),
    );
    if (!row) throw CallsErrors.exportNotFound();
    return row;
  }

  async function start(input: ExportJobInput): Promise<void> {
    if (!deps.startJob) throw CallsErrors.exportsUnavailable();
    await deps.startJob(input);
  }

  async function run(tenantId: string, id: string): Promise<void> {
    const ctx = systemContext(tenantId, `export-${id}`, 'calls.export');
    const claimed = await database.withTenant<ExportsTables, ExportRow | undefined>(ctx, async (trx) => {
      const row = await claimExport(trx, id);
      if (row) await notifyExportsChanged(trx, tenantId);
      return row;
    });
    if (!claimed) return;
    const fail = async (message: string) =>
      database.withTenant<ExportsTables, void>(ctx, async (trx) => {
        await failExport(trx, id, message);
        await notifyExportsChanged(trx, tenantId);
      });
    if (claimed.attempts > maxAttempts) {
      await fail(
        `The export was interrupted ${maxAttempts} times (the worker running it stopped); export again.`,
      );
      return;
    }

    let rows = 0;
    let bytes = 0;
    let savedAt = Date.now();
    const saveProgress = async () => {
      savedAt = Date.now();
      const status = await database.withTenant<ExportsTables, ExportStatus | undefined>(ctx, async (trx) => {
        const now = await recordProgress(trx, id, { rows, bytes });
        await notifyExportsChanged(trx, tenantId);
        return now;
      });
      if (status !== 'running') throw new ExportStopped(status);
    };
    try {
      const filters = parseFilters(
        (await keyring.decrypt(tenantId, claimed.filtersCiphertext, filtersAad(id))).toString('utf8'),
      );
      const resolved = await resolveFilters(crypto, tenantId, filters);
      const format = claimed.format;
      async function* file(): AsyncGenerator<Buffer> {
        for await (const page of renderPages(ctx, resolved, format)) {
          const chunk = Buffer.from(page.text, 'utf8');
          rows += page.rows;
          bytes += chunk.length;
          yield chunk;
          if (Date.now() - savedAt >= progressEveryMs) await saveProgress();
        }
      }
      const key = `${objectPrefix(tenantId, id)}${claimed.attempts}/${fileNameOf(claimed)}`;
      // The store reads the stream as it uploads (multipart on S3 and Azure, a temporary file on
      // disk), encrypting under the tenant's key: the file is never whole in memory.
      const stored = await objects.put(key, Readable.from(file(), { objectMode: false }), {
        tenantId,
        contentType: exportMediaTypes[claimed.format].contentType,
      });
      const expiresAt = new Date(Date.now() + deps.settings.retentionHours * 3_600_000);
      const finished = await database.withTenant<ExportsTables, ExportRow | undefined>(ctx, async (trx) => {
        const row = await finishExport(trx, id, {
          rows,
          bytes,
          objectKey: key,
          sha256: stored.sha256,
          expiresAt,
        });
        await notifyExportsChanged(trx, tenantId);
        return row;
      });
      // Cancelled between the last chunk and now: the file is not wanted.
      if (!finished)
        await objects.delete(key, { reason: `export exp ${id} was cancelled` }).catch(() => undefined);
    } catch (error) {
      if (error instanceof ExportStopped) return;
      const reference = randomUUID();
      logger.error({ err: error, tenantId, exportId: id, reference, rows, bytes }, 'export failed');
      await fail(failureText(error, reference));
    }
  }

  return {
    async create(ctx, request) {
      const id = newUuid();
      const filtersCiphertext = await keyring.encrypt(
        ctx.tenantId,
        serialiseFilters(request.filters),
        filtersAad(id),
      );
      // The filters are checked before anything is stored: a bad one is the caller's 400, not a failed job.
      await resolveFilters(crypto, ctx.tenantId, request.filters);
      const row = await database.withTenant<ExportsTables, ExportRow>(ctx, async (trx) => {
        const inserted = await insertExport(trx, {
          id,
          tenantId: ctx.tenantId,
          requestedBy: ctx.actor.id,
          format: request.format,
          filtersCiphertext,
        });
        await audit.append(trx, ctx, {
          action: 'calls.export_requested',
          target: { type: 'export', id: toPublicId('exp', id) },
          details: { format: request.format, filters: usedFilters(request.filters) },
        });
        await notifyExportsChanged(trx, ctx.tenantId);
        return inserted;
      });
      // Started after the commit; were this to fail, the sweeper starts it (the start is idempotent by id).
      await start({ tenantId: ctx.tenantId, exportId: id }).catch((error: unknown) => {
        logger.warn({ err: error, exportId: id }, 'export job not started; the sweeper will start it');
      });
      return toJob(row);
    },

    async list(ctx, query) {
      const before = query.before === undefined ? undefined : uuidOf(query.before);
      const rows = await database.withTenant<ExportsTables, ExportRow[]>(ctx, (trx) =>
        listExports(trx, { limit: query.limit + 1, before }),
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: await Promise.all(page.map(toJob)),
        nextCursor: rows.length > query.limit && last ? toPublicId('exp', last.id) : null,
      };
    },

    async get(ctx, id) {
      return toJob(await load(ctx, id));
    },

    async cancel(ctx, id) {
      const uuid = uuidOf(id);
      const row = await database.withTenant<ExportsTables, ExportRow>(ctx, async (trx) => {
        const cancelled = await cancelExport(trx, uuid);
        if (!cancelled) {
          const existing = await findExport(trx, uuid);
          if (!existing) throw CallsErrors.exportNotFound();
          throw CallsErrors.exportFinished(existing.status);
        }
        await audit.append(trx, ctx, { action: 'calls.export_cancelled', target: { type: 'export', id } });
        await notifyExportsChanged(trx, ctx.tenantId);
        return cancelled;
      });
      return toJob(row);
    },

    async downloadLink(ctx, id) {
      const row = await load(ctx, id);
      if (row.status !== 'succeeded' || !row.objectKey) throw CallsErrors.exportNotReady(row.status);
      await audit.record(ctx, {
        action: 'calls.export_downloaded',
        target: { type: 'export', id },
        details: { format: row.format, rows: row.rowsWritten },
      });
      const url = await deps.signUrl(row.objectKey, linkSeconds);
      return { url, expiresAt: new Date(Date.now() + linkSeconds * 1000) };
    },

    run,

    async expire(now = new Date()) {
      let expired = 0;
      for (;;) {
        const due = await expiredExports(database.owner, now, 100);
        for (const item of due) {
          for await (const object of objects.list(objectPrefix(item.tenantId, item.id))) {
            await objects.delete(object.key, { reason: `retention: export exp ${item.id} expired` });
          }
          await markExpired(database.owner, item.id, item.tenantId);
          expired += 1;
        }
        if (due.length < 100) break;
      }
      // A job whose start was lost (the API process stopped right after the commit) starts now.
      for (const item of await staleQueuedExports(database.owner, new Date(now.getTime() - 120_000), 100)) {
        await start({ tenantId: item.tenantId, exportId: item.id }).catch((error: unknown) => {
          logger.warn({ err: error, exportId: item.id }, 'export job not started');
        });
      }
      return expired;
    },
  };
}
