import { sql } from 'kysely';
import type { RequestContext } from '../../../platform/context.js';
import type { Bus } from '../../../platform/bus/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { CatalogTransaction } from '../db/catalog.tables.js';
import type { MovementKind } from '../db/inventory.tables.js';
import { lowStockV1, productChangedV1 } from '../events.js';

/*
 * The writes every path to a stock level shares (reservations, adjustments, the ERP sync): the
 * movement ledger, the low-stock crossing and the change event. They run inside the caller's
 * tenant transaction, after the caller changed the level (and so holds its row lock).
 */

export const actorOf = (ctx: RequestContext) => `${ctx.actor.type}:${ctx.actor.id}`;

export async function recordMovement(
  trx: CatalogTransaction,
  ctx: RequestContext,
  movement: {
    readonly productId: string;
    readonly locationId: string;
    readonly kind: MovementKind;
    readonly onHandDelta?: number;
    readonly reservedDelta?: number;
    readonly orderId?: string | null;
    readonly reason: string;
  },
): Promise<void> {
  await trx
    .insertInto('catalog.inventory_movements')
    .values({
      id: newUuid(),
      tenantId: ctx.tenantId,
      productId: movement.productId,
      locationId: movement.locationId,
      kind: movement.kind,
      onHandDelta: movement.onHandDelta ?? 0,
      reservedDelta: movement.reservedDelta ?? 0,
      orderId: movement.orderId ?? null,
      reason: movement.reason.slice(0, 1000),
      actor: actorOf(ctx),
    })
    .execute();
}

/**
 * After a level changed: marks (or clears) its low-stock state and publishes
 * `catalog.inventory.low_stock.v1` once per crossing to at or below the threshold (a threshold
 * of 0 turns the alert off).
 */
export async function checkLowStock(
  trx: CatalogTransaction,
  bus: Bus,
  ctx: RequestContext,
  productId: string,
  locationId: string,
): Promise<void> {
  const row = await trx
    .selectFrom('catalog.inventory_levels as l')
    .innerJoin('catalog.products as p', 'p.id', 'l.productId')
    .select(['l.onHand', 'l.reserved', 'l.lowStockThreshold', 'l.lowStockSince', 'p.sku'])
    .where('l.productId', '=', productId)
    .where('l.locationId', '=', locationId)
    .executeTakeFirst();
  if (!row) return;
  const available = row.onHand - row.reserved;
  const low = row.lowStockThreshold > 0 && available <= row.lowStockThreshold;
  if (low && row.lowStockSince === null) {
    await trx
      .updateTable('catalog.inventory_levels')
      .set({ lowStockSince: sql<Date>`now()` })
      .where('productId', '=', productId)
      .where('locationId', '=', locationId)
      .execute();
    await bus.publish(trx, [
      {
        type: lowStockV1.type,
        tenantId: ctx.tenantId,
        key: productId,
        data: {
          productId: toPublicId('prod', productId),
          sku: row.sku,
          locationId: toPublicId('loc', locationId),
          available,
          threshold: row.lowStockThreshold,
        },
      },
    ]);
  } else if (!low && row.lowStockSince !== null) {
    await trx
      .updateTable('catalog.inventory_levels')
      .set({ lowStockSince: null })
      .where('productId', '=', productId)
      .where('locationId', '=', locationId)
      .execute();
  }
}

/** `catalog.product.changed.v1` with change 'inventory' for each product (caches drop `available`). */
export async function publishInventoryChanged(
  trx: CatalogTransaction,
  bus: Bus,
  ctx: RequestContext,
  productIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const rows = await trx
    .selectFrom('catalog.products')
    .select(['id', 'sku'])
    .where('id', 'in', ids)
    .execute();
  await bus.publish(
    trx,
    rows.map((row) => ({
      type: productChangedV1.type,
      tenantId: ctx.tenantId,
      key: row.id,
      data: { productId: toPublicId('prod', row.id), sku: row.sku, change: 'inventory' as const },
    })),
  );
}

export type ErpLevelOutcome = 'created' | 'updated' | 'unchanged' | 'below_reserved';

/**
 * Sets on hand from the ERP (never below what is reserved: the item is rejected instead). Locks
 * the row; the ledger gets an erp_sync movement with the difference.
 */
export async function setOnHandFromErp(
  trx: CatalogTransaction,
  bus: Bus,
  ctx: RequestContext,
  input: {
    readonly productId: string;
    readonly locationId: string;
    readonly onHand: number;
    readonly modifiedAt: Date | null;
    readonly reason: string;
  },
): Promise<{ outcome: ErpLevelOutcome; reserved: number }> {
  const current = await trx
    .selectFrom('catalog.inventory_levels')
    .select(['onHand', 'reserved'])
    .where('productId', '=', input.productId)
    .where('locationId', '=', input.locationId)
    .forUpdate()
    .executeTakeFirst();
  if (current && current.onHand === input.onHand) return { outcome: 'unchanged', reserved: current.reserved };
  if (current && input.onHand < current.reserved)
    return { outcome: 'below_reserved', reserved: current.reserved };
  if (current) {
    await trx
      .updateTable('catalog.inventory_levels')
      .set({ onHand: input.onHand, updatedAt: sql<Date>`now()`, erpModifiedAt: input.modifiedAt })
      .where('productId', '=', input.productId)
      .where('locationId', '=', input.locationId)
      .execute();
  } else {
    await trx
      .insertInto('catalog.inventory_levels')
      .values({
        tenantId: ctx.tenantId,
        productId: input.productId,
        locationId: input.locationId,
        onHand: input.onHand,
        erpModifiedAt: input.modifiedAt,
        lowStockSince: null,
      })
      .execute();
  }
  await recordMovement(trx, ctx, {
    productId: input.productId,
    locationId: input.locationId,
    kind: 'erp_sync',
    onHandDelta: input.onHand - (current?.onHand ?? 0),
    reason: input.reason,
  });
  await checkLowStock(trx, bus, ctx, input.productId, input.locationId);
  return { outcome: current ? 'updated' : 'created', reserved: current?.reserved ?? 0 };
}
