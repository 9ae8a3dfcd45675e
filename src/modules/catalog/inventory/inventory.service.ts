import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { decodeCursorFields, encodeCursorFields } from '../../../platform/http/list-query.js';
import type { InventoryLevel, InventoryService, Reservation, ReservationRequest } from '../contract.js';
import type { CatalogTables, CatalogTransaction } from '../db/catalog.tables.js';
import { CatalogErrors } from '../errors.js';
import { checkLowStock, publishInventoryChanged, recordMovement } from './inventory.repo.js';

export interface Location {
  /** `loc_…` */
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly createdAt: Date;
}

export interface InventoryLevelView extends InventoryLevel {
  /** The product's name. */
  readonly name: string;
}

export interface LevelChange {
  /** Sets on hand (≥ 0). */
  readonly onHand?: number | undefined;
  /** Adds to (or takes from) on hand. */
  readonly adjustBy?: number | undefined;
  readonly lowStockThreshold?: number | undefined;
  readonly reason: string;
}

export interface InventoryAdmin {
  listLocations(ctx: RequestContext): Promise<Location[]>;
  createLocation(
    ctx: RequestContext,
    input: { readonly code: string; readonly name: string },
  ): Promise<Location>;
  /** Sets or adjusts on hand (409 when it would fall below reserved) and the low-stock threshold. */
  setLevel(
    ctx: RequestContext,
    productId: string,
    locationId: string,
    change: LevelChange,
  ): Promise<InventoryLevelView>;
  listLevels(
    ctx: RequestContext,
    filter: {
      readonly productId?: string | undefined;
      readonly locationId?: string | undefined;
      readonly lowStock?: boolean | undefined;
      readonly limit: number;
      readonly cursor?: string | undefined;
    },
  ): Promise<{ items: InventoryLevelView[]; nextCursor: string | null }>;
}

export const InventoryErrors = {
  locationNotFound: () =>
    new AppError('CATALOG_LOCATION_NOT_FOUND', 'not_found', 'The location was not found.'),
  locationCodeTaken: () =>
    new AppError('CATALOG_LOCATION_CODE_TAKEN', 'conflict', 'A location with this code exists.', {
      fields: [{ field: 'body.code', message: 'is taken' }],
    }),
  belowReserved: (reserved: number) =>
    new AppError('CATALOG_BELOW_RESERVED', 'conflict', 'On hand would fall below what is reserved.', {
      detail: `${reserved} units are reserved at this location`,
      fields: [{ field: 'body.onHand', message: `must be at least ${reserved} (reserved)` }],
    }),
  reservationNotFound: () =>
    new AppError('CATALOG_RESERVATION_NOT_FOUND', 'not_found', 'The order holds no stock of that product.'),
} as const;

const uuidOf = (prefix: string, id: string, notFound: () => AppError) => {
  const uuid = fromPublicId(prefix, id);
  if (!uuid) throw notFound();
  return uuid;
};

type LevelRow = {
  productId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  lowStockThreshold: number;
  updatedAt: Date;
  sku: string;
  name: string;
};

const levelView = (row: LevelRow): InventoryLevelView => ({
  productId: toPublicId('prod', row.productId),
  sku: row.sku,
  name: row.name,
  locationId: toPublicId('loc', row.locationId),
  onHand: row.onHand,
  reserved: row.reserved,
  available: row.onHand - row.reserved,
  lowStockThreshold: row.lowStockThreshold,
  updatedAt: row.updatedAt,
});

type ReservationRow = {
  id: string;
  orderId: string;
  lineId: string;
  productId: string;
  locationId: string;
  quantity: number;
  state: 'held' | 'released' | 'consumed';
};

const reservationView = (row: ReservationRow): Reservation => ({
  id: toPublicId('res', row.id),
  orderId: row.orderId,
  lineId: row.lineId,
  productId: toPublicId('prod', row.productId),
  locationId: toPublicId('loc', row.locationId),
  quantity: row.quantity,
  state: row.state,
});

const reservationColumns = [
  'id',
  'orderId',
  'lineId',
  'productId',
  'locationId',
  'quantity',
  'state',
] as const;

/** Serialises the calls for one order (a replayed workflow step racing the first). */
const lockOrder = (trx: CatalogTransaction, ctx: RequestContext, orderId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`catalog.order:${ctx.tenantId}:${orderId}`}, 0))`.execute(
    trx,
  );

export function createInventory(deps: {
  readonly database: Database;
  readonly bus: Bus;
  readonly audit: AuditLog;
}): InventoryService & InventoryAdmin {
  const { database, bus, audit } = deps;
  const tx = <T>(ctx: RequestContext, fn: (trx: CatalogTransaction) => Promise<T>) =>
    database.withTenant<CatalogTables, T>(ctx, fn);

  const levelsQuery = (trx: CatalogTransaction) =>
    trx
      .selectFrom('catalog.inventory_levels as l')
      .innerJoin('catalog.products as p', 'p.id', 'l.productId')
      .select([
        'l.productId',
        'l.locationId',
        'l.onHand',
        'l.reserved',
        'l.lowStockThreshold',
        'l.updatedAt',
        'p.sku',
        'p.name',
      ]);

  const heldOf = (trx: CatalogTransaction, orderId: string) =>
    trx
      .selectFrom('catalog.reservations')
      .select(reservationColumns)
      .where('orderId', '=', orderId)
      .where('state', '=', 'held')
      .orderBy('productId')
      .orderBy('locationId')
      .forUpdate()
      .execute();

  const service: InventoryService & InventoryAdmin = {
    async reserve(ctx, input) {
      const lines = input.lines.map((line, index) => {
        if (!Number.isInteger(line.quantity) || line.quantity <= 0)
          throw new AppError('VALIDATION_FAILED', 'invalid_input', 'The request is not valid.', {
            fields: [{ field: `body.lines.${index}.quantity`, message: 'must be a positive integer' }],
          });
        const productId = fromPublicId('prod', line.productId);
        if (!productId) throw CatalogErrors.productNotFound();
        return { ...line, index, productUuid: productId };
      });
      return tx(ctx, async (trx) => {
        await lockOrder(trx, ctx, input.orderId);
        const existing = await trx
          .selectFrom('catalog.reservations')
          .select(reservationColumns)
          .where('orderId', '=', input.orderId)
          .orderBy('lineId')
          .orderBy('locationId')
          .execute();
        if (existing.length > 0) return existing.map(reservationView);

        // Per product, in product id order; each product's levels locked in location id order:
        // every transaction takes its row locks in the same order, so none deadlock.
        const byProduct = new Map<string, (typeof lines)[number][]>();
        for (const line of lines)
          byProduct.set(line.productUuid, [...(byProduct.get(line.productUuid) ?? []), line]);
        const products = [...byProduct.keys()].sort();
        const short: { field: string; message: string }[] = [];
        const plan: { line: (typeof lines)[number]; locationId: string; quantity: number }[] = [];
        for (const productId of products) {
          const productLines = (byProduct.get(productId) ?? []).sort((a, b) => a.index - b.index);
          const levels = await trx
            .selectFrom('catalog.inventory_levels')
            .select(['locationId', 'onHand', 'reserved'])
            .where('productId', '=', productId)
            .orderBy('locationId')
            .forUpdate()
            .execute();
          const free = new Map(levels.map((l) => [l.locationId, l.onHand - l.reserved]));
          for (const line of productLines) {
            const total = [...free.values()].reduce((sum, n) => sum + Math.max(0, n), 0);
            if (total < line.quantity) {
              short.push({
                field: `body.lines.${line.index}.quantity`,
                message: `only ${total} available`,
              });
              continue;
            }
            // The location with the most available first; split over the next ones when short.
            let need = line.quantity;
            const order = [...free.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
            for (const [locationId, available] of order) {
              if (need === 0) break;
              const take = Math.min(need, available);
              if (take <= 0) continue;
              plan.push({ line, locationId, quantity: take });
              free.set(locationId, available - take);
              need -= take;
            }
          }
        }
        if (short.length > 0) throw CatalogErrors.outOfStock(short);

        plan.sort((a, b) =>
          a.line.productUuid === b.line.productUuid
            ? a.locationId < b.locationId
              ? -1
              : a.locationId > b.locationId
                ? 1
                : 0
            : a.line.productUuid < b.line.productUuid
              ? -1
              : 1,
        );
        const rows: ReservationRow[] = [];
        for (const step of plan) {
          // The guard again, in the statement itself: never below zero, whatever happened above.
          const updated = await trx
            .updateTable('catalog.inventory_levels')
            .set({ reserved: sql<number>`reserved + ${step.quantity}`, updatedAt: sql<Date>`now()` })
            .where('productId', '=', step.line.productUuid)
            .where('locationId', '=', step.locationId)
            .where(sql<boolean>`on_hand - reserved >= ${step.quantity}`)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1)
            throw CatalogErrors.outOfStock([
              { field: `body.lines.${step.line.index}.quantity`, message: 'not enough available' },
            ]);
          const row = await trx
            .insertInto('catalog.reservations')
            .values({
              id: newUuid(),
              tenantId: ctx.tenantId,
              orderId: input.orderId,
              lineId: step.line.lineId,
              productId: step.line.productUuid,
              locationId: step.locationId,
              quantity: step.quantity,
            })
            .onConflict((oc) =>
              oc
                .columns(['tenantId', 'orderId', 'lineId', 'locationId'])
                .doUpdateSet({ quantity: sql<number>`catalog.reservations.quantity + excluded.quantity` }),
            )
            .returning(reservationColumns)
            .executeTakeFirstOrThrow();
          rows.push(row);
          await recordMovement(trx, ctx, {
            productId: step.line.productUuid,
            locationId: step.locationId,
            kind: 'reservation',
            reservedDelta: step.quantity,
            orderId: input.orderId,
            reason: `order ${input.orderId} line ${step.line.lineId}`,
          });
          await checkLowStock(trx, bus, ctx, step.line.productUuid, step.locationId);
        }
        await publishInventoryChanged(trx, bus, ctx, products);
        const seen = new Map(rows.map((r) => [r.id, r]));
        return [...seen.values()].map(reservationView);
      });
    },

    async release(ctx, orderId, reason) {
      return tx(ctx, async (trx) => {
        await lockOrder(trx, ctx, orderId);
        const held = await heldOf(trx, orderId);
        let released = 0;
        for (const r of held) {
          await trx
            .updateTable('catalog.inventory_levels')
            .set({ reserved: sql<number>`reserved - ${r.quantity}`, updatedAt: sql<Date>`now()` })
            .where('productId', '=', r.productId)
            .where('locationId', '=', r.locationId)
            .execute();
          await trx
            .updateTable('catalog.reservations')
            .set({ state: 'released', updatedAt: sql<Date>`now()` })
            .where('id', '=', r.id)
            .execute();
          await recordMovement(trx, ctx, {
            productId: r.productId,
            locationId: r.locationId,
            kind: 'release',
            reservedDelta: -r.quantity,
            orderId,
            reason,
          });
          await checkLowStock(trx, bus, ctx, r.productId, r.locationId);
          released += r.quantity;
        }
        await publishInventoryChanged(
          trx,
          bus,
          ctx,
          held.map((r) => r.productId),
        );
        return released;
      });
    },

    async consume(ctx, orderId) {
      await tx(ctx, async (trx) => {
        await lockOrder(trx, ctx, orderId);
        const held = await heldOf(trx, orderId);
        for (const r of held) {
          await trx
            .updateTable('catalog.inventory_levels')
            .set({
              reserved: sql<number>`reserved - ${r.quantity}`,
              onHand: sql<number>`on_hand - ${r.quantity}`,
              updatedAt: sql<Date>`now()`,
            })
            .where('productId', '=', r.productId)
            .where('locationId', '=', r.locationId)
            .execute();
          await trx
            .updateTable('catalog.reservations')
            .set({ state: 'consumed', updatedAt: sql<Date>`now()` })
            .where('id', '=', r.id)
            .execute();
          await recordMovement(trx, ctx, {
            productId: r.productId,
            locationId: r.locationId,
            kind: 'consume',
            onHandDelta: -r.quantity,
            reservedDelta: -r.quantity,
            orderId,
            reason: `order ${orderId} shipped`,
          });
        }
        await publishInventoryChanged(
          trx,
          bus,
          ctx,
          held.map((r) => r.productId),
        );
      });
    },

    async restock(ctx, input) {
      const productId = uuidOf('prod', input.productId, CatalogErrors.productNotFound);
      if (!Number.isInteger(input.quantity) || input.quantity <= 0)
        throw new AppError('VALIDATION_FAILED', 'invalid_input', 'The request is not valid.', {
          fields: [{ field: 'body.quantity', message: 'must be a positive integer' }],
        });
      await tx(ctx, async (trx) => {
        await lockOrder(trx, ctx, input.orderId);
        // Idempotent: the same order, product and reason restock once (the reason names the return).
        const done = await trx
          .selectFrom('catalog.inventory_movements')
          .select('id')
          .where('orderId', '=', input.orderId)
          .where('productId', '=', productId)
          .where('kind', '=', 'restock')
          .where('reason', '=', input.reason.slice(0, 1000))
          .executeTakeFirst();
        if (done) return;
        let locationId = input.locationId
          ? uuidOf('loc', input.locationId, InventoryErrors.locationNotFound)
          : undefined;
        if (!locationId) {
          const reservation = await trx
            .selectFrom('catalog.reservations')
            .select('locationId')
            .where('orderId', '=', input.orderId)
            .where('productId', '=', productId)
            .orderBy('quantity', 'desc')
            .executeTakeFirst();
          if (!reservation) throw InventoryErrors.reservationNotFound();
          locationId = reservation.locationId;
        }
        const location = await trx
          .selectFrom('catalog.locations')
          .select('id')
          .where('id', '=', locationId)
          .executeTakeFirst();
        if (!location) throw InventoryErrors.locationNotFound();
        await trx
          .insertInto('catalog.inventory_levels')
          .values({
            tenantId: ctx.tenantId,
            productId,
            locationId,
            onHand: input.quantity,
            lowStockSince: null,
            erpModifiedAt: null,
          })
          .onConflict((oc) =>
            oc.columns(['productId', 'locationId']).doUpdateSet({
              onHand: sql<number>`catalog.inventory_levels.on_hand + ${input.quantity}`,
              updatedAt: sql<Date>`now()`,
            }),
          )
          .execute();
        await recordMovement(trx, ctx, {
          productId,
          locationId,
          kind: 'restock',
          onHandDelta: input.quantity,
          orderId: input.orderId,
          reason: input.reason,
        });
        await checkLowStock(trx, bus, ctx, productId, locationId);
        await publishInventoryChanged(trx, bus, ctx, [productId]);
      });
    },

    async levels(ctx, productId) {
      const uuid = uuidOf('prod', productId, CatalogErrors.productNotFound);
      const rows = await tx(ctx, (trx) =>
        levelsQuery(trx).where('l.productId', '=', uuid).orderBy('l.locationId').execute(),
      );
      return rows.map(levelView);
    },

    async staleHolds(olderThan, limit) {
      const rows = await sql<{ tenantId: string; orderId: string }>`
        select tenant_id, order_id from catalog.reservations
        where state = 'held' and created_at < ${olderThan}
        group by tenant_id, order_id
        order by min(created_at)
        limit ${limit}`.execute(database.owner);
      return rows.rows.map((r) => ({ tenantId: r.tenantId, orderId: r.orderId }));
    },

    async listLocations(ctx) {
      const rows = await tx(ctx, (trx) =>
        trx
          .selectFrom('catalog.locations')
          .select(['id', 'code', 'name', 'createdAt'])
          .orderBy('code')
          .execute(),
      );
      return rows.map((r) => ({ ...r, id: toPublicId('loc', r.id) }));
    },

    async createLocation(ctx, input) {
      return tx(ctx, async (trx) => {
        const row = await trx
          .insertInto('catalog.locations')
          .values({ id: newUuid(), tenantId: ctx.tenantId, code: input.code, name: input.name })
          .onConflict((oc) => oc.columns(['tenantId', 'code']).doNothing())
          .returning(['id', 'code', 'name', 'createdAt'])
          .executeTakeFirst();
        if (!row) throw InventoryErrors.locationCodeTaken();
        const location = { ...row, id: toPublicId('loc', row.id) };
        await audit.append(trx, ctx, {
          action: 'catalog.location.created',
          target: { type: 'location', id: location.id },
          details: { code: row.code },
        });
        return location;
      });
    },

    async setLevel(ctx, productPublicId, locationPublicId, change) {
      const productId = uuidOf('prod', productPublicId, CatalogErrors.productNotFound);
      const locationId = uuidOf('loc', locationPublicId, InventoryErrors.locationNotFound);
      return tx(ctx, async (trx) => {
        const product = await trx
          .selectFrom('catalog.products')
          .select('id')
          .where('id', '=', productId)
          .executeTakeFirst();
        if (!product) throw CatalogErrors.productNotFound();
        const location = await trx
          .selectFrom('catalog.locations')
          .select('id')
          .where('id', '=', locationId)
          .executeTakeFirst();
        if (!location) throw InventoryErrors.locationNotFound();
        await trx
          .insertInto('catalog.inventory_levels')
          .values({ tenantId: ctx.tenantId, productId, locationId, lowStockSince: null, erpModifiedAt: null })
          .onConflict((oc) => oc.columns(['productId', 'locationId']).doNothing())
          .execute();
        const current = await trx
          .selectFrom('catalog.inventory_levels')
          .select(['onHand', 'reserved', 'lowStockThreshold'])
          .where('productId', '=', productId)
          .where('locationId', '=', locationId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const onHand = change.onHand ?? current.onHand + (change.adjustBy ?? 0);
        if (onHand < current.reserved) throw InventoryErrors.belowReserved(current.reserved);
        const threshold = change.lowStockThreshold ?? current.lowStockThreshold;
        await trx
          .updateTable('catalog.inventory_levels')
          .set({ onHand, lowStockThreshold: threshold, updatedAt: sql<Date>`now()` })
          .where('productId', '=', productId)
          .where('locationId', '=', locationId)
          .execute();
        if (onHand !== current.onHand)
          await recordMovement(trx, ctx, {
            productId,
            locationId,
            kind: 'adjustment',
            onHandDelta: onHand - current.onHand,
            reason: change.reason,
          });
        await checkLowStock(trx, bus, ctx, productId, locationId);
        if (onHand !== current.onHand) await publishInventoryChanged(trx, bus, ctx, [productId]);
        await audit.append(trx, ctx, {
          action: 'catalog.inventory.adjusted',
          target: { type: 'inventory_level', id: `${productPublicId}/${locationPublicId}` },
          details: {
            onHandBefore: current.onHand,
            onHand,
            lowStockThreshold: threshold,
            reason: change.reason.slice(0, 500),
          },
        });
        const row = await levelsQuery(trx)
          .where('l.productId', '=', productId)
          .where('l.locationId', '=', locationId)
          .executeTakeFirstOrThrow();
        return levelView(row);
      });
    },

    async listLevels(ctx, filter) {
      const productId = filter.productId ? fromPublicId('prod', filter.productId) : undefined;
      const locationId = filter.locationId ? fromPublicId('loc', filter.locationId) : undefined;
      if ((filter.productId && !productId) || (filter.locationId && !locationId))
        return { items: [], nextCursor: null };
      let after: [string, string] | undefined;
      if (filter.cursor) {
        const [p, l] = decodeCursorFields(filter.cursor);
        if (!p || !l || !/^[0-9a-f-]{36}$/.test(p) || !/^[0-9a-f-]{36}$/.test(l))
          throw new AppError('VALIDATION_FAILED', 'invalid_input', 'The request is not valid.', {
            fields: [{ field: 'query.cursor', message: 'is not a cursor of this list' }],
          });
        after = [p, l];
      }
      const rows = await tx(ctx, (trx) => {
        let q = levelsQuery(trx);
        if (productId) q = q.where('l.productId', '=', productId);
        if (locationId) q = q.where('l.locationId', '=', locationId);
        if (filter.lowStock) q = q.where(sql<boolean>`l.on_hand - l.reserved <= l.low_stock_threshold`);
        if (after)
          q = q.where(sql<boolean>`(l.product_id, l.location_id) > (${after[0]}::uuid, ${after[1]}::uuid)`);
        return q
          .orderBy('l.productId')
          .orderBy('l.locationId')
          .limit(filter.limit + 1)
          .execute();
      });
      const page = rows.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        items: page.map(levelView),
        nextCursor:
          rows.length > filter.limit && last ? encodeCursorFields([last.productId, last.locationId]) : null,
      };
    },
  };
  return service;
}

export type { ReservationRequest };
