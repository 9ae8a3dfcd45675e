import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { CatalogSettings } from './catalog.deps.js';
import { catalogClassification } from './db/catalog.classification.js';
import { catalogMigrations } from './db/migrations/index.js';
import { erpSyncFinishedV1, lowStockV1, productChangedV1 } from './events.js';
import { createErpFeature, type ErpFeatureApi } from './erp/erp.feature.js';
import { createInventoryFeature, type InventoryFeatureApi } from './inventory/inventory.feature.js';
import { createProductsFeature, type ProductsFeatureApi } from './products/products.feature.js';

/** What the catalog offers other modules, the CLI and tests (`platform.modules.catalog`). */
export interface CatalogApi {
  /** Products, categories, prices, images, search, the cache (`sellable` for orders). */
  readonly products: ProductsFeatureApi;
  /** Stock per location and reservations per order line, never negative. */
  readonly inventory: InventoryFeatureApi;
  /** The ERP over SOAP: inventory delta sync and product master import, with reports. */
  readonly erp: ErpFeatureApi;
}

/**
 * The catalog: products (SKU, prices per currency, images, attributes), a category tree, search,
 * a cache every replica invalidates together, inventory per location with reservations, and the
 * ERP sync over SOAP.
 */
export const catalogModule = defineModule({
  name: 'catalog',
  migrations: catalogMigrations,
  classification: catalogClassification,
  // The ERP's credentials (catalog.erp.username, catalog.erp.password).
  secrets: { read: ['catalog.'], write: ['catalog.'] },
  adminPermissions: ['commerce:configure'],
  webhookEvents: [
    {
      type: productChangedV1.type,
      description: 'A product was created or changed (details, prices, images, stock).',
    },
    {
      type: lowStockV1.type,
      description: 'A product’s available stock at a location fell to its low-stock threshold.',
    },
    {
      type: erpSyncFinishedV1.type,
      description: 'An ERP sync run ended: created, updated, unchanged and rejected items.',
    },
  ],
  settings: (config): CatalogSettings => ({ publicUrl: config.http.publicUrl }),
  create: (deps): PlatformModule<CatalogApi> => {
    const products = createProductsFeature(deps);
    const inventory = createInventoryFeature(deps, { products: products.api });
    const erp = createErpFeature(deps, { products: products.api, inventory: inventory.api });
    const features = [products, inventory, erp];
    return {
      api: { products: products.api, inventory: inventory.api, erp: erp.api },
      routes: features.flatMap((feature) => feature.routes ?? []),
      handlers: features.flatMap((feature) => feature.handlers ?? []),
      jobs: features.flatMap((feature) => feature.jobs ?? []),
    };
  },
});
