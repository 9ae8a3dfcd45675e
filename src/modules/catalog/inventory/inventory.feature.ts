import { AppError } from '../../../platform/errors.js';
import type { PlatformModule } from '../../../platform/module.js';
import type { CatalogDeps } from '../catalog.deps.js';
import type { InventoryService } from '../contract.js';
import type { ProductsFeatureApi } from '../products/products.feature.js';

/** PLACEHOLDER of the spine: the inventory helper widens this (locations, adjustments, levels lists). */
export type InventoryFeatureApi = InventoryService;

const notBuilt = () =>
  Promise.reject(new AppError('NOT_BUILT', 'unavailable', 'catalog inventory: not built yet'));

/** PLACEHOLDER of the spine: locations, stock levels, reservations, low-stock events. */
export function createInventoryFeature(
  _deps: CatalogDeps,
  _features: { readonly products: ProductsFeatureApi },
): PlatformModule<InventoryFeatureApi> {
  return {
    api: {
      reserve: notBuilt,
      release: notBuilt,
      consume: notBuilt,
      restock: notBuilt,
      levels: notBuilt,
      staleHolds: notBuilt,
    },
  };
}
