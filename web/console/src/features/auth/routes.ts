import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { session } from '@/api/client';
import { consoleRoute, goTo, rootRoute } from '@/kit/routing';

export interface SignInSearch {
  /** Where to go after signing in (a path of this console). */
  readonly redirect?: string;
  readonly tenant?: string;
  readonly email?: string;
  /** Ask for the authenticator code straight away (after enrolling one). */
  readonly mfa?: boolean;
}

const text = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.length < 500 ? value : undefined;

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({
    redirect: text(search.redirect),
    tenant: text(search.tenant),
    email: text(search.email),
    mfa: search.mfa === true || search.mfa === 'true' || search.mfa === 1 ? true : undefined,
  }),
  beforeLoad: () => {
    if (session.current()?.kind === 'signedIn') goTo('/');
  },
  component: lazyRouteComponent(() => import('./sign-in.page'), 'SignInPage'),
});

/** Where an identity provider sends the browser back ("Sign in with <provider>"). */
const oidcCallbackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'auth/callback',
  component: lazyRouteComponent(() => import('./oidc-callback.page'), 'OidcCallbackPage'),
});

const enrolRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'enrol-mfa',
  beforeLoad: () => {
    const current = session.current();
    if (!current) goTo('/sign-in');
    if (current.kind === 'signedIn') goTo('/account');
  },
  component: lazyRouteComponent(() => import('./enrol-mfa.page'), 'EnrolMfaPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'account',
  component: lazyRouteComponent(() => import('./account.page'), 'AccountPage'),
});

export const authPublicRoutes = [signInRoute, oidcCallbackRoute, enrolRoute] as const;
export const authConsoleRoutes = [accountRoute] as const;
