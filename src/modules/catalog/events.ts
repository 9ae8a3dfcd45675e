import { z } from 'zod';

/**
 * The events the catalog publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids and key facts, not whole objects.
 */

/** A product, its prices, images or category changed (or was created): every replica drops its cache entry. */
export const productChangedV1 = {
  type: 'catalog.product.changed.v1',
  schema: z.object({
    productId: z.string(),
    sku: z.string(),
    change: z.enum(['created', 'updated', 'archived', 'prices', 'images', 'inventory']),
  }),
} as const;
export type ProductChanged = z.infer<typeof productChangedV1.schema>;

/** Available stock of a product at a location fell to or below its threshold. */
export const lowStockV1 = {
  type: 'catalog.inventory.low_stock.v1',
  schema: z.object({
    productId: z.string(),
    sku: z.string(),
    locationId: z.string(),
    available: z.number().int(),
    threshold: z.number().int(),
  }),
} as const;
export type LowStock = z.infer<typeof lowStockV1.schema>;

/** An ERP sync run ended: its report's counts. */
export const erpSyncFinishedV1 = {
  type: 'catalog.erp_sync.finished.v1',
  schema: z.object({
    syncId: z.string(),
    kind: z.enum(['inventory', 'products']),
    state: z.enum(['succeeded', 'failed']),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
} as const;
export type ErpSyncFinished = z.infer<typeof erpSyncFinishedV1.schema>;
