import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { analyticsSearch } from './analytics/analytics.search';
import { ordersSearch } from './orders.search';

const ordersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'orders',
  validateSearch: ordersSearch,
  component: gated(
    'orders:read',
    lazyRouteComponent(() => import('./board/orders.page'), 'OrdersPage'),
  ),
});

const analyticsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'orders/analytics',
  validateSearch: analyticsSearch,
  component: gated(
    'orders:read',
    lazyRouteComponent(() => import('./analytics/analytics.page'), 'OrderAnalyticsPage'),
  ),
});

const orderRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'orders/$orderId',
  component: gated(
    'orders:read',
    lazyRouteComponent(() => import('./detail/order.page'), 'OrderPage'),
  ),
});

export const ordersRoutes = [ordersRoute, analyticsRoute, orderRoute] as const;
