import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';

const centreRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'notifications',
  validateSearch: (search: Record<string, unknown>): { show?: 'unread' } =>
    search.show === 'unread' ? { show: 'unread' } : {},
  component: gated(
    'notifications:read',
    lazyRouteComponent(() => import('./centre/notifications.page'), 'NotificationsPage'),
  ),
});

const preferencesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'notifications/preferences',
  component: gated(
    'notifications:read',
    lazyRouteComponent(() => import('./preferences/preferences.page'), 'PreferencesPage'),
  ),
});

const templatesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'notifications/templates',
  component: gated(
    'notifications:configure',
    lazyRouteComponent(() => import('./templates/templates.page'), 'TemplatesPage'),
  ),
});

export const notificationsRoutes = [centreRoute, preferencesRoute, templatesRoute] as const;
