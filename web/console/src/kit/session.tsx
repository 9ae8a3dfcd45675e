import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { api, session, unwrap } from '@/api/client';
import type { Session } from '@/api/session';
import type { Me } from '@/api/types';
import { hasPermission, type ConsolePermission } from './permissions';

/** Who is signed in, and what this session may do (GET /auth/me). */
export const meQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: (): Promise<Me> => unwrap(api.GET('/api/v1/auth/me')),
  staleTime: 60_000,
});

const subscribe = (listener: () => void) => session.subscribe(listener);
const currentSession = () => session.current();

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession);
}

/** The signed-in caller; undefined only while it first loads (the console's routes load it before rendering). */
export function useMe(): Me | undefined {
  return useQuery({ ...meQuery, enabled: useSession()?.kind === 'signedIn' }).data;
}

export function useCan(permission: ConsolePermission): boolean {
  return hasPermission(useMe()?.permissions, permission);
}

/** Renders `children` only for a role that has `permission`: what a role cannot do is not offered. */
export function Can({
  permission,
  children,
  fallback = null,
}: {
  permission: ConsolePermission;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return useCan(permission) ? children : fallback;
}
