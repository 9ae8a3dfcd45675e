import { createRouter } from '@tanstack/react-router';
import { adminRoutes } from '@/features/admin';
import { authConsoleRoutes, authPublicRoutes } from '@/features/auth';
import { callsRoutes } from '@/features/calls';
import { campaignsRoutes } from '@/features/campaigns';
import { catalogRoutes } from '@/features/catalog';
import { conversationsRoutes } from '@/features/conversations';
import { customersRoutes } from '@/features/customers';
import { leadsRoutes } from '@/features/leads';
import { notificationsRoutes } from '@/features/notifications';
import { ordersRoutes } from '@/features/orders';
import { overviewRoutes } from '@/features/overview';
import { privacyRoutes } from '@/features/privacy';
import { recordingsRoutes } from '@/features/recordings';
import { analysisRoutes } from '@/features/analysis';
import { qualityRoutes } from '@/features/quality';
import { usageRoutes } from '@/features/usage';
import { consoleRoute, rootRoute } from '@/kit/routing';
import { NotFoundView, PagePending, RouteErrorView } from './route-views';
import { RootLayout } from './RootLayout';
import { ConsoleShell } from './shell/ConsoleShell';

/*
 * The composition of the console: each feature brings its routes (pages load lazily, one chunk
 * per page) and its navigation. Adding a feature (calls, campaigns...) is a line here and one in navigation.ts.
 */
rootRoute.update({ component: RootLayout, notFoundComponent: NotFoundView, errorComponent: RouteErrorView });
consoleRoute.update({ component: ConsoleShell });

const routeTree = rootRoute.addChildren([
  ...authPublicRoutes,
  consoleRoute.addChildren([
    ...overviewRoutes,
    ...authConsoleRoutes,
    ...callsRoutes,
    ...conversationsRoutes,
    ...recordingsRoutes,
    ...analysisRoutes,
    ...qualityRoutes,
    ...leadsRoutes,
    ...campaignsRoutes,
    ...ordersRoutes,
    ...catalogRoutes,
    ...customersRoutes,
    ...privacyRoutes,
    ...notificationsRoutes,
    ...adminRoutes,
    ...usageRoutes,
  ]),
]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  defaultPendingComponent: PagePending,
  defaultPendingMs: 150,
  defaultErrorComponent: RouteErrorView,
  defaultNotFoundComponent: NotFoundView,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
