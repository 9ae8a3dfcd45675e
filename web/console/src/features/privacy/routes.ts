import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { requestKinds, requestStatuses, type RequestStatus } from './privacy.api';

export interface RequestsSearch {
  /** A status, `all`, or (absent) the open ones. */
  readonly status?: RequestStatus | 'all';
  readonly kind?: string;
  /** From a customer's page: opens the new-request form for them. */
  readonly customerId?: string;
}

export function requestsSearch(search: Record<string, unknown>): RequestsSearch {
  const status = search.status === 'all' ? 'all' : requestStatuses.find((s) => s === search.status);
  const kind = (requestKinds as readonly unknown[]).includes(search.kind) ? String(search.kind) : undefined;
  const customerId =
    typeof search.customerId === 'string' && /^cus_[A-Za-z0-9]+$/.test(search.customerId)
      ? search.customerId
      : undefined;
  return {
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(customerId ? { customerId } : {}),
  };
}

const requestsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'privacy/requests',
  validateSearch: requestsSearch,
  component: gated(
    'privacy:requests',
    lazyRouteComponent(() => import('./requests/requests.page'), 'RequestsPage'),
  ),
});

const requestRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'privacy/requests/$requestId',
  component: gated(
    'privacy:requests',
    lazyRouteComponent(() => import('./requests/request.page'), 'RequestPage'),
  ),
});

export const privacyRoutes = [requestsRoute, requestRoute] as const;
