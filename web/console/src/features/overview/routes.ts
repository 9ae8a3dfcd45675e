import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { consoleRoute } from '@/kit/routing';

const overviewRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./overview.page'), 'OverviewPage'),
});

export const overviewRoutes = [overviewRoute] as const;
