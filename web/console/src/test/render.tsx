import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { session } from '@/api/client';
import type { Me } from '@/api/types';
import { queryClient } from '@/kit/query';
import { meQuery } from '@/kit/session';

/** Signs the console's session in as a user with `permissions` (no server: /auth/me is primed). */
export function signInAs(permissions: readonly string[], user: Partial<NonNullable<Me['user']>> = {}): Me {
  session.begin('acme', 'ann@example.test', {
    accessToken: 'at',
    refreshToken: 'rt',
    expiresIn: 900,
    mfaEnrollmentRequired: false,
  });
  const me: Me = {
    tenantId: 'tenant-uuid',
    actor: 'usr_ann',
    permissions: [...permissions],
    user: {
      id: 'usr_ann',
      email: 'ann@example.test',
      displayName: 'Ann Admin',
      kind: 'employee',
      roles: ['admin'],
      status: 'active',
      mfaEnabled: false,
      lockedUntil: null,
      createdAt: '2026-01-05T10:00:00.000Z',
      ...user,
    },
  };
  queryClient.setQueryData(meQuery.queryKey, me);
  return me;
}

/** Answers the console's API calls: `routes['GET /api/v1/users']` -> [status, body]. */
export function stubApi(
  routes: Record<
    string,
    [number, unknown] | ((request: Request) => Promise<[number, unknown]> | [number, unknown])
  >,
) {
  const fetch = vi.fn(async (request: Request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const route = routes[key];
    if (!route) return new Response(JSON.stringify({ code: 'NOT_FOUND', status: 404 }), { status: 404 });
    const [status, body] = typeof route === 'function' ? await route(request) : route;
    const problem = status >= 400;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': problem ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

export function renderWithData(ui: ReactElement) {
  return render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>);
}
