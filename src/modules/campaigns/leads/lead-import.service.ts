import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Insertable } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type {
  ColumnMappingsService,
  ImportPreview,
  LeadImport,
  LeadImportDetail,
  LeadImportsService,
} from '../contract.js';
import type {
  CampaignsTables,
  LeadImportRejectionsTable,
  LeadsTable,
  LeadStatusHistoryTable,
  SniffedType,
} from '../db/campaigns.tables.js';
import { CampaignsErrors } from '../errors.js';
import { leadImportFinishedV1, type LeadImportFinished } from '../events.js';
import { sealingAad, type CampaignsSealing, type TenantSealer } from '../sealing.js';
import type { VirusScanner } from './clamd.scan.js';
import {
  delimitedRecords,
  LeadFileError,
  peek,
  sniffLeadFile,
  type FileRecord,
  type Sniffed,
} from './lead-file.js';
import { checkXlsxArchive, defaultZipLimits, xlsxRecords, type ZipLimits } from './lead-xlsx.js';
import {
  columnMappingSchema,
  delimiterOf,
  resolveMapping,
  type ColumnMapping,
  type ResolvedMapping,
} from './lead-mapping.js';
import { leadFromRecord, type LeadCandidate } from './lead-row.js';
import {
  claimImport,
  findImport,
  findList,
  insertImport,
  insertLeads,
  insertRejections,
  insertStatusHistory,
  listImports,
  listRejections,
  recordBatch,
  stalledImports,
  updateImport,
  type LeadImportRow,
} from './leads.repo.js';

/*
 * Lead imports as jobs. The upload is sniffed, counted against the size limit and stored (sealed
 * under the tenant's key by the object store) before anything is answered; the job then runs in
 * the background of the process that took it: virus scan, then the rows in batches. Each batch
 * commits its leads, rejections, counts and the row it reached together, so a run that stops (a
 * crash, a restart) is resumed by the sweeper from that row and no row is counted twice.
 */

export interface LeadImportSettings {
  /** The largest file taken, in bytes. */
  readonly maxFileBytes: number;
  /** Rows committed together. */
  readonly batchRows: number;
  /** How long a run holds its job between batches before the sweeper may take it over. */
  readonly claimSeconds: number;
  /** clamd, when CLAMAV_URL is configured. */
  readonly scanner: VirusScanner | undefined;
  /** What an XLSX workbook (a ZIP archive) may hold before it is refused as a ZIP bomb. */
  readonly zipLimits: ZipLimits;
}

export const defaultImportSettings: LeadImportSettings = {
  maxFileBytes: 200 * 1024 * 1024,
  batchRows: 500,
  claimSeconds: 120,
  scanner: undefined,
  zipLimits: defaultZipLimits,
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Runs that fail for a reason other than the file (the database away) are retried this often. */
const MAX_ATTEMPTS = 5;

type Tables = CampaignsTables;

export function toLeadImport(row: LeadImportRow): LeadImport {
  return {
    id: toPublicId('limp', row.id),
    listId: toPublicId('list', row.listId),
    fileName: row.fileName,
    sniffedType: row.sniffedType,
    sizeBytes: Number(row.sizeBytes),
    state: row.state,
    rowsRead: row.rowsRead,
    rowsAccepted: row.rowsAccepted,
    rowsRejected: row.rowsRejected,
    rowsDuplicate: row.rowsDuplicate,
    scan: { result: row.scanResult, detail: row.scanDetail },
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export interface LeadImportDeps {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
  readonly objects: ObjectStore;
  readonly bus: Bus;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly mappings: ColumnMappingsService;
  readonly settings?: Partial<LeadImportSettings>;
}

export function createLeadImports(deps: LeadImportDeps): LeadImportsService {
  const { database, sealing, objects, bus, audit, logger } = deps;
  const settings: LeadImportSettings = { ...defaultImportSettings, ...deps.settings };
  const running = new Set<Promise<void>>();

  /** The list's uuid and default region, or 404 naming the field. */
  async function listOf(ctx: RequestContext, listId: string, field: string) {
    const uuid = fromPublicId('list', listId);
    const list = uuid
      ? await database.withTenant<Tables, Awaited<ReturnType<typeof findList>>>(ctx, (trx) =>
          findList(trx, uuid),
        )
      : undefined;
    if (!list) throw CampaignsErrors.listNotFound(field);
    return list;
  }

  /** Sniffs the head of an upload: 415 for what is no lead file, 422 for an empty one. */
  async function sniffUpload(file: AsyncIterable<Buffer>, mapping: ColumnMapping) {
    const { head, chunks } = await peek(file);
    const sniffed = sniffLeadFile(head, delimiterOf(mapping));
    if ('refused' in sniffed) {
      if (sniffed.refused.startsWith('is empty'))
        throw CampaignsErrors.unreadableFile('file', sniffed.refused);
      throw CampaignsErrors.unsupportedFile('file', sniffed.refused);
    }
    return { head, chunks, sniffed };
  }

  /** The mapping resolved against the first record of the file; 422/400 otherwise. */
  async function firstRecordOf(records: AsyncIterable<FileRecord>, mapping: ColumnMapping) {
    let first: string[] | undefined;
    for await (const record of records) {
      if ('record' in record) {
        first = record.record;
        break;
      }
    }
    if (!first) throw CampaignsErrors.unreadableFile('file', 'has no row that can be read');
    const resolved = resolveMapping(mapping, first);
    if (!resolved.ok)
      throw CampaignsErrors.invalidImport(
        resolved.problems.map((p) => ({ field: `options.${p.field}`, message: p.message })),
      );
    return { first, resolved: resolved.resolved };
  }

  /**
   * The records of a stored lead file. An XLSX workbook is checked as a ZIP archive first (a bomb
   * throws LeadFileError naming the reason) and read from its sheet; delimited text as it streams.
   */
  async function storedRecords(
    objectKey: string,
    sniffed: Exclude<Sniffed, { refused: string }>,
    mapping: ColumnMapping,
  ): Promise<AsyncIterable<FileRecord>> {
    const open = async () => (await objects.get(objectKey)).body as AsyncIterable<Buffer>;
    if (sniffed.type === 'xlsx') {
      await checkXlsxArchive(open, settings.zipLimits);
      return xlsxRecords(await open(), mapping.sheet);
    }
    return delimitedRecords(await open(), sniffed);
  }

  /** Stores an upload under `objectKey`, counting its bytes against the limit and hashing them. */
  async function store(
    objectKey: string,
    tenantId: string,
    chunks: AsyncIterable<Buffer>,
    type: SniffedType,
  ) {
    const hash = createHash('sha256');
    const size = { bytes: 0 };
    await objects.put(objectKey, counted(chunks, hash, size), {
      contentType: type === 'xlsx' ? XLSX_TYPE : 'text/plain',
      tenantId,
    });
    return { bytes: size.bytes, sha256: hash.digest('hex') };
  }

  /**
   * An XLSX upload is stored before it is looked into (its central directory is at its end): the
   * archive is checked and the mapping resolved from the stored bytes, and a refused file is
   * deleted again. A LeadFileError becomes 422 naming `file`.
   */
  async function openStoredXlsx(
    objectKey: string,
    sniffed: Exclude<Sniffed, { refused: string }>,
    mapping: ColumnMapping,
  ) {
    try {
      return await firstRecordOf(await storedRecords(objectKey, sniffed, mapping), mapping);
    } catch (error) {
      await objects.delete(objectKey, { reason: 'a lead file refused on upload' }).catch(() => undefined);
      if (error instanceof LeadFileError) throw CampaignsErrors.unreadableFile('file', error.message);
      throw error;
    }
  }

  function counted(
    chunks: AsyncIterable<Buffer>,
    hash: ReturnType<typeof createHash>,
    size: { bytes: number },
  ) {
    return Readable.from(
      (async function* () {
        for await (const chunk of chunks) {
          size.bytes += chunk.length;
          if (size.bytes > settings.maxFileBytes)
            throw CampaignsErrors.fileTooLarge('file', settings.maxFileBytes);
          hash.update(chunk);
          yield chunk;
        }
      })(),
    );
  }

  function kick(tenantId: string, importUuid: string) {
    const run = runImport(tenantId, importUuid)
      .catch((error: unknown) => logger.error({ err: error, importId: importUuid }, 'lead import run failed'))
      .finally(() => running.delete(run));
    running.add(run);
  }

  async function runImport(tenantId: string, importUuid: string): Promise<void> {
    const ctx = systemContext(tenantId, `import-${importUuid}`, 'campaigns.lead-import');
    const job = await database.withTenant<Tables, LeadImportRow | undefined>(ctx, (trx) =>
      claimImport(trx, importUuid, settings.claimSeconds),
    );
    if (!job) return;
    // The claim is renewed while the run lives (a long virus scan, a slow batch), so the sweeper
    // takes over only a run that stopped.
    const heartbeat = setInterval(
      () => {
        void database
          .withTenant<Tables, void>(ctx, (trx) =>
            updateImport(trx, job.id, { claimedUntil: new Date(Date.now() + settings.claimSeconds * 1000) }),
          )
          .catch(() => undefined);
      },
      (settings.claimSeconds * 1000) / 3,
    );
    heartbeat.unref();
    try {
      await runClaimed(ctx, job);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function runClaimed(ctx: RequestContext, job: LeadImportRow): Promise<void> {
    const tenantId = ctx.tenantId;
    const finish = async (state: 'completed' | 'failed', failureReason: string | null) => {
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        await updateImport(trx, job.id, { state, failureReason, finishedAt: new Date(), claimedUntil: null });
        const done = await findImport(trx, job.id);
        const data: LeadImportFinished = {
          importId: toPublicId('limp', job.id),
          listId: toPublicId('list', job.listId),
          state,
          rowsAccepted: done?.rowsAccepted ?? 0,
          rowsRejected: done?.rowsRejected ?? 0,
        };
        await bus.publish(trx, [{ type: leadImportFinishedV1.type, tenantId, key: job.id, data }]);
      });
    };
    try {
      if (job.scanResult === null) {
        const verdict = settings.scanner
          ? await settings.scanner((await objects.get(job.objectKey)).body)
          : ({ result: 'not_configured' } as const);
        const detail =
          verdict.result === 'infected'
            ? verdict.signature
            : verdict.result === 'error'
              ? verdict.detail
              : null;
        await database.withTenant<Tables, void>(ctx, (trx) =>
          updateImport(trx, job.id, { scanResult: verdict.result, scanDetail: detail, state: 'importing' }),
        );
        if (verdict.result === 'infected') {
          // The verdict is recorded first; the file goes after, and a failed delete is logged, not
          // left to hold the import in `importing`.
          await finish('failed', `the virus scan found ${detail ?? 'malware'}: nothing was imported`);
          await objects
            .delete(job.objectKey, { reason: `lead import ${job.id}: virus found (${detail})` })
            .catch((error: unknown) =>
              logger.warn({ err: error, importId: job.id }, 'an infected lead file could not be deleted'),
            );
          return;
        }
        if (verdict.result === 'error') {
          // Fail closed: a file nobody could scan is not read.
          await finish(
            'failed',
            `the virus scan did not complete (${detail ?? 'error'}): nothing was imported`,
          );
          return;
        }
      }
      await importRows(ctx, job);
      await finish('completed', null);
      await objects
        .delete(job.objectKey, { reason: `lead import ${job.id} completed` })
        .catch(() => undefined);
    } catch (error) {
      if (error instanceof LeadFileError) {
        await finish('failed', error.message);
        return;
      }
      if (job.attempts >= MAX_ATTEMPTS) {
        await finish(
          'failed',
          `the import stopped ${MAX_ATTEMPTS} times; the last error: ${(error as Error).message.slice(0, 200)}`,
        );
        return;
      }
      // Let the claim lapse: the sweeper resumes from the checkpoint.
      throw error;
    }
  }

  async function importRows(ctx: RequestContext, job: LeadImportRow): Promise<void> {
    const mapping = columnMappingSchema.parse(job.mapping);
    const list = await database.withTenant<Tables, Awaited<ReturnType<typeof findList>>>(ctx, (trx) =>
      findList(trx, job.listId),
    );
    if (!list) throw new LeadFileError('the list was removed while the import ran');
    const defaultRegion = mapping.defaultRegion ?? list.defaultRegion ?? undefined;
    const { head } = await peek((await objects.get(job.objectKey)).body);
    const sniffed = sniffLeadFile(head, delimiterOf(mapping));
    if ('refused' in sniffed || sniffed.type !== job.sniffedType)
      throw new LeadFileError('the stored file can no longer be read');
    const sealer = await sealing.forTenant(ctx.tenantId);
    const actor = job.createdBy;
    let resolved: ResolvedMapping | undefined;
    let batch: FileRecord[] = [];
    for await (const record of await storedRecords(job.objectKey, sniffed, mapping)) {
      if (!resolved) {
        if (!('record' in record)) throw new LeadFileError('the first row of the file cannot be read');
        const outcome = resolveMapping(mapping, record.record);
        if (!outcome.ok)
          throw new LeadFileError(outcome.problems.map((p) => `${p.field} ${p.message}`).join('; '));
        resolved = outcome.resolved;
        if (resolved.headerSkipped) continue;
      }
      if (record.row <= job.checkpointRow) continue;
      batch.push(record);
      if (batch.length >= settings.batchRows) {
        await commitBatch(ctx, job, batch, resolved, defaultRegion, sealer, actor);
        batch = [];
      }
    }
    if (batch.length > 0 && resolved)
      await commitBatch(ctx, job, batch, resolved, defaultRegion, sealer, actor);
  }

  async function commitBatch(
    ctx: RequestContext,
    job: LeadImportRow,
    records: readonly FileRecord[],
    mapping: ResolvedMapping,
    defaultRegion: string | undefined,
    sealer: TenantSealer,
    actor: string,
  ): Promise<void> {
    const leads: Insertable<LeadsTable>[] = [];
    const rowOfIndex = new Map<string, number[]>();
    const rejections: Insertable<LeadImportRejectionsTable>[] = [];
    const reject = (row: number, field: string, reason: string) =>
      rejections.push({ tenantId: ctx.tenantId, importId: job.id, rowNumber: row, field, reason });
    for (const record of records) {
      if ('unreadable' in record) {
        reject(record.row, 'row', record.unreadable);
        continue;
      }
      const outcome = leadFromRecord(record.record, mapping, defaultRegion);
      if ('rejected' in outcome) {
        reject(record.row, outcome.rejected.field, outcome.rejected.reason);
        continue;
      }
      const row = sealedLead(ctx.tenantId, job, record.row, outcome.lead, sealer);
      const key = row.phoneIndex.toString('hex');
      rowOfIndex.set(key, [...(rowOfIndex.get(key) ?? []), record.row]);
      leads.push(row);
    }
    await database.withTenant<Tables, void>(ctx, async (trx) => {
      const inserted = await insertLeads(trx, leads);
      const insertedKeys = new Map(inserted.map((lead) => [lead.phoneIndex.toString('hex'), lead.id]));
      const history: Insertable<LeadStatusHistoryTable>[] = inserted.map((lead) => ({
        id: newUuid(),
        tenantId: ctx.tenantId,
        leadId: lead.id,
        fromStatus: null,
        toStatus: 'new',
        reason: `imported (${toPublicId('limp', job.id)})`,
        actor,
      }));
      let duplicate = 0;
      for (const [key, rows] of rowOfIndex) {
        // The first row of a number in the batch is the one inserted, unless the list had it already.
        const duplicates = insertedKeys.has(key) ? rows.slice(1) : rows;
        for (const row of duplicates) {
          duplicate++;
          reject(row, 'phone', 'is a duplicate: the list has a lead with this number');
        }
      }
      await insertStatusHistory(trx, history);
      await insertRejections(trx, rejections);
      const lastRow = records.at(-1)?.row ?? job.checkpointRow;
      await recordBatch(
        trx,
        job.id,
        { read: records.length, accepted: inserted.length, rejected: rejections.length, duplicate, lastRow },
        settings.claimSeconds,
      );
    });
  }

  function sealedLead(
    tenantId: string,
    job: LeadImportRow,
    row: number,
    lead: LeadCandidate,
    sealer: TenantSealer,
  ): Insertable<LeadsTable> {
    const id = newUuid();
    return {
      id,
      tenantId,
      listId: job.listId,
      phoneIndex: sealer.phoneIndex(lead.phone),
      phoneSealed: sealer.seal(lead.phone, sealingAad.phone(id)),
      emailIndex: lead.email ? sealer.emailIndex(lead.email) : null,
      emailSealed: lead.email ? sealer.seal(lead.email, sealingAad.email(id)) : null,
      personalSealed: sealer.seal(JSON.stringify(lead.personal), sealingAad.personal(id)),
      region: lead.region,
      subdivision: lead.subdivision,
      timeZone: lead.zones.zone,
      timeZoneCandidates: [...lead.zones.candidates],
      timeZoneSource: lead.zones.source,
      importId: job.id,
      sourceRow: row,
    };
  }

  return {
    async start(ctx, input) {
      const list = await listOf(ctx, input.listId, 'options.listId');
      const { head, chunks, sniffed } = await sniffUpload(input.file, input.mapping);
      const id = newUuid();
      const objectKey = `${ctx.tenantId}/campaigns/lead-imports/${id}`;
      const storedXlsx =
        sniffed.type === 'xlsx' ? await store(objectKey, ctx.tenantId, chunks, sniffed.type) : undefined;
      if (sniffed.type === 'xlsx') await openStoredXlsx(objectKey, sniffed, input.mapping);
      else await firstRecordOf(delimitedRecords([head], sniffed), input.mapping);
      // Saved once the mapping reads the file: a name already taken refuses the import before it stores anything.
      if (input.saveMappingAs)
        await deps.mappings
          .save(ctx, input.saveMappingAs, input.mapping, 'options.saveMappingAs')
          .catch(async (error: unknown) => {
            if (storedXlsx)
              await objects.delete(objectKey, { reason: 'lead import refused' }).catch(() => undefined);
            throw error;
          });
      const stored = storedXlsx ?? (await store(objectKey, ctx.tenantId, chunks, sniffed.type));
      const size = { bytes: stored.bytes };
      const row = await database.withTenant<Tables, LeadImportRow>(ctx, async (trx) => {
        const inserted = await insertImport(trx, {
          id,
          tenantId: ctx.tenantId,
          listId: list.id,
          fileName: input.fileName.slice(0, 255) || 'upload',
          sniffedType: sniffed.type,
          sizeBytes: size.bytes,
          sha256: stored.sha256,
          objectKey,
          mapping: input.mapping,
          state: 'queued',
          createdBy: `${ctx.actor.type}:${ctx.actor.id}`,
          scanResult: null,
          scanDetail: null,
          failureReason: null,
          claimedUntil: null,
          startedAt: null,
          finishedAt: null,
        });
        await audit.append(trx, ctx, {
          action: 'leads.import.started',
          target: { type: 'lead_import', id: toPublicId('limp', id) },
          details: { listId: toPublicId('list', list.id), sniffedType: sniffed.type, bytes: size.bytes },
        });
        return inserted;
      });
      kick(ctx.tenantId, id);
      return toLeadImport(row);
    },

    async preview(ctx, input) {
      const list = await listOf(ctx, input.listId, 'options.listId');
      const { head, chunks, sniffed } = await sniffUpload(input.file, input.mapping);
      const defaultRegion = input.mapping.defaultRegion ?? list.defaultRegion ?? undefined;
      // An XLSX preview is read from a stored copy (the archive is checked from its end), deleted after.
      const previewKey = `${ctx.tenantId}/campaigns/lead-previews/${newUuid()}`;
      if (sniffed.type === 'xlsx') await store(previewKey, ctx.tenantId, chunks, sniffed.type);
      try {
        const { first, resolved } =
          sniffed.type === 'xlsx'
            ? await openStoredXlsx(previewKey, sniffed, input.mapping)
            : await firstRecordOf(delimitedRecords([head], sniffed), input.mapping);
        const records =
          sniffed.type === 'xlsx'
            ? await storedRecords(previewKey, sniffed, input.mapping)
            : delimitedRecords(chunks, sniffed);
        const rows = await previewRows(records, resolved, defaultRegion, input.rows);
        return {
          sniffedType: sniffed.type,
          delimiter: sniffed.type === 'xlsx' ? null : sniffed.delimiter,
          header: resolved.headerSkipped ? first : null,
          rows,
        };
      } finally {
        if (sniffed.type === 'xlsx')
          await objects.delete(previewKey, { reason: 'lead import preview' }).catch(() => undefined);
      }
    },

    async get(ctx, importId, page = {}) {
      const uuid = fromPublicId('limp', importId);
      if (!uuid) throw CampaignsErrors.importNotFound();
      const limit = Math.min(Math.max(page.limit ?? 100, 1), 1000);
      const after = page.rejectionsAfter ?? 0;
      const found = await database.withTenant<
        Tables,
        { job: LeadImportRow; rejections: Awaited<ReturnType<typeof listRejections>> } | undefined
      >(ctx, async (trx) => {
        const job = await findImport(trx, uuid);
        if (!job) return undefined;
        return { job, rejections: await listRejections(trx, uuid, after, limit + 1) };
      });
      if (!found) throw CampaignsErrors.importNotFound();
      const more = found.rejections.length > limit;
      const rejections = found.rejections
        .slice(0, limit)
        .map((r) => ({ row: r.rowNumber, field: r.field, reason: r.reason }));
      const detail: LeadImportDetail = {
        ...toLeadImport(found.job),
        rejections,
        nextRejectionsAfter: more ? (rejections.at(-1)?.row ?? null) : null,
      };
      return detail;
    },

    async list(ctx) {
      const rows = await database.withTenant<Tables, LeadImportRow[]>(ctx, (trx) => listImports(trx, 200));
      return rows.map(toLeadImport);
    },

    async resumeStalled() {
      // Across tenants, so on the owner connection: only ids are read; each run then works in its tenant.
      const stalled = await stalledImports(database.owner, 20);
      for (const job of stalled) kick(job.tenantId, job.id);
      return stalled.length;
    },

    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** The first rows of a preview, each as the lead it would become or the reason it would not. */
async function previewRows(
  records: AsyncIterable<FileRecord>,
  resolved: ResolvedMapping,
  defaultRegion: string | undefined,
  limit: number,
): Promise<ImportPreview['rows'][number][]> {
  const rows: ImportPreview['rows'][number][] = [];
  let headerSeen = false;
  for await (const record of records) {
    // The header is the file's first readable record, wherever a sheet starts it.
    if (!headerSeen && 'record' in record) {
      headerSeen = true;
      if (resolved.headerSkipped) continue;
    }
    if (rows.length >= limit) break;
    if ('unreadable' in record) {
      rows.push({
        row: record.row,
        raw: [],
        lead: null,
        rejection: { field: 'row', reason: record.unreadable },
      });
      continue;
    }
    const outcome = leadFromRecord(record.record, resolved, defaultRegion);
    if ('rejected' in outcome) {
      rows.push({ row: record.row, raw: record.record, lead: null, rejection: outcome.rejected });
      continue;
    }
    const { custom, ...fields } = outcome.lead.personal;
    rows.push({
      row: record.row,
      raw: record.record,
      lead: {
        phone: outcome.lead.phone,
        region: outcome.lead.region,
        subdivision: outcome.lead.subdivision,
        timeZone: outcome.lead.zones.zone,
        timeZoneCandidates: outcome.lead.zones.candidates,
        email: outcome.lead.email,
        fields,
        customFields: custom,
      },
      rejection: null,
    });
  }
  return rows;
}
