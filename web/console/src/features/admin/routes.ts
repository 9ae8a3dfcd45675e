import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { auditSearch } from './audit/audit.search';
import { deadLettersSearch } from './dead-letters/dead-letters.search';

const usersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/users',
  component: gated(
    'users:read',
    lazyRouteComponent(() => import('./users/users.page'), 'UsersPage'),
  ),
});

const apiKeysRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/api-keys',
  component: gated(
    'api_keys:read',
    lazyRouteComponent(() => import('./api-keys/api-keys.page'), 'ApiKeysPage'),
  ),
});

const providersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/sign-in-providers',
  component: gated(
    'identity_providers:read',
    lazyRouteComponent(() => import('./sign-in-providers/sign-in-providers.page'), 'SignInProvidersPage'),
  ),
});

const secretsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/secrets',
  component: gated(
    'settings:read',
    lazyRouteComponent(() => import('./secrets/secrets.page'), 'SecretsPage'),
  ),
});

const connectorsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/connectors',
  component: gated(
    'settings:read',
    lazyRouteComponent(() => import('./connectors/connectors.page'), 'ConnectorsPage'),
  ),
});

const webhooksRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/webhooks',
  component: gated(
    'webhooks:manage',
    lazyRouteComponent(() => import('./webhooks/webhooks.page'), 'WebhooksPage'),
  ),
});

const settingsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/settings',
  component: gated(
    'settings:read',
    lazyRouteComponent(() => import('./settings/settings.page'), 'SettingsPage'),
  ),
});

const auditRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/audit',
  validateSearch: auditSearch,
  component: gated(
    'audit:read',
    lazyRouteComponent(() => import('./audit/audit.page'), 'AuditPage'),
  ),
});

const deadLettersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'admin/dead-letters',
  validateSearch: deadLettersSearch,
  component: gated(
    'bus:admin',
    lazyRouteComponent(() => import('./dead-letters/dead-letters.page'), 'DeadLettersPage'),
  ),
});

export const adminRoutes = [
  usersRoute,
  apiKeysRoute,
  providersRoute,
  connectorsRoute,
  secretsRoute,
  webhooksRoute,
  settingsRoute,
  auditRoute,
  deadLettersRoute,
] as const;
