import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { Workflows, WorkflowRef } from '../../../platform/jobs/index.js';
import { fromDecimalString, isCurrency } from '../../../platform/money.js';
import type { ModuleSecrets } from '../../../platform/module.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { ErpSyncReport } from '../contract.js';
import type { CatalogTables, CatalogTransaction } from '../db/catalog.tables.js';
import type { ErpSyncsTable } from '../db/inventory.tables.js';
import { erpSyncFinishedV1, productChangedV1 } from '../events.js';
import { setOnHandFromErp } from '../inventory/inventory.repo.js';
import type { ErpClients, ErpInventoryChange, ErpProductItem } from './erp.client.js';

/*
 * The ERP sync as a durable job: a report row per run holds the cursor (the modified-since
 * watermark it started from, the last page done, the newest ModifiedAt seen). Each page is one
 * workflow step and one transaction: its items and the report's counts commit together, so a run
 * killed between pages resumes after the last page done, and a failed page leaves nothing of itself.
 */

export type SyncKind = 'inventory' | 'products';
type Rejection = { item: string; field: string; reason: string };
type SyncRow = Omit<
  ErpSyncsTable,
  'state' | 'startedAt' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'rejections' | 'page'
> & {
  state: 'running' | 'succeeded' | 'failed';
  startedAt: Date;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: Rejection[];
  page: number;
};

export const USERNAME_SECRET = 'catalog.erp.username';
export const PASSWORD_SECRET = 'catalog.erp.password';
const MAX_REJECTIONS = 1000;

export interface ErpConnectionView {
  readonly endpoint: string | null;
  readonly enabled: boolean;
  readonly intervalMinutes: number;
  readonly auth: 'ws_security' | 'basic';
  /** ERP warehouse id → `loc_…`. */
  readonly locationMap: Record<string, string>;
  readonly hasCredentials: boolean;
  readonly lastInventorySync: ErpSyncReport | null;
  readonly lastProductsSync: ErpSyncReport | null;
  readonly circuit: 'closed' | 'open' | 'half_open';
  /** When a sync last recorded `circuit` (null: no sync has run, so the circuit was never tried). */
  readonly circuitAt: Date | null;
}

export interface ErpConnectionInput {
  readonly endpoint: string;
  readonly enabled: boolean;
  readonly intervalMinutes: number;
  readonly locationMap: Record<string, string>;
  readonly auth?: 'ws_security' | 'basic' | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

export const ErpErrors = {
  notConfigured: () =>
    new AppError(
      'CATALOG_ERP_NOT_CONFIGURED',
      'conflict',
      'No ERP connection is configured for this tenant.',
    ),
  syncNotFound: () => new AppError('CATALOG_ERP_SYNC_NOT_FOUND', 'not_found', 'The ERP sync was not found.'),
  unknownLocation: (warehouse: string) =>
    new AppError('VALIDATION_FAILED', 'invalid_input', 'The request is not valid.', {
      fields: [{ field: `body.locationMap.${warehouse}`, message: 'is not a location of this tenant' }],
    }),
} as const;

const reportOf = (row: SyncRow): ErpSyncReport => ({
  id: toPublicId('erpsync', row.id),
  kind: row.kind,
  state: row.state,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
  created: row.created,
  updated: row.updated,
  unchanged: row.unchanged,
  rejected: row.rejected,
  rejections: row.rejections,
  cursor: row.cursor,
  error: row.error,
});

const statusOf = (status: string | null): 'active' | 'draft' | 'archived' | undefined => {
  switch ((status ?? 'active').trim().toLowerCase()) {
    case 'active':
    case 'released':
      return 'active';
    case 'inactive':
    case 'blocked':
    case 'draft':
      return 'draft';
    case 'discontinued':
    case 'archived':
      return 'archived';
    default:
      return undefined;
  }
};

const laterOf = (a: string | null, b: string | null) => {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
};

export interface ErpSyncInput {
  readonly tenantId: string;
  readonly syncId: string;
}

export function createErpSync(deps: {
  readonly database: Database;
  readonly bus: Bus;
  readonly audit: AuditLog;
  readonly secrets: Pick<ModuleSecrets, 'read' | 'put'>;
  readonly logger: Logger;
  readonly workflows: Workflows | undefined;
  readonly clients: ErpClients;
  readonly pageSize?: number;
}) {
  const { database, bus, audit, secrets, logger, clients } = deps;
  const pageSize = deps.pageSize ?? 200;
  const tx = <T>(ctx: Pick<RequestContext, 'tenantId'>, fn: (trx: CatalogTransaction) => Promise<T>) =>
    database.withTenant<CatalogTables, T>(ctx, fn);
  const ctxOf = (input: ErpSyncInput) => systemContext(input.tenantId, input.syncId, 'catalog.erp-sync');
  const inline = new Set<Promise<unknown>>();

  const loadSync = (trx: CatalogTransaction, id: string) =>
    trx.selectFrom('catalog.erp_syncs').selectAll().where('id', '=', id).executeTakeFirst() as Promise<
      SyncRow | undefined
    >;

  async function clientFor(ctx: RequestContext) {
    const connection = await tx(ctx, (trx) =>
      trx.selectFrom('catalog.erp_connections').selectAll().executeTakeFirst(),
    );
    if (!connection) throw ErpErrors.notConfigured();
    const [username, password] = await Promise.all([
      secrets.read(ctx, USERNAME_SECRET),
      secrets.read(ctx, PASSWORD_SECRET),
    ]);
    const auth = (connection as { auth?: 'ws_security' | 'basic' }).auth ?? 'ws_security';
    return {
      connection,
      client: clients.forTenant(ctx.tenantId, { endpoint: connection.endpoint, username, password, auth }),
    };
  }

  async function applyInventory(
    trx: CatalogTransaction,
    ctx: RequestContext,
    items: readonly ErpInventoryChange[],
    locationMap: Record<string, string>,
    counts: { created: number; updated: number; unchanged: number },
    reject: (r: Rejection) => void,
  ) {
    const skus = [...new Set(items.map((i) => i.itemNumber).filter((s) => s.length > 0 && s.length <= 100))];
    const products = skus.length
      ? await trx.selectFrom('catalog.products').select(['id', 'sku']).where('sku', 'in', skus).execute()
      : [];
    const productOf = new Map(products.map((p) => [p.sku, p.id]));
    const locations = new Set(
      (await trx.selectFrom('catalog.locations').select('id').execute()).map((l) => l.id),
    );
    for (const item of items) {
      const name = item.itemNumber || '(none)';
      const locationId = item.warehouseId === null ? undefined : locationMap[item.warehouseId];
      if (!locationId || !locations.has(locationId)) {
        reject({ item: name, field: 'Warehouse', reason: `unknown warehouse '${item.warehouseId ?? ''}'` });
        continue;
      }
      const quantity = /^-?\d{1,9}(\.0*)?$/.test(item.quantityOnHand)
        ? Number.parseInt(item.quantityOnHand, 10)
        : undefined;
      if (quantity === undefined) {
        reject({
          item: name,
          field: 'QuantityOnHand',
          reason: `not a whole number: '${item.quantityOnHand.slice(0, 40)}'`,
        });
        continue;
      }
      if (quantity < 0) {
        reject({ item: name, field: 'QuantityOnHand', reason: `negative quantity ${quantity}` });
        continue;
      }
      const productId = productOf.get(item.itemNumber);
      if (!productId) {
        reject({ item: name, field: 'ItemNumber', reason: 'unknown SKU' });
        continue;
      }
      const modifiedAt =
        item.modifiedAt && !Number.isNaN(Date.parse(item.modifiedAt)) ? new Date(item.modifiedAt) : null;
      const result = await setOnHandFromErp(trx, bus, ctx, {
        productId,
        locationId,
        onHand: quantity,
        modifiedAt,
        reason: `ERP sync ${toPublicId('erpsync', ctx.requestId)}`,
      });
      if (result.outcome === 'below_reserved') {
        reject({
          item: name,
          field: 'QuantityOnHand',
          reason: `${quantity} is below the ${result.reserved} units reserved`,
        });
        continue;
      }
      counts[result.outcome] += 1;
      if (result.outcome !== 'unchanged')
        await bus.publish(trx, [
          {
            type: productChangedV1.type,
            tenantId: ctx.tenantId,
            key: productId,
            data: {
              productId: toPublicId('prod', productId),
              sku: item.itemNumber,
              change: 'inventory' as const,
            },
          },
        ]);
    }
  }

  async function applyProducts(
    trx: CatalogTransaction,
    ctx: RequestContext,
    items: readonly ErpProductItem[],
    counts: { created: number; updated: number; unchanged: number },
    reject: (r: Rejection) => void,
  ) {
    for (const item of items) {
      const name = item.itemNumber || '(none)';
      if (item.itemNumber.length < 1 || item.itemNumber.length > 100 || item.itemNumber.includes('\u0000')) {
        reject({
          item: name.slice(0, 100),
          field: 'ItemNumber',
          reason: 'missing or longer than 100 characters',
        });
        continue;
      }
      const title = (item.description ?? '').replaceAll('\u0000', '').trim();
      if (title.length < 1 || title.length > 300) {
        reject({ item: name, field: 'Description', reason: 'missing or longer than 300 characters' });
        continue;
      }
      const status = statusOf(item.status);
      if (!status) {
        reject({
          item: name,
          field: 'Status',
          reason: `unknown status '${(item.status ?? '').slice(0, 40)}'`,
        });
        continue;
      }
      const prices = new Map<string, number>();
      let bad: string | undefined;
      for (const price of item.prices) {
        const currency = price.currency.toUpperCase();
        const minor = isCurrency(currency) ? fromDecimalString(price.value, currency) : undefined;
        if (minor === undefined || minor < 0) {
          bad = `bad price '${price.value.slice(0, 40)}' ${price.currency.slice(0, 10)}`;
          break;
        }
        prices.set(currency, minor);
      }
      if (bad) {
        reject({ item: name, field: 'Prices', reason: bad });
        continue;
      }
      const existing = await trx
        .selectFrom('catalog.products')
        .select(['id', 'name', 'status'])
        .where('sku', '=', item.itemNumber)
        .forUpdate()
        .executeTakeFirst();
      let productId: string;
      let change: 'created' | 'updated' | undefined;
      if (!existing) {
        productId = newUuid();
        await trx
          .insertInto('catalog.products')
          .values({
            id: productId,
            tenantId: ctx.tenantId,
            sku: item.itemNumber,
            name: title,
            description: null,
            status,
            categoryId: null,
          })
          .execute();
        change = 'created';
      } else {
        productId = existing.id;
        const current = await trx
          .selectFrom('catalog.product_prices')
          .select(['currency', 'amountMinor'])
          .where('productId', '=', productId)
          .execute();
        const samePrices =
          current.length === prices.size && current.every((p) => prices.get(p.currency) === p.amountMinor);
        if (existing.name !== title || existing.status !== status || !samePrices) {
          await trx
            .updateTable('catalog.products')
            .set({ name: title, status, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
            .where('id', '=', productId)
            .execute();
          change = 'updated';
        }
      }
      if (change) {
        await trx.deleteFrom('catalog.product_prices').where('productId', '=', productId).execute();
        if (prices.size > 0)
          await trx
            .insertInto('catalog.product_prices')
            .values(
              [...prices].map(([currency, amountMinor]) => ({
                tenantId: ctx.tenantId,
                productId,
                currency,
                amountMinor,
              })),
            )
            .execute();
        await bus.publish(trx, [
          {
            type: productChangedV1.type,
            tenantId: ctx.tenantId,
            key: productId,
            data: { productId: toPublicId('prod', productId), sku: item.itemNumber, change },
          },
        ]);
        counts[change] += 1;
      } else counts.unchanged += 1;
    }
  }

  const runner = {
    /** One page: fetch it, apply it and advance the report in one transaction. Idempotent per page. */
    async page(input: ErpSyncInput, page: number): Promise<{ done: boolean }> {
      const ctx = ctxOf(input);
      const row = await tx(ctx, (trx) => loadSync(trx, input.syncId));
      if (!row || row.state !== 'running') return { done: true };
      if (row.page >= page) return { done: false };
      const { connection, client } = await clientFor(ctx);
      const result =
        row.kind === 'inventory'
          ? await client.getInventoryChanges({ modifiedSince: row.since, page, pageSize })
          : await client.getProductMaster({ modifiedSince: row.since, page, pageSize });
      await tx(ctx, async (trx) => {
        const locked = await trx
          .selectFrom('catalog.erp_syncs')
          .selectAll()
          .where('id', '=', input.syncId)
          .forUpdate()
          .executeTakeFirst();
        if (!locked || locked.state !== 'running' || locked.page >= page) return;
        const counts = { created: 0, updated: 0, unchanged: 0 };
        const rejections = [...locked.rejections];
        let rejected = 0;
        const reject = (r: Rejection) => {
          rejected += 1;
          if (rejections.length < MAX_REJECTIONS) rejections.push(r);
        };
        let cursor = locked.cursor;
        for (const item of result.items) cursor = laterOf(cursor, item.modifiedAt);
        if (row.kind === 'inventory')
          await applyInventory(
            trx,
            ctx,
            result.items as ErpInventoryChange[],
            connection.locationMap,
            counts,
            reject,
          );
        else await applyProducts(trx, ctx, result.items as ErpProductItem[], counts, reject);
        await trx
          .updateTable('catalog.erp_syncs')
          .set({
            page,
            cursor,
            created: locked.created + counts.created,
            updated: locked.updated + counts.updated,
            unchanged: locked.unchanged + counts.unchanged,
            rejected: locked.rejected + rejected,
            rejections: JSON.stringify(rejections) as unknown as Rejection[],
          })
          .where('id', '=', input.syncId)
          .execute();
      });
      return { done: !result.hasMore || result.items.length === 0 };
    },

    async finish(input: ErpSyncInput, state: 'succeeded' | 'failed', error: string | null): Promise<void> {
      const ctx = ctxOf(input);
      await tx(ctx, async (trx) => {
        const row = await trx
          .updateTable('catalog.erp_syncs')
          .set({ state, error: error?.slice(0, 2000) ?? null, finishedAt: sql<Date>`now()` })
          .where('id', '=', input.syncId)
          .where('state', '=', 'running')
          .returningAll()
          .executeTakeFirst();
        if (!row) return;
        // The breaker lives in this process; the connection's readers are elsewhere.
        await trx
          .updateTable('catalog.erp_connections')
          .set({ circuit: clients.circuit(ctx.tenantId), circuitAt: sql<Date>`now()` })
          .execute();
        await bus.publish(trx, [
          {
            type: erpSyncFinishedV1.type,
            tenantId: ctx.tenantId,
            key: row.id,
            data: {
              syncId: toPublicId('erpsync', row.id),
              kind: row.kind,
              state,
              created: row.created,
              updated: row.updated,
              unchanged: row.unchanged,
              rejected: row.rejected,
            },
          },
        ]);
      });
      if (error) logger.warn({ syncId: toPublicId('erpsync', input.syncId), err: error }, 'ERP sync failed');
    },
  };

  /** The whole run: page after page, then the final state (the workflow's body, or inline without workflows). */
  async function runAll(
    input: ErpSyncInput,
    step: <T>(name: string, fn: () => Promise<T>) => Promise<T>,
  ): Promise<'succeeded' | 'failed'> {
    try {
      for (let page = 1; ; page++) {
        const result = await step(`page-${page}`, () => runner.page(input, page));
        if (result.done) break;
      }
      await step('finish', () => runner.finish(input, 'succeeded', null));
      return 'succeeded';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await step('fail', () => runner.finish(input, 'failed', message));
      return 'failed';
    }
  }

  const workflow: WorkflowRef<ErpSyncInput, 'succeeded' | 'failed'> | undefined = deps.workflows?.define(
    'catalog.erp-sync',
    (wf, input: ErpSyncInput) => runAll(input, (name, fn) => wf.step(name, fn)),
  );

  return {
    runner,
    runAll,

    async start(ctx: RequestContext, kind: SyncKind): Promise<ErpSyncReport> {
      const { row, fresh } = await tx(ctx, async (trx) => {
        const connection = await trx
          .selectFrom('catalog.erp_connections')
          .select('tenantId')
          .executeTakeFirst();
        if (!connection) throw ErpErrors.notConfigured();
        const running = await trx
          .selectFrom('catalog.erp_syncs')
          .selectAll()
          .where('kind', '=', kind)
          .where('state', '=', 'running')
          .executeTakeFirst();
        if (running) return { row: running, fresh: false };
        const last = await trx
          .selectFrom('catalog.erp_syncs')
          .select('cursor')
          .where('kind', '=', kind)
          .where('state', '=', 'succeeded')
          .orderBy('startedAt', 'desc')
          .executeTakeFirst();
        const created = await trx
          .insertInto('catalog.erp_syncs')
          .values({
            id: newUuid(),
            tenantId: ctx.tenantId,
            kind,
            since: last?.cursor ?? null,
            cursor: last?.cursor ?? null,
            finishedAt: null,
            error: null,
          })
          .onConflict((oc) => oc.columns(['tenantId', 'kind']).where('state', '=', 'running').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!created)
          throw new AppError('CATALOG_ERP_SYNC_RUNNING', 'conflict', 'A sync of this kind is running.');
        await audit.append(trx, ctx, {
          action: 'catalog.erp.sync_started',
          target: { type: 'erp_sync', id: toPublicId('erpsync', created.id) },
          details: { kind },
        });
        return { row: created, fresh: true };
      });
      if (fresh) {
        const input = { tenantId: ctx.tenantId, syncId: row.id };
        if (deps.workflows && workflow) {
          await deps.workflows.start(workflow, input, { id: `catalog-erp-sync-${row.id}` });
        } else {
          const run = runAll(input, (_name, fn) => fn()).catch((error: unknown) =>
            logger.error({ err: error }, 'ERP sync crashed'),
          );
          inline.add(run);
          void run.finally(() => inline.delete(run));
        }
      }
      return reportOf(row);
    },

    /** Waits for the runs started inline (no workflows: CLI processes, tests). */
    async idle(): Promise<void> {
      while (inline.size > 0) await Promise.allSettled([...inline]);
    },

    async get(ctx: RequestContext, id: string): Promise<ErpSyncReport> {
      const uuid = fromPublicId('erpsync', id);
      if (!uuid) throw ErpErrors.syncNotFound();
      const row = await tx(ctx, (trx) => loadSync(trx, uuid));
      if (!row) throw ErpErrors.syncNotFound();
      return reportOf(row);
    },

    async list(ctx: RequestContext, kind: SyncKind | undefined, limit = 50): Promise<ErpSyncReport[]> {
      const rows = await tx(ctx, (trx) => {
        let q = trx.selectFrom('catalog.erp_syncs').selectAll();
        if (kind) q = q.where('kind', '=', kind);
        return q.orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
      });
      return (rows as SyncRow[]).map(reportOf);
    },

    async connection(ctx: RequestContext): Promise<ErpConnectionView> {
      const { row, last } = await tx(ctx, async (trx) => {
        const row = await trx.selectFrom('catalog.erp_connections').selectAll().executeTakeFirst();
        const last = async (kind: SyncKind) =>
          await trx
            .selectFrom('catalog.erp_syncs')
            .selectAll()
            .where('kind', '=', kind)
            .orderBy('startedAt', 'desc')
            .executeTakeFirst();
        return { row, last: { inventory: await last('inventory'), products: await last('products') } };
      });
      const username = await secrets.read(ctx, USERNAME_SECRET);
      return {
        endpoint: row?.endpoint ?? null,
        enabled: row?.enabled ?? false,
        intervalMinutes: row?.intervalMinutes ?? 60,
        auth: (row as { auth?: 'ws_security' | 'basic' } | undefined)?.auth ?? 'ws_security',
        locationMap: Object.fromEntries(
          Object.entries(row?.locationMap ?? {}).map(([warehouse, loc]) => [
            warehouse,
            toPublicId('loc', loc),
          ]),
        ),
        hasCredentials: username !== undefined && username !== '',
        lastInventorySync: last.inventory ? reportOf(last.inventory) : null,
        lastProductsSync: last.products ? reportOf(last.products) : null,
        // As the process that last ran a sync left it (each process has its own breaker).
        circuit: row?.circuit ?? 'closed',
        circuitAt: row?.circuitAt ?? null,
      };
    },

    async putConnection(ctx: RequestContext, input: ErpConnectionInput): Promise<ErpConnectionView> {
      const map: Record<string, string> = {};
      for (const [warehouse, loc] of Object.entries(input.locationMap)) {
        const uuid = fromPublicId('loc', loc);
        if (!uuid) throw ErpErrors.unknownLocation(warehouse);
        map[warehouse] = uuid;
      }
      await tx(ctx, async (trx) => {
        const known = new Set(
          (await trx.selectFrom('catalog.locations').select('id').execute()).map((l) => l.id),
        );
        for (const [warehouse, uuid] of Object.entries(map))
          if (!known.has(uuid)) throw ErpErrors.unknownLocation(warehouse);
        const values = {
          endpoint: input.endpoint,
          enabled: input.enabled,
          intervalMinutes: input.intervalMinutes,
          locationMap: JSON.stringify(map) as unknown as Record<string, string>,
          auth: input.auth ?? 'ws_security',
        };
        await trx
          .insertInto('catalog.erp_connections')
          .values({ tenantId: ctx.tenantId, ...values })
          .onConflict((oc) => oc.column('tenantId').doUpdateSet({ ...values, updatedAt: sql<Date>`now()` }))
          .execute();
        await audit.append(trx, ctx, {
          action: 'catalog.erp.connection_changed',
          target: { type: 'erp_connection', id: 'erp' },
          details: {
            endpoint: input.endpoint.slice(0, 300),
            enabled: input.enabled,
            intervalMinutes: input.intervalMinutes,
            warehouses: Object.keys(map).length,
            credentialsChanged: input.username !== undefined || input.password !== undefined,
          },
        });
      });
      if (input.username !== undefined) await secrets.put(ctx, USERNAME_SECRET, input.username);
      if (input.password !== undefined) await secrets.put(ctx, PASSWORD_SECRET, input.password);
      return this.connection(ctx);
    },

    /** The timer: every enabled tenant's syncs whose interval has passed since their last start. */
    async runDue(now = new Date()): Promise<number> {
      const due = await sql<{ tenantId: string; kind: SyncKind }>`
        select c.tenant_id, k.kind
        from catalog.erp_connections c
        cross join (values ('inventory'), ('products')) as k (kind)
        where c.enabled
          and not exists (
            select 1 from catalog.erp_syncs s
            where s.tenant_id = c.tenant_id and s.kind = k.kind
              and (s.state = 'running' or s.started_at > ${now}::timestamptz - make_interval(mins => c.interval_minutes)))
        limit 500`.execute(database.owner);
      let started = 0;
      for (const { tenantId, kind } of due.rows) {
        try {
          await this.start(systemContext(tenantId, newUuid(), 'catalog.erp-timer'), kind);
          started += 1;
        } catch (error) {
          logger.warn({ err: error, tenantId, kind }, 'could not start a due ERP sync');
        }
      }
      return started;
    },
  };
}

export type ErpSync = ReturnType<typeof createErpSync>;
