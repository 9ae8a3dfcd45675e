import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { CatalogTables, CatalogTransaction } from '../db/catalog.tables.js';
import type { ProductImportState } from '../db/products.tables.js';
import type { CacheKeys, CatalogCache } from './catalog.cache.js';
import type { Categories } from './categories.service.js';
import {
  headerProblems,
  productFromRow,
  ProductCsvError,
  readProductCsv,
  type CsvRejection,
} from './product-csv.js';
import type { Products } from './products.service.js';
import { ProductsErrors } from './products.errors.js';

/*
 * CSV product imports as background jobs. The upload is stored and its header checked before the
 * 202; the run then reads the rows in batches, each batch committing its products, rejections,
 * counts and the line it reached together (the checkpoint). A run that stops (crash, restart) is
 * taken over by the resume timer once its claim lapsed, from the checkpoint: no row counts twice.
 */

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const BATCH_ROWS = 200;
const CLAIM_SECONDS = 120;
const MAX_ATTEMPTS = 5;
const MAX_REJECTIONS_SHOWN = 1000;

export interface ProductImport {
  /** `imp_…` */
  readonly id: string;
  readonly state: ProductImportState;
  readonly rowsTotal: number;
  readonly rowsDone: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly failureReason: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly rejections: readonly CsvRejection[];
}

export function createProductImports(deps: {
  readonly database: Database;
  readonly objects: ObjectStore;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly products: Products;
  readonly categories: Categories;
  readonly cache: CatalogCache;
  readonly batchRows?: number;
}) {
  const { database, objects, audit, logger, products, categories, cache } = deps;
  const batchRows = deps.batchRows ?? BATCH_ROWS;
  const running = new Set<Promise<void>>();

  async function start(ctx: RequestContext, file: AsyncIterable<Buffer>): Promise<ProductImport> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of file) {
      size += chunk.length;
      if (size > MAX_IMPORT_BYTES) throw ProductsErrors.tooLarge('file', MAX_IMPORT_BYTES);
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.length === 0) throw ProductsErrors.invalidUpload([{ field: 'file', message: 'is empty' }]);
    if (bytes.subarray(0, 4096).includes(0))
      throw ProductsErrors.unsupportedImage('file', 'is not a CSV text file (it holds NUL bytes)');
    let rowsTotal: number;
    try {
      const csv = readProductCsv(bytes);
      const problems = headerProblems(csv.header);
      if (problems.length)
        throw ProductsErrors.invalid(
          problems.slice(0, 20).map((message) => ({ field: 'file', message: `header ${message}` })),
        );
      rowsTotal = csv.rows.length + csv.unreadable.length;
    } catch (error) {
      if (error instanceof ProductCsvError)
        throw ProductsErrors.invalid([{ field: 'file', message: error.message }]);
      throw error;
    }
    const id = newUuid();
    const objectKey = `${ctx.tenantId}/catalog/product-imports/${id}.csv`;
    await objects.put(objectKey, bytes, { contentType: 'text/csv', tenantId: ctx.tenantId });
    await database.withTenant<CatalogTables, void>(ctx, async (trx) => {
      await trx
        .insertInto('catalog.product_imports')
        .values({
          id,
          tenantId: ctx.tenantId,
          objectKey,
          sizeBytes: bytes.length,
          rowsTotal,
          createdBy: `${ctx.actor.type}:${ctx.actor.id}`,
          claimedUntil: null,
          failureReason: null,
          finishedAt: null,
        })
        .execute();
      await audit.append(trx, ctx, {
        action: 'catalog.product_import.started',
        target: { type: 'product_import', id: toPublicId('imp', id) },
        details: { bytes: bytes.length, rowsTotal },
      });
    });
    kick(ctx.tenantId, id);
    return get(ctx, toPublicId('imp', id));
  }

  function kick(tenantId: string, id: string) {
    const run = runImport(tenantId, id)
      .catch((error: unknown) => logger.error({ err: error, importId: id }, 'product import run failed'))
      .finally(() => running.delete(run));
    running.add(run);
  }

  async function runImport(tenantId: string, id: string): Promise<void> {
    const ctx = systemContext(tenantId, `product-import-${id}`, 'catalog.product-import');
    const job = await database.withTenant<
      CatalogTables,
      { objectKey: string; checkpointRow: number; attempts: number; createdBy: string } | undefined
    >(ctx, (trx) =>
      trx
        .updateTable('catalog.product_imports')
        .set((eb) => ({
          state: 'running',
          attempts: eb('attempts', '+', 1),
          claimedUntil: sql<Date>`now() + make_interval(secs => ${CLAIM_SECONDS})`,
        }))
        .where('id', '=', id)
        .where('state', 'in', ['queued', 'running'])
        .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', sql<Date>`now()`)]))
        .returning(['objectKey', 'checkpointRow', 'attempts', 'createdBy'])
        .executeTakeFirst(),
    );
    if (!job) return;
    const heartbeat = setInterval(
      () => {
        void database
          .withTenant<CatalogTables>(ctx, (trx) =>
            trx
              .updateTable('catalog.product_imports')
              .set({ claimedUntil: new Date(Date.now() + CLAIM_SECONDS * 1000) })
              .where('id', '=', id)
              .execute(),
          )
          .catch(() => undefined);
      },
      (CLAIM_SECONDS * 1000) / 3,
    );
    heartbeat.unref();
    const finish = (state: 'completed' | 'failed', reason: string | null) =>
      database.withTenant<CatalogTables, void>(ctx, async (trx) => {
        await trx
          .updateTable('catalog.product_imports')
          .set({ state, failureReason: reason, finishedAt: new Date(), claimedUntil: null })
          .where('id', '=', id)
          .execute();
        await audit.append(trx, ctx, {
          action: `catalog.product_import.${state}`,
          target: { type: 'product_import', id: toPublicId('imp', id) },
          details: reason ? { reason } : {},
        });
      });
    try {
      const object = await objects.get(job.objectKey);
      const chunks: Buffer[] = [];
      for await (const chunk of object.body as AsyncIterable<Buffer>) chunks.push(chunk);
      const csv = readProductCsv(Buffer.concat(chunks));
      // Unreadable records and rows in one order by line, so the checkpoint covers both.
      const items = [
        ...csv.rows.map((row) => ({ line: row.line, row })),
        ...csv.unreadable.map((rejection) => ({ line: rejection.row, rejection })),
      ].sort((a, b) => a.line - b.line);
      const pending = items.filter((item) => item.line > job.checkpointRow);
      for (let i = 0; i < pending.length; i += batchRows) {
        const batch = pending.slice(i, i + batchRows);
        const dropped: CacheKeys[] = [];
        await database.withTenant<CatalogTables, void>(ctx, async (trx) => {
          const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
          const rejections: CsvRejection[] = [];
          for (const item of batch) {
            if ('rejection' in item) {
              rejections.push(item.rejection);
              counts.rejected++;
              continue;
            }
            const parsed = productFromRow(csv.header, item.row);
            if ('rejections' in parsed) {
              rejections.push(...parsed.rejections);
              counts.rejected++;
              continue;
            }
            const categoryUuid = parsed.categoryPath
              ? await categories.ensurePath(trx, ctx, parsed.categoryPath)
              : null;
            const result = await products.upsertInBatch(
              trx,
              ctx,
              { ...parsed.product, categoryUuid },
              toPublicId('imp', id),
            );
            counts[result.outcome]++;
            if (result.keys) dropped.push(result.keys);
          }
          await insertRejections(trx, ctx.tenantId, id, rejections);
          await trx
            .updateTable('catalog.product_imports')
            .set((eb) => ({
              rowsDone: eb('rowsDone', '+', batch.length),
              created: eb('created', '+', counts.created),
              updated: eb('updated', '+', counts.updated),
              unchanged: eb('unchanged', '+', counts.unchanged),
              rejected: eb('rejected', '+', counts.rejected),
              checkpointRow: batch.at(-1)?.line ?? job.checkpointRow,
              claimedUntil: sql<Date>`now() + make_interval(secs => ${CLAIM_SECONDS})`,
            }))
            .where('id', '=', id)
            .execute();
        });
        for (const keys of dropped) await cache.drop(keys);
      }
      await finish('completed', null);
      await objects
        .delete(job.objectKey, { reason: `product import ${id} completed` })
        .catch(() => undefined);
    } catch (error) {
      if (error instanceof ProductCsvError) {
        await finish('failed', error.message);
        return;
      }
      if (job.attempts >= MAX_ATTEMPTS) {
        await finish(
          'failed',
          `the import stopped ${MAX_ATTEMPTS} times; last error: ${(error as Error).message.slice(0, 200)}`,
        );
        return;
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function insertRejections(
    trx: CatalogTransaction,
    tenantId: string,
    importId: string,
    rows: readonly CsvRejection[],
  ) {
    if (rows.length === 0) return;
    // One rejection per line and field (the first reason).
    const unique = new Map(rows.map((r) => [`${r.row}:${r.field}`, r]));
    await trx
      .insertInto('catalog.product_import_rejections')
      .values(
        [...unique.values()].map((r) => ({
          tenantId,
          importId,
          rowNumber: r.row,
          field: r.field.slice(0, 100),
          reason: r.reason.slice(0, 500),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async function get(ctx: RequestContext, importId: string): Promise<ProductImport> {
    const uuid = fromPublicId('imp', importId);
    if (!uuid) throw ProductsErrors.importNotFound();
    const found = await database.withTenant<CatalogTables, ProductImport | undefined>(ctx, async (trx) => {
      const row = await trx
        .selectFrom('catalog.product_imports')
        .selectAll()
        .where('id', '=', uuid)
        .executeTakeFirst();
      if (!row) return undefined;
      const rejections = await trx
        .selectFrom('catalog.product_import_rejections')
        .select(['rowNumber', 'field', 'reason'])
        .where('importId', '=', uuid)
        .orderBy('rowNumber')
        .orderBy('field')
        .limit(MAX_REJECTIONS_SHOWN)
        .execute();
      return {
        id: importId,
        state: row.state,
        rowsTotal: row.rowsTotal,
        rowsDone: row.rowsDone,
        created: row.created,
        updated: row.updated,
        unchanged: row.unchanged,
        rejected: row.rejected,
        failureReason: row.failureReason,
        createdAt: row.createdAt,
        finishedAt: row.finishedAt,
        rejections: rejections.map((r) => ({ row: r.rowNumber, field: r.field, reason: r.reason })),
      };
    });
    if (!found) throw ProductsErrors.importNotFound();
    return found;
  }

  async function resumeStalled(): Promise<number> {
    // Across tenants on the owner connection: only ids are read; each run then works in its tenant.
    const { rows } = await sql<{ id: string; tenantId: string }>`
      select id, tenant_id as "tenantId" from catalog.product_imports
       where state in ('queued', 'running')
         and (claimed_until < now() or (claimed_until is null and created_at < now() - interval '1 minute'))
       order by created_at limit 20`.execute(database.owner);
    for (const row of rows) kick(row.tenantId, row.id);
    return rows.length;
  }

  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  return { start, get, resumeStalled, idle };
}

export type ProductImports = ReturnType<typeof createProductImports>;
