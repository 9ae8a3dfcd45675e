import { createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { NotFoundView, PagePending, RootLayout, RouteErrorView } from './RootLayout';
import { portalRoute, rootRoute, text } from './routes';
import { PortalShell } from './PortalShell';

interface ProductsSearch {
  q?: string | undefined;
  category?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
}

const signIn = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; tenant?: string } => ({
    redirect: text(s.redirect),
    tenant: text(s.tenant),
  }),
  component: lazyRouteComponent(() => import('@portal/auth/sign-in.page'), 'SignInPage'),
});
const signUp = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  validateSearch: (s: Record<string, unknown>): { tenant?: string } => ({ tenant: text(s.tenant) }),
  component: lazyRouteComponent(() => import('@portal/auth/sign-up.page'), 'SignUpPage'),
});
const verifyEmail = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-email',
  validateSearch: (s: Record<string, unknown>): { tenant?: string; token?: string } => ({
    tenant: text(s.tenant),
    token: text(s.token),
  }),
  component: lazyRouteComponent(() => import('@portal/auth/verify-email.page'), 'VerifyEmailPage'),
});
const oidcCallback = createRoute({
  getParentRoute: () => rootRoute,
  path: '/auth/callback',
  component: lazyRouteComponent(() => import('@portal/auth/oidc-callback.page'), 'OidcCallbackPage'),
});

const products = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  validateSearch: (s: Record<string, unknown>): ProductsSearch => ({
    q: text(s.q),
    category: text(s.category),
    min: text(s.min),
    max: text(s.max),
  }),
  component: lazyRouteComponent(() => import('@portal/shop/products.page'), 'ProductsPage'),
});
const product = createRoute({
  getParentRoute: () => portalRoute,
  path: '/products/$productId',
  component: lazyRouteComponent(() => import('@portal/shop/product.page'), 'ProductPage'),
});
const cart = createRoute({
  getParentRoute: () => portalRoute,
  path: '/cart',
  component: lazyRouteComponent(() => import('@portal/shop/cart.page'), 'CartPage'),
});
const orders = createRoute({
  getParentRoute: () => portalRoute,
  path: '/orders',
  component: lazyRouteComponent(() => import('@portal/orders/orders.page'), 'OrdersPage'),
});
const order = createRoute({
  getParentRoute: () => portalRoute,
  path: '/orders/$orderId',
  component: lazyRouteComponent(() => import('@portal/orders/order.page'), 'OrderPage'),
});
const notifications = createRoute({
  getParentRoute: () => portalRoute,
  path: '/notifications',
  component: lazyRouteComponent(
    () => import('@portal/notifications/notifications.page'),
    'NotificationsPage',
  ),
});
const account = createRoute({
  getParentRoute: () => portalRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('@portal/account/account.page'), 'AccountPage'),
});

rootRoute.update({ component: RootLayout, notFoundComponent: NotFoundView, errorComponent: RouteErrorView });
portalRoute.update({ component: PortalShell });

const routeTree = rootRoute.addChildren([
  signIn,
  signUp,
  verifyEmail,
  oidcCallback,
  portalRoute.addChildren([products, product, cart, orders, order, notifications, account]),
]);

export const router = createRouter({
  routeTree,
  basepath: '/portal',
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
