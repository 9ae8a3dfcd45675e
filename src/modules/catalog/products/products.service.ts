import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { Money } from '../../../platform/money.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { Product, ProductImage, ProductStatus, SellableProduct } from '../contract.js';
import type { CatalogTables, CatalogTransaction } from '../db/catalog.tables.js';
import { productChangedV1, type ProductChanged } from '../events.js';
import { productKey, skuKey, type CacheKeys, type CatalogCache } from './catalog.cache.js';
import type { ProductCreateInput, ProductUpdateInput } from './product.schemas.js';
import { ProductsErrors } from './products.errors.js';
import { imageView, isUniqueViolation, loadProducts, replacePrices } from './products.repo.js';

/*
 * Products: writes (each with its audit entry, its outbox event and a cache NOTIFY in one
 * transaction, then the cache entry dropped after commit), reads through the catalog cache, and
 * images in the object store.
 */

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** A product's cached facts for orders: all prices, so one entry serves every currency. */
interface SellableSnapshot {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly status: ProductStatus;
  readonly prices: readonly Money[];
  readonly taxClass: string;
}

export interface ProductsDeps {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly objects: ObjectStore;
  readonly cache: CatalogCache;
}

/** What a write changed, for the event, the audit log and the cache. */
interface Change {
  readonly uuid: string;
  readonly sku: string;
  readonly previousSku?: string;
  readonly change: ProductChanged['change'];
  readonly action: string;
  readonly details?: Record<string, unknown>;
}

export type ProductWriteOutcome = 'created' | 'updated' | 'unchanged';

export function createProducts(deps: ProductsDeps) {
  const { database, audit, bus, objects, cache } = deps;

  const keysOf = (tenantId: string, change: Change): CacheKeys => ({
    tenantId,
    productIds: [change.uuid],
    skus:
      change.previousSku && change.previousSku !== change.sku
        ? [change.sku, change.previousSku]
        : [change.sku],
  });

  /** In the writing transaction: audit entry, outbox event, cache NOTIFY. */
  async function record(trx: CatalogTransaction, ctx: RequestContext, change: Change) {
    const productId = toPublicId('prod', change.uuid);
    await audit.append(trx, ctx, {
      action: change.action,
      target: { type: 'product', id: productId },
      details: { sku: change.sku, ...change.details },
    });
    const data: ProductChanged = { productId, sku: change.sku, change: change.change };
    await bus.publish(trx, [{ type: productChangedV1.type, tenantId: ctx.tenantId, key: change.uuid, data }]);
    await cache.announce(trx, keysOf(ctx.tenantId, change));
  }

  async function categoryUuid(trx: CatalogTransaction, categoryId: string | null | undefined, field: string) {
    if (categoryId === null || categoryId === undefined) return categoryId;
    const uuid = fromPublicId('cat', categoryId);
    const found = uuid
      ? await trx.selectFrom('catalog.categories').select('id').where('id', '=', uuid).executeTakeFirst()
      : undefined;
    if (!found) throw ProductsErrors.invalid([{ field, message: 'is not a category of this tenant' }]);
    return found.id;
  }

  async function one(trx: CatalogTransaction, uuid: string): Promise<Product> {
    const [product] = await loadProducts(trx, [uuid]);
    if (!product) throw ProductsErrors.productNotFound();
    return product;
  }

  const uuidOf = (productId: string) => {
    const uuid = fromPublicId('prod', productId);
    if (!uuid) throw ProductsErrors.productNotFound();
    return uuid;
  };

  async function create(ctx: RequestContext, input: ProductCreateInput, via = 'api'): Promise<Product> {
    const id = newUuid();
    try {
      const product = await database.withTenant<CatalogTables, Product>(ctx, async (trx) => {
        const categoryId = await categoryUuid(trx, input.categoryId, 'body.categoryId');
        await trx
          .insertInto('catalog.products')
          .values({
            id,
            tenantId: ctx.tenantId,
            sku: input.sku,
            name: input.name,
            description: input.description ?? null,
            status: input.status ?? 'draft',
            categoryId: categoryId ?? null,
            attributes: JSON.stringify(input.attributes ?? {}) as never,
          })
          .execute();
        await replacePrices(trx, ctx.tenantId, id, input.prices);
        await record(trx, ctx, {
          uuid: id,
          sku: input.sku,
          change: 'created',
          action: 'catalog.product.created',
          details: { via },
        });
        return one(trx, id);
      });
      await cache.drop(keysOf(ctx.tenantId, { uuid: id, sku: input.sku, change: 'created', action: '' }));
      return product;
    } catch (error) {
      if (isUniqueViolation(error)) throw ProductsErrors.skuTaken(input.sku);
      throw error;
    }
  }

  async function update(ctx: RequestContext, productId: string, input: ProductUpdateInput): Promise<Product> {
    const uuid = uuidOf(productId);
    let change: Change | undefined;
    try {
      const product = await database.withTenant<CatalogTables, Product>(ctx, async (trx) => {
        const current = await trx
          .selectFrom('catalog.products')
          .select(['sku', 'version', 'status'])
          .where('id', '=', uuid)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw ProductsErrors.productNotFound();
        if (current.version !== input.version) throw ProductsErrors.staleVersion(current.version);
        const categoryId = await categoryUuid(trx, input.categoryId, 'body.categoryId');
        await trx
          .updateTable('catalog.products')
          .set({
            ...(input.sku !== undefined ? { sku: input.sku } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.status !== undefined ? { status: input.status } : {}),
            ...(categoryId !== undefined ? { categoryId } : {}),
            ...(input.attributes !== undefined
              ? { attributes: JSON.stringify(input.attributes) as never }
              : {}),
            version: current.version + 1,
            updatedAt: new Date(),
          })
          .where('id', '=', uuid)
          .execute();
        if (input.prices !== undefined) await replacePrices(trx, ctx.tenantId, uuid, input.prices);
        const sku = input.sku ?? current.sku;
        const kind: ProductChanged['change'] =
          input.status === 'archived' && current.status !== 'archived'
            ? 'archived'
            : Object.keys(input).every((k) => k === 'version' || k === 'prices')
              ? 'prices'
              : 'updated';
        change = {
          uuid,
          sku,
          previousSku: current.sku,
          change: kind,
          action: 'catalog.product.updated',
          details: {
            fields: Object.keys(input).filter((k) => k !== 'version'),
            version: current.version + 1,
          },
        };
        await record(trx, ctx, change);
        return one(trx, uuid);
      });
      if (change) await cache.drop(keysOf(ctx.tenantId, change));
      return product;
    } catch (error) {
      if (isUniqueViolation(error)) throw ProductsErrors.skuTaken(input.sku ?? '');
      throw error;
    }
  }

  async function archive(ctx: RequestContext, productId: string): Promise<Product> {
    const uuid = uuidOf(productId);
    let change: Change | undefined;
    const product = await database.withTenant<CatalogTables, Product>(ctx, async (trx) => {
      const current = await trx
        .selectFrom('catalog.products')
        .select(['sku', 'version', 'status'])
        .where('id', '=', uuid)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw ProductsErrors.productNotFound();
      if (current.status !== 'archived') {
        await trx
          .updateTable('catalog.products')
          .set({ status: 'archived', version: current.version + 1, updatedAt: new Date() })
          .where('id', '=', uuid)
          .execute();
        change = { uuid, sku: current.sku, change: 'archived', action: 'catalog.product.archived' };
        await record(trx, ctx, change);
      }
      return one(trx, uuid);
    });
    if (change) await cache.drop(keysOf(ctx.tenantId, change));
    return product;
  }

  async function get(ctx: RequestContext, productId: string): Promise<Product> {
    const uuid = uuidOf(productId);
    const cached = await cache.get<Product>(ctx.tenantId, productKey(uuid));
    if (cached) return cached;
    const product = await database.withTenant<CatalogTables, Product>(ctx, (trx) => one(trx, uuid));
    await cache.set(ctx.tenantId, productKey(uuid), product);
    return product;
  }

  async function sellable(ctx: RequestContext, skus: readonly string[], currency: string) {
    const wanted = [...new Set(skus)].slice(0, 1000);
    const found = new Map<string, SellableSnapshot>();
    const missing: string[] = [];
    for (const sku of wanted) {
      const hit = await cache.get<SellableSnapshot>(ctx.tenantId, skuKey(sku));
      if (hit) found.set(sku, hit);
      else missing.push(sku);
    }
    if (missing.length > 0) {
      const rows = await database.withTenant<CatalogTables, SellableSnapshot[]>(ctx, async (trx) => {
        const products = await trx
          .selectFrom('catalog.products')
          .select(['id', 'sku', 'name', 'status', 'attributes'])
          .where('sku', 'in', missing)
          .execute();
        if (products.length === 0) return [];
        const prices = await trx
          .selectFrom('catalog.product_prices')
          .select(['productId', 'currency', 'amountMinor'])
          .where(
            'productId',
            'in',
            products.map((p) => p.id),
          )
          .execute();
        return products.map((p) => ({
          productId: toPublicId('prod', p.id),
          sku: p.sku,
          name: p.name,
          status: p.status,
          prices: prices
            .filter((price) => price.productId === p.id)
            .map((price) => ({ amountMinor: price.amountMinor, currency: price.currency })),
          taxClass: typeof p.attributes.tax_class === 'string' ? p.attributes.tax_class : 'standard',
        }));
      });
      for (const row of rows) {
        found.set(row.sku, row);
        await cache.set(ctx.tenantId, skuKey(row.sku), row);
      }
    }
    const result = new Map<string, SellableProduct>();
    for (const sku of wanted) {
      const snapshot = found.get(sku);
      if (!snapshot) continue;
      result.set(sku, {
        productId: snapshot.productId,
        sku: snapshot.sku,
        name: snapshot.name,
        status: snapshot.status,
        unitPrice: snapshot.prices.find((p) => p.currency === currency),
        taxClass: snapshot.taxClass,
      });
    }
    return result;
  }

  /**
   * The import's write: creates the product of a SKU, or updates it when something differs, or
   * leaves it. In the caller's transaction; returns what happened and the cache keys to drop.
   */
  async function upsertInBatch(
    trx: CatalogTransaction,
    ctx: RequestContext,
    input: ProductCreateInput & { categoryUuid: string | null },
    importId: string,
  ): Promise<{ outcome: ProductWriteOutcome; keys?: CacheKeys }> {
    const existing = await trx
      .selectFrom('catalog.products')
      .select(['id', 'sku', 'name', 'description', 'status', 'categoryId', 'attributes', 'version'])
      .where('sku', '=', input.sku)
      .forUpdate()
      .executeTakeFirst();
    if (!existing) {
      const id = newUuid();
      await trx
        .insertInto('catalog.products')
        .values({
          id,
          tenantId: ctx.tenantId,
          sku: input.sku,
          name: input.name,
          description: input.description ?? null,
          status: input.status ?? 'draft',
          categoryId: input.categoryUuid,
          attributes: JSON.stringify(input.attributes ?? {}) as never,
        })
        .execute();
      await replacePrices(trx, ctx.tenantId, id, input.prices);
      const change: Change = {
        uuid: id,
        sku: input.sku,
        change: 'created',
        action: 'catalog.product.created',
        details: { via: importId },
      };
      await record(trx, ctx, change);
      return { outcome: 'created', keys: keysOf(ctx.tenantId, change) };
    }
    const prices = await trx
      .selectFrom('catalog.product_prices')
      .select(['currency', 'amountMinor'])
      .where('productId', '=', existing.id)
      .execute();
    const priceText = (list: readonly { currency: string; amountMinor: number }[]) =>
      JSON.stringify([...list].map((p) => `${p.currency}:${p.amountMinor}`).sort());
    const attrs = input.attributes ?? {};
    const same =
      existing.name === input.name &&
      existing.description === (input.description ?? null) &&
      existing.status === (input.status ?? existing.status) &&
      existing.categoryId === input.categoryUuid &&
      JSON.stringify(sortKeys(existing.attributes)) === JSON.stringify(sortKeys(attrs)) &&
      priceText(prices) === priceText(input.prices);
    if (same) return { outcome: 'unchanged' };
    await trx
      .updateTable('catalog.products')
      .set({
        name: input.name,
        description: input.description ?? null,
        status: input.status ?? existing.status,
        categoryId: input.categoryUuid,
        attributes: JSON.stringify(attrs) as never,
        version: existing.version + 1,
        updatedAt: new Date(),
      })
      .where('id', '=', existing.id)
      .execute();
    await replacePrices(trx, ctx.tenantId, existing.id, input.prices);
    const change: Change = {
      uuid: existing.id,
      sku: existing.sku,
      change: 'updated',
      action: 'catalog.product.updated',
      details: { via: importId },
    };
    await record(trx, ctx, change);
    return { outcome: 'updated', keys: keysOf(ctx.tenantId, change) };
  }

  // ---- images ----

  async function addImage(
    ctx: RequestContext,
    productId: string,
    file: AsyncIterable<Buffer>,
    alt: string | null,
  ): Promise<ProductImage> {
    const uuid = uuidOf(productId);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of file) {
      size += chunk.length;
      if (size > MAX_IMAGE_BYTES) throw ProductsErrors.tooLarge('file', MAX_IMAGE_BYTES);
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.length === 0) throw ProductsErrors.invalidUpload([{ field: 'file', message: 'is empty' }]);
    const contentType = sniffImage(bytes);
    if (!contentType)
      throw ProductsErrors.unsupportedImage(
        'file',
        'is not a PNG, JPEG, WebP or GIF image (read from its bytes)',
      );
    // Checked before the bytes are stored, so a stranger's product id stores nothing.
    const sku = await database.withTenant<CatalogTables, string>(ctx, async (trx) => {
      const row = await trx
        .selectFrom('catalog.products')
        .select('sku')
        .where('id', '=', uuid)
        .executeTakeFirst();
      if (!row) throw ProductsErrors.productNotFound();
      return row.sku;
    });
    const id = newUuid();
    const objectKey = `${ctx.tenantId}/catalog/products/${uuid}/images/${id}`;
    await objects.put(objectKey, bytes, { contentType, tenantId: ctx.tenantId });
    const change: Change = {
      uuid,
      sku,
      change: 'images',
      action: 'catalog.product.image_added',
      details: { imageId: toPublicId('img', id), contentType, bytes: bytes.length },
    };
    try {
      await database.withTenant<CatalogTables, void>(ctx, async (trx) => {
        const bumped = await trx
          .updateTable('catalog.products')
          .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date() }))
          .where('id', '=', uuid)
          .executeTakeFirst();
        if (Number(bumped.numUpdatedRows) === 0) throw ProductsErrors.productNotFound();
        await trx
          .insertInto('catalog.product_images')
          .values({
            id,
            tenantId: ctx.tenantId,
            productId: uuid,
            objectKey,
            contentType,
            sizeBytes: bytes.length,
            alt,
          })
          .execute();
        await record(trx, ctx, change);
      });
    } catch (error) {
      await objects.delete(objectKey, { reason: 'product image not recorded' }).catch(() => undefined);
      throw error;
    }
    await cache.drop(keysOf(ctx.tenantId, change));
    return imageView({ id, contentType, sizeBytes: bytes.length, alt });
  }

  async function imageRow(ctx: RequestContext, productId: string, imageId: string) {
    const uuid = uuidOf(productId);
    const imageUuid = fromPublicId('img', imageId);
    if (!imageUuid) throw ProductsErrors.imageNotFound();
    const row = await database.withTenant<
      CatalogTables,
      { objectKey: string; contentType: string; sizeBytes: number } | undefined
    >(ctx, (trx) =>
      trx
        .selectFrom('catalog.product_images')
        .select(['objectKey', 'contentType', 'sizeBytes'])
        .where('id', '=', imageUuid)
        .where('productId', '=', uuid)
        .executeTakeFirst(),
    );
    if (!row) throw ProductsErrors.imageNotFound();
    return { ...row, uuid, imageUuid };
  }

  async function openImage(ctx: RequestContext, productId: string, imageId: string) {
    const row = await imageRow(ctx, productId, imageId);
    const object = await objects.get(row.objectKey);
    return { contentType: row.contentType, sizeBytes: row.sizeBytes, body: object.body };
  }

  async function removeImage(ctx: RequestContext, productId: string, imageId: string): Promise<void> {
    const row = await imageRow(ctx, productId, imageId);
    let change: Change | undefined;
    await database.withTenant<CatalogTables, void>(ctx, async (trx) => {
      const product = await trx
        .updateTable('catalog.products')
        .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date() }))
        .where('id', '=', row.uuid)
        .returning(['sku'])
        .executeTakeFirst();
      if (!product) throw ProductsErrors.productNotFound();
      await trx.deleteFrom('catalog.product_images').where('id', '=', row.imageUuid).execute();
      change = {
        uuid: row.uuid,
        sku: product.sku,
        change: 'images',
        action: 'catalog.product.image_removed',
        details: { imageId },
      };
      await record(trx, ctx, change);
    });
    await objects
      .delete(row.objectKey, { reason: `product image ${imageId} removed` })
      .catch(() => undefined);
    if (change) await cache.drop(keysOf(ctx.tenantId, change));
  }

  return {
    create,
    update,
    archive,
    get,
    sellable,
    upsertInBatch,
    addImage,
    openImage,
    removeImage,
    loadProducts,
  };
}

export type Products = ReturnType<typeof createProducts>;

function sortKeys(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The image type from the first bytes; undefined for anything but PNG, JPEG, WebP and GIF. */
export function sniffImage(bytes: Buffer): string | undefined {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = bytes.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}
