import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';

const productsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commerce/products',
  component: gated(
    'products:read',
    lazyRouteComponent(() => import('./products/products.page'), 'ProductsPage'),
  ),
});

const importRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commerce/products/import',
  component: gated(
    'products:write',
    lazyRouteComponent(() => import('./imports/import.page'), 'ImportPage'),
  ),
});

const importProgressRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commerce/products/imports/$importId',
  component: gated(
    'products:read',
    lazyRouteComponent(() => import('./imports/import.page'), 'ImportProgressPage'),
  ),
});

const categoriesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commerce/categories',
  component: gated(
    'products:read',
    lazyRouteComponent(() => import('./categories/categories.page'), 'CategoriesPage'),
  ),
});

const inventoryRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commerce/inventory',
  component: gated(
    'products:read',
    lazyRouteComponent(() => import('./inventory/inventory.page'), 'InventoryPage'),
  ),
});

const erpRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commerce/erp',
  component: gated(
    'commerce:configure',
    lazyRouteComponent(() => import('./erp/erp.page'), 'ErpPage'),
  ),
});

export const catalogRoutes = [
  productsRoute,
  importRoute,
  importProgressRoute,
  categoriesRoute,
  inventoryRoute,
  erpRoute,
] as const;
