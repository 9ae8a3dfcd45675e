import { AppError } from '../../../platform/errors.js';
import type { PlatformModule } from '../../../platform/module.js';
import type { CatalogDeps } from '../catalog.deps.js';
import type { ProductsService } from '../contract.js';

/** PLACEHOLDER of the spine: the products helper widens this with what routes, the CLI and tests need. */
export type ProductsFeatureApi = ProductsService;

const notBuilt = () =>
  Promise.reject(new AppError('NOT_BUILT', 'unavailable', 'catalog products: not built yet'));

/** PLACEHOLDER of the spine: products, categories, prices, images, search and the catalog cache. */
export function createProductsFeature(_deps: CatalogDeps): PlatformModule<ProductsFeatureApi> {
  return { api: { sellable: notBuilt, get: notBuilt } };
}
