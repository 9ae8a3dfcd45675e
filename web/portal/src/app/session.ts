import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { Session } from '@/api/session';
import { session } from '@portal/api/client';
import { authApi } from '@portal/api/portal-api';

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.current(),
    () => session.current(),
  );
}

/** The signed-in client (e-mail, name), from GET /ext/v1/auth/me. */
export const signedInQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: authApi.me,
  staleTime: 60_000,
});

export function useSignedIn() {
  return useQuery(signedInQuery).data;
}

const tenantKey = 'switchboard.portal.tenant';

/** The shop last signed in to, so a returning client need not type it. */
export function rememberedTenant(): string {
  try {
    return localStorage.getItem(tenantKey) ?? '';
  } catch {
    return '';
  }
}

export function rememberTenant(tenant: string): void {
  try {
    localStorage.setItem(tenantKey, tenant);
  } catch {
    // remembered for this page only
  }
}
