import type { PlatformModule } from '../../../platform/module.js';
import type { CatalogDeps } from '../catalog.deps.js';
import type { ProductsService } from '../contract.js';
import { productChangedV1 } from '../events.js';
import { createCatalogCache, type CatalogCache } from './catalog.cache.js';
import { createCategories, type Categories } from './categories.service.js';
import { createProductImports, type ProductImports } from './product-import.service.js';
import { createProductSearch } from './product.search.js';
import { categoriesRoutes, externalCatalogRoutes, productsRoutes } from './products.routes.js';
import { createProducts, type Products } from './products.service.js';
import { fromPublicId } from '../../../platform/ids.js';

/** What the products feature offers the module, the other features, the CLI, tests and benchmarks. */
export type ProductsFeatureApi = ProductsService &
  Pick<Products, 'create' | 'update' | 'archive' | 'addImage' | 'openImage' | 'removeImage'> & {
    readonly search: ReturnType<typeof createProductSearch>['search'];
    readonly categories: Omit<Categories, 'ensurePath'>;
    readonly imports: ProductImports;
    /** The catalog cache (tests look into it; inventory drops entries through the event). */
    readonly cache: CatalogCache;
  };

/** Products, categories, prices, images, search, CSV imports and the catalog cache. */
export function createProductsFeature(deps: CatalogDeps): PlatformModule<ProductsFeatureApi> {
  const cache = createCatalogCache({ redis: deps.redis, database: deps.database, logger: deps.logger });
  const products = createProducts({
    database: deps.database,
    audit: deps.auditLog,
    bus: deps.bus,
    objects: deps.objects,
    cache,
  });
  const categories = createCategories({ database: deps.database, audit: deps.auditLog });
  const search = createProductSearch({ database: deps.database });
  // Import uploads are announced by the import itself, not as objects.
  const imports = createProductImports({
    database: deps.database,
    objects: deps.quietObjects,
    audit: deps.auditLog,
    logger: deps.logger,
    products,
    categories,
    cache,
  });
  const external = externalCatalogRoutes({ products, search, categories });
  const { ensurePath: _ensurePath, ...publicCategories } = categories;
  return {
    api: {
      sellable: products.sellable,
      get: products.get,
      create: products.create,
      update: products.update,
      archive: products.archive,
      addImage: products.addImage,
      openImage: products.openImage,
      removeImage: products.removeImage,
      search: search.search,
      categories: publicCategories,
      imports,
      cache,
    },
    routes: [
      {
        surface: 'internal',
        prefix: '/catalog/products',
        plugin: productsRoutes({ products, search, imports }),
      },
      { surface: 'internal', prefix: '/catalog/categories', plugin: categoriesRoutes(categories) },
      { surface: 'external', prefix: '/catalog/products', plugin: external.products },
      { surface: 'external', prefix: '/catalog/categories', plugin: external.categories },
    ],
    handlers: [
      {
        // Every change (also inventory's) drops the entries: in Redis for all, in memory here and,
        // through the NOTIFY this sends, on every other replica.
        group: 'catalog-product-cache',
        topics: [productChangedV1.type],
        handle: async (ctx, event) => {
          const data = productChangedV1.schema.parse(event.data);
          const uuid = fromPublicId('prod', data.productId);
          const keys = { tenantId: ctx.tenantId, productIds: uuid ? [uuid] : [], skus: [data.sku] };
          await cache.drop(keys);
          if (cache.kind === 'memory')
            await deps.database.withTenant(ctx, (trx) => cache.announce(trx, keys));
        },
      },
    ],
    jobs: [
      {
        kind: 'timer',
        name: 'catalog.product-import-resume',
        // Every minute: imports whose run stopped (a crash, a restart) go on from their checkpoint.
        cron: '* * * * *',
        missed: 'skip',
        run: async () => {
          const resumed = await imports.resumeStalled();
          if (resumed > 0) deps.logger.info({ resumed }, 'product imports resumed');
        },
      },
    ],
  };
}
