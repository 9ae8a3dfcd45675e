import type { PlatformModule } from '../../../platform/module.js';
import type { CatalogDeps } from '../catalog.deps.js';
import type { InventoryFeatureApi } from '../inventory/inventory.feature.js';
import type { ProductsFeatureApi } from '../products/products.feature.js';

/** PLACEHOLDER of the spine: the ERP helper defines it (run a sync now, list reports, the connection). */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- a placeholder until the helper fills it
export type ErpFeatureApi = Record<never, never>;

/** PLACEHOLDER of the spine: the ERP over SOAP (inventory delta sync, product master import). */
export function createErpFeature(
  _deps: CatalogDeps,
  _features: { readonly products: ProductsFeatureApi; readonly inventory: InventoryFeatureApi },
): PlatformModule<ErpFeatureApi> {
  return { api: {} };
}
