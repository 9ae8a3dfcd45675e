import { createRootRoute, createRoute, redirect } from '@tanstack/react-router';
import { session } from '@portal/api/client';

/** The portal's two anchors: the page frame, and every page behind sign-in (in the shell). */
export const rootRoute = createRootRoute();

export function goTo(href: string): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router redirects are thrown, by design.
  throw redirect({ href });
}

export const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'portal',
  beforeLoad: ({ location }) => {
    if (session.current()?.kind === 'signedIn') return;
    const back = location.href === '/' ? '' : `?redirect=${encodeURIComponent(location.href)}`;
    goTo(`/sign-in${back}`);
  },
});

/** A string search parameter, or undefined. */
export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
