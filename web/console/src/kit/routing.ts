import { createRootRoute, createRoute, redirect } from '@tanstack/react-router';
import { session } from '@/api/client';
import { queryClient } from './query';
import { meQuery } from './session';

/**
 * The two anchors every feature hangs its routes on. The app gives them their components (the
 * page frame and the console shell); features only say where their pages go and who may see them.
 */
export const rootRoute = createRootRoute();

/** Sends the reader elsewhere from a route's beforeLoad. */
export function goTo(href: string): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router redirects are thrown Responses, by design.
  throw redirect({ href });
}

/** The signed-in caller from the cache, loading it the first time. */
export const loadMe = () => queryClient.query({ ...meQuery, staleTime: 'static' });

/** Every page behind sign-in. Without a session, the reader goes to sign-in and comes back after. */
export const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'console',
  beforeLoad: async ({ location }) => {
    const current = session.current();
    if (!current) {
      const back = location.href === '/' ? '' : `?redirect=${encodeURIComponent(location.href)}`;
      goTo(`/sign-in${back}`);
    }
    if (current.kind === 'mfaEnrollment') goTo('/enrol-mfa');
    await loadMe();
  },
});
