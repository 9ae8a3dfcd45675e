import type { RequestContext } from '../../platform/context.js';
import type { Money } from '../../platform/money.js';

/*
 * The catalog's door: products, categories, prices, inventory per location, reservations and the
 * ERP sync. Orders talk to it only through these interfaces (and its events). Public ids:
 * `prod_…`, `cat_…`, `loc_…`, `res_…`, `erpsync_…`.
 */

export type ProductStatus = 'draft' | 'active' | 'archived';

export interface ProductImage {
  /** `img_…` */
  readonly id: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly alt: string | null;
}

export interface Product {
  /** `prod_…` */
  readonly id: string;
  /** Unique per tenant; the key of the ERP's product master and of order lines. */
  readonly sku: string;
  readonly name: string;
  readonly description: string | null;
  readonly status: ProductStatus;
  /** `cat_…` or null. */
  readonly categoryId: string | null;
  /** Free attributes (colour, size, weight_g …): string, number or boolean values. */
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** One price per currency. */
  readonly prices: readonly Money[];
  readonly images: readonly ProductImage[];
  /** Available units summed over the locations (on hand − reserved). */
  readonly available: number;
  /** Optimistic concurrency: an update names the version it read. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What an order needs of a product line: is it sellable, at what price. */
export interface SellableProduct {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly status: ProductStatus;
  /** The price in the order's currency; undefined when the product has none in it. */
  readonly unitPrice: Money | undefined;
  /** Tax class of the product (attribute `tax_class`), 'standard' when not set. */
  readonly taxClass: string;
}

export interface ProductsService {
  /**
   * Looks up the products an order names (by SKU), through the catalog cache. Missing SKUs are
   * absent from the map; the caller names them in its 422.
   */
  sellable(
    ctx: RequestContext,
    skus: readonly string[],
    currency: string,
  ): Promise<Map<string, SellableProduct>>;
  get(ctx: RequestContext, productId: string): Promise<Product>;
}

export interface InventoryLevel {
  readonly productId: string;
  readonly sku: string;
  /** `loc_…` */
  readonly locationId: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  readonly lowStockThreshold: number;
  readonly updatedAt: Date;
}

/** One order line to hold stock for. */
export interface ReservationRequest {
  /** The order line's public id (`line_…`): the reservation's key with the order id. */
  readonly lineId: string;
  readonly productId: string;
  readonly quantity: number;
}

export interface Reservation {
  /** `res_…` */
  readonly id: string;
  readonly orderId: string;
  readonly lineId: string;
  readonly productId: string;
  readonly locationId: string;
  readonly quantity: number;
  /** held: counted in `reserved`; released: given back; consumed: shipped (left on hand). */
  readonly state: 'held' | 'released' | 'consumed';
}

export interface InventoryService {
  /**
   * Holds stock for every line of an order, all or nothing, never driving available below zero
   * under any concurrency. Idempotent per order: a second call (a workflow step replayed) returns
   * the reservations already held. Throws CATALOG_OUT_OF_STOCK (409) naming the SKUs short.
   * Lines are filled from the location with the most available stock, split across locations
   * when one does not hold enough.
   */
  reserve(
    ctx: RequestContext,
    input: { readonly orderId: string; readonly lines: readonly ReservationRequest[] },
  ): Promise<Reservation[]>;
  /** Gives back what an order holds (cancel, a failed payment); idempotent. Returns the quantities released. */
  release(ctx: RequestContext, orderId: string, reason: string): Promise<number>;
  /** The order shipped: held stock leaves on hand and reserved; idempotent. */
  consume(ctx: RequestContext, orderId: string): Promise<void>;
  /** Returned goods back on hand at a location (the one they were reserved at when not given). */
  restock(
    ctx: RequestContext,
    input: {
      readonly orderId: string;
      readonly productId: string;
      readonly quantity: number;
      readonly locationId?: string;
      readonly reason: string;
    },
  ): Promise<void>;
  levels(ctx: RequestContext, productId: string): Promise<InventoryLevel[]>;
  /**
   * Orders (any tenant) that have held stock since before `olderThan`: orders' sweeper releases the
   * holds of an order that was never written (a crash between reserving and storing the order).
   */
  staleHolds(
    olderThan: Date,
    limit: number,
  ): Promise<{ readonly tenantId: string; readonly orderId: string }[]>;
}

export interface ErpSyncReport {
  /** `erpsync_…` */
  readonly id: string;
  readonly kind: 'inventory' | 'products';
  readonly state: 'running' | 'succeeded' | 'failed';
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Why items were rejected: the ERP's item number, the field and the reason (first 1,000). */
  readonly rejections: readonly { readonly item: string; readonly field: string; readonly reason: string }[];
  /** The modified-since watermark the next run starts from. */
  readonly cursor: string | null;
  readonly error: string | null;
}
