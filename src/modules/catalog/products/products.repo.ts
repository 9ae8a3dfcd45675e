import { sql } from 'kysely';
import { toPublicId } from '../../../platform/ids.js';
import type { Money } from '../../../platform/money.js';
import type { Product, ProductImage, ProductStatus } from '../contract.js';
import type { CatalogTransaction } from '../db/catalog.tables.js';

/*
 * Reading products whole: the row, its prices, images and available stock. Every read of stock
 * goes through `availableSql` (catalog.product_available), the one seam to inventory's table.
 */

/** Available units of the product whose uuid is `productId` (SQL). */
export const availableSql = (productId: ReturnType<typeof sql.ref>) =>
  sql<number>`catalog.product_available(${productId})`;

export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  status: ProductStatus;
  categoryId: string | null;
  attributes: Record<string, string | number | boolean>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function imageView(row: {
  id: string;
  contentType: string;
  sizeBytes: number;
  alt: string | null;
}): ProductImage {
  return {
    id: toPublicId('img', row.id),
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    alt: row.alt,
  };
}

/** The products with these uuids, whole, in the order given (missing ones left out). */
export async function loadProducts(trx: CatalogTransaction, ids: readonly string[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('catalog.products as p')
    .select([
      'p.id',
      'p.sku',
      'p.name',
      'p.description',
      'p.status',
      'p.categoryId',
      'p.attributes',
      'p.version',
      'p.createdAt',
      'p.updatedAt',
      availableSql(sql.ref('p.id')).as('available'),
    ])
    .where('p.id', 'in', [...ids])
    .execute();
  const prices = await trx
    .selectFrom('catalog.product_prices')
    .select(['productId', 'currency', 'amountMinor'])
    .where('productId', 'in', [...ids])
    .orderBy('currency')
    .execute();
  const images = await trx
    .selectFrom('catalog.product_images')
    .select(['id', 'productId', 'contentType', 'sizeBytes', 'alt'])
    .where('productId', 'in', [...ids])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const pricesOf = new Map<string, Money[]>();
  for (const p of prices)
    pricesOf.set(p.productId, [
      ...(pricesOf.get(p.productId) ?? []),
      { amountMinor: p.amountMinor, currency: p.currency },
    ]);
  const imagesOf = new Map<string, ProductImage[]>();
  for (const i of images) imagesOf.set(i.productId, [...(imagesOf.get(i.productId) ?? []), imageView(i)]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const product: Product = {
      id: toPublicId('prod', row.id),
      sku: row.sku,
      name: row.name,
      description: row.description,
      status: row.status,
      categoryId: row.categoryId ? toPublicId('cat', row.categoryId) : null,
      attributes: row.attributes,
      prices: pricesOf.get(row.id) ?? [],
      images: imagesOf.get(row.id) ?? [],
      available: row.available,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
    return [product];
  });
}

/** Replaces a product's prices with `prices` (one per currency). */
export async function replacePrices(
  trx: CatalogTransaction,
  tenantId: string,
  productId: string,
  prices: readonly Money[],
): Promise<void> {
  await trx.deleteFrom('catalog.product_prices').where('productId', '=', productId).execute();
  if (prices.length === 0) return;
  await trx
    .insertInto('catalog.product_prices')
    .values(prices.map((p) => ({ tenantId, productId, currency: p.currency, amountMinor: p.amountMinor })))
    .execute();
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
