import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';

/** `?q=` of the customers list: the search as typed (the server matches blind indexes). */
export function customersSearch(search: Record<string, unknown>): { q?: string } {
  const q = typeof search.q === 'string' ? search.q.trim() : '';
  return q ? { q } : {};
}

const customersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'customers',
  validateSearch: customersSearch,
  component: gated(
    'customers:read',
    lazyRouteComponent(() => import('./list/customers.page'), 'CustomersPage'),
  ),
});

const segmentsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'customers/segments',
  component: gated(
    'customers:read',
    lazyRouteComponent(() => import('./segments/segments.page'), 'SegmentsPage'),
  ),
});

const segmentRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'customers/segments/$segmentId',
  component: gated(
    'customers:read',
    lazyRouteComponent(() => import('./segments/segment.page'), 'SegmentPage'),
  ),
});

const customerRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'customers/$customerId',
  component: gated(
    'customers:read',
    lazyRouteComponent(() => import('./detail/customer.page'), 'CustomerPage'),
  ),
});

export const customersRoutes = [customersRoute, segmentsRoute, segmentRoute, customerRoute] as const;
