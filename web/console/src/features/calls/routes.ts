import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { callsSearch } from './calls.search';
import { dashboardSearch } from './dashboard/dashboard.search';
import { quarantineSearch } from './quarantine/quarantine.search';

const callsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'calls',
  validateSearch: callsSearch,
  component: gated(
    'calls:read',
    lazyRouteComponent(() => import('./list/calls.page'), 'CallsPage'),
  ),
});

const dashboardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'calls/dashboard',
  validateSearch: dashboardSearch,
  component: gated(
    'calls:read',
    lazyRouteComponent(() => import('./dashboard/dashboard.page'), 'DashboardPage'),
  ),
});

const wallboardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'calls/wallboard',
  component: gated(
    'calls:read',
    lazyRouteComponent(() => import('./dashboard/wallboard.page'), 'WallboardPage'),
  ),
});

const quarantineRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'calls/quarantine',
  validateSearch: quarantineSearch,
  component: gated(
    'quarantine:manage',
    lazyRouteComponent(() => import('./quarantine/quarantine.page'), 'QuarantinePage'),
  ),
});

const exportsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'calls/exports',
  component: gated(
    'calls:export',
    lazyRouteComponent(() => import('./exports/exports.page'), 'ExportsPage'),
  ),
});

const callRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'calls/$callId',
  component: gated(
    'calls:read',
    lazyRouteComponent(() => import('./detail/call.page'), 'CallPage'),
  ),
});

export const callsRoutes = [
  callsRoute,
  dashboardRoute,
  wallboardRoute,
  quarantineRoute,
  exportsRoute,
  callRoute,
] as const;
