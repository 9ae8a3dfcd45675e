import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { leadsSearch } from './leads/leads.search';

const listsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'outbound/lists',
  component: gated(
    'leads:read',
    lazyRouteComponent(() => import('./lists/lists.page'), 'ListsPage'),
  ),
});

const leadsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'outbound/leads',
  validateSearch: leadsSearch,
  component: gated(
    'leads:read',
    lazyRouteComponent(() => import('./leads/leads.page'), 'LeadsPage'),
  ),
});

const importsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'outbound/imports',
  component: gated(
    'leads:read',
    lazyRouteComponent(() => import('./imports/imports.page'), 'ImportsPage'),
  ),
});

const importWizardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'outbound/imports/new',
  component: gated(
    'leads:write',
    lazyRouteComponent(() => import('./imports/import-wizard.page'), 'ImportWizardPage'),
  ),
});

const importRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'outbound/imports/$importId',
  component: gated(
    'leads:read',
    lazyRouteComponent(() => import('./imports/import.page'), 'ImportPage'),
  ),
});

const consentRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'outbound/consent',
  component: gated(
    'leads:read',
    lazyRouteComponent(() => import('./consent/consent.page'), 'ConsentPage'),
  ),
});

const dncRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'outbound/dnc',
  component: gated(
    'leads:read',
    lazyRouteComponent(() => import('./dnc/dnc.page'), 'DncPage'),
  ),
});

export const leadsRoutes = [
  listsRoute,
  leadsRoute,
  importsRoute,
  importWizardRoute,
  importRoute,
  consentRoute,
  dncRoute,
] as const;
