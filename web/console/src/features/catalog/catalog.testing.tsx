import { renderFeatureRoute } from '@/kit/route-testing';
import type { Product, ProductImport } from './catalog.api';
import { catalogRoutes } from './routes';

/** Test-only: the commerce pages under a memory router, as the console mounts them. */
export function renderCatalogRoute(path: string) {
  return renderFeatureRoute(catalogRoutes, path);
}

export const product = (overrides: Partial<Product> = {}): Product => ({
  id: 'prod_01hq0000000000000000000001',
  sku: 'TEE-RED-M',
  name: 'Red tee, M',
  description: null,
  status: 'active',
  categoryId: null,
  attributes: { colour: 'red' },
  prices: [{ amountMinor: 1999, currency: 'EUR' }],
  images: [],
  available: 12,
  version: 3,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  ...overrides,
});

export const productImport = (overrides: Partial<ProductImport> = {}): ProductImport => ({
  id: 'imp_01hq0000000000000000000001',
  state: 'completed',
  rowsTotal: 4,
  rowsDone: 4,
  created: 2,
  updated: 1,
  unchanged: 0,
  rejected: 1,
  rejections: [{ row: 4, field: 'price_EUR', reason: 'has more decimals than EUR' }],
  ...overrides,
});
