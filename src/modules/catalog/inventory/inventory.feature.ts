import type { PlatformModule } from '../../../platform/module.js';
import type { CatalogDeps } from '../catalog.deps.js';
import type { InventoryService } from '../contract.js';
import type { ProductsFeatureApi } from '../products/products.feature.js';
import { inventoryRoutes } from './inventory.routes.js';
import { createInventory, type InventoryAdmin } from './inventory.service.js';

/** The contract's reservations plus what routes, the ERP sync, the CLI and tests need: locations and levels. */
export type InventoryFeatureApi = InventoryService & InventoryAdmin;

/** Locations, stock levels, reservations (never negative), the movement ledger, low-stock events. */
export function createInventoryFeature(
  deps: CatalogDeps,
  _features: { readonly products: ProductsFeatureApi },
): PlatformModule<InventoryFeatureApi> {
  const inventory = createInventory({ database: deps.database, bus: deps.bus, audit: deps.auditLog });
  return {
    api: inventory,
    routes: [{ surface: 'internal', prefix: '/catalog', plugin: inventoryRoutes(inventory) }],
  };
}
