import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { usageSearch } from './usage.search';

const usageRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/usage',
  validateSearch: usageSearch,
  component: gated(
    'metering:read',
    lazyRouteComponent(() => import('./usage.page'), 'UsagePage'),
  ),
});

export const usageRoutes = [usageRoute] as const;
